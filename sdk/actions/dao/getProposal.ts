import type { Address } from "viem";
import { readContract } from "viem/actions";
import { TechnicalDAOAbi } from "../../abi/TechnicalDAO.ts";
import { InvalidParameterError } from "../../errors.ts";
import type { DrexReadClient } from "../../types.ts";
import { findProposalRecord, PROPOSAL_STATES, type ProposalRecord, type ProposalStateName } from "./proposalCalls.ts";

export type GetProposalParameters = {
  dao: Address;
  proposalId: bigint;
  /** Where to look for the proposal's ProposalCreated log (its calls and description). Default 0. */
  fromBlock?: bigint;
};

export type ProposalView = Omit<ProposalRecord, "blockNumber"> & {
  /** As the Governor says now (an active proposal past its deadline is already succeeded or defeated). */
  state: ProposalStateName;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** Unix seconds: votes count from the members at this time; voting opens after it. */
  snapshot: bigint;
  /** Unix seconds: the last second of voting. */
  deadline: bigint;
  /** For plus abstain votes needed; null while the snapshot is still in the future. */
  quorum: bigint | null;
};

export type GetProposalReturnType = ProposalView;

/** A Technical DAO proposal: its state, tallies, deadline and quorum from the Governor, its calls from its log. */
export async function getProposal(
  client: DrexReadClient,
  params: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const dao = { address: params.dao, abi: TechnicalDAOAbi } as const;
  const snapshot = await readContract(client, { ...dao, functionName: "proposalSnapshot", args: [params.proposalId] });
  if (snapshot === 0n) {
    throw new InvalidParameterError("proposalId", `The Technical DAO has no proposal ${params.proposalId}.`);
  }
  const [state, [againstVotes, forVotes, abstainVotes], deadline, record, quorum] = await Promise.all([
    readContract(client, { ...dao, functionName: "state", args: [params.proposalId] }),
    readContract(client, { ...dao, functionName: "proposalVotes", args: [params.proposalId] }),
    readContract(client, { ...dao, functionName: "proposalDeadline", args: [params.proposalId] }),
    findProposalRecord(client, params.dao, params.proposalId, params.fromBlock ?? 0n),
    // The membership only answers for times already past (ERC5805FutureLookup before the snapshot).
    readContract(client, { ...dao, functionName: "quorum", args: [snapshot] }).catch(() => null),
  ]);
  if (record === null) {
    throw new InvalidParameterError(
      "fromBlock",
      `Proposal ${params.proposalId} was made before block ${params.fromBlock}.`,
    );
  }
  const { blockNumber: _blockNumber, ...calls } = record;
  return {
    ...calls,
    state: PROPOSAL_STATES[state] ?? "pending",
    forVotes,
    againstVotes,
    abstainVotes,
    snapshot,
    deadline,
    quorum,
  };
}
