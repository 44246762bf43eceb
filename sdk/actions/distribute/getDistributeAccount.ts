import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { CapitalTokenAbi } from "../../abi/CapitalToken.ts";
import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import { ReputationAbi } from "../../abi/Reputation.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetDistributeAccountParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken" | "reputation" | "voting">;
  account: Address;
};

export type GetDistributeAccountReturnType = {
  account: Address;
  /** Capital tokens held (base units), not counting stakes and deposits. */
  tokens: bigint;
  /** Reputation held (base units), not counting stakes, claims and deposits. */
  reputation: bigint;
  registered: boolean;
  /** The identity registered with; null before registration. */
  identityHash: Hex | null;
  /** Deposited for voting. */
  depositedTokens: bigint;
  depositedReputation: bigint;
};

/** What an account holds in the Distribute Protocol (DS1, DS2, DS7). */
export async function getDistributeAccount(
  client: DrexReadClient,
  params: GetDistributeAccountParameters,
): Promise<GetDistributeAccountReturnType> {
  const { capitalToken, reputation, voting } = params.distribute;
  const [tokens, reputationHeld, identityHash, voter] = await Promise.all([
    readContract(client, {
      address: capitalToken,
      abi: CapitalTokenAbi,
      functionName: "balanceOf",
      args: [params.account],
    }),
    readContract(client, {
      address: reputation,
      abi: ReputationAbi,
      functionName: "balanceOf",
      args: [params.account],
    }),
    readContract(client, {
      address: reputation,
      abi: ReputationAbi,
      functionName: "identityOf",
      args: [params.account],
    }),
    readContract(client, {
      address: voting,
      abi: DistributeVotingAbi,
      functionName: "voterOf",
      args: [params.account],
    }),
  ]);
  const registered = BigInt(identityHash) !== 0n;
  return {
    account: params.account,
    tokens,
    reputation: reputationHeld,
    registered,
    identityHash: registered ? identityHash : null,
    depositedTokens: voter.tokens,
    depositedReputation: voter.reputation,
  };
}
