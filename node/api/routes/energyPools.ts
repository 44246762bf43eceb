// Liquidity pools (MX6): reserves, shares, swap volume and fees' home, the latest swaps and who provides liquidity.
import type { FastifyInstance } from "fastify";
import { type Address, erc20Abi, getAddress } from "viem";
import type { PoolRecord } from "../../store/energyViews.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, NotFoundError } from "../schemas.ts";
import { ENERGY_TAG } from "./energyShared.ts";

/** ConstantProductMath: 3 parts in 1,000 of what comes in stay in the pool, for the providers. */
export const POOL_FEE_BPS = 30;
const LATEST_SWAPS = 50;

export function registerEnergyPoolRoutes(app: FastifyInstance, ctx: ApiContext): void {
  // A token's symbol never changes: read once from the chain, then kept.
  const symbols = new Map<string, Promise<string>>();
  const symbolOf = (token: Address): Promise<string> => {
    let symbol = symbols.get(token);
    if (symbol === undefined) {
      symbol = ctx.client.readContract({ address: token, abi: erc20Abi, functionName: "symbol" }).catch(() => {
        symbols.delete(token);
        return "?";
      });
      symbols.set(token, symbol);
    }
    return symbol;
  };
  const poolJson = async (p: PoolRecord) => ({
    address: p.address,
    token0: p.token0,
    token1: p.token1,
    symbol0: await symbolOf(p.token0),
    symbol1: await symbolOf(p.token1),
    reserve0: p.reserve0,
    reserve1: p.reserve1,
    totalShares: p.totalShares,
    feeBps: POOL_FEE_BPS,
    swapCount: p.swapCount,
    volume0: p.volume0,
    volume1: p.volume1,
  });

  app.get(
    "/api/v1/energy/pools",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "Every pool the factory created, oldest first; volumes count each token in and out of swaps",
      },
    },
    async () => ({ pools: await Promise.all((await ctx.store.energy.listPools()).map(poolJson)) }),
  );

  app.get<{ Params: { address: string } }>(
    "/api/v1/energy/pools/:address",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "One pool with its latest 50 swaps and its liquidity providers' shares",
        params: { type: "object", properties: { address: addressSchema }, required: ["address"] },
      },
    },
    async (request) => {
      const address = getAddress(request.params.address);
      const pool = await ctx.store.energy.getPool(address);
      if (pool === null) throw new NotFoundError(`pool ${address}`);
      const [swaps, holders] = await Promise.all([
        ctx.store.energy.latestSwaps(address, LATEST_SWAPS),
        ctx.store.energy.holdersOf(address),
      ]);
      return {
        ...(await poolJson(pool)),
        swaps: swaps.map((s) => ({
          sender: s.sender,
          tokenIn: s.tokenIn,
          to: s.to,
          amountIn: s.amountIn,
          amountOut: s.amountOut,
          reserve0: s.reserve0,
          reserve1: s.reserve1,
          timestamp: s.timestamp,
          transactionHash: s.transactionHash,
        })),
        liquidity: holders
          .filter((h) => h.balanceWei > 0n)
          .sort((a, b) => (a.balanceWei > b.balanceWei ? -1 : a.balanceWei < b.balanceWei ? 1 : 0))
          .map((h) => ({ provider: h.account, shares: h.balanceWei })),
      };
    },
  );
}
