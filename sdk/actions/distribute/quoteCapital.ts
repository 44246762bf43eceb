import { readContract } from "viem/actions";
import { CapitalTokenAbi } from "../../abi/CapitalToken.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import type { DrexReadClient } from "../../types.ts";

export type QuoteCapitalParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken">;
  /** Capital token base units (18 decimals) to price. */
  tokens: bigint;
};

export type QuoteCapitalReturnType = {
  /** What buying `tokens` costs now, in pool currency base units (DS1). */
  buyCostWei: bigint;
  /** What selling `tokens` pays now; null when fewer than `tokens` exist. */
  sellRefundWei: bigint | null;
  poolWei: bigint;
  supply: bigint;
};

/** The price of buying and selling capital tokens now, with the pool and supply it follows from (DS1). */
export async function quoteCapital(
  client: DrexReadClient,
  params: QuoteCapitalParameters,
): Promise<QuoteCapitalReturnType> {
  const capital = { address: params.distribute.capitalToken, abi: CapitalTokenAbi } as const;
  const [buyCostWei, poolWei, supply] = await Promise.all([
    readContract(client, { ...capital, functionName: "quoteBuy", args: [params.tokens] }),
    readContract(client, { ...capital, functionName: "poolBalance" }),
    readContract(client, { ...capital, functionName: "totalSupply" }),
  ]);
  const sellRefundWei =
    params.tokens <= supply
      ? await readContract(client, { ...capital, functionName: "quoteSell", args: [params.tokens] })
      : null;
  return { buyCostWei, sellRefundWei, poolWei, supply };
}
