import type { Address } from "viem";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type RefundParameters = {
  marketplace: Address;
  requestId: bigint;
};

export type RefundReturnType = WriteResult & { amountWei: bigint };

/** Takes back everything the sender contributed, once financing or activation has failed (DX4, DX7). */
export async function refund(client: DrexWalletClient, params: RefundParameters): Promise<RefundReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "refund",
    args: [params.requestId],
  });
  const event = eventFrom(result.receipt.logs, params.marketplace, MarketplaceAbi, "Refunded");
  return { ...result, amountWei: event.args.amountWei };
}
