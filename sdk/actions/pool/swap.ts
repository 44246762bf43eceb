import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { ConstantProductPoolAbi } from "../../abi/ConstantProductPool.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";
import { poolDeadline } from "./deadline.ts";

export type SwapParameters = {
  pool: Address;
  /** One of the pool's two tokens; the other comes out. */
  tokenIn: Address;
  amountInWei: bigint;
  /** Unix seconds. Default an hour from now (see poolDeadline). */
  deadline?: bigint;
  /** Who receives the tokens out. Default the sender. */
  to?: Address;
} & (
  | { /** The least the sender accepts out. */ minAmountOutWei: bigint; slippageBps?: undefined }
  | {
      minAmountOutWei?: undefined;
      /** Quote first and accept up to this much less, in basis points of the quote (50 = 0.5%). */
      slippageBps: number;
    }
);

export type SwapReturnType = WriteResult & {
  amountOutWei: bigint;
  /** The minimum the swap was sent with. */
  minAmountOutWei: bigint;
  approvalHash: Hash | null;
};

/**
 * Swaps an exact amount of one of a pool's tokens for the other at the constant-product price, less the 0.3% fee
 * that stays with the liquidity providers (MX6). Approves the pool first if needed.
 */
export async function swap(client: DrexWalletClient, params: SwapParameters): Promise<SwapReturnType> {
  let minAmountOutWei: bigint;
  if (params.minAmountOutWei !== undefined) {
    minAmountOutWei = params.minAmountOutWei;
  } else {
    if (!Number.isInteger(params.slippageBps) || params.slippageBps < 0 || params.slippageBps > 10_000) {
      throw new InvalidParameterError(
        "slippageBps",
        "The slippage is a whole number of basis points from 0 to 10,000.",
      );
    }
    const quotedWei = await readContract(client, {
      address: params.pool,
      abi: ConstantProductPoolAbi,
      functionName: "quoteExactIn",
      args: [params.tokenIn, params.amountInWei],
    });
    minAmountOutWei = (quotedWei * BigInt(10_000 - params.slippageBps)) / 10_000n;
  }
  const deadline = await poolDeadline(client, params.deadline);
  const approval = await ensureAllowance(client, {
    token: params.tokenIn,
    spender: params.pool,
    amountWei: params.amountInWei,
  });
  const result = await simulateAndWrite(client, {
    address: params.pool,
    abi: ConstantProductPoolAbi,
    functionName: "swapExactIn",
    args: [params.tokenIn, params.amountInWei, minAmountOutWei, params.to ?? client.account.address, deadline],
  });
  const event = eventFrom(result.receipt.logs, params.pool, ConstantProductPoolAbi, "Swap");
  return { ...result, amountOutWei: event.args.amountOut, minAmountOutWei, approvalHash: approval.hash };
}
