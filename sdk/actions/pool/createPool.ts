import type { Address } from "viem";
import { PoolFactoryAbi } from "../../abi/PoolFactory.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type CreatePoolParameters = {
  poolFactory: Address;
  /** The pair, in either order; the factory keeps one pool per pair. */
  tokenA: Address;
  tokenB: Address;
};

export type CreatePoolReturnType = WriteResult & {
  pool: Address;
  /** The pool's first token (the lower address) and second. */
  token0: Address;
  token1: Address;
};

/** Anyone creates the constant-product pool of a pair that has none (MX6). */
export async function createPool(
  client: DrexWalletClient,
  params: CreatePoolParameters,
): Promise<CreatePoolReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.poolFactory,
    abi: PoolFactoryAbi,
    functionName: "createPool",
    args: [params.tokenA, params.tokenB],
  });
  const event = eventFrom(result.receipt.logs, params.poolFactory, PoolFactoryAbi, "PoolCreated");
  return { ...result, pool: event.args.pool, token0: event.args.token0, token1: event.args.token1 };
}
