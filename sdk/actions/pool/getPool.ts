import type { Address } from "viem";
import { readContract } from "viem/actions";
import { ConstantProductPoolAbi } from "../../abi/ConstantProductPool.ts";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import type { DrexReadClient } from "../../types.ts";

/** The swap fee every pool charges (ConstantProductMath): 0.3%, kept in the pool for its providers. */
export const POOL_FEE_BPS = 30;

export type GetPoolParameters = {
  pool: Address;
  /** Also quote a swap of this much of `tokenIn`. */
  quote?: { tokenIn: Address; amountInWei: bigint };
};

export type PoolView = {
  address: Address;
  token0: Address;
  token1: Address;
  symbol0: string;
  symbol1: string;
  reserve0Wei: bigint;
  reserve1Wei: bigint;
  /** Pool shares in existence, the 1,000 locked at the first deposit included. */
  totalShares: bigint;
  feeBps: number;
  /** What the quoted swap would pay out now; null without `quote` or with an empty pool. */
  quoteOutWei: bigint | null;
};

export type GetPoolReturnType = PoolView;

/** A pool's tokens, reserves and shares, and optionally a quote (MX6). */
export async function getPool(client: DrexReadClient, params: GetPoolParameters): Promise<GetPoolReturnType> {
  const pool = { address: params.pool, abi: ConstantProductPoolAbi } as const;
  const [token0, token1, [reserve0Wei, reserve1Wei], totalShares] = await Promise.all([
    readContract(client, { ...pool, functionName: "token0" }),
    readContract(client, { ...pool, functionName: "token1" }),
    readContract(client, { ...pool, functionName: "getReserves" }),
    readContract(client, { ...pool, functionName: "totalSupply" }),
  ]);
  const symbolOf = (token: Address) =>
    readContract(client, { address: token, abi: SolarTokenAbi, functionName: "symbol" }).catch(() => "?");
  const quote = params.quote;
  const [symbol0, symbol1, quoteOutWei] = await Promise.all([
    symbolOf(token0),
    symbolOf(token1),
    quote === undefined || reserve0Wei === 0n
      ? null
      : readContract(client, { ...pool, functionName: "quoteExactIn", args: [quote.tokenIn, quote.amountInWei] }),
  ]);
  return {
    address: params.pool,
    token0,
    token1,
    symbol0,
    symbol1,
    reserve0Wei: BigInt(reserve0Wei),
    reserve1Wei: BigInt(reserve1Wei),
    totalShares,
    feeBps: POOL_FEE_BPS,
    quoteOutWei,
  };
}
