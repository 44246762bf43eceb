import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { eventFrom, eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type StakeTokensParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken" | "projects">;
  projectId: bigint;
  /** Capital token base units offered; the contract takes only what the bar still needs. */
  tokens: bigint;
};

export type StakeTokensReturnType = WriteResult & {
  /** What was taken. */
  staked: bigint;
  /** The project's staked tokens after. */
  total: bigint;
  /** Whether this stake met both bars and moved the project to Staked (DS4). */
  projectStaked: boolean;
};

/** Stakes capital tokens on a proposed project (DS3), approving the project registry first if needed. */
export async function stakeTokens(
  client: DrexWalletClient,
  params: StakeTokensParameters,
): Promise<StakeTokensReturnType> {
  const { capitalToken, projects } = params.distribute;
  await ensureAllowance(client, { token: capitalToken, spender: projects, amountWei: params.tokens });
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "stakeTokens",
    args: [params.projectId, params.tokens],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "Staked");
  const projectStaked = eventsFrom(result.receipt.logs, projects, DistributeProjectsAbi, "ProjectStaked").length > 0;
  return { ...result, staked: args.amount, total: args.total, projectStaked };
}
