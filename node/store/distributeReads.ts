// The Distribute API's reads (DS1–DS8), in the SQL both backends speak.
import { type Address, getAddress } from "viem";
import {
  CAPITAL_EVENTS,
  DISTRIBUTE_BALANCES,
  DISTRIBUTE_TABLES,
  DISTRIBUTE_TOTALS,
  POLLS,
  PROJECT_EVENTS,
  PROJECTS,
  REPUTATION_ACCOUNTS,
  STAKES,
  TASK_LISTS,
  TASKS,
  VALIDATIONS,
  VOTE_LOCKS,
  VOTERS,
} from "./distributeTables.ts";
import type {
  BalanceKind,
  CapitalEventRecord,
  DistributeBalanceRecord,
  DistributeState,
  DistributeTotalsRecord,
  PollRecord,
  ProjectEventRecord,
  ProjectRecord,
  ProjectState,
  ReputationAccountRecord,
  StakeRecord,
  TaskListRecord,
  TaskRecord,
  ValidationRecord,
  VoteLockRecord,
  VoterRecord,
} from "./distributeViews.ts";
import { TableReads, Where } from "./tableReads.ts";
import type { Table } from "./tables.ts";
import type { Page } from "./views.ts";

export type ProjectFilter = { state?: ProjectState; proposer?: Address; staker?: Address; page: Page };

export class DistributeReads extends TableReads {
  /** The rows the reducer changes after they are written, for its state at start. */
  async loadState(): Promise<DistributeState> {
    const all = <T>(table: Table) => this.allRows<T>(table);
    const t = DISTRIBUTE_TABLES;
    return {
      totals: await all(t.totals),
      balances: await all(t.balances),
      projects: await all(t.projects),
      stakes: await all(t.stakes),
      taskLists: await all(t.taskLists),
      tasks: await all(t.tasks),
      validations: await all(t.validations),
      polls: await all(t.polls),
      voteLocks: await all(t.voteLocks),
      voters: await all(t.voters),
    };
  }

  // ---------------------------------------------------------------- capital and reputation

  totals(): Promise<DistributeTotalsRecord | null> {
    return this.one(DISTRIBUTE_TOTALS, "SELECT * FROM distribute_totals WHERE id = 1", []);
  }

  async balanceOf(kind: BalanceKind, account: Address): Promise<bigint> {
    const row = await this.one<DistributeBalanceRecord>(
      DISTRIBUTE_BALANCES,
      "SELECT * FROM distribute_balances WHERE kind = $1 AND account = $2",
      [kind, getAddress(account)],
    );
    return row?.balance ?? 0n;
  }

  /** Accounts holding a balance of the kind now (amounts are compared as decimal strings: "0" is the only zero). */
  async holderCount(kind: BalanceKind): Promise<number> {
    const [row] = await this.db.all(
      "SELECT COUNT(*) AS holders FROM distribute_balances WHERE kind = $1 AND balance <> $2",
      [kind, "0"],
    );
    return Number(row?.holders ?? 0);
  }

  registration(account: Address): Promise<ReputationAccountRecord | null> {
    return this.one(REPUTATION_ACCOUNTS, "SELECT * FROM reputation_accounts WHERE account = $1", [getAddress(account)]);
  }

  capitalEvents(page: Page): Promise<CapitalEventRecord[]> {
    return this.rows(CAPITAL_EVENTS, "SELECT * FROM capital_events ORDER BY id DESC LIMIT $1 OFFSET $2", [
      page.limit,
      page.offset,
    ]);
  }

  // ---------------------------------------------------------------- projects

  listProjects(filter: ProjectFilter): Promise<ProjectRecord[]> {
    const w = new Where();
    if (filter.state !== undefined) w.add((p) => `state = ${p}`, filter.state);
    if (filter.proposer !== undefined) w.add((p) => `proposer = ${p}`, getAddress(filter.proposer));
    if (filter.staker !== undefined) {
      w.add(
        (p) => `project_id IN (SELECT project_id FROM distribute_stakes WHERE staker = ${p})`,
        getAddress(filter.staker),
      );
    }
    const where = w.toString();
    return this.rows(
      PROJECTS,
      `SELECT * FROM distribute_projects ${where} ORDER BY project_id DESC ${w.page(filter.page)}`,
      w.params,
    );
  }

  async projectCounts(): Promise<Map<string, number>> {
    const rows = await this.db.all("SELECT state, COUNT(*) AS projects FROM distribute_projects GROUP BY state", []);
    return new Map(rows.map((row) => [row.state as string, Number(row.projects)]));
  }

  getProject(projectId: bigint): Promise<ProjectRecord | null> {
    return this.one(PROJECTS, "SELECT * FROM distribute_projects WHERE project_id = $1", [projectId]);
  }

  stakesIn(projectId: bigint): Promise<StakeRecord[]> {
    return this.rows(STAKES, "SELECT * FROM distribute_stakes WHERE project_id = $1 ORDER BY staker", [projectId]);
  }

  stakesBy(staker: Address): Promise<StakeRecord[]> {
    return this.rows(STAKES, "SELECT * FROM distribute_stakes WHERE staker = $1 ORDER BY project_id", [
      getAddress(staker),
    ]);
  }

  taskLists(projectId: bigint): Promise<TaskListRecord[]> {
    return this.rows(TASK_LISTS, "SELECT * FROM distribute_task_lists WHERE project_id = $1 ORDER BY list_id", [
      projectId,
    ]);
  }

  tasksOf(projectId: bigint): Promise<TaskRecord[]> {
    return this.rows(TASKS, "SELECT * FROM distribute_tasks WHERE project_id = $1 ORDER BY task_index", [projectId]);
  }

  getTask(projectId: bigint, taskIndex: number): Promise<TaskRecord | null> {
    return this.one(TASKS, "SELECT * FROM distribute_tasks WHERE project_id = $1 AND task_index = $2", [
      projectId,
      taskIndex,
    ]);
  }

  /** Tasks the account claims now or resolved as their claimer. */
  tasksClaimedBy(claimer: Address): Promise<TaskRecord[]> {
    return this.rows(TASKS, "SELECT * FROM distribute_tasks WHERE claimer = $1 ORDER BY project_id, task_index", [
      getAddress(claimer),
    ]);
  }

  validationsOf(projectId: bigint, taskIndex?: number): Promise<ValidationRecord[]> {
    if (taskIndex === undefined) {
      return this.rows(
        VALIDATIONS,
        "SELECT * FROM distribute_validations WHERE project_id = $1 ORDER BY task_index, slot",
        [projectId],
      );
    }
    return this.rows(
      VALIDATIONS,
      "SELECT * FROM distribute_validations WHERE project_id = $1 AND task_index = $2 ORDER BY slot",
      [projectId, taskIndex],
    );
  }

  validationsBy(validator: Address): Promise<ValidationRecord[]> {
    return this.rows(
      VALIDATIONS,
      "SELECT * FROM distribute_validations WHERE validator = $1 ORDER BY project_id, task_index",
      [getAddress(validator)],
    );
  }

  projectHistory(projectId: bigint, page: Page): Promise<ProjectEventRecord[]> {
    return this.rows(
      PROJECT_EVENTS,
      "SELECT * FROM distribute_project_events WHERE project_id = $1 ORDER BY id LIMIT $2 OFFSET $3",
      [projectId, page.limit, page.offset],
    );
  }

  // ---------------------------------------------------------------- polls and votes

  /** Polls newest first; `openAt` keeps those whose reveal period has not ended at that time, `endedAt` the others. */
  listPolls(filter: { openAt?: bigint; endedAt?: bigint; page: Page }): Promise<PollRecord[]> {
    const params: unknown[] = [];
    let where = "";
    if (filter.openAt !== undefined) {
      params.push(filter.openAt);
      where = "WHERE reveal_end >= $1";
    } else if (filter.endedAt !== undefined) {
      params.push(filter.endedAt);
      where = "WHERE reveal_end < $1";
    }
    params.push(filter.page.limit, filter.page.offset);
    return this.rows(
      POLLS,
      `SELECT * FROM distribute_polls ${where} ORDER BY poll_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  async pollCount(): Promise<number> {
    const [row] = await this.db.all("SELECT COUNT(*) AS polls FROM distribute_polls", []);
    return Number(row?.polls ?? 0);
  }

  getPoll(pollId: bigint): Promise<PollRecord | null> {
    return this.one(POLLS, "SELECT * FROM distribute_polls WHERE poll_id = $1", [pollId]);
  }

  locksIn(pollId: bigint): Promise<VoteLockRecord[]> {
    return this.rows(VOTE_LOCKS, "SELECT * FROM distribute_vote_locks WHERE poll_id = $1 ORDER BY voter", [pollId]);
  }

  locksOf(voter: Address): Promise<VoteLockRecord[]> {
    return this.rows(VOTE_LOCKS, "SELECT * FROM distribute_vote_locks WHERE voter = $1 ORDER BY poll_id", [
      getAddress(voter),
    ]);
  }

  voter(voter: Address): Promise<VoterRecord | null> {
    return this.one(VOTERS, "SELECT * FROM distribute_voters WHERE voter = $1", [getAddress(voter)]);
  }
}
