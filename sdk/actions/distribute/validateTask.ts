import { DistributeTasksAbi } from "../../abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type ValidateTaskParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken" | "tasks">;
  projectId: bigint;
  taskIndex: bigint;
  /** For (true) or against (false) the submitted work. */
  approve: boolean;
  /** Capital token base units staked on the judgement. */
  tokens: bigint;
};

export type ValidateTaskReturnType = WriteResult & {
  /** The stake's place on its side, 0 the earliest; earlier slots earn more (DS6). */
  slot: bigint;
  stake: bigint;
};

/** A token holder stakes capital tokens for or against a submitted task (DS6), approving the task registry first. */
export async function validateTask(
  client: DrexWalletClient,
  params: ValidateTaskParameters,
): Promise<ValidateTaskReturnType> {
  const { capitalToken, tasks } = params.distribute;
  await ensureAllowance(client, { token: capitalToken, spender: tasks, amountWei: params.tokens });
  const result = await simulateAndWrite(client, {
    address: tasks,
    abi: DistributeTasksAbi,
    functionName: "validate",
    args: [params.projectId, params.taskIndex, params.approve, params.tokens],
  });
  const { args } = eventFrom(result.receipt.logs, tasks, DistributeTasksAbi, "TaskValidated");
  return { ...result, slot: args.slot, stake: args.stake };
}
