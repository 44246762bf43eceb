// A Technical DAO proposal's state now, from its indexed row, the DAO's indexed history and the clock: OpenZeppelin
// Governor.state() in TypeScript (its clock is the block timestamp), so the API shows a proposal active, defeated or
// succeeded without a transaction having happened. The DAO has no timelock, so a proposal is never queued or expired.
import type { DaoCheckpointRecord, ProposalRecord } from "../store/energyViews.ts";

export type ProposalState =
  | "pending"
  | "active"
  | "canceled"
  | "defeated"
  | "succeeded"
  | "queued"
  | "expired"
  | "executed";

/** The Governor's quorum denominator (GovernorVotesQuorumFraction): the numerator is a percentage. */
export const QUORUM_DENOMINATOR = 100n;

/**
 * A value as it stood at `timepoint`: the last change at or before it (OpenZeppelin's Checkpoints.upperLookup), or
 * 0 before the first.
 */
export function valueAt(checkpoints: readonly DaoCheckpointRecord[], timepoint: bigint): bigint {
  let value = 0n;
  for (const checkpoint of checkpoints) {
    if (checkpoint.timestamp > timepoint) break;
    value = checkpoint.value;
  }
  return value;
}

/** The votes a proposal needs (For plus Abstain): the quorum share of the members at its snapshot, rounded down. */
export function quorumAt(
  memberCounts: readonly DaoCheckpointRecord[],
  quorumNumerators: readonly DaoCheckpointRecord[],
  snapshot: bigint,
): bigint {
  return (valueAt(memberCounts, snapshot) * valueAt(quorumNumerators, snapshot)) / QUORUM_DENOMINATOR;
}

/** @param nowSeconds the time to judge at: the time the chain's next block will carry. */
export function effectiveProposalState(
  proposal: Pick<
    ProposalRecord,
    "executed" | "canceled" | "voteStart" | "voteEnd" | "forVotes" | "againstVotes" | "abstainVotes"
  >,
  quorum: bigint,
  nowSeconds: bigint,
): ProposalState {
  if (proposal.executed) return "executed";
  if (proposal.canceled) return "canceled";
  if (proposal.voteStart >= nowSeconds) return "pending";
  if (proposal.voteEnd >= nowSeconds) return "active";
  const quorumReached = quorum <= proposal.forVotes + proposal.abstainVotes;
  return quorumReached && proposal.forVotes > proposal.againstVotes ? "succeeded" : "defeated";
}
