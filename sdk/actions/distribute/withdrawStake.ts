import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type WithdrawStakeParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
};

export type WithdrawStakeReturnType = WriteResult & {
  tokens: bigint;
  reputation: bigint;
  /** The staker's share of the 1% stakers' reward, pool currency base units; 0 unless the project completed. */
  rewardWei: bigint;
};

/** Takes back the sender's stake from an expired project, or stake and reward from a complete one (DS3, DS8). */
export async function withdrawStake(
  client: DrexWalletClient,
  params: WithdrawStakeParameters,
): Promise<WithdrawStakeReturnType> {
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "withdrawStake",
    args: [params.projectId],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "StakeWithdrawn");
  return { ...result, tokens: args.tokens, reputation: args.reputation, rewardWei: args.rewardWei };
}
