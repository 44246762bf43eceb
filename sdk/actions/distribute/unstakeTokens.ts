import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type UnstakeTokensParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
  /** Capital token base units to take back. */
  tokens: bigint;
};

export type UnstakeTokensReturnType = WriteResult & {
  /** The project's staked tokens after. */
  total: bigint;
};

/** Takes back staked capital tokens while the project is still Proposed (DS3). */
export async function unstakeTokens(
  client: DrexWalletClient,
  params: UnstakeTokensParameters,
): Promise<UnstakeTokensReturnType> {
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "unstakeTokens",
    args: [params.projectId, params.tokens],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "Unstaked");
  return { ...result, total: args.total };
}
