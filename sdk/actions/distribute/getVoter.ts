import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { type LockStatusName, lockStatusName } from "../../distribute/protocol.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetVoterParameters = {
  distribute: Pick<DistributeAddresses, "voting">;
  voter: Address;
};

export type GetVoterReturnType = {
  /** Deposited capital tokens and reputation (base units). */
  tokens: bigint;
  reputation: bigint;
  /** Polls in which the voter has a commitment not yet released, rising: what a withdrawal must name. */
  openPolls: { pollId: bigint; status: LockStatusName; tokens: bigint; reputation: bigint }[];
  /** What the voter could withdraw now: the deposit less the largest weight a live poll holds. */
  unlockedTokens: bigint;
  unlockedReputation: bigint;
};

/** A voter's deposit, open commitments and what no live poll holds (DS7). Reads every poll's lock: O(polls). */
export async function getVoter(client: DrexReadClient, params: GetVoterParameters): Promise<GetVoterReturnType> {
  const voting = { address: params.distribute.voting, abi: DistributeVotingAbi } as const;
  const [voter, pollCount] = await Promise.all([
    readContract(client, { ...voting, functionName: "voterOf", args: [params.voter] }),
    readContract(client, { ...voting, functionName: "pollCount" }),
  ]);
  const openPolls: GetVoterReturnType["openPolls"] = [];
  if (voter.openCommits > 0) {
    const ids = Array.from({ length: Number(pollCount) }, (_, i) => BigInt(i + 1));
    const locks = await Promise.all(
      ids.map((pollId) => readContract(client, { ...voting, functionName: "lockOf", args: [pollId, params.voter] })),
    );
    locks.forEach((lock, i) => {
      const status = lockStatusName(lock.status);
      if (status === "Committed" || status === "Revealed") {
        openPolls.push({ pollId: ids[i] as bigint, status, tokens: lock.tokens, reputation: lock.reputation });
      }
    });
  }
  const [unlockedTokens, unlockedReputation] = await readContract(client, {
    ...voting,
    functionName: "unlocked",
    args: [params.voter, openPolls.map((p) => p.pollId)],
  });
  return { tokens: voter.tokens, reputation: voter.reputation, openPolls, unlockedTokens, unlockedReputation };
}
