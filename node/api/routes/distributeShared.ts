// What the Distribute routes share (DS1–DS8): the deployment's addresses or a 503, the rows as JSON, and the states
// that depend on chain time (a poll's phase, whether a project or a task has a transition due).
import type { Hex } from "viem";
import { DistributeProjectsAbi } from "../../../sdk/abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../../../sdk/abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../../sdk/distribute/deployDistribute.ts";
import type {
  PollRecord,
  ProjectRecord,
  TaskListRecord,
  TaskRecord,
  TaskSpecJson,
  ValidationRecord,
  VoteLockRecord,
} from "../../store/distributeViews.ts";
import type { ApiContext } from "../context.ts";
import { NotAvailableError } from "./energyShared.ts";

export const DISTRIBUTE_TAG = "distribute";
const BPS = 10_000n;

export const projectIdSchema = { type: "string", pattern: "^[0-9]{1,18}$", description: "a project id" } as const;
export const pollIdSchema = { type: "string", pattern: "^[0-9]{1,18}$", description: "a poll id" } as const;
export const taskIndexSchema = { type: "string", pattern: "^[0-9]{1,2}$", description: "a task's index" } as const;

export function distributeOf(ctx: ApiContext): DistributeAddresses {
  if (ctx.deployment.distribute === null) {
    throw new NotAvailableError("this deployment has no Distribute Protocol contracts");
  }
  return ctx.deployment.distribute;
}

// Description and evidence texts that went through this node's actions, by their hash: the chain holds only hashes.
const texts = new WeakMap<ApiContext, Map<string, string>>();

export function rememberText(ctx: ApiContext, hash: Hex, text: string): void {
  let known = texts.get(ctx);
  if (known === undefined) {
    known = new Map();
    texts.set(ctx, known);
  }
  known.set(hash.toLowerCase(), text);
}

export function textOf(ctx: ApiContext, hash: Hex | null): string | null {
  return hash === null ? null : (texts.get(ctx)?.get(hash.toLowerCase()) ?? null);
}

export type Periods = {
  taskListSeconds: number;
  activeSeconds: number;
  validationSeconds: number;
  commitSeconds: number;
  revealSeconds: number;
};

// The periods are immutable in the contracts: read once per node.
const periodsCache = new WeakMap<ApiContext, Promise<Periods>>();

export function periodsOf(ctx: ApiContext): Promise<Periods> {
  let periods = periodsCache.get(ctx);
  if (periods === undefined) {
    const d = distributeOf(ctx);
    const read = (address: Hex, abi: readonly unknown[], functionName: string) =>
      ctx.client.readContract({ address, abi, functionName } as never) as Promise<number>;
    periods = Promise.all([
      read(d.projects, DistributeProjectsAbi, "taskListSeconds"),
      read(d.projects, DistributeProjectsAbi, "activeSeconds"),
      read(d.tasks, DistributeTasksAbi, "validationSeconds"),
      read(d.tasks, DistributeTasksAbi, "commitSeconds"),
      read(d.tasks, DistributeTasksAbi, "revealSeconds"),
    ]).then(([taskListSeconds, activeSeconds, validationSeconds, commitSeconds, revealSeconds]) => ({
      taskListSeconds: Number(taskListSeconds),
      activeSeconds: Number(activeSeconds),
      validationSeconds: Number(validationSeconds),
      commitSeconds: Number(commitSeconds),
      revealSeconds: Number(revealSeconds),
    }));
    periods.catch(() => periodsCache.delete(ctx));
    periodsCache.set(ctx, periods);
  }
  return periods;
}

/** StakeMath.score: holdings weighed against totals, comparable between holdings against the same totals. */
export function score(tokens: bigint, reputation: bigint, tokenTotal: bigint, reputationTotal: bigint): bigint {
  if (reputationTotal === 0n) return tokens;
  if (tokenTotal === 0n) return reputation;
  return tokens * reputationTotal + reputation * tokenTotal;
}

/** StakeMath.approved: the approving side's token share plus reputation share beats the rejecting side's. */
export function approved(poll: PollRecord): boolean {
  const tokenTotal = poll.approvalTokens + poll.rejectionTokens;
  const reputationTotal = poll.approvalReputation + poll.rejectionReputation;
  return (
    score(poll.approvalTokens, poll.approvalReputation, tokenTotal, reputationTotal) >
    score(poll.rejectionTokens, poll.rejectionReputation, tokenTotal, reputationTotal)
  );
}

export type PollPhase = "commit" | "reveal" | "ended";

export function phaseOf(poll: PollRecord, nowSeconds: bigint): PollPhase {
  if (nowSeconds <= poll.commitEnd) return "commit";
  return nowSeconds <= poll.revealEnd ? "reveal" : "ended";
}

const progressBps = (staked: bigint, bar: bigint): number =>
  bar === 0n ? 10_000 : Number(staked >= bar ? BPS : (staked * BPS) / bar);

export function projectJson(p: ProjectRecord, nowSeconds: bigint) {
  const due =
    (p.state === "proposed" && nowSeconds > p.stakingDeadline) ||
    (p.state === "staked" && p.taskListDeadline !== null && nowSeconds > p.taskListDeadline);
  return {
    projectId: p.projectId,
    proposer: p.proposer,
    state: p.state,
    due,
    costWei: p.costWei,
    stakingDeadline: p.stakingDeadline,
    taskListDeadline: p.taskListDeadline,
    claimDeadline: p.claimDeadline,
    tokenBar: p.tokenBar,
    reputationBar: p.reputationBar,
    tokensStaked: p.tokensStaked,
    reputationStaked: p.reputationStaked,
    tokenProgressBps: progressBps(p.tokensStaked, p.tokenBar),
    reputationProgressBps: progressBps(p.reputationStaked, p.reputationBar),
    collateral: p.collateral,
    collateralInReputation: p.collateralInReputation,
    poolWeiAtProposal: p.poolWeiAtProposal,
    tokenSupplyAtProposal: p.tokenSupplyAtProposal,
    reputationSupplyAtProposal: p.reputationSupplyAtProposal,
    stakerRewardWei: p.stakerRewardWei,
    proposerRewardWei: p.proposerRewardWei,
    reservedWei: p.reservedWei,
    paidWei: p.paidWei,
    returnedToPoolWei: p.returnedToPoolWei,
    completedBps: p.completedBps,
    taskCount: p.taskCount,
    settledTasks: p.settledTasks,
    listCount: p.listCount,
    winningListId: p.winningListId,
    stakerCount: p.stakerCount,
    proposedAt: p.proposedAt,
    updatedAt: p.updatedAt,
  };
}

export function taskListJson(ctx: ApiContext, project: ProjectRecord, lists: TaskListRecord[]) {
  const scores = lists.map((l) =>
    score(l.backingTokens, l.backingReputation, project.tokensStaked, project.reputationStaked),
  );
  const all = scores.reduce((sum, s) => sum + s, 0n);
  return lists.map((l, i) => ({
    listId: l.listId,
    submitter: l.submitter,
    proposedAt: l.proposedAt,
    backingTokens: l.backingTokens,
    backingReputation: l.backingReputation,
    backingBps: all === 0n ? 0 : Number(((scores[i] as bigint) * BPS) / all),
    winning: project.winningListId === l.listId,
    tasks: (JSON.parse(l.tasks) as TaskSpecJson[]).map((t) => ({
      descriptionHash: t.descriptionHash,
      description: textOf(ctx, t.descriptionHash),
      weightingBps: t.weightingBps,
      durationSeconds: t.durationSeconds,
    })),
  }));
}

const validationJson = (v: ValidationRecord) => ({
  slot: v.slot,
  validator: v.validator,
  stake: v.stake,
  paidStake: v.paidStake,
  rewardTokens: v.rewardTokens,
  forfeited: v.forfeited,
});

export function taskJson(
  ctx: ApiContext,
  project: ProjectRecord,
  t: TaskRecord,
  validations: ValidationRecord[],
  nowSeconds: bigint,
) {
  const due =
    (t.status === "open" && project.claimDeadline !== null && nowSeconds > project.claimDeadline) ||
    ((t.status === "claimed" || t.status === "validating" || t.status === "voting") &&
      t.deadline !== null &&
      nowSeconds > t.deadline);
  const mine = validations.filter((v) => v.taskIndex === t.taskIndex);
  return {
    projectId: t.projectId,
    taskIndex: t.taskIndex,
    descriptionHash: t.descriptionHash,
    description: textOf(ctx, t.descriptionHash),
    weightingBps: t.weightingBps,
    durationSeconds: t.durationSeconds,
    status: t.status,
    due,
    // StakeMath.requisite: rounded up.
    requisiteReputation: (project.reputationStaked * BigInt(t.weightingBps) + BPS - 1n) / BPS,
    claimer: t.claimer,
    claimedAt: t.claimedAt,
    deadline: t.deadline,
    evidenceHash: t.evidenceHash,
    evidence: textOf(ctx, t.evidenceHash),
    submittedAt: t.submittedAt,
    validationEnd: t.validationEnd,
    approvals: mine.filter((v) => v.approve).map(validationJson),
    rejections: mine.filter((v) => !v.approve).map(validationJson),
    pollId: t.pollId,
    paidWei: t.paidWei,
    reputationMinted: t.reputationMinted,
    resolvedAt: t.resolvedAt,
  };
}

export function pollJson(p: PollRecord, nowSeconds: bigint) {
  const phase = phaseOf(p, nowSeconds);
  return {
    pollId: p.pollId,
    projectId: p.projectId,
    taskIndex: p.taskIndex,
    commitEnd: p.commitEnd,
    revealEnd: p.revealEnd,
    phase,
    startedAt: p.startedAt,
    approvals: { tokens: p.approvalTokens, reputation: p.approvalReputation },
    rejections: { tokens: p.rejectionTokens, reputation: p.rejectionReputation },
    commitCount: p.commitCount,
    revealCount: p.revealCount,
    approved: phase === "ended" ? approved(p) : null,
  };
}

export const lockJson = (l: VoteLockRecord) => ({
  tokens: l.tokens,
  reputation: l.reputation,
  status: l.status,
  approve: l.approve,
});
