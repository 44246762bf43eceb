// The Distribute events the index follows, by contract, and how their decoded arguments are kept: JSON with every
// bigint as its decimal string, turned back into bigint by the ABI on the way out.
import type { AbiEvent } from "viem";
import { CapitalTokenAbi } from "../../sdk/abi/CapitalToken.ts";
import { DistributeProjectsAbi } from "../../sdk/abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../../sdk/abi/DistributeTasks.ts";
import { DistributeVotingAbi } from "../../sdk/abi/DistributeVoting.ts";
import { ReputationAbi } from "../../sdk/abi/Reputation.ts";
import { DISTRIBUTE_EVENTS } from "./distributeTables.ts";
import type { DistributeContractKind, DistributeEventRow } from "./distributeViews.ts";
import { abiEvents, argsDecoder, encodeArgs } from "./eventArgs.ts";
import { decodeRow } from "./tables.ts";

/** Per contract, its ABI and the events the distribute reducer reads; any other event of theirs is not kept. */
export const DISTRIBUTE_CONTRACTS: Record<
  DistributeContractKind,
  { abi: readonly unknown[]; events: readonly string[] }
> = {
  capitalToken: { abi: CapitalTokenAbi, events: ["Bought", "Sold", "PoolFunded", "PoolSpent", "Transfer"] },
  reputation: { abi: ReputationAbi, events: ["Registered", "Transfer"] },
  voting: {
    abi: DistributeVotingAbi,
    events: ["PollStarted", "Deposited", "Withdrawn", "VoteCommitted", "VoteRevealed", "LockReleased"],
  },
  projects: {
    abi: DistributeProjectsAbi,
    events: [
      "ProjectProposed",
      "Staked",
      "Unstaked",
      "ProjectStaked",
      "ProjectExpired",
      "TaskListProposed",
      "TaskListBacked",
      "ProjectActivated",
      "TaskSettled",
      "ProjectCompleted",
      "ProjectFailed",
      "StakeWithdrawn",
    ],
  },
  tasks: {
    abi: DistributeTasksAbi,
    events: [
      "TaskClaimed",
      "ClaimExpired",
      "TaskSubmitted",
      "TaskValidated",
      "TaskVoteStarted",
      "TaskResolved",
      "ValidatorPaid",
      "ValidatorsForfeited",
    ],
  },
};

export const DISTRIBUTE_KINDS = Object.keys(DISTRIBUTE_CONTRACTS) as DistributeContractKind[];

/** The ABI events of one Distribute contract that the index keeps. */
export function distributeEventsOf(contract: DistributeContractKind): AbiEvent[] {
  const { abi, events } = DISTRIBUTE_CONTRACTS[contract];
  return abiEvents(abi, events);
}

export const decodeDistributeArgs = argsDecoder(DISTRIBUTE_KINDS, distributeEventsOf);

/** A Distribute event as the distribute_events table holds it: args as JSON. */
export function distributeEventRecord(row: DistributeEventRow): Record<string, unknown> {
  return { ...row, args: encodeArgs(row.args) };
}

/** A row of the distribute_events table as the reducer replays it. */
export function distributeEventFromRow(raw: Record<string, unknown>): DistributeEventRow {
  const row = decodeRow<DistributeEventRow & { args: string }>(DISTRIBUTE_EVENTS, raw);
  return { ...row, args: decodeDistributeArgs(row.contract, row.eventName, row.args) };
}
