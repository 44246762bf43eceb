import { readContract } from "viem/actions";
import { CapitalTokenAbi } from "../../abi/CapitalToken.ts";
import { DistributeProjectsAbi } from "../../abi/DistributeProjects.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type ProposeParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken" | "projects">;
  /** What the project asks of the pool, in pool currency base units. */
  costWei: bigint;
  /** Unix seconds: the last moment the project can be staked. */
  stakingDeadline: bigint;
  /** Post the 5% collateral in reputation instead of capital tokens. Default false. */
  collateralInReputation?: boolean;
};

export type ProposeReturnType = WriteResult & {
  projectId: bigint;
  /** Capital tokens (base units) the project needs staked. */
  tokenBar: bigint;
  /** Reputation (base units) the project needs staked. */
  reputationBar: bigint;
  /** Posted: in reputation when `collateralInReputation`, in capital tokens otherwise. */
  collateral: bigint;
  collateralInReputation: boolean;
};

/** 5% of the cost, in basis points: the collateral (StakeMath.COLLATERAL_BPS). */
const COLLATERAL_BPS = 500n;

/**
 * Proposes a project (DS3), posting the collateral: in capital tokens, the contract is first approved for the
 * collateral as the contract computes it (`ceil(supply × cost × 5% / pool)`).
 */
export async function propose(client: DrexWalletClient, params: ProposeParameters): Promise<ProposeReturnType> {
  if (params.costWei <= 0n) throw new InvalidParameterError("costWei", "A project's cost must be more than 0.");
  const collateralInReputation = params.collateralInReputation ?? false;
  const { capitalToken, projects } = params.distribute;
  if (!collateralInReputation) {
    const [supply, poolWei] = await Promise.all([
      readContract(client, { address: capitalToken, abi: CapitalTokenAbi, functionName: "totalSupply" }),
      readContract(client, { address: capitalToken, abi: CapitalTokenAbi, functionName: "poolBalance" }),
    ]);
    if (poolWei > 0n) {
      const denominator = poolWei * 10_000n;
      const collateral = (supply * params.costWei * COLLATERAL_BPS + denominator - 1n) / denominator;
      await ensureAllowance(client, { token: capitalToken, spender: projects, amountWei: collateral });
    }
  }
  const result = await simulateAndWrite(client, {
    address: projects,
    abi: DistributeProjectsAbi,
    functionName: "propose",
    args: [params.costWei, params.stakingDeadline, collateralInReputation],
  });
  const { args } = eventFrom(result.receipt.logs, projects, DistributeProjectsAbi, "ProjectProposed");
  return {
    ...result,
    projectId: args.projectId,
    tokenBar: args.tokenBar,
    reputationBar: args.reputationBar,
    collateral: args.collateral,
    collateralInReputation: args.collateralInReputation,
  };
}
