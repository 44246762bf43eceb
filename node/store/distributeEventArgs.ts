// The Distribute events the index follows, by contract, and how their decoded arguments are kept: JSON with every
// bigint as its decimal string, turned back into bigint by the ABI on the way out.
import type { AbiEvent, AbiParameter } from "viem";
import { CapitalTokenAbi } from "../../sdk/abi/CapitalToken.ts";
import { DistributeProjectsAbi } from "../../sdk/abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../../sdk/abi/DistributeTasks.ts";
import { DistributeVotingAbi } from "../../sdk/abi/DistributeVoting.ts";
import { ReputationAbi } from "../../sdk/abi/Reputation.ts";
import { DISTRIBUTE_EVENTS } from "./distributeTables.ts";
import type { DistributeContractKind, DistributeEventRow } from "./distributeViews.ts";
import { encodeArgs, UnknownEventError } from "./eventArgs.ts";
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
  return (abi as { type: string; name?: string }[]).filter(
    (item) => item.type === "event" && events.includes(item.name ?? ""),
  ) as AbiEvent[];
}

// viem decodes integers wider than 48 bits to bigint and narrower ones to number; JSON keeps numbers as they are.
const isBigIntType = (type: string): boolean => {
  const match = /^u?int(\d*)$/.exec(type);
  return match !== null && (match[1] === "" || Number(match[1]) > 48);
};

const bigIntArgs = new Map<string, AbiParameter[]>();
for (const contract of DISTRIBUTE_KINDS) {
  for (const event of distributeEventsOf(contract)) {
    bigIntArgs.set(
      `${contract}.${event.name}`,
      event.inputs.filter((input) => isBigIntType(input.type)),
    );
  }
}

export function decodeDistributeArgs(contract: DistributeContractKind, eventName: string, json: string) {
  const inputs = bigIntArgs.get(`${contract}.${eventName}`);
  if (inputs === undefined) throw new UnknownEventError(contract, eventName);
  const args = JSON.parse(json) as Record<string, unknown>;
  for (const input of inputs) {
    const name = input.name ?? "";
    const value = args[name];
    if (typeof value === "string") args[name] = BigInt(value);
  }
  return args;
}

/** A Distribute event as the distribute_events table holds it: args as JSON. */
export function distributeEventRecord(row: DistributeEventRow): Record<string, unknown> {
  return { ...row, args: encodeArgs(row.args) };
}

/** A row of the distribute_events table as the reducer replays it. */
export function distributeEventFromRow(raw: Record<string, unknown>): DistributeEventRow {
  const row = decodeRow<DistributeEventRow & { args: string }>(DISTRIBUTE_EVENTS, raw);
  return { ...row, args: decodeDistributeArgs(row.contract, row.eventName, row.args) };
}
