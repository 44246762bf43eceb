// What the Distribute Protocol's screens show (DS1–DS8), as GET /api/v1/distribute/* describes it: pool currency in
// base units (…Wei, SOLAR), capital tokens (…Tokens) and reputation in base units (18 decimals), shares in basis
// points (…Bps), times in unix seconds; every amount and time a bigint.
import type { Address } from "./types.ts";

export const PROJECT_STATES = ["proposed", "staked", "active", "complete", "failed", "expired"] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const TASK_STATUSES = ["open", "claimed", "validating", "voting", "validated", "failed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const POLL_PHASES = ["commit", "reveal", "ended"] as const;
export type PollPhase = (typeof POLL_PHASES)[number];

export const LOCK_STATUSES = ["committed", "revealed", "released"] as const;
export type LockStatus = (typeof LOCK_STATUSES)[number];

export type Capital = {
  supplyTokens: bigint;
  poolWei: bigint;
  balancePerTokenWei: bigint;
  pricePerTokenWei: bigint;
  floorPriceWeiPerToken: bigint;
  holderCount: number;
};

export type DistributePeriods = {
  taskListSeconds: bigint;
  activeSeconds: bigint;
  validationSeconds: bigint;
  commitSeconds: bigint;
  revealSeconds: bigint;
};

export type DistributeAddresses = {
  capitalToken: Address;
  reputation: Address;
  voting: Address;
  projects: Address;
  tasks: Address;
  currency: Address;
};

export type DistributeOverview = {
  addresses: DistributeAddresses;
  /** Who may register reputation, when the node says so; null when it does not. */
  registrar: Address | null;
  chainNow: bigint;
  periods: DistributePeriods;
  capital: Capital;
  reputation: { supply: bigint; registeredCount: number; initialReputation: bigint };
  projectCounts: Record<ProjectState, number>;
  pollCount: number;
};

export type CapitalQuote = {
  side: "buy" | "sell";
  tokens: bigint;
  costWei: bigint | null;
  refundWei: bigint | null;
  averagePriceWeiPerToken: bigint;
  capital: Capital;
};

export type AccountStake = {
  projectId: bigint;
  projectState: ProjectState;
  tokens: bigint;
  reputation: bigint;
  backedListId: number | null;
  withdrawn: boolean;
  rewardWei: bigint | null;
};

export type VoteLock = {
  pollId: bigint;
  phase: PollPhase;
  tokens: bigint;
  reputation: bigint;
  status: LockStatus;
  approve: boolean | null;
};

export type Tally = { tokens: bigint; reputation: bigint };

export type Poll = {
  pollId: bigint;
  projectId: bigint | null;
  taskIndex: number | null;
  commitEnd: bigint;
  revealEnd: bigint;
  phase: PollPhase;
  startedAt: bigint;
  approvals: Tally;
  rejections: Tally;
  commitCount: number;
  revealCount: number;
  approved: boolean | null;
};

export type DistributeAccount = {
  address: Address;
  currencyWei: bigint;
  capitalTokens: bigint;
  reputation: bigint;
  registered: boolean;
  stakes: AccountStake[];
  voting: {
    depositedTokens: bigint;
    depositedReputation: bigint;
    lockedTokens: bigint;
    lockedReputation: bigint;
    withdrawableTokens: bigint;
    withdrawableReputation: bigint;
    openPollIds: bigint[];
    locks: VoteLock[];
  };
};

export type Project = {
  projectId: bigint;
  proposer: Address;
  state: ProjectState;
  due: boolean;
  costWei: bigint;
  stakingDeadline: bigint;
  taskListDeadline: bigint | null;
  claimDeadline: bigint | null;
  tokenBar: bigint;
  reputationBar: bigint;
  tokensStaked: bigint;
  reputationStaked: bigint;
  tokenProgressBps: number;
  reputationProgressBps: number;
  collateral: bigint;
  collateralInReputation: boolean;
  poolWeiAtProposal: bigint;
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
};

export type TaskSpec = {
  descriptionHash: string;
  description: string | null;
  weightingBps: number;
  durationSeconds: bigint;
};

export type TaskList = {
  listId: number;
  submitter: Address;
  proposedAt: bigint;
  backingTokens: bigint;
  backingReputation: bigint;
  backingBps: number;
  winning: boolean;
  tasks: TaskSpec[];
};

export type Validation = {
  slot: number;
  validator: Address;
  stake: bigint;
  paidStake: bigint | null;
  rewardTokens: bigint | null;
  forfeited: boolean;
};

export type Task = TaskSpec & {
  projectId: bigint;
  taskIndex: number;
  status: TaskStatus;
  due: boolean;
  requisiteReputation: bigint;
  claimer: Address | null;
  deadline: bigint | null;
  evidence: string | null;
  evidenceHash: string | null;
  validationEnd: bigint | null;
  approvals: Validation[];
  rejections: Validation[];
  pollId: bigint | null;
  paidWei: bigint | null;
  reputationMinted: bigint | null;
};

export type ProjectStaker = {
  staker: Address;
  tokens: bigint;
  reputation: bigint;
  backedListId: number | null;
  withdrawn: boolean;
  rewardWei: bigint | null;
};

export type ProjectDetail = Project & { stakers: ProjectStaker[]; taskLists: TaskList[]; tasks: Task[] };

export type ProjectEvent = {
  id: string;
  kind: string;
  blockNumber: bigint;
  timestamp: bigint;
  actor: Address | null;
  taskIndex: number | null;
  details: Record<string, string>;
};
