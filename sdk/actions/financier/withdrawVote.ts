import type { Address } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type WithdrawVoteParameters = {
  generator: Address;
};

export type WithdrawVoteReturnType = WriteResult & {
  /** getAvg() after the withdrawal. */
  averagePriceWeiPerUnit: bigint;
};

/** An owner withdraws their price vote: their shares stop counting towards the price (DX6). */
export async function withdrawVote(
  client: DrexWalletClient,
  params: WithdrawVoteParameters,
): Promise<WithdrawVoteReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "withdrawVote",
    args: [],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "VoteWithdrawn");
  return { ...result, averagePriceWeiPerUnit: event.args.averagePriceWeiPerUnit };
}
