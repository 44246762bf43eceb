// What the Technical DAO's proposal actions share: the Governor's enums by name, proposal ids computed as the
// Governor computes them, descriptions made unique, and a proposal's calls found again from its ProposalCreated log.
import { type Address, encodeAbiParameters, type Hex, keccak256, stringToHex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { TechnicalDAOAbi } from "../../abi/TechnicalDAO.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexReadClient, DrexWalletClient, WriteResult } from "../../types.ts";

/** GovernorCountingSimple's VoteType, in the enum's order: a support's index is its on-chain value. */
export const VOTE_SUPPORT = ["against", "for", "abstain"] as const;
export type VoteSupportName = (typeof VOTE_SUPPORT)[number];

/** IGovernor.ProposalState, in the enum's order. */
export const PROPOSAL_STATES = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** The calls a proposal makes; the Governor identifies a proposal by them and its description's hash. */
export type ProposalCalls = {
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
};

/** The Governor's `hashProposal`: keccak256(abi.encode(targets, values, calldatas, keccak256(description))). */
export function proposalIdOf(calls: ProposalCalls): bigint {
  return BigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
        [calls.targets, calls.values, calls.calldatas, keccak256(stringToHex(calls.description))],
      ),
    ),
  );
}

/**
 * `base`, or when a proposal with the same calls and that description exists already (the Governor would refuse it
 * as a duplicate), `base (#2)`, `base (#3)`, … : the first that names no proposal yet.
 */
export async function uniqueDescription(
  client: DrexReadClient,
  dao: Address,
  calls: Omit<ProposalCalls, "description">,
  base: string,
): Promise<string> {
  for (let n = 1; ; n++) {
    const description = n === 1 ? base : `${base} (#${n})`;
    const snapshot = await readContract(client, {
      address: dao,
      abi: TechnicalDAOAbi,
      functionName: "proposalSnapshot",
      args: [proposalIdOf({ ...calls, description })],
    });
    if (snapshot === 0n) return description;
  }
}

export type ProposalRecord = ProposalCalls & {
  proposalId: bigint;
  proposer: Address;
  voteStart: bigint;
  voteEnd: bigint;
  blockNumber: bigint;
};

/** A proposal's calls and description from its ProposalCreated log; null when the DAO has no such proposal. */
export async function findProposalRecord(
  client: DrexReadClient,
  dao: Address,
  proposalId: bigint,
  fromBlock = 0n,
): Promise<ProposalRecord | null> {
  // proposalId is not an indexed topic in OpenZeppelin 5's ProposalCreated, so the DAO's proposals are scanned.
  const events = await getContractEvents(client, {
    address: dao,
    abi: TechnicalDAOAbi,
    eventName: "ProposalCreated",
    fromBlock,
    strict: true,
  });
  const event = events.find((e) => e.args.proposalId === proposalId);
  if (event === undefined) return null;
  return {
    proposalId,
    proposer: event.args.proposer,
    targets: event.args.targets,
    values: event.args.values,
    calldatas: event.args.calldatas,
    description: event.args.description,
    voteStart: event.args.voteStart,
    voteEnd: event.args.voteEnd,
    blockNumber: event.blockNumber,
  };
}

export type SubmitProposalReturnType = WriteResult & ProposalCalls & { proposalId: bigint };

/**
 * Sends `propose` with one call and returns the new proposal's id, read from its ProposalCreated event. The
 * description is used as given; without one, the call's default made unique (uniqueDescription).
 */
export async function submitProposal(
  client: DrexWalletClient,
  dao: Address,
  call: { target: Address; calldata: Hex; defaultDescription: string },
  givenDescription: string | undefined,
): Promise<SubmitProposalReturnType> {
  const targets = [call.target];
  const values = [0n];
  const calldatas = [call.calldata];
  const description =
    givenDescription ?? (await uniqueDescription(client, dao, { targets, values, calldatas }, call.defaultDescription));
  const result = await simulateAndWrite(client, {
    address: dao,
    abi: TechnicalDAOAbi,
    functionName: "propose",
    args: [targets, values, calldatas, description],
  });
  const event = eventFrom(result.receipt.logs, dao, TechnicalDAOAbi, "ProposalCreated");
  return { ...result, proposalId: event.args.proposalId, targets, values, calldatas, description };
}
