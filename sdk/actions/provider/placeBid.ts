import type { Address } from "viem";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type PlaceBidParameters = {
  marketplace: Address;
  requestId: bigint;
  /** The kind of unit to install, e.g. "5 kW monocrystalline + 10 kWh LFP" (required, at most 128 bytes). */
  unitType: string;
  /** The installation cost in Solar Token base units: what financiers will raise if this bid wins. */
  installationCostWei: bigint;
  /** How long installation takes once funded, in seconds (at most 365 days). */
  installationSeconds: number;
  /** The provider's insurance, in words (at most 256 bytes). */
  insurance?: string;
};

export type PlaceBidReturnType = WriteResult & { bidId: bigint };

/** A provider bids on a request while its bidding week is open (DX2). */
export async function placeBid(client: DrexWalletClient, params: PlaceBidParameters): Promise<PlaceBidReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "placeBid",
    args: [
      params.requestId,
      {
        unitType: params.unitType,
        installationCostWei: params.installationCostWei,
        installationSeconds: params.installationSeconds,
        insurance: params.insurance ?? "",
      },
    ],
  });
  const event = eventFrom(result.receipt.logs, params.marketplace, MarketplaceAbi, "BidPlaced");
  return { ...result, bidId: event.args.bidId };
}
