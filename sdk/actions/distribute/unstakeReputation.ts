import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type UnstakeReputationParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
  /** Reputation base units to take back. */
  reputation: bigint;
};

export type UnstakeReputationReturnType = WriteResult & {
  /** The project's staked reputation after. */
  total: bigint;
};

/** Takes back staked reputation while the project is still Proposed (DS3). */
export async function unstakeReputation(
  client: DrexWalletClient,
  params: UnstakeReputationParameters,
): Promise<UnstakeReputationReturnType> {
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "unstakeReputation",
    args: [params.projectId, params.reputation],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "Unstaked");
  return { ...result, total: args.total };
}
