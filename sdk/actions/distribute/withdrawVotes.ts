import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { getVoter } from "./getVoter.ts";

export type WithdrawVotesParameters = {
  distribute: Pick<DistributeAddresses, "voting">;
  /** Capital token base units to withdraw; default everything no live poll holds. */
  tokens?: bigint;
  /** Reputation base units to withdraw; default everything no live poll holds. */
  reputation?: bigint;
};

export type WithdrawVotesReturnType = WriteResult & {
  tokens: bigint;
  reputation: bigint;
  /** The polls named as open: those that had ended are released with the withdrawal. */
  openPollIds: bigint[];
};

/** Withdraws deposited tokens and reputation that no live poll holds (DS7), naming the voter's open polls. */
export async function withdrawVotes(
  client: DrexWalletClient,
  params: WithdrawVotesParameters,
): Promise<WithdrawVotesReturnType> {
  const { voting } = params.distribute;
  const voter = await getVoter(client, { distribute: params.distribute, voter: client.account.address });
  const openPollIds = voter.openPolls.map((p) => p.pollId);
  // An ended poll's lock is released by the withdrawal itself, so the default is all of the deposit once every
  // named poll has ended: ask the contract what it would free, given the polls, at the chain's time.
  const tokens = params.tokens ?? voter.unlockedTokens;
  const reputation = params.reputation ?? voter.unlockedReputation;
  if (tokens + reputation === 0n) {
    throw new InvalidParameterError("tokens", "Nothing is free to withdraw: live polls hold the whole deposit.");
  }
  const result = await simulateAndWrite(client, {
    address: voting,
    abi: DistributeVotingAbi,
    functionName: "withdraw",
    args: [tokens, reputation, openPollIds],
  });
  const { args } = eventFrom(result.receipt.logs, voting, DistributeVotingAbi, "Withdrawn");
  return { ...result, tokens: args.tokens, reputation: args.reputation, openPollIds };
}
