// GET /api/v1/distribute/* into the Distribute screens' types. As in decode.ts, every amount and time arrives as a
// decimal string and becomes a bigint; an answer of the wrong shape fails loudly instead of showing wrong figures.
// Only the Capital and Projects screens import this, so it loads with them.
import {
  type AccountStake,
  type Capital,
  type CapitalQuote,
  type DistributeAccount,
  type DistributeOverview,
  LOCK_STATUSES,
  POLL_PHASES,
  type Poll,
  PROJECT_STATES,
  type Project,
  type ProjectDetail,
  type ProjectEvent,
  type ProjectStaker,
  TASK_STATUSES,
  type Task,
  type TaskList,
  type TaskSpec,
  type Validation,
  type VoteLock,
} from "./distributeTypes.ts";
import {
  addr,
  addrOrNull,
  big,
  bigOrNull,
  bool,
  boolOrNull,
  type Json,
  list,
  num,
  numOrNull,
  obj,
  oneOf,
  str,
  strOrNull,
  textRecord,
} from "./jsonFields.ts";

function decodeCapital(value: unknown): Capital {
  const o = obj(value, "capital");
  return {
    supplyTokens: big(o, "supply"),
    poolWei: big(o, "poolWei"),
    balancePerTokenWei: big(o, "balancePerTokenWei"),
    pricePerTokenWei: big(o, "pricePerTokenWei"),
    floorPriceWeiPerToken: big(o, "floorPriceWeiPerToken"),
    holderCount: num(o, "holderCount"),
  };
}

export function decodeOverview(value: unknown): DistributeOverview {
  const o = obj(value, "distribute");
  const a = obj(o.addresses, "addresses");
  const p = obj(o.periods, "periods");
  const r = obj(o.reputation, "reputation");
  const c = obj(o.projectCounts, "projectCounts");
  return {
    addresses: {
      capitalToken: addr(a, "capitalToken"),
      reputation: addr(a, "reputation"),
      voting: addr(a, "voting"),
      projects: addr(a, "projects"),
      tasks: addr(a, "tasks"),
      currency: addr(a, "currency"),
    },
    registrar: addrOrNull(a, "registrar") ?? addrOrNull(r, "registrar"),
    chainNow: big(o, "chainNow"),
    periods: {
      taskListSeconds: big(p, "taskListSeconds"),
      activeSeconds: big(p, "activeSeconds"),
      validationSeconds: big(p, "validationSeconds"),
      commitSeconds: big(p, "commitSeconds"),
      revealSeconds: big(p, "revealSeconds"),
    },
    capital: decodeCapital(o.capital),
    reputation: {
      supply: big(r, "supply"),
      registeredCount: num(r, "registeredCount"),
      initialReputation: big(r, "initialReputation"),
    },
    projectCounts: Object.fromEntries(PROJECT_STATES.map((s) => [s, num(c, s)])) as Record<
      (typeof PROJECT_STATES)[number],
      number
    >,
    pollCount: num(o, "pollCount"),
  };
}

export function decodeQuote(value: unknown): CapitalQuote {
  const o = obj(value, "quote");
  return {
    side: oneOf(o, "side", ["buy", "sell"] as const),
    tokens: big(o, "tokens"),
    costWei: bigOrNull(o, "costWei"),
    refundWei: bigOrNull(o, "refundWei"),
    averagePriceWeiPerToken: big(o, "averagePriceWeiPerToken"),
    capital: decodeCapital(o.capital),
  };
}

function decodeStake(value: unknown): AccountStake {
  const o = obj(value, "stake");
  return {
    projectId: big(o, "projectId"),
    projectState: oneOf(o, "projectState", PROJECT_STATES),
    tokens: big(o, "tokens"),
    reputation: big(o, "reputation"),
    backedListId: numOrNull(o, "backedListId"),
    withdrawn: bool(o, "withdrawn"),
    rewardWei: bigOrNull(o, "rewardWei"),
  };
}

function decodeLock(value: unknown): VoteLock {
  const o = obj(value, "lock");
  return {
    pollId: big(o, "pollId"),
    phase: oneOf(o, "phase", POLL_PHASES),
    tokens: big(o, "tokens"),
    reputation: big(o, "reputation"),
    status: oneOf(o, "status", LOCK_STATUSES),
    approve: boolOrNull(o, "approve"),
  };
}

export function decodeAccount(value: unknown): DistributeAccount {
  const o = obj(value, "account");
  const v = obj(o.voting, "voting");
  return {
    address: addr(o, "address"),
    currencyWei: big(o, "currencyWei"),
    capitalTokens: big(o, "capitalTokens"),
    reputation: big(o, "reputation"),
    registered: bool(o, "registered"),
    stakes: list(o.stakes ?? [], decodeStake, "stakes"),
    voting: {
      depositedTokens: big(v, "depositedTokens"),
      depositedReputation: big(v, "depositedReputation"),
      lockedTokens: big(v, "lockedTokens"),
      lockedReputation: big(v, "lockedReputation"),
      withdrawableTokens: big(v, "withdrawableTokens"),
      withdrawableReputation: big(v, "withdrawableReputation"),
      openPollIds: list(v.openPollIds ?? [], (id) => big({ id }, "id"), "openPollIds"),
      locks: list(v.locks ?? [], decodeLock, "locks"),
    },
  };
}

export function decodeProject(value: unknown): Project {
  const o = obj(value, "project");
  return {
    projectId: big(o, "projectId"),
    proposer: addr(o, "proposer"),
    state: oneOf(o, "state", PROJECT_STATES),
    due: bool(o, "due"),
    costWei: big(o, "costWei"),
    stakingDeadline: big(o, "stakingDeadline"),
    taskListDeadline: bigOrNull(o, "taskListDeadline"),
    claimDeadline: bigOrNull(o, "claimDeadline"),
    tokenBar: big(o, "tokenBar"),
    reputationBar: big(o, "reputationBar"),
    tokensStaked: big(o, "tokensStaked"),
    reputationStaked: big(o, "reputationStaked"),
    tokenProgressBps: num(o, "tokenProgressBps"),
    reputationProgressBps: num(o, "reputationProgressBps"),
    collateral: big(o, "collateral"),
    collateralInReputation: bool(o, "collateralInReputation"),
    poolWeiAtProposal: big(o, "poolWeiAtProposal"),
    proposerRewardWei: bigOrNull(o, "proposerRewardWei"),
    reservedWei: bigOrNull(o, "reservedWei"),
    paidWei: big(o, "paidWei"),
    returnedToPoolWei: bigOrNull(o, "returnedToPoolWei"),
    completedBps: num(o, "completedBps"),
    taskCount: num(o, "taskCount"),
    settledTasks: num(o, "settledTasks"),
    listCount: num(o, "listCount"),
    winningListId: numOrNull(o, "winningListId"),
    stakerCount: num(o, "stakerCount"),
    proposedAt: big(o, "proposedAt"),
  };
}

export function decodeProjectList(value: unknown): Project[] {
  return list(obj(value, "projects").projects, decodeProject, "projects");
}

function decodeTaskSpec(o: Json): TaskSpec {
  return {
    descriptionHash: str(o, "descriptionHash"),
    description: strOrNull(o, "description"),
    weightingBps: num(o, "weightingBps"),
    durationSeconds: big(o, "durationSeconds"),
  };
}

function decodeTaskList(value: unknown): TaskList {
  const o = obj(value, "task list");
  return {
    listId: num(o, "listId"),
    submitter: addr(o, "submitter"),
    proposedAt: big(o, "proposedAt"),
    backingTokens: big(o, "backingTokens"),
    backingReputation: big(o, "backingReputation"),
    backingBps: num(o, "backingBps"),
    winning: bool(o, "winning"),
    tasks: list(o.tasks, (t) => decodeTaskSpec(obj(t, "task")), "tasks"),
  };
}

function decodeValidation(value: unknown): Validation {
  const o = obj(value, "validation");
  return {
    slot: num(o, "slot"),
    validator: addr(o, "validator"),
    stake: big(o, "stake"),
    paidStake: bigOrNull(o, "paidStake"),
    rewardTokens: bigOrNull(o, "rewardTokens"),
    forfeited: o.forfeited === true,
  };
}

export function decodeTask(value: unknown): Task {
  const o = obj(value, "task");
  return {
    ...decodeTaskSpec(o),
    projectId: big(o, "projectId"),
    taskIndex: num(o, "taskIndex"),
    status: oneOf(o, "status", TASK_STATUSES),
    due: bool(o, "due"),
    requisiteReputation: big(o, "requisiteReputation"),
    claimer: addrOrNull(o, "claimer"),
    deadline: bigOrNull(o, "deadline"),
    evidence: strOrNull(o, "evidence"),
    evidenceHash: strOrNull(o, "evidenceHash"),
    validationEnd: bigOrNull(o, "validationEnd"),
    approvals: list(o.approvals ?? [], decodeValidation, "approvals"),
    rejections: list(o.rejections ?? [], decodeValidation, "rejections"),
    pollId: bigOrNull(o, "pollId"),
    paidWei: bigOrNull(o, "paidWei"),
    reputationMinted: bigOrNull(o, "reputationMinted"),
  };
}

function decodeStaker(value: unknown): ProjectStaker {
  const o = obj(value, "staker");
  return {
    staker: addr(o, "staker"),
    tokens: big(o, "tokens"),
    reputation: big(o, "reputation"),
    backedListId: numOrNull(o, "backedListId"),
    withdrawn: bool(o, "withdrawn"),
    rewardWei: bigOrNull(o, "rewardWei"),
  };
}

export function decodeProjectDetail(value: unknown): ProjectDetail {
  const o = obj(value, "project");
  return {
    ...decodeProject(o),
    stakers: list(o.stakers ?? [], decodeStaker, "stakers"),
    taskLists: list(o.taskLists ?? [], decodeTaskList, "taskLists"),
    tasks: list(o.tasks ?? [], decodeTask, "tasks"),
  };
}

export function decodeProjectHistory(value: unknown): ProjectEvent[] {
  return list(
    obj(value, "history").events,
    (e) => {
      const o = obj(e, "event");
      return {
        id: str(o, "id"),
        kind: str(o, "kind"),
        blockNumber: big(o, "blockNumber"),
        timestamp: big(o, "timestamp"),
        actor: addrOrNull(o, "actor"),
        taskIndex: numOrNull(o, "taskIndex"),
        details: textRecord(o.details, "details"),
      };
    },
    "events",
  );
}

function tally(value: unknown, what: string) {
  const o = obj(value, what);
  return { tokens: big(o, "tokens"), reputation: big(o, "reputation") };
}

export function decodePoll(value: unknown): Poll {
  const o = obj(value, "poll");
  return {
    pollId: big(o, "pollId"),
    projectId: bigOrNull(o, "projectId"),
    taskIndex: numOrNull(o, "taskIndex"),
    commitEnd: big(o, "commitEnd"),
    revealEnd: big(o, "revealEnd"),
    phase: oneOf(o, "phase", POLL_PHASES),
    startedAt: big(o, "startedAt"),
    approvals: tally(o.approvals, "approvals"),
    rejections: tally(o.rejections, "rejections"),
    commitCount: num(o, "commitCount"),
    revealCount: num(o, "revealCount"),
    approved: boolOrNull(o, "approved"),
  };
}
