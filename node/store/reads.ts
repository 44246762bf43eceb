// The API's reads, written once in the SQL both backends speak; `$n` placeholders (SQLite's runner renumbers them).
import { type Address, getAddress } from "viem";
import { decodeArgs } from "./eventArgs.ts";
import {
  type ActivityFilter,
  type GeneratorFilter,
  type HoldingRecord,
  NETWORK_SCOPE,
  type PricePoint,
  type RequestFilter,
  STATS_BUCKET_SECONDS,
  type StatsBucketRecord,
  type StatsFilter,
} from "./Store.ts";
import {
  BIDS,
  CONTRIBUTIONS,
  CREDITS,
  decodeRow,
  EVENTS,
  GENERATORS,
  HOLDINGS,
  PRICE_HISTORY,
  REQUESTS,
  STATS_BUCKETS,
  TOTALS,
} from "./tables.ts";
import type {
  AccountRow,
  ActivityRow,
  BidRow,
  ContributionRow,
  GeneratorDetail,
  GeneratorRow,
  RequestRow,
  RequestWithBids,
  StatsPoint,
  Totals,
} from "./views.ts";

export interface SqlReader {
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

const EMPTY_TOTALS: Totals = {
  requestCount: 0n,
  generatorCount: 0n,
  activeGeneratorCount: 0n,
  raisedWei: 0n,
  unitsSold: 0n,
  revenueWei: 0n,
  claimedWei: 0n,
  eventCount: 0n,
};

/** Builds a WHERE clause and its parameters, numbering placeholders as it goes. */
class Conditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sqlWithPlaceholder: (placeholder: string) => string, value: unknown): void {
    this.params.push(value);
    this.parts.push(sqlWithPlaceholder(`$${this.params.length}`));
  }
  where(): string {
    return this.parts.length === 0 ? "" : `WHERE ${this.parts.join(" AND ")}`;
  }
  page(page: { limit: number; offset: number }): string {
    this.params.push(page.limit, page.offset);
    return `LIMIT $${this.params.length - 1} OFFSET $${this.params.length}`;
  }
}

export async function listRequests(db: SqlReader, filter: RequestFilter): Promise<RequestRow[]> {
  const c = new Conditions();
  if (filter.phase !== undefined) c.add((p) => `phase = ${p}`, filter.phase);
  if (filter.creator !== undefined) c.add((p) => `creator = ${p}`, getAddress(filter.creator));
  if (filter.provider !== undefined) {
    c.add((p) => `request_id IN (SELECT request_id FROM bids WHERE provider = ${p})`, getAddress(filter.provider));
  }
  const where = c.where();
  const rows = await db.all(
    `SELECT * FROM requests ${where} ORDER BY request_id DESC ${c.page(filter.page)}`,
    c.params,
  );
  return rows.map((row) => decodeRow<RequestRow>(REQUESTS, row));
}

export async function getRequest(db: SqlReader, requestId: bigint): Promise<RequestWithBids | null> {
  const [row] = await db.all("SELECT * FROM requests WHERE request_id = $1", [requestId]);
  if (row === undefined) return null;
  const bids = await db.all("SELECT * FROM bids WHERE request_id = $1 ORDER BY bid_id", [requestId]);
  return { ...decodeRow<RequestRow>(REQUESTS, row), bids: bids.map((bid) => decodeRow<BidRow>(BIDS, bid)) };
}

/**
 * Generators with the current key of their device: the energy index's device of that id, when it has ever held the
 * key the generator registered (so a device of another registry is never taken for it). The contract checks usage
 * readings against the device's current key, which the Technical DAO may have changed since registration (MX1).
 */
const GENERATORS_WITH_DEVICE = `SELECT g.*, d.device_key AS current_device_key FROM generators g
  LEFT JOIN devices d ON d.device_id = g.device_id AND d.device_keys LIKE ('%"' || g.device_key || '"%')`;

function generatorFromRow(raw: Record<string, unknown>): GeneratorRow {
  const row = decodeRow<GeneratorRow>(GENERATORS, raw);
  const current = raw.current_device_key;
  return typeof current === "string" ? { ...row, deviceKey: current as Address } : row;
}

export async function listGenerators(db: SqlReader, filter: GeneratorFilter): Promise<GeneratorRow[]> {
  const c = new Conditions();
  if (filter.active !== undefined) c.add((p) => `g.active = ${p}`, filter.active);
  const where = c.where();
  const rows = await db.all(
    `${GENERATORS_WITH_DEVICE} ${where} ORDER BY g.request_id DESC ${c.page(filter.page)}`,
    c.params,
  );
  return rows.map(generatorFromRow);
}

export async function getGenerator(db: SqlReader, address: Address): Promise<GeneratorDetail | null> {
  const generator = getAddress(address);
  const [row] = await db.all(`${GENERATORS_WITH_DEVICE} WHERE g.address = $1`, [generator]);
  if (row === undefined) return null;
  const [holdings, history] = await Promise.all([
    db.all("SELECT * FROM holdings WHERE generator = $1 ORDER BY shares DESC, owner", [generator]),
    db.all("SELECT * FROM price_history WHERE generator = $1 ORDER BY block_number, log_index", [generator]),
  ]);
  return {
    ...generatorFromRow(row),
    holdings: holdings.map((h) => decodeRow<HoldingRecord>(HOLDINGS, h)),
    priceHistory: history.map((h) => {
      const point = decodeRow<PricePoint>(PRICE_HISTORY, h);
      return { blockNumber: point.blockNumber, timestamp: point.timestamp, priceWeiPerUnit: point.priceWeiPerUnit };
    }),
  };
}

export async function getAccount(db: SqlReader, address: Address): Promise<AccountRow> {
  const account = getAddress(address);
  const [balances, holdings, contributions, credits, requests, bids] = await Promise.all([
    db.all("SELECT * FROM solar_balances WHERE account = $1", [account]),
    db.all("SELECT * FROM holdings WHERE owner = $1 ORDER BY generator", [account]),
    db.all("SELECT * FROM contributions WHERE financier = $1 ORDER BY request_id", [account]),
    db.all("SELECT * FROM credits WHERE account = $1 ORDER BY generator", [account]),
    db.all("SELECT request_id FROM requests WHERE creator = $1 ORDER BY request_id", [account]),
    db.all("SELECT bid_id FROM bids WHERE provider = $1 ORDER BY bid_id", [account]),
  ]);
  const [balance] = balances;
  return {
    address: account,
    solarWei: balance === undefined ? 0n : BigInt(balance.balance_wei as string),
    holdings: holdings.map((h) => decodeRow<HoldingRecord>(HOLDINGS, h)),
    contributions: contributions.map((row) => decodeRow<ContributionRow>(CONTRIBUTIONS, row)),
    credits: credits.map((row) => {
      const { generator, creditMilliUnits } = decodeRow<{ generator: Address; creditMilliUnits: bigint }>(CREDITS, row);
      return { generator, creditMilliUnits };
    }),
    requestIds: requests.map((row) => BigInt(row.request_id as string)),
    bidIds: bids.map((row) => BigInt(row.bid_id as string)),
  };
}

export async function listActivity(db: SqlReader, filter: ActivityFilter): Promise<ActivityRow[]> {
  const c = new Conditions();
  if (filter.beforeId !== undefined) c.add((p) => `id < ${p}`, filter.beforeId);
  if (filter.address !== undefined) {
    c.add((p) => `(address = ${p} OR account1 = ${p} OR account2 = ${p})`, getAddress(filter.address));
  }
  const where = c.where();
  const rows = await db.all(`SELECT * FROM events ${where} ORDER BY id DESC ${c.page(filter.page)}`, c.params);
  return rows.map(activityFromRow);
}

/** A row of the events table as the feed shows it. */
export function activityFromRow(raw: Record<string, unknown>): ActivityRow {
  const row = decodeRow<ActivityRow & { args: string }>(EVENTS, raw);
  return {
    id: row.id,
    blockNumber: row.blockNumber,
    logIndex: row.logIndex,
    timestamp: row.timestamp,
    transactionHash: row.transactionHash,
    contract: row.contract,
    address: row.address,
    eventName: row.eventName,
    args: decodeArgs(row.contract, row.eventName, row.args),
  };
}

export async function getTotals(db: SqlReader): Promise<Totals> {
  const [row] = await db.all("SELECT * FROM totals WHERE id = 1", []);
  if (row === undefined) return { ...EMPTY_TOTALS };
  const { id: _id, ...totals } = decodeRow<Totals & { id: number }>(TOTALS, row);
  return totals;
}

export async function getStatsTimeseries(db: SqlReader, filter: StatsFilter): Promise<StatsPoint[] | null> {
  let scope = NETWORK_SCOPE;
  if (filter.generator !== undefined) {
    scope = getAddress(filter.generator);
    const [known] = await db.all("SELECT 1 AS known FROM generators WHERE address = $1", [scope]);
    if (known === undefined) return null;
  }
  const rows = await db.all("SELECT * FROM stats_buckets WHERE scope = $1 AND bucket_seconds = $2 ORDER BY starts_at", [
    scope,
    STATS_BUCKET_SECONDS[filter.bucket],
  ]);
  return rows.map((row) => {
    const { startsAt, unitsSold, revenueWei, purchaseCount } = decodeRow<StatsBucketRecord>(STATS_BUCKETS, row);
    return { startsAt, unitsSold, revenueWei, purchaseCount };
  });
}

/** The newest bucket of each scope and length: the only ones the reducer can still add to. */
export async function openStatsBuckets(db: SqlReader): Promise<StatsBucketRecord[]> {
  const rows = await db.all(
    `SELECT * FROM stats_buckets b WHERE starts_at = (
       SELECT MAX(starts_at) FROM stats_buckets n WHERE n.scope = b.scope AND n.bucket_seconds = b.bucket_seconds
     ) ORDER BY scope, bucket_seconds`,
    [],
  );
  return rows.map((row) => decodeRow<StatsBucketRecord>(STATS_BUCKETS, row));
}
