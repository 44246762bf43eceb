import type { Address } from "viem";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type WithdrawBidParameters = {
  marketplace: Address;
  bidId: bigint;
};

export type WithdrawBidReturnType = WriteResult;

/** The provider withdraws its bid; allowed until a bid on the request is accepted (DX2). */
export async function withdrawBid(
  client: DrexWalletClient,
  params: WithdrawBidParameters,
): Promise<WithdrawBidReturnType> {
  return simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "withdrawBid",
    args: [params.bidId],
  });
}
