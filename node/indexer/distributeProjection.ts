// The Distribute reducer (DS1–DS8): Distribute events in chain order in, index rows out. Like energyProjection.ts it
// keeps the rows later events change in memory (loaded from the store at start) and remembers which rows each batch
// changed; histories (capital events, project events, registrations) are only ever added, so it writes them once.
import type { Address, Hex } from "viem";
import {
  type BalanceKind,
  type CapitalEventKind,
  type DistributeBalanceRecord,
  type DistributeEventRow,
  type DistributeRows,
  type DistributeState,
  type DistributeTotalsRecord,
  emptyDistributeRows,
  type PollRecord,
  type ProjectRecord,
  type ProjectState,
  type StakeRecord,
  type TaskListRecord,
  type TaskRecord,
  type TaskSpecJson,
  type ValidationRecord,
  type VoteLockRecord,
  type VoterRecord,
} from "../store/distributeViews.ts";
import { ProjectionError } from "./projection.ts";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
/** StakeMath: the stakers' reward is 1% of the cost, rounded down. */
const STAKER_REWARD_BPS = 100n;
const BPS = 10_000n;

type Args = Record<string, unknown>;
const big = (args: Args, name: string): bigint => BigInt(args[name] as bigint | number);
const num = (args: Args, name: string): number => Number(args[name]);
const addr = (args: Args, name: string): Address => args[name] as Address;
const orNull = (address: Address): Address | null => (address === ZERO_ADDRESS ? null : address);
const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export class DistributeProjection {
  private readonly totals: DistributeTotalsRecord;
  private readonly balances = new Map<string, DistributeBalanceRecord>();
  private readonly projects = new Map<bigint, ProjectRecord>();
  private readonly stakes = new Map<string, StakeRecord>();
  private readonly lists = new Map<string, TaskListRecord>();
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly validations = new Map<string, ValidationRecord>();
  private readonly polls = new Map<bigint, PollRecord>();
  private readonly locks = new Map<string, VoteLockRecord>();
  private readonly voters = new Map<string, VoterRecord>();

  private readonly dirty = new Map<keyof DistributeRows, Set<object>>();

  constructor(state?: DistributeState) {
    this.totals = state?.totals[0] === undefined ? emptyTotals() : { ...state.totals[0] };
    if (state === undefined) return;
    for (const b of state.balances) this.balances.set(`${b.kind}|${b.account}`, { ...b });
    for (const p of state.projects) this.projects.set(p.projectId, { ...p });
    for (const s of state.stakes) this.stakes.set(`${s.projectId}|${s.staker}`, { ...s });
    for (const l of state.taskLists) this.lists.set(`${l.projectId}|${l.listId}`, { ...l });
    for (const t of state.tasks) this.tasks.set(`${t.projectId}|${t.taskIndex}`, { ...t });
    for (const v of state.validations) this.validations.set(validationKey(v), { ...v });
    for (const p of state.polls) this.polls.set(p.pollId, { ...p });
    for (const l of state.voteLocks) this.locks.set(`${l.pollId}|${l.voter}`, { ...l });
    for (const v of state.voters) this.voters.set(v.voter, { ...v });
  }

  /** The rows changed since the last call, copied; forgets them. */
  takeChanges(): DistributeRows {
    const rows = emptyDistributeRows();
    for (const [field, set] of this.dirty) {
      (rows[field] as object[]) = Array.from(set, (row) => ({ ...row }));
      set.clear();
    }
    return rows;
  }

  private touch<K extends keyof DistributeRows>(field: K, row: DistributeRows[K][number]): void {
    let set = this.dirty.get(field);
    if (set === undefined) {
      set = new Set();
      this.dirty.set(field, set);
    }
    set.add(row as object);
  }

  /** Applies one event; events must come in (block, log index) order. */
  apply(event: DistributeEventRow): void {
    switch (event.contract) {
      case "capitalToken":
        return this.onCapital(event);
      case "reputation":
        return this.onReputation(event);
      case "voting":
        return this.onVoting(event);
      case "projects":
        return this.onProjects(event);
      case "tasks":
        return this.onTasks(event);
    }
  }

  // ---------------------------------------------------------------- capital tokens and reputation (DS1, DS2)

  private onCapital(event: DistributeEventRow): void {
    const a = event.args;
    if (event.eventName === "Transfer") {
      this.transfer("capital", a);
      return;
    }
    const kind = lowerCamel(event.eventName) as CapitalEventKind;
    this.totals.poolWei = big(a, "poolWei");
    this.touch("totals", this.totals);
    const trade = kind === "bought" || kind === "sold";
    this.touch("capitalEvents", {
      id: event.id,
      kind,
      account: addr(
        a,
        kind === "bought" ? "buyer" : kind === "sold" ? "seller" : kind === "poolFunded" ? "from" : "to",
      ),
      tokens: trade ? big(a, "tokens") : null,
      amountWei: big(a, kind === "bought" ? "costWei" : kind === "sold" ? "refundWei" : "amountWei"),
      poolWei: this.totals.poolWei,
      supply: trade ? big(a, "supply") : null,
      timestamp: event.timestamp,
      transactionHash: event.transactionHash,
    });
  }

  private onReputation(event: DistributeEventRow): void {
    const a = event.args;
    if (event.eventName === "Transfer") {
      this.transfer("reputation", a);
      return;
    }
    this.touch("reputationAccounts", {
      account: addr(a, "account"),
      identityHash: a.identityHash as Hex,
      registeredAt: event.timestamp,
    });
    this.totals.registeredCount += 1n;
    this.touch("totals", this.totals);
  }

  /** Mints and burns move the supply; every transfer moves balances. */
  private transfer(kind: BalanceKind, a: Args): void {
    const from = addr(a, "from");
    const to = addr(a, "to");
    const value = big(a, "value");
    const supplyDelta = (from === ZERO_ADDRESS ? value : 0n) - (to === ZERO_ADDRESS ? value : 0n);
    if (supplyDelta !== 0n) {
      if (kind === "capital") this.totals.capitalSupply += supplyDelta;
      else this.totals.reputationSupply += supplyDelta;
      this.touch("totals", this.totals);
    }
    if (from !== ZERO_ADDRESS) this.addBalance(kind, from, -value);
    if (to !== ZERO_ADDRESS) this.addBalance(kind, to, value);
  }

  private addBalance(kind: BalanceKind, account: Address, delta: bigint): void {
    const key = `${kind}|${account}`;
    let balance = this.balances.get(key);
    if (balance === undefined) {
      balance = { kind, account, balance: 0n };
      this.balances.set(key, balance);
    }
    balance.balance += delta;
    this.touch("balances", balance);
  }

  // ---------------------------------------------------------------- votes (DS7)

  private onVoting(event: DistributeEventRow): void {
    const a = event.args;
    switch (event.eventName) {
      case "PollStarted": {
        const poll: PollRecord = {
          pollId: big(a, "pollId"),
          projectId: null,
          taskIndex: null,
          commitEnd: big(a, "commitEnd"),
          revealEnd: big(a, "revealEnd"),
          startedAt: event.timestamp,
          approvalTokens: 0n,
          approvalReputation: 0n,
          rejectionTokens: 0n,
          rejectionReputation: 0n,
          commitCount: 0,
          revealCount: 0,
        };
        this.polls.set(poll.pollId, poll);
        this.touch("polls", poll);
        return;
      }
      case "Deposited":
      case "Withdrawn": {
        const voter = this.voter(addr(a, "voter"));
        const sign = event.eventName === "Deposited" ? 1n : -1n;
        voter.depositedTokens += sign * big(a, "tokens");
        voter.depositedReputation += sign * big(a, "reputation");
        return;
      }
      case "VoteCommitted": {
        const poll = this.poll(event, big(a, "pollId"));
        const voter = addr(a, "voter");
        const key = `${poll.pollId}|${voter}`;
        let lock = this.locks.get(key);
        if (lock === undefined) {
          lock = { pollId: poll.pollId, voter, tokens: 0n, reputation: 0n, status: "committed", approve: null };
          this.locks.set(key, lock);
          poll.commitCount += 1;
          this.touch("polls", poll);
        }
        lock.tokens = big(a, "tokens");
        lock.reputation = big(a, "reputation");
        this.touch("voteLocks", lock);
        return;
      }
      case "VoteRevealed": {
        const poll = this.poll(event, big(a, "pollId"));
        const lock = this.lock(event, poll.pollId, addr(a, "voter"));
        const approve = a.approve as boolean;
        lock.status = "revealed";
        lock.approve = approve;
        if (approve) {
          poll.approvalTokens += big(a, "tokens");
          poll.approvalReputation += big(a, "reputation");
        } else {
          poll.rejectionTokens += big(a, "tokens");
          poll.rejectionReputation += big(a, "reputation");
        }
        poll.revealCount += 1;
        this.touch("voteLocks", lock);
        this.touch("polls", poll);
        return;
      }
      case "LockReleased": {
        const lock = this.lock(event, big(a, "pollId"), addr(a, "voter"));
        lock.status = "released";
        this.touch("voteLocks", lock);
        return;
      }
    }
  }

  private voter(account: Address): VoterRecord {
    let voter = this.voters.get(account);
    if (voter === undefined) {
      voter = { voter: account, depositedTokens: 0n, depositedReputation: 0n };
      this.voters.set(account, voter);
    }
    this.touch("voters", voter);
    return voter;
  }

  private poll(event: DistributeEventRow, pollId: bigint): PollRecord {
    const poll = this.polls.get(pollId);
    if (poll === undefined) throw new ProjectionError(event.id, `unknown poll ${pollId}`);
    return poll;
  }

  private lock(event: DistributeEventRow, pollId: bigint, voter: Address): VoteLockRecord {
    const lock = this.locks.get(`${pollId}|${voter}`);
    if (lock === undefined) throw new ProjectionError(event.id, `no commitment of ${voter} in poll ${pollId}`);
    return lock;
  }

  // ---------------------------------------------------------------- projects (DS3, DS4, DS8)

  private onProjects(event: DistributeEventRow): void {
    const a = event.args;
    const projectId = big(a, "projectId");
    if (event.eventName === "ProjectProposed") {
      const costWei = big(a, "costWei");
      const project: ProjectRecord = {
        projectId,
        proposer: addr(a, "proposer"),
        state: "proposed",
        costWei,
        stakingDeadline: big(a, "stakingDeadline"),
        taskListDeadline: null,
        claimDeadline: null,
        tokenBar: big(a, "tokenBar"),
        reputationBar: big(a, "reputationBar"),
        tokensStaked: 0n,
        reputationStaked: 0n,
        collateral: big(a, "collateral"),
        collateralInReputation: a.collateralInReputation as boolean,
        // The contract reads them as it proposes; nothing in the same transaction moved them before.
        poolWeiAtProposal: this.totals.poolWei,
        tokenSupplyAtProposal: this.totals.capitalSupply,
        reputationSupplyAtProposal: this.totals.reputationSupply,
        stakerRewardWei: (costWei * STAKER_REWARD_BPS) / BPS,
        proposerRewardWei: null,
        reservedWei: null,
        paidWei: 0n,
        returnedToPoolWei: null,
        completedBps: 0,
        taskCount: 0,
        settledTasks: 0,
        listCount: 0,
        winningListId: null,
        stakerCount: 0,
        proposedAt: event.timestamp,
        updatedAt: event.timestamp,
      };
      this.projects.set(projectId, project);
      this.touch("projects", project);
      this.history(event, projectId, null, project.proposer, a, ["proposer"]);
      return;
    }
    const project = this.project(event, projectId);
    project.updatedAt = event.timestamp;
    this.touch("projects", project);
    switch (event.eventName) {
      case "Staked":
      case "Unstaked": {
        const staker = addr(a, "staker");
        const stake = this.stake(project, staker);
        const isReputation = a.reputation as boolean;
        const amount = (event.eventName === "Staked" ? 1n : -1n) * big(a, "amount");
        if (isReputation) {
          stake.reputation += amount;
          project.reputationStaked = big(a, "total");
        } else {
          stake.tokens += amount;
          project.tokensStaked = big(a, "total");
        }
        this.history(event, projectId, null, staker, a, ["staker"]);
        return;
      }
      case "ProjectStaked":
        project.state = "staked";
        project.taskListDeadline = big(a, "taskListDeadline");
        project.proposerRewardWei = big(a, "proposerRewardWei");
        project.reservedWei = big(a, "reservedWei");
        break;
      case "ProjectExpired":
        project.state = "expired";
        break;
      case "TaskListProposed": {
        const listId = num(a, "listId");
        const specs = (a.tasks as TaskSpecJson[]).map((t) => ({
          descriptionHash: t.descriptionHash,
          weightingBps: Number(t.weightingBps),
          durationSeconds: Number(t.durationSeconds),
        }));
        const list: TaskListRecord = {
          projectId,
          listId,
          submitter: addr(a, "submitter"),
          tasks: JSON.stringify(specs),
          backingTokens: 0n,
          backingReputation: 0n,
          proposedAt: event.timestamp,
        };
        this.lists.set(`${projectId}|${listId}`, list);
        this.touch("taskLists", list);
        project.listCount = listId + 1;
        this.history(event, projectId, null, list.submitter, { listId: a.listId, tasks: JSON.stringify(specs) }, []);
        return;
      }
      case "TaskListBacked": {
        const staker = addr(a, "staker");
        const stake = this.stake(project, staker);
        const listId = num(a, "listId");
        // Backing moves whole: the list backed before loses this stake (its own event only tells the new list's).
        if (stake.backedListId !== null && stake.backedListId !== listId) {
          const previous = this.list(event, projectId, stake.backedListId);
          previous.backingTokens -= stake.tokens;
          previous.backingReputation -= stake.reputation;
          this.touch("taskLists", previous);
        }
        const list = this.list(event, projectId, listId);
        list.backingTokens = big(a, "backingTokens");
        list.backingReputation = big(a, "backingReputation");
        this.touch("taskLists", list);
        stake.backedListId = listId;
        this.history(event, projectId, null, staker, a, ["staker"]);
        return;
      }
      case "ProjectActivated": {
        const listId = num(a, "listId");
        project.state = "active";
        project.winningListId = listId;
        project.claimDeadline = big(a, "claimDeadline");
        project.taskCount = num(a, "taskCount");
        const specs = JSON.parse(this.list(event, projectId, listId).tasks) as TaskSpecJson[];
        specs.forEach((spec, taskIndex) => {
          const task: TaskRecord = {
            projectId,
            taskIndex,
            descriptionHash: spec.descriptionHash,
            weightingBps: spec.weightingBps,
            durationSeconds: spec.durationSeconds,
            status: "open",
            claimer: null,
            claimedAt: null,
            deadline: null,
            reputationPosted: null,
            evidenceHash: null,
            submittedAt: null,
            validationEnd: null,
            pollId: null,
            approvers: 0,
            rejecters: 0,
            paidWei: null,
            reputationMinted: null,
            resolvedAt: null,
          };
          this.tasks.set(`${projectId}|${taskIndex}`, task);
          this.touch("tasks", task);
        });
        break;
      }
      case "TaskSettled": {
        const task = this.task(event, projectId, num(a, "taskIndex"));
        const paidWei = big(a, "paidWei");
        task.paidWei = paidWei;
        this.touch("tasks", task);
        project.settledTasks += 1;
        project.paidWei += paidWei;
        if (a.validated === true) project.completedBps += task.weightingBps;
        this.history(event, projectId, task.taskIndex, orNull(addr(a, "claimer")), a, ["taskIndex", "claimer"]);
        return;
      }
      case "ProjectCompleted":
        project.state = "complete";
        project.returnedToPoolWei = big(a, "returnedToPoolWei");
        break;
      case "ProjectFailed":
        project.state = "failed";
        project.returnedToPoolWei = big(a, "returnedToPoolWei");
        break;
      case "StakeWithdrawn": {
        const staker = addr(a, "staker");
        const stake = this.stake(project, staker);
        stake.withdrawn = true;
        stake.rewardWei = big(a, "rewardWei");
        this.history(event, projectId, null, staker, a, ["staker"]);
        return;
      }
    }
    this.history(event, projectId, null, null, a, []);
  }

  private project(event: DistributeEventRow, projectId: bigint): ProjectRecord {
    const project = this.projects.get(projectId);
    if (project === undefined) throw new ProjectionError(event.id, `unknown project ${projectId}`);
    return project;
  }

  private stake(project: ProjectRecord, staker: Address): StakeRecord {
    const key = `${project.projectId}|${staker}`;
    let stake = this.stakes.get(key);
    if (stake === undefined) {
      stake = {
        projectId: project.projectId,
        staker,
        tokens: 0n,
        reputation: 0n,
        backedListId: null,
        withdrawn: false,
        rewardWei: null,
      };
      this.stakes.set(key, stake);
      project.stakerCount += 1;
    }
    this.touch("stakes", stake);
    return stake;
  }

  private list(event: DistributeEventRow, projectId: bigint, listId: number): TaskListRecord {
    const list = this.lists.get(`${projectId}|${listId}`);
    if (list === undefined) throw new ProjectionError(event.id, `unknown task list ${listId} of project ${projectId}`);
    return list;
  }

  // ---------------------------------------------------------------- tasks (DS5, DS6)

  private onTasks(event: DistributeEventRow): void {
    const a = event.args;
    const projectId = big(a, "projectId");
    const task = this.task(event, projectId, num(a, "taskIndex"));
    this.touch("tasks", task);
    let actor: Address | null = null;
    switch (event.eventName) {
      case "TaskClaimed":
        task.status = "claimed";
        task.claimer = actor = addr(a, "claimer");
        task.claimedAt = event.timestamp;
        task.deadline = big(a, "deadline");
        task.reputationPosted = big(a, "reputationPosted");
        break;
      case "ClaimExpired":
        // The task reopens; a TaskResolved follows in the same call when the claim period is over too.
        actor = addr(a, "claimer");
        task.status = "open";
        task.claimer = null;
        task.claimedAt = null;
        task.deadline = null;
        task.reputationPosted = null;
        break;
      case "TaskSubmitted":
        actor = addr(a, "claimer");
        task.status = "validating";
        task.evidenceHash = a.evidenceHash as Hex;
        task.submittedAt = event.timestamp;
        task.validationEnd = big(a, "validationEnd");
        task.deadline = task.validationEnd;
        break;
      case "TaskValidated": {
        actor = addr(a, "validator");
        const validation: ValidationRecord = {
          projectId,
          taskIndex: task.taskIndex,
          approve: a.approve as boolean,
          slot: num(a, "slot"),
          validator: actor,
          stake: big(a, "stake"),
          paidStake: null,
          rewardTokens: null,
          forfeited: false,
        };
        this.validations.set(validationKey(validation), validation);
        this.touch("validations", validation);
        if (validation.approve) task.approvers += 1;
        else task.rejecters += 1;
        break;
      }
      case "TaskVoteStarted": {
        const poll = this.poll(event, big(a, "pollId"));
        task.status = "voting";
        task.pollId = poll.pollId;
        task.deadline = poll.revealEnd;
        poll.projectId = projectId;
        poll.taskIndex = task.taskIndex;
        this.touch("polls", poll);
        break;
      }
      case "TaskResolved":
        actor = orNull(addr(a, "claimer"));
        task.status = a.validated === true ? "validated" : "failed";
        task.claimer = actor;
        task.reputationMinted = big(a, "reputationMinted");
        task.resolvedAt = event.timestamp;
        task.deadline = null;
        break;
      case "ValidatorPaid": {
        actor = addr(a, "validator");
        const validation = this.validationOf(event, task, actor);
        validation.paidStake = big(a, "stake");
        validation.rewardTokens = big(a, "reward");
        this.touch("validations", validation);
        break;
      }
      case "ValidatorsForfeited":
        // Winners are paid before the losers' stakes are forfeited: whoever is unpaid lost.
        for (const validation of this.validationsOf(task)) {
          if (validation.paidStake !== null) continue;
          validation.forfeited = true;
          this.touch("validations", validation);
        }
        break;
    }
    const exclude = ["taskIndex", "claimer", "validator"];
    this.history(event, projectId, task.taskIndex, actor, a, exclude);
  }

  private task(event: DistributeEventRow, projectId: bigint, taskIndex: number): TaskRecord {
    const task = this.tasks.get(`${projectId}|${taskIndex}`);
    if (task === undefined) throw new ProjectionError(event.id, `unknown task ${taskIndex} of project ${projectId}`);
    return task;
  }

  private validationsOf(task: TaskRecord): ValidationRecord[] {
    const found: ValidationRecord[] = [];
    for (const approve of [true, false]) {
      for (let slot = 0; slot < 5; slot++) {
        const v = this.validations.get(`${task.projectId}|${task.taskIndex}|${approve}|${slot}`);
        if (v !== undefined) found.push(v);
      }
    }
    return found;
  }

  private validationOf(event: DistributeEventRow, task: TaskRecord, validator: Address): ValidationRecord {
    const validation = this.validationsOf(task).find((v) => v.validator === validator);
    if (validation === undefined) {
      throw new ProjectionError(event.id, `${validator} paid but never validated task ${task.taskIndex}`);
    }
    return validation;
  }

  // ---------------------------------------------------------------- history

  private history(
    event: DistributeEventRow,
    projectId: bigint,
    taskIndex: number | null,
    actor: Address | null,
    args: Args,
    exclude: string[],
  ): void {
    const details: Record<string, string> = {};
    for (const [name, value] of Object.entries(args)) {
      if (name === "projectId" || exclude.includes(name)) continue;
      details[name] = String(value);
    }
    this.touch("projectEvents", {
      id: event.id,
      projectId,
      kind: lowerCamel(event.eventName),
      taskIndex,
      actor,
      blockNumber: event.blockNumber,
      timestamp: event.timestamp,
      transactionHash: event.transactionHash,
      details: JSON.stringify(details),
    });
  }
}

const emptyTotals = (): DistributeTotalsRecord => ({
  id: 1,
  capitalSupply: 0n,
  poolWei: 0n,
  reputationSupply: 0n,
  registeredCount: 0n,
});

const validationKey = (v: ValidationRecord): string => `${v.projectId}|${v.taskIndex}|${v.approve}|${v.slot}`;
