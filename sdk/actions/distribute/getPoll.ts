import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DistributeVotingAbi } from "../../abi/DistributeVoting.ts";
import type { DistributeAddresses } from "../../distribute/deployDistribute.ts";
import { type LockStatusName, lockStatusName } from "../../distribute/protocol.ts";
import { InvalidParameterError } from "../../errors.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetPollParameters = {
  distribute: Pick<DistributeAddresses, "voting">;
  pollId: bigint;
  /** Also return this voter's commitment to the poll. */
  voter?: Address;
};

export type GetPollReturnType = {
  pollId: bigint;
  /** Unix seconds: commits up to this, reveals after it up to `revealEnd` (inclusive). */
  commitEnd: bigint;
  revealEnd: bigint;
  approvals: { tokens: bigint; reputation: bigint };
  rejections: { tokens: bigint; reputation: bigint };
  ended: boolean;
  /** Meaningful once ended: the approving side's token share plus reputation share beat the rejecting side's. */
  approved: boolean;
  lock?: { tokens: bigint; reputation: bigint; status: LockStatusName };
};

/** A poll with its revealed tallies (DS7). */
export async function getPoll(client: DrexReadClient, params: GetPollParameters): Promise<GetPollReturnType> {
  const voting = { address: params.distribute.voting, abi: DistributeVotingAbi } as const;
  const count = await readContract(client, { ...voting, functionName: "pollCount" });
  if (params.pollId < 1n || params.pollId > count) {
    throw new InvalidParameterError("pollId", `There is no poll #${params.pollId}.`);
  }
  const poll = await readContract(client, { ...voting, functionName: "getPoll", args: [params.pollId] });
  const result: GetPollReturnType = {
    pollId: params.pollId,
    commitEnd: poll.commitEnd,
    revealEnd: poll.revealEnd,
    approvals: { tokens: poll.approvals.tokens, reputation: poll.approvals.reputation },
    rejections: { tokens: poll.rejections.tokens, reputation: poll.rejections.reputation },
    ended: poll.ended,
    approved: poll.approved,
  };
  if (params.voter) {
    const lock = await readContract(client, { ...voting, functionName: "lockOf", args: [params.pollId, params.voter] });
    result.lock = { tokens: lock.tokens, reputation: lock.reputation, status: lockStatusName(lock.status) };
  }
  return result;
}
