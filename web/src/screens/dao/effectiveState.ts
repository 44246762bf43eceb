// A proposal's state as the chain's clock moves on, between two reads: voting opens at voteStart and closes after
// voteEnd whether or not a block or an event comes (OpenZeppelin Governor.state(), as the node computes it). The
// node's answer stands for everything that is not a matter of time.
import type { ProposalRow, ProposalState } from "../../api/energyTypes.ts";

export function effectiveState(p: ProposalRow, nowSeconds: bigint): ProposalState {
  if (p.state !== "pending" && p.state !== "active") return p.state;
  if (p.voteStart >= nowSeconds) return "pending";
  if (p.voteEnd >= nowSeconds) return "active";
  const quorumReached = p.quorum <= p.forVotes + p.abstainVotes;
  return quorumReached && p.forVotes > p.againstVotes ? "succeeded" : "defeated";
}
