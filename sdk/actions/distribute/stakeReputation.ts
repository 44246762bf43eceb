import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type StakeReputationParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
  /** Reputation base units offered; the contract takes only what the bar still needs. */
  reputation: bigint;
};

export type StakeReputationReturnType = WriteResult & {
  /** What was taken. */
  staked: bigint;
  /** The project's staked reputation after. */
  total: bigint;
  /** Whether this stake met both bars and moved the project to Staked (DS4). */
  projectStaked: boolean;
};

/** Stakes reputation on a proposed project (DS3). */
export async function stakeReputation(
  client: DrexWalletClient,
  params: StakeReputationParameters,
): Promise<StakeReputationReturnType> {
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "stakeReputation",
    args: [params.projectId, params.reputation],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "Staked");
  const projectStaked = eventsFrom(result.receipt.logs, projects, DistributeProjectsAbi, "ProjectStaked").length > 0;
  return { ...result, staked: args.amount, total: args.total, projectStaked };
}
