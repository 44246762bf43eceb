import { readContract } from "viem/actions";
import { CapitalTokenAbi } from "../../abi/CapitalToken.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type BuyCapitalParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken">;
  /** Capital token base units (18 decimals) to mint. */
  tokens: bigint;
  /** How far above the quote the cost may move before the purchase reverts, basis points. Default 100 (1%). */
  slippageBps?: number;
};

export type BuyCapitalReturnType = WriteResult & {
  tokens: bigint;
  costWei: bigint;
  /** The most the purchase was allowed to cost: the quote plus the slippage. */
  maxCostWei: bigint;
  /** The pool and supply after the purchase. */
  poolWei: bigint;
  supply: bigint;
};

/**
 * Buys capital tokens with the pool currency (DS1): quotes the cost, approves the capital token to take up to the
 * quote plus the slippage, and buys.
 */
export async function buyCapital(
  client: DrexWalletClient,
  params: BuyCapitalParameters,
): Promise<BuyCapitalReturnType> {
  const slippageBps = params.slippageBps ?? 100;
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) {
    throw new InvalidParameterError("slippageBps", "The slippage must be a whole number of basis points, 0 to 10,000.");
  }
  if (params.tokens <= 0n) throw new InvalidParameterError("tokens", "Buy more than 0 tokens.");
  const address = params.distribute.capitalToken;
  const [quoteWei, currency] = await Promise.all([
    readContract(client, { address, abi: CapitalTokenAbi, functionName: "quoteBuy", args: [params.tokens] }),
    readContract(client, { address, abi: CapitalTokenAbi, functionName: "currency" }),
  ]);
  const maxCostWei = quoteWei + (quoteWei * BigInt(slippageBps) + 9_999n) / 10_000n;
  await ensureAllowance(client, { token: currency, spender: address, amountWei: maxCostWei });
  const result = await simulateAndWrite(client, {
    address,
    abi: CapitalTokenAbi,
    functionName: "buy",
    args: [params.tokens, maxCostWei],
  });
  const { args } = eventFrom(result.receipt.logs, address, CapitalTokenAbi, "Bought");
  return {
    ...result,
    tokens: args.tokens,
    costWei: args.costWei,
    maxCostWei,
    poolWei: args.poolWei,
    supply: args.supply,
  };
}
