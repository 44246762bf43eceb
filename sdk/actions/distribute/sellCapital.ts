import { readContract } from "viem/actions";
import { CapitalTokenAbi } from "../../abi/CapitalToken.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type SellCapitalParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken">;
  /** Capital token base units (18 decimals) to sell. */
  tokens: bigint;
  /** How far below the quote the refund may fall before the sale reverts, basis points. Default 100 (1%). */
  slippageBps?: number;
};

export type SellCapitalReturnType = WriteResult & {
  tokens: bigint;
  refundWei: bigint;
  /** The least the sale was allowed to pay: the quote less the slippage. */
  minRefundWei: bigint;
  poolWei: bigint;
  supply: bigint;
};

/** Sells capital tokens back for their proportional share of the pool (DS1). */
export async function sellCapital(
  client: DrexWalletClient,
  params: SellCapitalParameters,
): Promise<SellCapitalReturnType> {
  const slippageBps = params.slippageBps ?? 100;
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) {
    throw new InvalidParameterError("slippageBps", "The slippage must be a whole number of basis points, 0 to 10,000.");
  }
  if (params.tokens <= 0n) throw new InvalidParameterError("tokens", "Sell more than 0 tokens.");
  const address = params.distribute.capitalToken;
  const quoteWei = await readContract(client, {
    address,
    abi: CapitalTokenAbi,
    functionName: "quoteSell",
    args: [params.tokens],
  });
  const minRefundWei = quoteWei - (quoteWei * BigInt(slippageBps)) / 10_000n;
  const result = await simulateAndWrite(client, {
    address,
    abi: CapitalTokenAbi,
    functionName: "sell",
    args: [params.tokens, minRefundWei],
  });
  const { args } = eventFrom(result.receipt.logs, address, CapitalTokenAbi, "Sold");
  return {
    ...result,
    tokens: args.tokens,
    refundWei: args.refundWei,
    minRefundWei,
    poolWei: args.poolWei,
    supply: args.supply,
  };
}
