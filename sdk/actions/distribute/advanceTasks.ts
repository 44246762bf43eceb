import { DistributeTasksAbi } from "../../abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type AdvanceTasksParameters = {
  distribute: Pick<DistributeAddresses, "tasks">;
  projectId: bigint;
  /** Only this task (reverting with NothingDue when nothing is due for it); every task of the project otherwise. */
  taskIndex?: bigint;
};

export type AdvanceTasksReturnType = WriteResult & {
  /** Tasks whose claim ran out: the posted reputation burned, the task reopened (or failed) (DS5). */
  claimsExpired: bigint[];
  /** Tasks sent to a vote by opposing validators, with their polls (DS7). */
  votesStarted: { taskIndex: bigint; pollId: bigint }[];
  /** Tasks settled: validated or failed (DS5–DS7). */
  resolved: { taskIndex: bigint; validated: boolean }[];
};

/** Makes every step due by time for a project's tasks (anyone may): expired claims, validation ends, ended polls. */
export async function advanceTasks(
  client: DrexWalletClient,
  params: AdvanceTasksParameters,
): Promise<AdvanceTasksReturnType> {
  const { tasks } = params.distribute;
  const result =
    params.taskIndex === undefined
      ? await simulateAndWrite(client, {
          address: tasks,
          abi: DistributeTasksAbi,
          functionName: "advanceTasks",
          args: [params.projectId],
        })
      : await simulateAndWrite(client, {
          address: tasks,
          abi: DistributeTasksAbi,
          functionName: "advanceTask",
          args: [params.projectId, params.taskIndex],
        });
  const logs = result.receipt.logs;
  return {
    ...result,
    claimsExpired: eventsFrom(logs, tasks, DistributeTasksAbi, "ClaimExpired").map((e) => e.args.taskIndex),
    votesStarted: eventsFrom(logs, tasks, DistributeTasksAbi, "TaskVoteStarted").map((e) => ({
      taskIndex: e.args.taskIndex,
      pollId: e.args.pollId,
    })),
    resolved: eventsFrom(logs, tasks, DistributeTasksAbi, "TaskResolved").map((e) => ({
      taskIndex: e.args.taskIndex,
      validated: e.args.validated,
    })),
  };
}
