import type { Address } from "viem";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type CancelRequestParameters = {
  marketplace: Address;
  requestId: bigint;
};

export type CancelRequestReturnType = WriteResult;

/** The request's creator withdraws it; allowed only before a bid is accepted (DX3). */
export async function cancelRequest(
  client: DrexWalletClient,
  params: CancelRequestParameters,
): Promise<CancelRequestReturnType> {
  return simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "cancelRequest",
    args: [params.requestId],
  });
}
