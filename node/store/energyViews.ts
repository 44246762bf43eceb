// The measured-energy index's rows (MX1–MX9), as the energy reducer computes them and both stores keep them. Energies
// are watt-hours, amounts token base units, times unix seconds, addresses checksummed.
import type { Address, Hex } from "viem";

/** The energy contracts whose logs the indexer keeps. */
export type EnergyContractKind =
  | "membership"
  | "dao"
  | "deviceRegistry"
  | "readingCommitments"
  | "energyPayments"
  | "storageNode"
  | "poolFactory"
  | "pool"
  | "energyToken"
  | "rewardToken";

/** One decoded energy event, kept so that a rollback can replay them (the D-REX ActivityRow's shape). */
export type EnergyEventRow = {
  /** blockNumber * 100_000 + logIndex, as the D-REX events. */
  id: bigint;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  transactionHash: Hex;
  contract: EnergyContractKind;
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
};

export type DeviceKind = "generator" | "storageNode" | "meter";
export type DeviceStatus = "applied" | "active" | "suspended" | "revoked" | "rejected";

export type DeviceRecord = {
  deviceId: bigint;
  operator: Address;
  /** The key the device signs with now. */
  key: Address;
  /** Every key the device has had, oldest first, as JSON: readings signed by an old key stay the device's. */
  keys: string;
  kind: DeviceKind;
  status: DeviceStatus;
  ratedPowerW: bigint;
  maxLossBps: number;
  location: string;
  poolData: string;
  hardwareStatus: string;
  appliedAt: bigint;
  updatedAt: bigint;
  /** The reason of the last rejection, suspension or revocation; null once approved or reinstated. */
  statusReason: string | null;
};

export type DeviceEventKind =
  | "applied"
  | "approved"
  | "rejected"
  | "suspended"
  | "reinstated"
  | "revoked"
  | "attributesUpdated"
  | "ratingsUpdated"
  | "keyChanged";

export type DeviceEventRecord = {
  /** The event's id: histories list in chain order. */
  id: bigint;
  deviceId: bigint;
  kind: DeviceEventKind;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: Hex;
  /** Who caused it: the operator for an application, the updater for attributes, the DAO for its decisions. */
  by: Address | null;
  /** The event's own figures as JSON of strings. */
  details: string;
};

export type MemberRecord = { member: Address; active: boolean; addedAt: bigint; removedAt: bigint | null };

/** A value of the DAO that changes over time and is judged at a proposal's snapshot, by the block time it changed. */
export type DaoCheckpointKind = "memberCount" | "quorumNumerator" | "votingDelay" | "votingPeriod";
export type DaoCheckpointRecord = { id: bigint; kind: DaoCheckpointKind; timestamp: bigint; value: bigint };

export type ProposalSubjectKind = "device" | "payment";

export type ProposalRecord = {
  proposalId: bigint;
  proposer: Address;
  description: string;
  descriptionHash: Hex;
  /** JSON arrays: addresses, decimal strings, hex. */
  targets: string;
  values: string;
  calldatas: string;
  /** The snapshot: voting opens after it (Governor clock: unix seconds). */
  voteStart: bigint;
  voteEnd: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  executed: boolean;
  canceled: boolean;
  createdAt: bigint;
  blockNumber: bigint;
  transactionHash: Hex;
  subjectKind: ProposalSubjectKind | null;
  subjectId: bigint | null;
};

export type VoteSupport = "against" | "for" | "abstain";

export type VoteRecord = {
  /** The vote event's id: votes list in chain order. */
  id: bigint;
  proposalId: bigint;
  voter: Address;
  support: VoteSupport;
  weight: bigint;
  reason: string;
  timestamp: bigint;
  transactionHash: Hex;
};

export type PaymentStatus = "pending" | "approved" | "refused";

export type PaymentRecord = {
  requestId: bigint;
  deviceId: bigint;
  operator: Address;
  /** The UTC month, YYYYMM. */
  period: number;
  firstRootPeriodId: bigint;
  lastRootPeriodId: bigint;
  sentWh: bigint;
  readingCount: bigint;
  gaps: bigint;
  uptimeBps: number;
  lossWh: bigint;
  status: PaymentStatus;
  refusalReason: string | null;
  requestedAt: bigint;
  decidedAt: bigint | null;
  energyWei: bigint | null;
  operatorRewardWei: bigint | null;
  poolRewardWei: bigint | null;
  vaultRewardWei: bigint | null;
  transactionHash: Hex;
};

/** EnergyPayments' DeviceLedger, by the same rules. */
export type LedgerRecord = {
  deviceId: bigint;
  lastPaidPeriod: number;
  nextRootPeriodId: bigint;
  paidWh: bigint;
  approvedCount: bigint;
  requestCount: bigint;
};

export type RewardParametersRecord = {
  id: number;
  rewardWeiPerWh: bigint;
  poolBps: number;
  vaultBps: number;
  poolRecipient: Address;
  vault: Address;
};

export type ReadingRootRecord = {
  periodId: bigint;
  root: Hex;
  readingCount: bigint;
  committer: Address;
  committedAt: bigint;
  transactionHash: Hex;
};

export type TransferStatus = "pending" | "completed";

export type StoreRequestRecord = {
  storeId: bigint;
  nodeId: bigint;
  depositorId: bigint;
  sentWh: bigint;
  receivedWh: bigint | null;
  lossWh: bigint | null;
  /** The loss is above the depositor's declared maximum (ExcessiveLoss). */
  flagged: boolean;
  status: TransferStatus;
  requestedAt: bigint;
  confirmedAt: bigint | null;
};

export type TakeOutRecord = {
  takeOutId: bigint;
  nodeId: bigint;
  depositorId: bigint;
  requestedWh: bigint;
  deliveredWh: bigint | null;
  status: TransferStatus;
  requestedAt: bigint;
  completedAt: bigint | null;
};

export type StorageHoldingRecord = {
  nodeId: bigint;
  depositorId: bigint;
  storedWh: bigint;
  pendingTakeOutWh: bigint;
};

export type PoolRecord = {
  address: Address;
  token0: Address;
  token1: Address;
  /** Order of creation in the factory, from 0. */
  poolIndex: bigint;
  createdAt: bigint;
  reserve0: bigint;
  reserve1: bigint;
  totalShares: bigint;
  swapCount: bigint;
  /** Each token's amounts swapped, in and out together. */
  volume0: bigint;
  volume1: bigint;
};

export type SwapRecord = {
  id: bigint;
  pool: Address;
  sender: Address;
  tokenIn: Address;
  to: Address;
  amountIn: bigint;
  amountOut: bigint;
  reserve0: bigint;
  reserve1: bigint;
  timestamp: bigint;
  transactionHash: Hex;
};

/** An ERC-20 balance by Transfer events: the Energy and Reward Tokens, and each pool's shares. */
export type TokenBalanceRecord = { token: Address; account: Address; balanceWei: bigint };

/** Energy projection rows changed by a batch, each in full (upserts). */
export type EnergyRows = {
  devices: DeviceRecord[];
  deviceEvents: DeviceEventRecord[];
  members: MemberRecord[];
  daoCheckpoints: DaoCheckpointRecord[];
  proposals: ProposalRecord[];
  votes: VoteRecord[];
  payments: PaymentRecord[];
  ledgers: LedgerRecord[];
  rewardParameters: RewardParametersRecord[];
  readingRoots: ReadingRootRecord[];
  storeRequests: StoreRequestRecord[];
  takeOuts: TakeOutRecord[];
  storageHoldings: StorageHoldingRecord[];
  pools: PoolRecord[];
  swaps: SwapRecord[];
  tokenBalances: TokenBalanceRecord[];
};

/** What the reducer needs back at start: the rows that later events change (histories are only ever added to). */
export type EnergyState = Pick<
  EnergyRows,
  | "devices"
  | "members"
  | "proposals"
  | "payments"
  | "ledgers"
  | "storeRequests"
  | "takeOuts"
  | "storageHoldings"
  | "pools"
  | "tokenBalances"
>;

export const emptyEnergyRows = (): EnergyRows => ({
  devices: [],
  deviceEvents: [],
  members: [],
  daoCheckpoints: [],
  proposals: [],
  votes: [],
  payments: [],
  ledgers: [],
  rewardParameters: [],
  readingRoots: [],
  storeRequests: [],
  takeOuts: [],
  storageHoldings: [],
  pools: [],
  swaps: [],
  tokenBalances: [],
});
