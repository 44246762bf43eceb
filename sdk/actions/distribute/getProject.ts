import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { type ProjectStateName, projectStateName } from "../../distribute/protocol.ts";
import { InvalidParameterError } from "../../errors.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetProjectParameters = {
  distribute: Pick<DistributeAddresses, "projects">;
  projectId: bigint;
  /** Also return this account's stake in the project. */
  staker?: Address;
};

export type ProjectView = {
  projectId: bigint;
  proposer: Address;
  state: ProjectStateName;
  /** Unix seconds. */
  stakingDeadline: bigint;
  /** Unix seconds: the end of the task-list period while Staked, the last moment to claim while Active. */
  phaseDeadline: bigint;
  collateralInReputation: boolean;
  costWei: bigint;
  collateral: bigint;
  tokenBar: bigint;
  reputationBar: bigint;
  tokensStaked: bigint;
  reputationStaked: bigint;
  poolWeiAtProposal: bigint;
  stakerRewardWei: bigint;
  tokenSupplyAtProposal: bigint;
  reputationSupplyAtProposal: bigint;
  paidWei: bigint;
  completedBps: number;
  taskCount: number;
  settledTasks: number;
  listCount: number;
  /** The winning task list's id; meaningful once Active. */
  winningList: number;
  /** The staker's stake and the list it backs (null for none), when `staker` was given. */
  stake?: { tokens: bigint; reputation: bigint; backedListId: bigint | null };
};

export type GetProjectReturnType = ProjectView;

/** A project as the registry holds it (DS3, DS4, DS8). */
export async function getProject(client: DrexReadClient, params: GetProjectParameters): Promise<GetProjectReturnType> {
  const projects = { address: params.distribute.projects, abi: DistributeProjectsAbi } as const;
  const p = await readContract(client, { ...projects, functionName: "getProject", args: [params.projectId] });
  if (p.state === 0) throw new InvalidParameterError("projectId", `There is no project #${params.projectId}.`);
  const view: ProjectView = {
    ...p,
    projectId: params.projectId,
    state: projectStateName(p.state),
    stakingDeadline: BigInt(p.stakingDeadline),
    phaseDeadline: BigInt(p.phaseDeadline),
  };
  if (params.staker) {
    const s = await readContract(client, {
      ...projects,
      functionName: "stakeOf",
      args: [params.projectId, params.staker],
    });
    view.stake = {
      tokens: s.tokens,
      reputation: s.reputation,
      backedListId: s.backedList === 0 ? null : BigInt(s.backedList - 1),
    };
  }
  return view;
}
