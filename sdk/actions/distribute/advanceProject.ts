import { readContract } from "viem/actions";
import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { type ProjectStateName, projectStateName } from "../../distribute/protocol.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type AdvanceProjectParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
};

export type AdvanceProjectReturnType = WriteResult & {
  /** The project's stage after: Expired (DS3), Active or Failed (DS4). */
  state: ProjectStateName;
};

/**
 * Makes the transition due by time (anyone may): expires a proposed project past its staking deadline, or settles a
 * staked project's task lists once their period ends. Reverts with NothingDue otherwise.
 */
export async function advanceProject(
  client: DrexWalletClient,
  params: AdvanceProjectParameters,
): Promise<AdvanceProjectReturnType> {
  const { projects } = params.distribute;
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "advance",
    args: [params.projectId],
  });
  const project = await readContract(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "getProject",
    args: [params.projectId],
    blockNumber: result.blockNumber,
  });
  return { ...result, state: projectStateName(project.state) };
}
