import { type Address, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { type RequestStatus, requestStatusName } from "../../status.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetRequestParameters = {
  marketplace: Address;
  requestId: bigint;
};

export type BidView = {
  bidId: bigint;
  requestId: bigint;
  provider: Address;
  unitType: string;
  installationCostWei: bigint;
  installationSeconds: number;
  insurance: string;
  withdrawn: boolean;
  accepted: boolean;
};

export type RequestView = {
  requestId: bigint;
  creator: Address;
  location: string;
  wattageW: bigint;
  reason: string;
  utilityKind: string;
  unit: string;
  status: RequestStatus;
  /** Unix seconds. */
  createdAt: bigint;
  /** Unix seconds: the last second providers may bid. */
  biddingEndsAt: bigint;
  /** Unix seconds: the last second the creator may accept a bid. */
  acceptanceEndsAt: bigint;
  /** Every bid, oldest first, withdrawn ones included (see `withdrawn`). */
  bids: BidView[];
  /** Bids still standing (not withdrawn). */
  activeBids: BidView[];
  acceptedBid: BidView | null;
  /** The accepted installation cost; 0 until a bid is accepted. */
  targetWei: bigint;
  /** Raised and still held by the marketplace (0 again once released to the provider). */
  raisedWei: bigint;
  /** Still to raise while financing; 0 otherwise. */
  remainingWei: bigint;
  financierCount: number;
  /** Unix seconds; null until a bid is accepted. */
  financingDeadline: bigint | null;
  /** Unix seconds; null until funded. */
  activationDeadline: bigint | null;
  generator: Address | null;
};

export type GetRequestReturnType = RequestView;

/** The marketplace's fixed periods, read once per screen. */
export type MarketplacePeriods = { biddingPeriod: bigint; acceptancePeriod: bigint };

export async function getMarketplacePeriods(client: DrexReadClient, marketplace: Address): Promise<MarketplacePeriods> {
  const [biddingPeriod, acceptancePeriod] = await Promise.all([
    readContract(client, { address: marketplace, abi: MarketplaceAbi, functionName: "biddingPeriod" }),
    readContract(client, { address: marketplace, abi: MarketplaceAbi, functionName: "acceptancePeriod" }),
  ]);
  return { biddingPeriod: BigInt(biddingPeriod), acceptancePeriod: BigInt(acceptancePeriod) };
}

/** One request with its bids and status name, for the request screen (DX1–DX4). */
export async function getRequest(client: DrexReadClient, params: GetRequestParameters): Promise<GetRequestReturnType> {
  return readRequest(
    client,
    params.marketplace,
    params.requestId,
    await getMarketplacePeriods(client, params.marketplace),
  );
}

export async function readRequest(
  client: DrexReadClient,
  marketplace: Address,
  requestId: bigint,
  periods: MarketplacePeriods,
): Promise<RequestView> {
  const [[request, status], bidIds] = await Promise.all([
    readContract(client, { address: marketplace, abi: MarketplaceAbi, functionName: "getRequest", args: [requestId] }),
    readContract(client, { address: marketplace, abi: MarketplaceAbi, functionName: "bidIdsOf", args: [requestId] }),
  ]);
  const bids = await Promise.all(
    bidIds.map(async (bidId): Promise<BidView> => {
      const bid = await readContract(client, {
        address: marketplace,
        abi: MarketplaceAbi,
        functionName: "getBid",
        args: [bidId],
      });
      return {
        bidId,
        requestId: BigInt(bid.requestId),
        provider: bid.provider,
        unitType: bid.unitType,
        installationCostWei: bid.installationCostWei,
        installationSeconds: bid.installationSeconds,
        insurance: bid.insurance,
        withdrawn: bid.withdrawn,
        accepted: bidId === BigInt(request.acceptedBidId),
      };
    }),
  );
  const statusName = requestStatusName(status);
  const createdAt = BigInt(request.createdAt);
  const biddingEndsAt = createdAt + periods.biddingPeriod;
  return {
    requestId,
    creator: request.creator,
    location: request.location,
    wattageW: BigInt(request.wattageW),
    reason: request.reason,
    utilityKind: request.utilityKind,
    unit: request.unit,
    status: statusName,
    createdAt,
    biddingEndsAt,
    acceptanceEndsAt: biddingEndsAt + periods.acceptancePeriod,
    bids,
    activeBids: bids.filter((bid) => !bid.withdrawn),
    acceptedBid: bids.find((bid) => bid.accepted) ?? null,
    targetWei: request.targetWei,
    raisedWei: request.raisedWei,
    remainingWei: statusName === "Financing" ? request.targetWei - request.raisedWei : 0n,
    financierCount: request.financierCount,
    financingDeadline: request.financingDeadline === 0n ? null : BigInt(request.financingDeadline),
    activationDeadline: request.activationDeadline === 0n ? null : BigInt(request.activationDeadline),
    generator: request.generator === zeroAddress ? null : request.generator,
  };
}
