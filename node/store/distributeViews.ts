// The Distribute Protocol's index rows (DS1–DS8), as the distribute reducer computes them and both stores keep them.
// Capital tokens and reputation are base units (18 decimals), currency amounts Solar Token base units (…Wei), times
// unix seconds, addresses checksummed.
import type { Address, Hex } from "viem";

/** The Distribute contracts whose logs the indexer keeps: the fields of `deployment.distribute`. */
export type DistributeContractKind = "capitalToken" | "reputation" | "voting" | "projects" | "tasks";

/** One decoded Distribute event, kept so that a rollback can replay them (the energy events' shape). */
export type DistributeEventRow = {
  /** blockNumber * 100_000 + logIndex, as the D-REX events. */
  id: bigint;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  transactionHash: Hex;
  contract: DistributeContractKind;
  address: Address;
  eventName: string;
  args: Record<string, unknown>;
};

export type ProjectState = "proposed" | "staked" | "active" | "complete" | "failed" | "expired";
export type TaskStatus = "open" | "claimed" | "validating" | "voting" | "validated" | "failed";
export type LockStatus = "committed" | "revealed" | "released";
export type BalanceKind = "capital" | "reputation";

/** The protocol's running totals (one row, id 1). */
export type DistributeTotalsRecord = {
  id: number;
  capitalSupply: bigint;
  poolWei: bigint;
  reputationSupply: bigint;
  registeredCount: bigint;
};

export type DistributeBalanceRecord = { kind: BalanceKind; account: Address; balance: bigint };

export type ReputationAccountRecord = { account: Address; identityHash: Hex; registeredAt: bigint };

export type CapitalEventKind = "bought" | "sold" | "poolFunded" | "poolSpent";

/** A purchase, sale, funding or spending of the pool, with the pool (and supply) after it. */
export type CapitalEventRecord = {
  id: bigint;
  kind: CapitalEventKind;
  account: Address;
  tokens: bigint | null;
  amountWei: bigint;
  poolWei: bigint;
  supply: bigint | null;
  timestamp: bigint;
  transactionHash: Hex;
};

export type ProjectRecord = {
  projectId: bigint;
  proposer: Address;
  state: ProjectState;
  costWei: bigint;
  stakingDeadline: bigint;
  taskListDeadline: bigint | null;
  claimDeadline: bigint | null;
  tokenBar: bigint;
  reputationBar: bigint;
  tokensStaked: bigint;
  reputationStaked: bigint;
  collateral: bigint;
  collateralInReputation: boolean;
  poolWeiAtProposal: bigint;
  tokenSupplyAtProposal: bigint;
  reputationSupplyAtProposal: bigint;
  stakerRewardWei: bigint;
  proposerRewardWei: bigint | null;
  reservedWei: bigint | null;
  paidWei: bigint;
  returnedToPoolWei: bigint | null;
  completedBps: number;
  taskCount: number;
  settledTasks: number;
  listCount: number;
  winningListId: number | null;
  stakerCount: number;
  proposedAt: bigint;
  updatedAt: bigint;
};

export type StakeRecord = {
  projectId: bigint;
  staker: Address;
  tokens: bigint;
  reputation: bigint;
  backedListId: number | null;
  withdrawn: boolean;
  rewardWei: bigint | null;
};

/** One task of a task list, as TaskSpec holds it. */
export type TaskSpecJson = { descriptionHash: Hex; weightingBps: number; durationSeconds: number };

export type TaskListRecord = {
  projectId: bigint;
  listId: number;
  submitter: Address;
  /** JSON array of TaskSpecJson. */
  tasks: string;
  backingTokens: bigint;
  backingReputation: bigint;
  proposedAt: bigint;
};

export type TaskRecord = {
  projectId: bigint;
  taskIndex: number;
  descriptionHash: Hex;
  weightingBps: number;
  durationSeconds: number;
  status: TaskStatus;
  claimer: Address | null;
  claimedAt: bigint | null;
  /** The claim's allowance end while claimed, the validation end while validating, the poll's end while voting. */
  deadline: bigint | null;
  reputationPosted: bigint | null;
  evidenceHash: Hex | null;
  submittedAt: bigint | null;
  validationEnd: bigint | null;
  pollId: bigint | null;
  approvers: number;
  rejecters: number;
  paidWei: bigint | null;
  reputationMinted: bigint | null;
  resolvedAt: bigint | null;
};

export type ValidationRecord = {
  projectId: bigint;
  taskIndex: number;
  approve: boolean;
  slot: number;
  validator: Address;
  stake: bigint;
  paidStake: bigint | null;
  rewardTokens: bigint | null;
  forfeited: boolean;
};

export type PollRecord = {
  pollId: bigint;
  projectId: bigint | null;
  taskIndex: number | null;
  commitEnd: bigint;
  revealEnd: bigint;
  startedAt: bigint;
  approvalTokens: bigint;
  approvalReputation: bigint;
  rejectionTokens: bigint;
  rejectionReputation: bigint;
  commitCount: number;
  revealCount: number;
};

export type VoteLockRecord = {
  pollId: bigint;
  voter: Address;
  tokens: bigint;
  reputation: bigint;
  status: LockStatus;
  approve: boolean | null;
};

export type VoterRecord = { voter: Address; depositedTokens: bigint; depositedReputation: bigint };

/** One event of a project's history. */
export type ProjectEventRecord = {
  id: bigint;
  projectId: bigint;
  kind: string;
  taskIndex: number | null;
  actor: Address | null;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: Hex;
  /** The event's other arguments as JSON of strings. */
  details: string;
};

export type DistributeRows = {
  totals: DistributeTotalsRecord[];
  balances: DistributeBalanceRecord[];
  reputationAccounts: ReputationAccountRecord[];
  capitalEvents: CapitalEventRecord[];
  projects: ProjectRecord[];
  stakes: StakeRecord[];
  taskLists: TaskListRecord[];
  tasks: TaskRecord[];
  validations: ValidationRecord[];
  polls: PollRecord[];
  voteLocks: VoteLockRecord[];
  voters: VoterRecord[];
  projectEvents: ProjectEventRecord[];
};

/** What the reducer needs back at start: the rows that later events change (histories are only ever added to). */
export type DistributeState = Omit<DistributeRows, "capitalEvents" | "projectEvents" | "reputationAccounts">;

export const emptyDistributeRows = (): DistributeRows => ({
  totals: [],
  balances: [],
  reputationAccounts: [],
  capitalEvents: [],
  projects: [],
  stakes: [],
  taskLists: [],
  tasks: [],
  validations: [],
  polls: [],
  voteLocks: [],
  voters: [],
  projectEvents: [],
});
