// The default store: one SQLite file in the data folder (node:sqlite, WAL). node:sqlite is synchronous, so a commit
// holds the event loop for its duration; the indexer keeps batches to a size where that stays short.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import type { Address } from "viem";
import { conflictClause, createTable, type OnConflict, orderByKey } from "./ddl.ts";
import { distributeEventFromRow, distributeEventRecord } from "./distributeEventArgs.ts";
import { DistributeReads } from "./distributeReads.ts";
import { DISTRIBUTE_EVENTS, DISTRIBUTE_TABLES } from "./distributeTables.ts";
import type { DistributeEventRow, DistributeRows, DistributeState } from "./distributeViews.ts";
import { energyEventFromRow, energyEventRecord } from "./energyEventArgs.ts";
import { EnergyReads } from "./energyReads.ts";
import { ENERGY_EVENTS, ENERGY_TABLES, INDEX_TABLES } from "./energyTables.ts";
import type { EnergyEventRow, EnergyRows, EnergyState } from "./energyViews.ts";
import { eventRecord } from "./eventArgs.ts";
import * as reads from "./reads.ts";
import {
  type ActivityFilter,
  type CommitBatch,
  type Cursor,
  type GeneratorFilter,
  type ProjectionRows,
  type RebuiltProjections,
  type RequestFilter,
  SchemaVersionError,
  type StatsFilter,
  type Store,
  type StoreDump,
  type StoredBlock,
} from "./Store.ts";
import { dumpTables } from "./tableReads.ts";
import {
  BLOCKS,
  type ColumnKind,
  CURSOR,
  decodeRow,
  EVENTS,
  PRICE_HISTORY,
  PROJECTION_TABLES,
  SCHEMA_VERSION,
  type Table,
  TOTALS,
} from "./tables.ts";
import type {
  AccountRow,
  ActivityRow,
  GeneratorDetail,
  GeneratorRow,
  RequestRow,
  RequestWithBids,
  StatsPoint,
  Totals,
} from "./views.ts";

function encode(kind: ColumnKind, value: unknown): SQLInputValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "int64":
      return value as bigint;
    case "amount":
      return (value as bigint).toString();
    case "int":
      return value as number;
    case "bool":
      return value ? 1 : 0;
    case "text":
      return value as string;
  }
}

function encodeParam(value: unknown): SQLInputValue {
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as SQLInputValue;
}

export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly reader: reads.SqlReader;
  readonly energy: EnergyReads;
  readonly distribute: DistributeReads;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec("PRAGMA journal_mode = WAL");
    // The index can always be rebuilt from the chain: NORMAL keeps it consistent across a crash, which is all it needs.
    this.db.exec("PRAGMA synchronous = NORMAL");
    this.db.exec("PRAGMA busy_timeout = 5000");
    this.reader = { all: async (sql, params) => this.all(sql, params) };
    this.energy = new EnergyReads(this.reader);
    this.distribute = new DistributeReads(this.reader);
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      statement.setReadBigInts(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a read written with `$n` placeholders. */
  private all(sql: string, params: unknown[]): Record<string, unknown>[] {
    return this.statement(sql.replace(/\$(\d+)/g, "?$1")).all(...params.map(encodeParam)) as Record<string, unknown>[];
  }

  private transaction<T>(work: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  private write(table: Table, rows: readonly object[], onConflict: OnConflict): void {
    if (rows.length === 0) return;
    const columns = table.columns.map((c) => c.column).join(", ");
    const placeholders = table.columns.map(() => "?").join(", ");
    const statement = this.statement(
      `INSERT INTO ${table.name} (${columns}) VALUES (${placeholders}) ${conflictClause(table, onConflict, "excluded")}`,
    );
    const values: SQLInputValue[] = new Array(table.columns.length);
    for (const row of rows) {
      const record = row as Record<string, unknown>;
      for (let i = 0; i < table.columns.length; i++) {
        const column = table.columns[i] as (typeof table.columns)[number];
        values[i] = encode(column.kind, record[column.field]);
      }
      statement.run(...values);
    }
  }

  private writeProjections(rows: ProjectionRows): void {
    for (const [field, table] of Object.entries(PROJECTION_TABLES)) {
      this.write(table, rows[field as keyof typeof PROJECTION_TABLES], "update");
    }
    if (rows.totals !== null) this.write(TOTALS, [{ id: 1, ...rows.totals }], "update");
  }

  private writeEnergy(rows: EnergyRows): void {
    for (const [field, table] of Object.entries(ENERGY_TABLES)) {
      this.write(table, rows[field as keyof typeof ENERGY_TABLES], "update");
    }
  }

  private writeDistribute(rows: DistributeRows | undefined): void {
    if (rows === undefined) return;
    for (const [field, table] of Object.entries(DISTRIBUTE_TABLES)) {
      this.write(table, rows[field as keyof typeof DISTRIBUTE_TABLES], "update");
    }
  }

  async migrate(): Promise<void> {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const [row] = this.all("SELECT version FROM schema_version", []);
    const found = row === undefined ? null : Number(row.version);
    // A newer node's index is not ours to touch; an older one is rebuilt from the chain rather than misread.
    if (found !== null && found > SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
    this.transaction(() => {
      if (found !== null && found < SCHEMA_VERSION) {
        for (const table of INDEX_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table.name}`);
        this.db.exec("DELETE FROM schema_version");
      }
      for (const table of INDEX_TABLES) for (const sql of createTable(table, "sqlite")) this.db.exec(sql);
      if (found !== SCHEMA_VERSION) {
        this.statement("INSERT INTO schema_version (version) VALUES (?)").run(SCHEMA_VERSION);
      }
    });
  }

  async getCursor(): Promise<Cursor | null> {
    const [row] = this.all("SELECT * FROM cursor WHERE id = 1", []);
    return row === undefined ? null : decodeRow<Cursor>(CURSOR, row);
  }

  async commit(batch: CommitBatch): Promise<void> {
    this.transaction(() => {
      this.write(EVENTS, batch.events.map(eventRecord), "ignore");
      this.write(BLOCKS, batch.blocks, "update");
      this.writeProjections(batch.rows);
      this.write(PRICE_HISTORY, batch.priceHistory, "ignore");
      this.write(ENERGY_EVENTS, batch.energyEvents.map(energyEventRecord), "ignore");
      this.writeEnergy(batch.energy);
      this.write(DISTRIBUTE_EVENTS, (batch.distributeEvents ?? []).map(distributeEventRecord), "ignore");
      this.writeDistribute(batch.distribute);
      this.write(CURSOR, [{ id: 1, ...batch.cursor }], "update");
    });
  }

  async rollbackTo(blockNumber: bigint, rebuilt: RebuiltProjections): Promise<Cursor | null> {
    return this.transaction(() => {
      this.statement("DELETE FROM events WHERE block_number > ?").run(blockNumber);
      this.statement("DELETE FROM blocks WHERE block_number > ?").run(blockNumber);
      this.statement("DELETE FROM energy_events WHERE block_number > ?").run(blockNumber);
      this.statement("DELETE FROM distribute_events WHERE block_number > ?").run(blockNumber);
      for (const table of [
        ...Object.values(PROJECTION_TABLES),
        PRICE_HISTORY,
        TOTALS,
        ...Object.values(ENERGY_TABLES),
        ...Object.values(DISTRIBUTE_TABLES),
      ]) {
        this.statement(`DELETE FROM ${table.name}`).run();
      }
      this.writeProjections(rebuilt.rows);
      this.write(PRICE_HISTORY, rebuilt.priceHistory, "ignore");
      if (rebuilt.energy !== undefined) this.writeEnergy(rebuilt.energy);
      this.writeDistribute(rebuilt.distribute);
      const [newest] = this.all("SELECT * FROM blocks ORDER BY block_number DESC LIMIT 1", []);
      this.statement("DELETE FROM cursor").run();
      if (newest === undefined) return null;
      const block = decodeRow<StoredBlock>(BLOCKS, newest);
      const cursor = { blockNumber: block.blockNumber, blockHash: block.blockHash };
      this.write(CURSOR, [{ id: 1, ...cursor }], "update");
      return cursor;
    });
  }

  async blocksBelow(belowBlock: bigint, limit: number): Promise<StoredBlock[]> {
    return this.all("SELECT * FROM blocks WHERE block_number < $1 ORDER BY block_number DESC LIMIT $2", [
      belowBlock,
      limit,
    ]).map((row) => decodeRow<StoredBlock>(BLOCKS, row));
  }

  async readEvents(afterId: bigint, upToId: bigint, limit: number): Promise<ActivityRow[]> {
    return this.all("SELECT * FROM events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3", [
      afterId,
      upToId,
      limit,
    ]).map(reads.activityFromRow);
  }

  async readEnergyEvents(afterId: bigint, upToId: bigint, limit: number): Promise<EnergyEventRow[]> {
    return this.all("SELECT * FROM energy_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3", [
      afterId,
      upToId,
      limit,
    ]).map(energyEventFromRow);
  }

  loadEnergyState(): Promise<EnergyState> {
    return this.energy.loadState();
  }

  async readDistributeEvents(afterId: bigint, upToId: bigint, limit: number): Promise<DistributeEventRow[]> {
    return this.all("SELECT * FROM distribute_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3", [
      afterId,
      upToId,
      limit,
    ]).map(distributeEventFromRow);
  }

  loadDistributeState(): Promise<DistributeState> {
    return this.distribute.loadState();
  }

  async loadProjections(): Promise<ProjectionRows> {
    const load = <T>(table: Table): T[] =>
      this.all(`SELECT * FROM ${table.name} ${orderByKey(table)}`, []).map((row) => decodeRow<T>(table, row));
    const [totals] = load<Totals & { id?: number }>(TOTALS);
    if (totals !== undefined) delete totals.id;
    return {
      requests: load(PROJECTION_TABLES.requests),
      bids: load(PROJECTION_TABLES.bids),
      contributions: load(PROJECTION_TABLES.contributions),
      generators: load(PROJECTION_TABLES.generators),
      holdings: load(PROJECTION_TABLES.holdings),
      credits: load(PROJECTION_TABLES.credits),
      solarBalances: load(PROJECTION_TABLES.solarBalances),
      statsBuckets: await reads.openStatsBuckets(this.reader),
      totals: totals ?? null,
    };
  }

  dump(): Promise<StoreDump> {
    return dumpTables(this.reader, INDEX_TABLES);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  listRequests(filter: RequestFilter): Promise<RequestRow[]> {
    return reads.listRequests(this.reader, filter);
  }
  getRequest(requestId: bigint): Promise<RequestWithBids | null> {
    return reads.getRequest(this.reader, requestId);
  }
  listGenerators(filter: GeneratorFilter): Promise<GeneratorRow[]> {
    return reads.listGenerators(this.reader, filter);
  }
  getGenerator(address: Address): Promise<GeneratorDetail | null> {
    return reads.getGenerator(this.reader, address);
  }
  getAccount(address: Address): Promise<AccountRow> {
    return reads.getAccount(this.reader, address);
  }
  listActivity(filter: ActivityFilter): Promise<ActivityRow[]> {
    return reads.listActivity(this.reader, filter);
  }
  getTotals(): Promise<Totals> {
    return reads.getTotals(this.reader);
  }
  getStatsTimeseries(filter: StatsFilter): Promise<StatsPoint[] | null> {
    return reads.getStatsTimeseries(this.reader, filter);
  }
  async eventCount(): Promise<bigint> {
    return (await this.getTotals()).eventCount;
  }
}
