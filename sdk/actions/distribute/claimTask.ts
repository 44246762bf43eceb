import { DistributeTasksAbi } from "../../abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ClaimTaskParameters = {
  distribute: Pick<DistributeAddresses, "tasks">;
  projectId: bigint;
  taskIndex: bigint;
};

export type ClaimTaskReturnType = WriteResult & {
  /** The requisite reputation posted (reputation staked on the project × the task's weighting). */
  reputationPosted: bigint;
  /** Unix seconds: evidence is due by then, or the posted reputation is lost. */
  deadline: bigint;
};

/** A reputation holder claims a task of an active project, posting the requisite reputation (DS5). */
export async function claimTask(client: DrexWalletClient, params: ClaimTaskParameters): Promise<ClaimTaskReturnType> {
  const { tasks } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: tasks,
    abi: DistributeTasksAbi,
    functionName: "claimTask",
    args: [params.projectId, params.taskIndex],
  });
  const { args } = eventFrom(result.receipt.logs, tasks, DistributeTasksAbi, "TaskClaimed");
  return { ...result, reputationPosted: args.reputationPosted, deadline: args.deadline };
}
