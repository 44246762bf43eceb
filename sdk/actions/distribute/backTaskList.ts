import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type BackTaskListParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
  listId: bigint;
};

export type BackTaskListReturnType = WriteResult & {
  /** The list's backing after. */
  backingTokens: bigint;
  backingReputation: bigint;
};

/** A staker backs a task list with all their stake, moving any earlier backing (DS4). */
export async function backTaskList(
  client: DrexWalletClient,
  params: BackTaskListParameters,
): Promise<BackTaskListReturnType> {
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "backTaskList",
    args: [params.projectId, params.listId],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "TaskListBacked");
  return { ...result, backingTokens: args.backingTokens, backingReputation: args.backingReputation };
}
