import type { Address } from "viem";
import { ConstantProductPoolAbi } from "../../abi/ConstantProductPool.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { poolDeadline } from "./deadline.ts";

export type RemoveLiquidityParameters = {
  pool: Address;
  /** The sender's shares to redeem. */
  shares: bigint;
  /** The least of each token the sender accepts back. Default 0. */
  amount0MinWei?: bigint;
  amount1MinWei?: bigint;
  /** Who receives the tokens. Default the sender. */
  to?: Address;
  /** Unix seconds. Default an hour from now (see poolDeadline). */
  deadline?: bigint;
};

export type RemoveLiquidityReturnType = WriteResult & { amount0Wei: bigint; amount1Wei: bigint };

/** A liquidity provider redeems shares for their part of both reserves, fees earned included (MX6). */
export async function removeLiquidity(
  client: DrexWalletClient,
  params: RemoveLiquidityParameters,
): Promise<RemoveLiquidityReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.pool,
    abi: ConstantProductPoolAbi,
    functionName: "removeLiquidity",
    args: [
      params.shares,
      params.amount0MinWei ?? 0n,
      params.amount1MinWei ?? 0n,
      params.to ?? client.account.address,
      await poolDeadline(client, params.deadline),
    ],
  });
  const event = eventFrom(result.receipt.logs, params.pool, ConstantProductPoolAbi, "LiquidityRemoved");
  return { ...result, amount0Wei: event.args.amount0, amount1Wei: event.args.amount1 };
}
