import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../../abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { type TaskStatusName, taskStatusName } from "../../distribute/protocol.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetTaskParameters = {
  distribute: Pick<DistributeAddresses, "projects" | "tasks">;
  projectId: bigint;
  taskIndex: bigint;
};

export type TaskValidation = { validator: Address; stake: bigint };

export type GetTaskReturnType = {
  projectId: bigint;
  taskIndex: bigint;
  descriptionHash: Hex;
  weightingBps: number;
  durationSeconds: number;
  status: TaskStatusName;
  /** The zero address while open. */
  claimer: Address;
  /** Unix seconds: the claim's deadline while Claimed, the end of validation while Validating, 0 otherwise. */
  deadline: bigint;
  /** The deciding poll while Voting and after; null when there is none. */
  pollId: bigint | null;
  evidenceHash: Hex;
  requisiteReputation: bigint;
  approvals: TaskValidation[];
  rejections: TaskValidation[];
  /** Whether a time-dependent step is due for the task at the latest block's time. */
  due: boolean;
};

/** A task of an active or settled project: its terms from the winning list, its state from the task registry. */
export async function getTask(client: DrexReadClient, params: GetTaskParameters): Promise<GetTaskReturnType> {
  const args = [params.projectId, params.taskIndex] as const;
  const [spec, view, due] = await Promise.all([
    readContract(client, {
      address: params.distribute.projects,
      abi: DistributeProjectsAbi,
      functionName: "getTask",
      args,
    }),
    readContract(client, { address: params.distribute.tasks, abi: DistributeTasksAbi, functionName: "getTask", args }),
    readContract(client, { address: params.distribute.tasks, abi: DistributeTasksAbi, functionName: "isDue", args }),
  ]);
  return {
    projectId: params.projectId,
    taskIndex: params.taskIndex,
    descriptionHash: spec.descriptionHash,
    weightingBps: spec.weightingBps,
    durationSeconds: spec.durationSeconds,
    status: taskStatusName(view.state.status),
    claimer: view.state.claimer,
    deadline: BigInt(view.state.deadline),
    pollId: view.state.pollId === 0 ? null : BigInt(view.state.pollId),
    evidenceHash: view.evidenceHash,
    requisiteReputation: view.requisiteReputation,
    approvals: view.approvals.map((v) => ({ validator: v.validator, stake: v.stake })),
    rejections: view.rejections.map((v) => ({ validator: v.validator, stake: v.stake })),
    due,
  };
}
