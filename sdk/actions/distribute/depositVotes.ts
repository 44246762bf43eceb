import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { InvalidParameterError } from "../../errors.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type DepositVotesParameters = {
  distribute: Pick<DistributeAddresses, "capitalToken" | "voting">;
  /** Capital token base units to vote with. */
  tokens: bigint;
  /** Reputation base units to vote with. */
  reputation: bigint;
};

export type DepositVotesReturnType = WriteResult;

/** Deposits capital tokens and reputation to vote with (DS7); the same deposit weighs in any number of polls. */
export async function depositVotes(
  client: DrexWalletClient,
  params: DepositVotesParameters,
): Promise<DepositVotesReturnType> {
  if (params.tokens < 0n || params.reputation < 0n || params.tokens + params.reputation === 0n) {
    throw new InvalidParameterError("tokens", "Deposit some tokens or reputation.");
  }
  const { capitalToken, voting } = params.distribute;
  if (params.tokens > 0n) {
    await ensureAllowance(client, { token: capitalToken, spender: voting, amountWei: params.tokens });
  }
  return simulateAndWrite(client, {
    address: voting,
    abi: DistributeVotingAbi,
    functionName: "deposit",
    args: [params.tokens, params.reputation],
  });
}
