import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { ConstantProductPoolAbi } from "../../abi/ConstantProductPool.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";
import { poolDeadline } from "./deadline.ts";

export type AddLiquidityParameters = {
  pool: Address;
  /** The most of token0 and token1 to deposit; the pool takes them in its current proportion. */
  amount0Wei: bigint;
  amount1Wei: bigint;
  /** The least of each the sender accepts to deposit. Default 0 (any proportion the pool has). */
  amount0MinWei?: bigint;
  amount1MinWei?: bigint;
  /** Who receives the shares. Default the sender. */
  to?: Address;
  /** Unix seconds. Default an hour from now (see poolDeadline). */
  deadline?: bigint;
};

export type AddLiquidityReturnType = WriteResult & {
  amount0Wei: bigint;
  amount1Wei: bigint;
  /** Pool shares minted to `to`. */
  shares: bigint;
  /** The approvals sent first, if the allowances did not cover the amounts. */
  approvalHashes: Hash[];
};

/**
 * A liquidity provider deposits both tokens of a pool, approving it first where needed, and receives shares that earn
 * the pool's swap fee (MX6).
 */
export async function addLiquidity(
  client: DrexWalletClient,
  params: AddLiquidityParameters,
): Promise<AddLiquidityReturnType> {
  const pool = { address: params.pool, abi: ConstantProductPoolAbi } as const;
  const [token0, token1, deadline] = await Promise.all([
    readContract(client, { ...pool, functionName: "token0" }),
    readContract(client, { ...pool, functionName: "token1" }),
    poolDeadline(client, params.deadline),
  ]);
  const approvals = [
    await ensureAllowance(client, { token: token0, spender: params.pool, amountWei: params.amount0Wei }),
    await ensureAllowance(client, { token: token1, spender: params.pool, amountWei: params.amount1Wei }),
  ];
  const result = await simulateAndWrite(client, {
    ...pool,
    functionName: "addLiquidity",
    args: [
      params.amount0Wei,
      params.amount1Wei,
      params.amount0MinWei ?? 0n,
      params.amount1MinWei ?? 0n,
      params.to ?? client.account.address,
      deadline,
    ],
  });
  const event = eventFrom(result.receipt.logs, params.pool, ConstantProductPoolAbi, "LiquidityAdded");
  return {
    ...result,
    amount0Wei: event.args.amount0,
    amount1Wei: event.args.amount1,
    shares: event.args.shares,
    approvalHashes: approvals.flatMap((a) => (a.hash === null ? [] : [a.hash])),
  };
}
