// What the energy screens show (MX1–MX9), as GET /api/v1/energy/* describes it: energies in watt-hours (…Wh), token
// amounts in base units (…Wei, 18 decimals), shares of time or loss in basis points (…Bps), times in unix seconds,
// readings periods as hour numbers (periodId = floor(unix seconds / 3600)); every one of them a bigint.
import type { Address } from "./types.ts";

export const DEVICE_KINDS = ["generator", "storageNode", "meter"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DEVICE_STATUSES = ["applied", "active", "suspended", "revoked", "rejected"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export type DeviceRow = {
  deviceId: bigint;
  operator: Address;
  key: Address;
  /** Every key the device has had, the current one included. */
  keys: Address[];
  kind: DeviceKind;
  status: DeviceStatus;
  ratedPowerW: bigint;
  maxLossBps: bigint;
  location: string;
  poolData: string;
  hardwareStatus: string;
  appliedAt: bigint;
  updatedAt: bigint;
  statusReason: string | null;
};

export const DEVICE_EVENT_KINDS = [
  "applied",
  "approved",
  "rejected",
  "suspended",
  "reinstated",
  "revoked",
  "attributesUpdated",
  "ratingsUpdated",
  "keyChanged",
] as const;
export type DeviceEventKind = (typeof DEVICE_EVENT_KINDS)[number];

export type DeviceEvent = {
  kind: DeviceEventKind;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: string;
  by: Address | null;
  details: Record<string, string>;
};

/** One device, one readings commit period (an hour). */
export type PeriodFigures = {
  periodId: bigint;
  readingCount: bigint;
  gaps: bigint;
  uptimeBps: bigint;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
  committed: boolean;
};

export type DeviceLedger = {
  /** YYYYMM; 0 until the first approval. */
  lastPaidPeriod: bigint;
  nextRootPeriodId: bigint;
  paidWh: bigint;
  approvedCount: bigint;
  requestCount: bigint;
};

export const INTEGRITY_CHECK_NAMES = [
  "readingCount",
  "gaps",
  "uptime",
  "loss",
  "hardwareStatus",
  "deviceActive",
  "rootsCommitted",
  "sentWh",
] as const;
export type IntegrityCheckName = (typeof INTEGRITY_CHECK_NAMES)[number];

export type IntegrityCheck = {
  name: IntegrityCheckName;
  claimed: string | null;
  measured: string;
  ok: boolean;
  note: string;
};

export const PAYMENT_STATUSES = ["pending", "approved", "refused"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type PaymentRow = {
  requestId: bigint;
  deviceId: bigint;
  operator: Address;
  /** YYYYMM. */
  period: bigint;
  firstRootPeriodId: bigint;
  lastRootPeriodId: bigint;
  sentWh: bigint;
  readingCount: bigint;
  gaps: bigint;
  uptimeBps: bigint;
  lossWh: bigint;
  status: PaymentStatus;
  refusalReason: string | null;
  requestedAt: bigint;
  energyWei: bigint | null;
  operatorRewardWei: bigint | null;
  poolRewardWei: bigint | null;
  vaultRewardWei: bigint | null;
  checks: IntegrityCheck[];
  checksPassed: boolean;
  /** Ids of the proposals about this request. */
  proposals: bigint[];
};

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
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const VOTE_SUPPORTS = ["for", "against", "abstain"] as const;
export type VoteSupport = (typeof VOTE_SUPPORTS)[number];

export type ProposalAction = {
  target: Address;
  contract: string;
  functionName: string | null;
  args: Record<string, string>;
};

export type ProposalSubject = { kind: "device"; deviceId: bigint } | { kind: "payment"; requestId: bigint } | null;

export type ProposalVote = { voter: Address; support: VoteSupport; weight: bigint; reason: string };

export type ProposalRow = {
  proposalId: bigint;
  proposer: Address;
  description: string;
  descriptionHash: string;
  actions: ProposalAction[];
  subject: ProposalSubject;
  /** Effective at the chain's time when read. */
  state: ProposalState;
  voteStart: bigint;
  voteEnd: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  createdAt: bigint;
  votes: ProposalVote[];
};

export type DeviceDetail = DeviceRow & {
  history: DeviceEvent[];
  /** The last 48 hours with readings, newest first. */
  periods: PeriodFigures[];
  ledger: DeviceLedger;
  payments: PaymentRow[];
  proposals: ProposalRow[];
};

/** What an operator's payment claim for a month should say, by the node's readings. */
export type MonthIntegrity = {
  deviceId: bigint;
  month: bigint;
  fromPeriodId: bigint;
  toPeriodId: bigint;
  firstRootPeriodId: bigint | null;
  lastRootPeriodId: bigint | null;
  readingCount: bigint;
  gaps: bigint;
  uptimeBps: bigint;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
  uncommittedReadings: bigint;
  lossWh: bigint;
};

export type TimeseriesPoint = {
  periodId: bigint;
  periodStart: bigint;
  readingCount: bigint;
  /** Null where the node sums several devices and gives no uptime. */
  uptimeBps: bigint | null;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
};

export type RewardParameters = {
  rewardWeiPerWh: bigint;
  poolBps: bigint;
  vaultBps: bigint;
  poolRecipient: Address;
  vault: Address;
};

export type DaoOverview = {
  members: Address[];
  memberCount: bigint;
  votingDelaySeconds: bigint;
  votingPeriodSeconds: bigint;
  quorumPercent: bigint;
  vault: Address;
  /** Null until the DAO's reward parameters are indexed. */
  rewardParameters: RewardParameters | null;
};

export type StorageDepositor = { depositorId: bigint; storedWh: bigint; pendingTakeOutWh: bigint };

export type StorageNodeRow = {
  deviceId: bigint;
  key: Address;
  operator: Address;
  status: DeviceStatus;
  storedWh: bigint;
  pendingTakeOutWh: bigint;
  excessiveLossCount: bigint;
  depositors: StorageDepositor[];
};

export type TransferStatus = "pending" | "completed";

export type StoreRow = {
  storeId: bigint;
  nodeId: bigint;
  depositorId: bigint;
  sentWh: bigint;
  receivedWh: bigint | null;
  lossWh: bigint | null;
  flagged: boolean;
  status: TransferStatus;
  requestedAt: bigint;
};

export type TakeOutRow = {
  takeOutId: bigint;
  nodeId: bigint;
  depositorId: bigint;
  requestedWh: bigint;
  deliveredWh: bigint | null;
  status: TransferStatus;
  requestedAt: bigint;
};

export type StorageOverview = { nodes: StorageNodeRow[]; stores: StoreRow[]; takeOuts: TakeOutRow[] };

export type PoolRow = {
  address: Address;
  token0: Address;
  token1: Address;
  symbol0: string;
  symbol1: string;
  reserve0: bigint;
  reserve1: bigint;
  totalShares: bigint;
  feeBps: bigint;
  swapCount: bigint;
  volume0: bigint;
  volume1: bigint;
};

export type SwapRow = {
  sender: Address | null;
  tokenIn: Address | null;
  amountIn: bigint | null;
  amountOut: bigint | null;
  timestamp: bigint | null;
  transactionHash: string | null;
};

export type PoolDetail = PoolRow & { swaps: SwapRow[]; liquidity: { provider: Address; shares: bigint }[] };

export type EnergyAccount = {
  address: Address;
  energyTokenWei: bigint;
  rewardTokenWei: bigint;
  solarWei: bigint;
  isDaoMember: boolean;
  votes: bigint;
  devices: DeviceRow[];
  lpShares: { pool: Address; shares: bigint }[];
};
