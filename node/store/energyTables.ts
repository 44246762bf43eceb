// The measured-energy index's tables (MX1–MX9), described as tables.ts describes the D-REX ones.
import { ALL_DISTRIBUTE_TABLES } from "./distributeTables.ts";
import { ALL_TABLES, table } from "./tables.ts";

export const ENERGY_EVENTS = table(
  "energy_events",
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

export const DEVICES = table(
  "devices",
  {
    deviceId: "int64",
    operator: "text",
    key: "text",
    keys: "text",
    kind: "text",
    status: "text",
    ratedPowerW: "amount",
    maxLossBps: "int",
    location: "text",
    poolData: "text",
    hardwareStatus: "text",
    appliedAt: "int64",
    updatedAt: "int64",
    statusReason: "text?",
  },
  ["deviceId"],
  [["operator"], ["status"]],
);

export const DEVICE_EVENTS = table(
  "device_events",
  {
    id: "int64",
    deviceId: "int64",
    kind: "text",
    blockNumber: "int64",
    timestamp: "int64",
    transactionHash: "text",
    by: "text?",
    details: "text",
  },
  ["id"],
  [["deviceId"]],
);

export const MEMBERS = table("dao_members", { member: "text", active: "bool", addedAt: "int64", removedAt: "int64?" }, [
  "member",
]);

export const DAO_CHECKPOINTS = table(
  "dao_checkpoints",
  { id: "int64", kind: "text", timestamp: "int64", value: "int64" },
  ["id", "kind"],
  [["kind", "timestamp"]],
);

export const PROPOSALS = table(
  "proposals",
  {
    proposalId: "amount",
    proposer: "text",
    description: "text",
    descriptionHash: "text",
    targets: "text",
    values: "text",
    calldatas: "text",
    voteStart: "int64",
    voteEnd: "int64",
    forVotes: "amount",
    againstVotes: "amount",
    abstainVotes: "amount",
    executed: "bool",
    canceled: "bool",
    createdAt: "int64",
    blockNumber: "int64",
    transactionHash: "text",
    subjectKind: "text?",
    subjectId: "int64?",
  },
  ["proposalId"],
  [["blockNumber"], ["subjectKind", "subjectId"]],
);

export const VOTES = table(
  "proposal_votes",
  {
    id: "int64",
    proposalId: "amount",
    voter: "text",
    support: "text",
    weight: "amount",
    reason: "text",
    timestamp: "int64",
    transactionHash: "text",
  },
  ["proposalId", "voter"],
  [["voter"]],
);

export const PAYMENTS = table(
  "energy_payments",
  {
    requestId: "int64",
    deviceId: "int64",
    operator: "text",
    period: "int",
    firstRootPeriodId: "amount",
    lastRootPeriodId: "amount",
    sentWh: "amount",
    readingCount: "int64",
    gaps: "int64",
    uptimeBps: "int",
    lossWh: "amount",
    status: "text",
    refusalReason: "text?",
    requestedAt: "int64",
    decidedAt: "int64?",
    energyWei: "amount?",
    operatorRewardWei: "amount?",
    poolRewardWei: "amount?",
    vaultRewardWei: "amount?",
    transactionHash: "text",
  },
  ["requestId"],
  [["deviceId"], ["status"]],
);

export const LEDGERS = table(
  "device_ledgers",
  {
    deviceId: "int64",
    lastPaidPeriod: "int",
    nextRootPeriodId: "amount",
    paidWh: "amount",
    approvedCount: "int64",
    requestCount: "int64",
  },
  ["deviceId"],
);

export const REWARD_PARAMETERS = table(
  "reward_parameters",
  { id: "int", rewardWeiPerWh: "amount", poolBps: "int", vaultBps: "int", poolRecipient: "text", vault: "text" },
  ["id"],
);

export const READING_ROOTS = table(
  "reading_roots",
  {
    periodId: "amount",
    root: "text",
    readingCount: "int64",
    committer: "text",
    committedAt: "int64",
    transactionHash: "text",
  },
  ["periodId"],
);

export const STORE_REQUESTS = table(
  "storage_stores",
  {
    storeId: "int64",
    nodeId: "int64",
    depositorId: "int64",
    sentWh: "amount",
    receivedWh: "amount?",
    lossWh: "amount?",
    flagged: "bool",
    status: "text",
    requestedAt: "int64",
    confirmedAt: "int64?",
  },
  ["storeId"],
  [["nodeId"], ["depositorId"]],
);

export const TAKE_OUTS = table(
  "storage_take_outs",
  {
    takeOutId: "int64",
    nodeId: "int64",
    depositorId: "int64",
    requestedWh: "amount",
    deliveredWh: "amount?",
    status: "text",
    requestedAt: "int64",
    completedAt: "int64?",
  },
  ["takeOutId"],
  [["nodeId"]],
);

export const STORAGE_HOLDINGS = table(
  "storage_holdings",
  { nodeId: "int64", depositorId: "int64", storedWh: "amount", pendingTakeOutWh: "amount" },
  ["nodeId", "depositorId"],
);

export const POOLS = table(
  "pools",
  {
    address: "text",
    token0: "text",
    token1: "text",
    poolIndex: "int64",
    createdAt: "int64",
    reserve0: "amount",
    reserve1: "amount",
    totalShares: "amount",
    swapCount: "int64",
    volume0: "amount",
    volume1: "amount",
  },
  ["address"],
);

export const SWAPS = table(
  "pool_swaps",
  {
    id: "int64",
    pool: "text",
    sender: "text",
    tokenIn: "text",
    to: "text",
    amountIn: "amount",
    amountOut: "amount",
    reserve0: "amount",
    reserve1: "amount",
    timestamp: "int64",
    transactionHash: "text",
  },
  ["id"],
  [["pool"]],
);

export const TOKEN_BALANCES = table(
  "token_balances",
  { token: "text", account: "text", balanceWei: "amount" },
  ["token", "account"],
  [["account"]],
);

/** The energy projection tables, by the field of EnergyRows that carries their rows. */
export const ENERGY_TABLES = {
  devices: DEVICES,
  deviceEvents: DEVICE_EVENTS,
  members: MEMBERS,
  daoCheckpoints: DAO_CHECKPOINTS,
  proposals: PROPOSALS,
  votes: VOTES,
  payments: PAYMENTS,
  ledgers: LEDGERS,
  rewardParameters: REWARD_PARAMETERS,
  readingRoots: READING_ROOTS,
  storeRequests: STORE_REQUESTS,
  takeOuts: TAKE_OUTS,
  storageHoldings: STORAGE_HOLDINGS,
  pools: POOLS,
  swaps: SWAPS,
  tokenBalances: TOKEN_BALANCES,
} as const;

export const ALL_ENERGY_TABLES = [ENERGY_EVENTS, ...Object.values(ENERGY_TABLES)];

/** Every table of the index, D-REX, energy and Distribute: what a migration creates and a dump lists. */
export const INDEX_TABLES = [...ALL_TABLES, ...ALL_ENERGY_TABLES, ...ALL_DISTRIBUTE_TABLES];
