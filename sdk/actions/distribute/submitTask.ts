import type { Hex } from "viem";
import { DistributeTasksAbi } from "../../abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { textHash } from "../../distribute/protocol.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type SubmitTaskParameters = {
  distribute: Pick<DistributeAddresses, "tasks">;
  projectId: bigint;
  taskIndex: bigint;
  /** Evidence of the work: a text or link (hashed here) or its 32-byte hash. */
  evidence: string;
};

export type SubmitTaskReturnType = WriteResult & {
  evidenceHash: Hex;
  /** Unix seconds: validators may stake until then. */
  validationEnd: bigint;
};

/** The claimer submits evidence of the work, opening the task's validation (DS5, DS6). */
export async function submitTask(
  client: DrexWalletClient,
  params: SubmitTaskParameters,
): Promise<SubmitTaskReturnType> {
  const { tasks } = params.distribute;
  const evidenceHash = textHash(params.evidence);
  const result = await simulateAndWrite(client, {
    address: tasks,
    abi: DistributeTasksAbi,
    functionName: "submitTask",
    args: [params.projectId, params.taskIndex, evidenceHash],
  });
  const { args } = eventFrom(result.receipt.logs, tasks, DistributeTasksAbi, "TaskSubmitted");
  return { ...result, evidenceHash, validationEnd: args.validationEnd };
}
