// The Distribute Protocol's index tables (DS1–DS8), described as tables.ts describes the D-REX ones.
import { table } from "./tables.ts";

export const DISTRIBUTE_EVENTS = table(
  "distribute_events",
  {
    id: "int64",
    blockNumber: "int64",
    logIndex: "int",
    timestamp: "int64",
    transactionHash: "text",
    contract: "text",
    address: "text",
    eventName: "text",
    args: "text",
  },
  ["id"],
);

export const DISTRIBUTE_TOTALS = table(
  "distribute_totals",
  { id: "int", capitalSupply: "amount", poolWei: "amount", reputationSupply: "amount", registeredCount: "int64" },
  ["id"],
);

export const DISTRIBUTE_BALANCES = table(
  "distribute_balances",
  { kind: "text", account: "text", balance: "amount" },
  ["kind", "account"],
  [["account"]],
);

export const REPUTATION_ACCOUNTS = table(
  "reputation_accounts",
  { account: "text", identityHash: "text", registeredAt: "int64" },
  ["account"],
);

export const CAPITAL_EVENTS = table(
  "capital_events",
  {
    id: "int64",
    kind: "text",
    account: "text",
    tokens: "amount?",
    amountWei: "amount",
    poolWei: "amount",
    supply: "amount?",
    timestamp: "int64",
    transactionHash: "text",
  },
  ["id"],
);

export const PROJECTS = table(
  "distribute_projects",
  {
    projectId: "int64",
    proposer: "text",
    state: "text",
    costWei: "amount",
    stakingDeadline: "int64",
    taskListDeadline: "int64?",
    claimDeadline: "int64?",
    tokenBar: "amount",
    reputationBar: "amount",
    tokensStaked: "amount",
    reputationStaked: "amount",
    collateral: "amount",
    collateralInReputation: "bool",
    poolWeiAtProposal: "amount",
    tokenSupplyAtProposal: "amount",
    reputationSupplyAtProposal: "amount",
    stakerRewardWei: "amount",
    proposerRewardWei: "amount?",
    reservedWei: "amount?",
    paidWei: "amount",
    returnedToPoolWei: "amount?",
    completedBps: "int",
    taskCount: "int",
    settledTasks: "int",
    listCount: "int",
    winningListId: "int?",
    stakerCount: "int",
    proposedAt: "int64",
    updatedAt: "int64",
  },
  ["projectId"],
  [["state"], ["proposer"]],
);

export const STAKES = table(
  "distribute_stakes",
  {
    projectId: "int64",
    staker: "text",
    tokens: "amount",
    reputation: "amount",
    backedListId: "int?",
    withdrawn: "bool",
    rewardWei: "amount?",
  },
  ["projectId", "staker"],
  [["staker"]],
);

export const TASK_LISTS = table(
  "distribute_task_lists",
  {
    projectId: "int64",
    listId: "int",
    submitter: "text",
    tasks: "text",
    backingTokens: "amount",
    backingReputation: "amount",
    proposedAt: "int64",
  },
  ["projectId", "listId"],
);

export const TASKS = table(
  "distribute_tasks",
  {
    projectId: "int64",
    taskIndex: "int",
    descriptionHash: "text",
    weightingBps: "int",
    durationSeconds: "int",
    status: "text",
    claimer: "text?",
    claimedAt: "int64?",
    deadline: "int64?",
    reputationPosted: "amount?",
    evidenceHash: "text?",
    submittedAt: "int64?",
    validationEnd: "int64?",
    pollId: "int64?",
    approvers: "int",
    rejecters: "int",
    paidWei: "amount?",
    reputationMinted: "amount?",
    resolvedAt: "int64?",
  },
  ["projectId", "taskIndex"],
  [["claimer"]],
);

export const VALIDATIONS = table(
  "distribute_validations",
  {
    projectId: "int64",
    taskIndex: "int",
    approve: "bool",
    slot: "int",
    validator: "text",
    stake: "amount",
    paidStake: "amount?",
    rewardTokens: "amount?",
    forfeited: "bool",
  },
  ["projectId", "taskIndex", "approve", "slot"],
  [["validator"]],
);

export const POLLS = table(
  "distribute_polls",
  {
    pollId: "int64",
    projectId: "int64?",
    taskIndex: "int?",
    commitEnd: "int64",
    revealEnd: "int64",
    startedAt: "int64",
    approvalTokens: "amount",
    approvalReputation: "amount",
    rejectionTokens: "amount",
    rejectionReputation: "amount",
    commitCount: "int",
    revealCount: "int",
  },
  ["pollId"],
);

export const VOTE_LOCKS = table(
  "distribute_vote_locks",
  { pollId: "int64", voter: "text", tokens: "amount", reputation: "amount", status: "text", approve: "bool?" },
  ["pollId", "voter"],
  [["voter"]],
);

export const VOTERS = table(
  "distribute_voters",
  { voter: "text", depositedTokens: "amount", depositedReputation: "amount" },
  ["voter"],
);

export const PROJECT_EVENTS = table(
  "distribute_project_events",
  {
    id: "int64",
    projectId: "int64",
    kind: "text",
    taskIndex: "int?",
    actor: "text?",
    blockNumber: "int64",
    timestamp: "int64",
    transactionHash: "text",
    details: "text",
  },
  ["id"],
  [["projectId"]],
);

/** The distribute projection tables, by the field of DistributeRows that carries their rows. */
export const DISTRIBUTE_TABLES = {
  totals: DISTRIBUTE_TOTALS,
  balances: DISTRIBUTE_BALANCES,
  reputationAccounts: REPUTATION_ACCOUNTS,
  capitalEvents: CAPITAL_EVENTS,
  projects: PROJECTS,
  stakes: STAKES,
  taskLists: TASK_LISTS,
  tasks: TASKS,
  validations: VALIDATIONS,
  polls: POLLS,
  voteLocks: VOTE_LOCKS,
  voters: VOTERS,
  projectEvents: PROJECT_EVENTS,
} as const;

export const ALL_DISTRIBUTE_TABLES = [DISTRIBUTE_EVENTS, ...Object.values(DISTRIBUTE_TABLES)];
