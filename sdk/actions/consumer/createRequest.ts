import type { Address } from "viem";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type CreateRequestParameters = {
  marketplace: Address;
  /** Where the generator is wanted, e.g. "Kisumu, Kenya" (required, at most 128 bytes). */
  location: string;
  /** Power required, in watts. */
  wattageW: bigint;
  /** Why it is needed (at most 512 bytes). */
  reason?: string;
  /** The utility (DX13); "electricity" by default. */
  utilityKind?: string;
  /** The unit energy is sold in; "kWh" by default. */
  unit?: string;
};

export type CreateRequestReturnType = WriteResult & {
  requestId: bigint;
  utilityKind: string;
  unit: string;
  /** Unix seconds: providers may bid until (and including) this time. */
  biddingEndsAt: bigint;
};

/** A consumer requests a generator; the sender becomes the request's creator (DX1, DX13). */
export async function createRequest(
  client: DrexWalletClient,
  params: CreateRequestParameters,
): Promise<CreateRequestReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "createRequest",
    args: [
      {
        location: params.location,
        wattageW: params.wattageW,
        reason: params.reason ?? "",
        utilityKind: params.utilityKind ?? "electricity",
        unit: params.unit ?? "kWh",
      },
    ],
  });
  const event = eventFrom(result.receipt.logs, params.marketplace, MarketplaceAbi, "RequestCreated");
  return {
    ...result,
    requestId: event.args.requestId,
    utilityKind: event.args.utilityKind,
    unit: event.args.unit,
    biddingEndsAt: event.args.biddingEndsAt,
  };
}
