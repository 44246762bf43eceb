import type { Hex } from "viem";
import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { randomSalt, voteSecret } from "../../distribute/protocol.ts";
import { InvalidParameterError } from "../../errors.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type VoteToCommit = {
  pollId: bigint;
  approve: boolean;
  /** Weight in capital tokens and reputation (base units), each at most the voter's deposit. */
  tokens: bigint;
  reputation: bigint;
  /** A 32-byte salt; a fresh random one when absent. */
  salt?: Hex;
};

export type CommitVotesParameters = {
  distribute: Pick<DistributeAddresses, "voting">;
  /** One vote per poll; more than one go in a single transaction. */
  votes: readonly VoteToCommit[];
};

export type CommittedVote = { pollId: bigint; approve: boolean; salt: Hex; secret: Hex };

export type CommitVotesReturnType = WriteResult & {
  /** What revealing needs: keep each salt (and choice) until the reveal period. */
  votes: CommittedVote[];
};

/**
 * Commits secret votes (DS7): each secret is `voteSecret(pollId, voter, approve, salt)` as the contract computes it,
 * with a fresh salt unless one is given. The choices stay hidden until revealed with the same salts.
 */
export async function commitVotes(
  client: DrexWalletClient,
  params: CommitVotesParameters,
): Promise<CommitVotesReturnType> {
  if (params.votes.length === 0) throw new InvalidParameterError("votes", "Commit at least one vote.");
  const polls = new Set(params.votes.map((v) => v.pollId));
  if (polls.size !== params.votes.length) throw new InvalidParameterError("votes", "One vote per poll.");
  const voter = client.account.address;
  const votes = params.votes.map((v) => {
    if (v.salt !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(v.salt)) {
      throw new InvalidParameterError("salt", "A salt is 32 bytes of hex.");
    }
    const salt = v.salt ?? randomSalt();
    return { ...v, salt, secret: voteSecret(v.pollId, voter, v.approve, salt) };
  });
  const { voting } = params.distribute;
  const [only] = votes;
  const result =
    votes.length === 1 && only
      ? await simulateAndWrite(client, {
          address: voting,
          abi: DistributeVotingAbi,
          functionName: "commitVote",
          args: [only.pollId, only.secret, only.tokens, only.reputation],
        })
      : await simulateAndWrite(client, {
          address: voting,
          abi: DistributeVotingAbi,
          functionName: "commitVotes",
          args: [
            votes.map((v) => v.pollId),
            votes.map((v) => v.secret),
            votes.map((v) => v.tokens),
            votes.map((v) => v.reputation),
          ],
        });
  return {
    ...result,
    votes: votes.map(({ pollId, approve, salt, secret }) => ({ pollId, approve, salt, secret })),
  };
}
