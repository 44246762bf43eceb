// The PostgreSQL store, for a node that outgrows one file. Batches go in as one INSERT … SELECT FROM unnest(arrays)
// per table and chunk: one round trip for thousands of rows.
import pg from "pg";
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
  StoreError,
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

const ARRAY_TYPES: Record<ColumnKind, string> = {
  int64: "bigint[]",
  amount: "numeric[]",
  int: "int[]",
  text: "text[]",
  bool: "boolean[]",
};

/** Rows per INSERT: keeps each statement's parameters to a few megabytes. */
const CHUNK_ROWS = 5_000;

export class InvalidSchemaNameError extends StoreError {
  override name = "InvalidSchemaNameError";
  readonly schema: string;
  constructor(schema: string) {
    super(`"${schema}" is not a plain schema name (letters, digits and underscores, not starting with a digit)`);
    this.schema = schema;
  }
}

export type PostgresStoreOptions = {
  connectionString: string;
  /** Keeps every table in this schema (created if absent); default the connection's search path. */
  schema?: string;
  maxConnections?: number;
};

export class PostgresStore implements Store {
  readonly kind = "postgres" as const;
  readonly schema: string | null;
  private readonly pool: pg.Pool;
  private readonly reader: reads.SqlReader;
  readonly energy: EnergyReads;
  readonly distribute: DistributeReads;

  constructor(options: PostgresStoreOptions) {
    const schema = options.schema ?? null;
    if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new InvalidSchemaNameError(schema);
    this.schema = schema;
    // The index can always be rebuilt from the chain: without waiting for the WAL flush a crash may lose the last
    // commits, never consistency, and the indexer redoes them from the cursor.
    const settings = ["-c synchronous_commit=off"];
    if (schema !== null) settings.push(`-c search_path=${schema}`);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      options: settings.join(" "),
      max: options.maxConnections ?? 4,
    });
    // An idle client's connection dropping must not crash the process; the next query reconnects.
    this.pool.on("error", () => {});
    this.reader = {
      all: async (sql, params) => (await this.pool.query(sql, params)).rows as Record<string, unknown>[],
    };
    this.energy = new EnergyReads(this.reader);
    this.distribute = new DistributeReads(this.reader);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async write(client: pg.PoolClient, table: Table, rows: readonly object[], onConflict: OnConflict) {
    if (rows.length === 0) return;
    const columns = table.columns.map((c) => c.column).join(", ");
    const arrays = table.columns.map((c, i) => `$${i + 1}::${ARRAY_TYPES[c.kind]}`).join(", ");
    const sql = `INSERT INTO ${table.name} (${columns}) SELECT * FROM unnest(${arrays}) ${conflictClause(table, onConflict, "EXCLUDED")}`;
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS) as Record<string, unknown>[];
      const params = table.columns.map((c) => {
        const values = new Array<unknown>(chunk.length);
        for (let i = 0; i < chunk.length; i++) {
          const value = (chunk[i] as Record<string, unknown>)[c.field];
          values[i] = value === undefined ? null : typeof value === "bigint" ? value.toString() : value;
        }
        return values;
      });
      await client.query(sql, params);
    }
  }

  private async writeProjections(client: pg.PoolClient, rows: ProjectionRows): Promise<void> {
    for (const [field, table] of Object.entries(PROJECTION_TABLES)) {
      await this.write(client, table, rows[field as keyof typeof PROJECTION_TABLES], "update");
    }
    if (rows.totals !== null) await this.write(client, TOTALS, [{ id: 1, ...rows.totals }], "update");
  }

  private async writeEnergy(client: pg.PoolClient, rows: EnergyRows): Promise<void> {
    for (const [field, table] of Object.entries(ENERGY_TABLES)) {
      await this.write(client, table, rows[field as keyof typeof ENERGY_TABLES], "update");
    }
  }

  private async writeDistribute(client: pg.PoolClient, rows: DistributeRows | undefined): Promise<void> {
    if (rows === undefined) return;
    for (const [field, table] of Object.entries(DISTRIBUTE_TABLES)) {
      await this.write(client, table, rows[field as keyof typeof DISTRIBUTE_TABLES], "update");
    }
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Two nodes starting at once on one database must not both create the tables.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('drex-index-migrate'))");
      if (this.schema !== null) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      const { rows } = await client.query("SELECT version FROM schema_version");
      const found = (rows[0] as { version: number } | undefined)?.version ?? null;
      // A newer node's index is not ours to touch; an older one is rebuilt from the chain rather than misread.
      if (found !== null && found > SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
      if (found !== null && found < SCHEMA_VERSION) {
        for (const table of INDEX_TABLES) await client.query(`DROP TABLE IF EXISTS ${table.name}`);
        await client.query("DELETE FROM schema_version");
      }
      for (const table of INDEX_TABLES) for (const sql of createTable(table, "postgres")) await client.query(sql);
      if (found !== SCHEMA_VERSION) {
        await client.query("INSERT INTO schema_version (version) VALUES ($1)", [SCHEMA_VERSION]);
      }
    });
  }

  async getCursor(): Promise<Cursor | null> {
    const [row] = await this.reader.all("SELECT * FROM cursor WHERE id = 1", []);
    return row === undefined ? null : decodeRow<Cursor>(CURSOR, row);
  }

  async commit(batch: CommitBatch): Promise<void> {
    await this.transaction(async (client) => {
      await this.write(client, EVENTS, batch.events.map(eventRecord), "ignore");
      await this.write(client, BLOCKS, batch.blocks, "update");
      await this.writeProjections(client, batch.rows);
      await this.write(client, PRICE_HISTORY, batch.priceHistory, "ignore");
      await this.write(client, ENERGY_EVENTS, batch.energyEvents.map(energyEventRecord), "ignore");
      await this.writeEnergy(client, batch.energy);
      await this.write(client, DISTRIBUTE_EVENTS, (batch.distributeEvents ?? []).map(distributeEventRecord), "ignore");
      await this.writeDistribute(client, batch.distribute);
      await this.write(client, CURSOR, [{ id: 1, ...batch.cursor }], "update");
    });
  }

  async rollbackTo(blockNumber: bigint, rebuilt: RebuiltProjections): Promise<Cursor | null> {
    return this.transaction(async (client) => {
      await client.query("DELETE FROM events WHERE block_number > $1", [blockNumber]);
      await client.query("DELETE FROM blocks WHERE block_number > $1", [blockNumber]);
      await client.query("DELETE FROM energy_events WHERE block_number > $1", [blockNumber]);
      await client.query("DELETE FROM distribute_events WHERE block_number > $1", [blockNumber]);
      for (const table of [
        ...Object.values(PROJECTION_TABLES),
        PRICE_HISTORY,
        TOTALS,
        ...Object.values(ENERGY_TABLES),
        ...Object.values(DISTRIBUTE_TABLES),
      ]) {
        await client.query(`DELETE FROM ${table.name}`);
      }
      await this.writeProjections(client, rebuilt.rows);
      await this.write(client, PRICE_HISTORY, rebuilt.priceHistory, "ignore");
      if (rebuilt.energy !== undefined) await this.writeEnergy(client, rebuilt.energy);
      await this.writeDistribute(client, rebuilt.distribute);
      await client.query("DELETE FROM cursor");
      const { rows } = await client.query("SELECT * FROM blocks ORDER BY block_number DESC LIMIT 1");
      const newest = rows[0] as Record<string, unknown> | undefined;
      if (newest === undefined) return null;
      const block = decodeRow<StoredBlock>(BLOCKS, newest);
      const cursor = { blockNumber: block.blockNumber, blockHash: block.blockHash };
      await this.write(client, CURSOR, [{ id: 1, ...cursor }], "update");
      return cursor;
    });
  }

  async blocksBelow(belowBlock: bigint, limit: number): Promise<StoredBlock[]> {
    const rows = await this.reader.all(
      "SELECT * FROM blocks WHERE block_number < $1 ORDER BY block_number DESC LIMIT $2",
      [belowBlock, limit],
    );
    return rows.map((row) => decodeRow<StoredBlock>(BLOCKS, row));
  }

  async readEvents(afterId: bigint, upToId: bigint, limit: number): Promise<ActivityRow[]> {
    const rows = await this.reader.all("SELECT * FROM events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3", [
      afterId,
      upToId,
      limit,
    ]);
    return rows.map(reads.activityFromRow);
  }

  async readEnergyEvents(afterId: bigint, upToId: bigint, limit: number): Promise<EnergyEventRow[]> {
    const rows = await this.reader.all("SELECT * FROM energy_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3", [
      afterId,
      upToId,
      limit,
    ]);
    return rows.map(energyEventFromRow);
  }

  loadEnergyState(): Promise<EnergyState> {
    return this.energy.loadState();
  }

  async readDistributeEvents(afterId: bigint, upToId: bigint, limit: number): Promise<DistributeEventRow[]> {
    const rows = await this.reader.all(
      "SELECT * FROM distribute_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3",
      [afterId, upToId, limit],
    );
    return rows.map(distributeEventFromRow);
  }

  loadDistributeState(): Promise<DistributeState> {
    return this.distribute.loadState();
  }

  async loadProjections(): Promise<ProjectionRows> {
    const load = async <T>(table: Table): Promise<T[]> =>
      (await this.reader.all(`SELECT * FROM ${table.name} ${orderByKey(table)}`, [])).map((row) =>
        decodeRow<T>(table, row),
      );
    const [totals] = await load<Totals & { id?: number }>(TOTALS);
    if (totals !== undefined) delete totals.id;
    return {
      requests: await load(PROJECTION_TABLES.requests),
      bids: await load(PROJECTION_TABLES.bids),
      contributions: await load(PROJECTION_TABLES.contributions),
      generators: await load(PROJECTION_TABLES.generators),
      holdings: await load(PROJECTION_TABLES.holdings),
      credits: await load(PROJECTION_TABLES.credits),
      solarBalances: await load(PROJECTION_TABLES.solarBalances),
      statsBuckets: await reads.openStatsBuckets(this.reader),
      totals: totals ?? null,
    };
  }

  dump(): Promise<StoreDump> {
    return dumpTables(this.reader, INDEX_TABLES);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Drops the store's schema and everything in it (tests isolate themselves in a fresh schema). */
  async dropSchema(): Promise<void> {
    if (this.schema === null) throw new StoreError("this store has no schema of its own to drop");
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
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
