// Plain English for every custom error of the Distribute Protocol (DS1–DS8) and the OpenZeppelin access control it
// uses, merged into the SDK's `revertSentences`. Capital tokens and reputation have 18 decimals; the pool currency is
// the Solar Token in a D-REX node.
//
// Errors are looked up by name, and a few names are shared with other contracts under other arguments
// (NothingToWithdraw, LengthMismatch, NothingDue): those sentences read whichever arguments the error carries.
import { formatEther, keccak256, stringToHex } from "viem";
import { formatSolar } from "../format.ts";

type Args = Record<string, unknown>;

const big = (value: unknown): bigint => (typeof value === "bigint" ? value : BigInt(value as number));
const num = (value: unknown): string => big(value).toLocaleString("en-US");
const short = (value: unknown): string => {
  const address = String(value);
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
};
const date = (value: unknown): string => new Date(Number(big(value)) * 1000).toISOString().replace(".000Z", "Z");
const tokens = (value: unknown): string => `${formatEther(big(value))} capital tokens`;
const reputation = (value: unknown): string => `${formatEther(big(value))} reputation`;
const currency = (value: unknown): string => formatSolar(big(value));
const PROJECT_STATE = ["not there", "proposed", "staked", "active", "complete", "failed", "expired"];
const TASK_STATUS = ["open", "claimed", "being validated", "being voted on", "validated", "failed"];
const LOCK_STATUS = ["none", "committed", "revealed", "released"];
const named = (names: readonly string[], value: unknown) => names[Number(value)] ?? `#${value}`;
const ROLE_NAMES: Record<string, string> = Object.fromEntries([
  [`0x${"0".repeat(64)}`, "admin"],
  ...["SPENDER_ROLE", "REGISTRAR_ROLE", "PROTOCOL_ROLE", "POLL_CREATOR_ROLE", "TASK_REGISTRY_ROLE"].map((role) => [
    keccak256(stringToHex(role)),
    role.replace("_ROLE", "").toLowerCase().replace("_", " "),
  ]),
]);
const role = (value: unknown): string => ROLE_NAMES[String(value).toLowerCase()] ?? String(value).slice(0, 10);

export const distributeRevertSentences: Record<string, (a: Args) => string> = {
  // Capital tokens and the pool (DS1)
  CostAboveMaximum: (a) =>
    `The purchase would cost ${currency(a.costWei)}, more than the ${currency(a.maxCostWei)} you allowed: the price moved; quote again.`,
  RefundBelowMinimum: (a) =>
    `The sale would pay ${currency(a.refundWei)}, less than the ${currency(a.minRefundWei)} you asked for at least.`,
  SupplyCapExceeded: (a) =>
    `That would take the supply to ${formatEther(big(a.supply))}, past its cap of ${formatEther(big(a.cap))}.`,
  InsufficientPool: (a) =>
    `The pool holds ${currency(a.poolWei)}, less than the ${currency(a.requestedWei)} it would have to pay out.`,
  InvalidConfiguration: () => "The contract's configuration has a zero address or a zero period or price.",

  // Reputation (DS2)
  ReputationNotTransferable: () => "Reputation cannot be transferred or approved: it belongs to whoever earned it.",
  IdentityAlreadyRegistered: (a) =>
    `That identity is registered already, to ${short(a.account)}: one identity has one account.`,
  AccountAlreadyRegistered: (a) => `${short(a.account)} is registered already: one account has one identity.`,
  InvalidRegistration: () => "A registration needs an account and an identity, neither of them zero.",
  NotRegistered: (a) => `${short(a.account)} has not registered with an identity, so it has no reputation to use.`,
  InsufficientReputation: (a) =>
    `${short(a.account)} holds ${reputation(a.balance)}, less than the ${reputation(a.needed)} needed.`,

  // Projects (DS3, DS4, DS8)
  ZeroCost: () => "A project's cost must be more than 0.",
  CostExceedsPool: (a) =>
    `A cost of ${currency(a.costWei)} plus the rewards (${currency(a.reserveWei)} in all) is more than the pool's ${currency(a.poolWei)}.`,
  InvalidDeadline: (a) => `A staking deadline of ${date(a.deadline)} is not after now (${date(a.timestamp)}).`,
  ZeroCollateral: () => "The collateral would be zero: nothing of that kind exists yet to post it in.",
  UnknownProject: (a) => `There is no project #${a.projectId}.`,
  WrongState: (a) =>
    `Project #${a.projectId} is ${named(PROJECT_STATE, a.state)}, but this needs it to be ${named(PROJECT_STATE, a.expected)}.`,
  DeadlinePassed: (a) =>
    `Project #${a.projectId}'s deadline, ${date(a.deadline)}, has passed (it is ${date(a.timestamp)}).`,
  BarAlreadyMet: (a) => `Project #${a.projectId} has all the stake of that kind it needs already.`,
  InsufficientStake: (a) =>
    `${short(a.account)} has ${formatEther(big(a.staked))} staked in project #${a.projectId}, less than the ${formatEther(big(a.requested))} asked for.`,
  NotStaker: (a) => `${short(a.account)} has no stake in project #${a.projectId}; only its stakers can do that.`,
  TooManyTaskLists: (a) => `Project #${a.projectId} has the most task lists allowed (${num(a.max)}) already.`,
  InvalidTaskCount: (a) => `A task list has ${num(a.count)} tasks; it needs from 1 to ${num(a.max)}.`,
  InvalidTask: (a) => `Task ${a.index} of the list needs a weighting and a time allowance above zero.`,
  WeightingsDoNotSum: (a) => `The weightings add up to ${num(a.totalBps)} basis points, not 10,000 (100%).`,
  UnknownTaskList: (a) => `Project #${a.projectId} has no task list #${a.listId}.`,
  UnknownTask: (a) => `Project #${a.projectId} has no task #${a.taskIndex}.`,
  NothingDue: (a) =>
    a.taskIndex === undefined
      ? `Nothing is due for project #${a.projectId} yet (it is ${named(PROJECT_STATE, a.state)}).`
      : `Nothing is due for task #${a.taskIndex} of project #${a.projectId} yet (it is ${named(TASK_STATUS, a.status)}).`,
  StakeForfeited: (a) => `Project #${a.projectId} failed: its stakes were burned, so there is nothing to withdraw.`,
  NothingToWithdraw: (a) =>
    a.projectId === undefined
      ? "There is nothing to withdraw."
      : `${short(a.account)} has nothing to withdraw from project #${a.projectId}.`,
  TaskAlreadySettled: (a) => `Task #${a.taskIndex} of project #${a.projectId} is settled already.`,

  // Tasks and validation (DS5, DS6)
  WrongTaskStatus: (a) =>
    `Task #${a.taskIndex} of project #${a.projectId} is ${named(TASK_STATUS, a.status)}, which does not allow this.`,
  ClaimPeriodOver: (a) =>
    `Project #${a.projectId}'s tasks could be claimed until ${date(a.claimDeadline)}; that is past.`,
  TaskDeadlinePassed: (a) =>
    `Task #${a.taskIndex} of project #${a.projectId} was due by ${date(a.deadline)}; that is past.`,
  NotClaimer: (a) =>
    `Only the claimer of task #${a.taskIndex} of project #${a.projectId} (${short(a.claimer)}) can do that, not ${short(a.account)}.`,
  ClaimerCannotValidate: (a) =>
    `${short(a.claimer)} claimed task #${a.taskIndex} of project #${a.projectId} and cannot validate it.`,
  AlreadyValidated: (a) =>
    `${short(a.validator)} has validated task #${a.taskIndex} of project #${a.projectId} already: one stake per task.`,
  NoSlotLeft: (a) =>
    `All five ${a.approve ? "approving" : "rejecting"} slots of task #${a.taskIndex} of project #${a.projectId} are taken.`,
  InvalidStake: (a) =>
    big(a.amount) === 0n
      ? "A validation stake must be more than 0."
      : `A validation stake of ${tokens(a.amount)} is too large.`,

  // Voting (DS7)
  UnknownPoll: (a) => `There is no poll #${a.pollId}.`,
  CommitPeriodOver: (a) => `Poll #${a.pollId} took votes until ${date(a.commitEnd)}; that is past.`,
  NotRevealPeriod: (a) =>
    `Poll #${a.pollId}'s votes can be revealed after ${date(a.commitEnd)} until ${date(a.revealEnd)}, not at ${date(a.timestamp)}.`,
  WeightAboveDeposit: (a) =>
    `A vote of ${tokens(a.tokens)} and ${reputation(a.reputation)} is more than the ${tokens(a.depositedTokens)} and ${reputation(a.depositedReputation)} deposited.`,
  NothingToReveal: (a) =>
    `${short(a.voter)} has no vote to reveal in poll #${a.pollId} (${named(LOCK_STATUS, a.status)}).`,
  SecretMismatch: (a) =>
    `The choice and salt revealed for poll #${a.pollId} do not match ${short(a.voter)}'s committed vote.`,
  NotOpenCommit: (a) =>
    `${short(a.voter)} has no open vote in poll #${a.pollId}, or it is listed twice or out of order.`,
  OpenCommitsMissing: (a) =>
    `The withdrawal names ${num(a.listed)} polls, but the voter has open votes in ${num(a.open)}: name them all.`,
  WithdrawalAboveUnlocked: (a) =>
    `Only ${tokens(a.unlockedTokens)} and ${reputation(a.unlockedReputation)} are free of live polls; ${tokens(a.tokens)} and ${reputation(a.reputation)} were asked for.`,
  PollNotEnded: (a) => `Poll #${a.pollId} runs until ${date(a.revealEnd)}; it has not ended.`,
  LengthMismatch: (a) =>
    a.names === undefined
      ? "The lists of a batch must be of the same length."
      : `${a.names} names were given for ${a.modules} modules.`,
  InvalidAmount: (a) => `${num(a.amount)} is not a usable amount or period here.`,

  // OpenZeppelin access control
  AccessControlUnauthorizedAccount: (a) => `${short(a.account)} does not hold the ${role(a.neededRole)} role.`,
  AccessControlBadConfirmation: () => "A role can be renounced only by its holder, for itself.",
};
