import type { Hex } from "viem";
import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type VoteToReveal = { pollId: bigint; approve: boolean; salt: Hex };

export type RevealVotesParameters = {
  distribute: Pick<DistributeAddresses, "voting">;
  /** The choices and salts committed; more than one go in a single transaction. */
  votes: readonly VoteToReveal[];
};

export type RevealVotesReturnType = WriteResult & {
  /** The weight each revealed vote counted with. */
  revealed: { pollId: bigint; approve: boolean; tokens: bigint; reputation: bigint }[];
};

/** Reveals committed votes during their polls' reveal periods (DS7). */
export async function revealVotes(
  client: DrexWalletClient,
  params: RevealVotesParameters,
): Promise<RevealVotesReturnType> {
  if (params.votes.length === 0) throw new InvalidParameterError("votes", "Reveal at least one vote.");
  const { voting } = params.distribute;
  const [only] = params.votes;
  const result =
    params.votes.length === 1 && only
      ? await simulateAndWrite(client, {
          address: voting,
          abi: DistributeVotingAbi,
          functionName: "revealVote",
          args: [only.pollId, only.approve, only.salt],
        })
      : await simulateAndWrite(client, {
          address: voting,
          abi: DistributeVotingAbi,
          functionName: "revealVotes",
          args: [
            params.votes.map((v) => v.pollId),
            params.votes.map((v) => v.approve),
            params.votes.map((v) => v.salt),
          ],
        });
  const revealed = eventsFrom(result.receipt.logs, voting, DistributeVotingAbi, "VoteRevealed").map((e) => ({
    pollId: e.args.pollId,
    approve: e.args.approve,
    tokens: e.args.tokens,
    reputation: e.args.reputation,
  }));
  return { ...result, revealed };
}
