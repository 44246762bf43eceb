import type { Hex } from "viem";
import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { textHash, WEIGHTING_BPS_TOTAL } from "../../distribute/protocol.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type TaskInput = {
  /** What the task is: a description (hashed here) or its 32-byte hash. */
  description: string;
  /** The task's share of the project, basis points; a list's weightings sum to 10,000. */
  weightingBps: number;
  /** How long a claimer has to submit evidence once they claim the task. */
  durationSeconds: number;
};

export type ProposeTaskListParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
  tasks: readonly TaskInput[];
};

export type ProposeTaskListReturnType = WriteResult & {
  listId: bigint;
  descriptionHashes: Hex[];
};

/** A staker puts forward a task list for a staked project (DS4). */
export async function proposeTaskList(
  client: DrexWalletClient,
  params: ProposeTaskListParameters,
): Promise<ProposeTaskListReturnType> {
  if (params.tasks.length === 0) throw new InvalidParameterError("tasks", "A task list needs at least one task.");
  let totalBps = 0;
  params.tasks.forEach((task, i) => {
    if (!Number.isInteger(task.weightingBps) || task.weightingBps <= 0 || task.weightingBps > WEIGHTING_BPS_TOTAL) {
      throw new InvalidParameterError(`tasks[${i}].weightingBps`, "A weighting is 1 to 10,000 basis points.");
    }
    if (!Number.isInteger(task.durationSeconds) || task.durationSeconds <= 0 || task.durationSeconds > 2 ** 32 - 1) {
      throw new InvalidParameterError(`tasks[${i}].durationSeconds`, "A time allowance is a whole number of seconds.");
    }
    totalBps += task.weightingBps;
  });
  if (totalBps !== WEIGHTING_BPS_TOTAL) {
    throw new InvalidParameterError("tasks", `The weightings add up to ${totalBps} basis points, not 10,000.`);
  }
  const specs = params.tasks.map((task) => ({
    descriptionHash: textHash(task.description),
    weightingBps: task.weightingBps,
    durationSeconds: task.durationSeconds,
  }));
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "proposeTaskList",
    args: [params.projectId, specs],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "TaskListProposed");
  return { ...result, listId: args.listId, descriptionHashes: specs.map((s) => s.descriptionHash) };
}
