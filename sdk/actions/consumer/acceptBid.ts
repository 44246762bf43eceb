import type { Address } from "viem";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type AcceptBidParameters = {
  marketplace: Address;
  requestId: bigint;
  bidId: bigint;
};

export type AcceptBidReturnType = WriteResult & {
  provider: Address;
  /** What financiers must raise: the accepted installation cost. */
  targetWei: bigint;
  /** Unix seconds: financing is open until (and including) this time. */
  financingDeadline: bigint;
};

/** The request's creator accepts one bid once bidding has closed; financing opens (DX3). */
export async function acceptBid(client: DrexWalletClient, params: AcceptBidParameters): Promise<AcceptBidReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "acceptBid",
    args: [params.requestId, params.bidId],
  });
  const event = eventFrom(result.receipt.logs, params.marketplace, MarketplaceAbi, "BidAccepted");
  return {
    ...result,
    provider: event.args.provider,
    targetWei: event.args.targetWei,
    financingDeadline: event.args.financingDeadline,
  };
}
