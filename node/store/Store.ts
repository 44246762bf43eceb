// The index's storage: one interface, two backends (SQLite by default, PostgreSQL for a node that grows). The store
// only keeps what the indexer computed; the projections themselves are computed by one reducer in TypeScript
// (node/indexer/projection.ts), so both backends always hold the same rows.
import type { Address, Hex } from "viem";
import type { DistributeReads } from "./distributeReads.ts";
import type { DistributeEventRow, DistributeRows, DistributeState } from "./distributeViews.ts";
import type { EnergyReads } from "./energyReads.ts";
import type { EnergyEventRow, EnergyRows, EnergyState } from "./energyViews.ts";
import type {
  AccountRow,
  ActivityRow,
  BidRow,
  ContributionRow,
  GeneratorDetail,
  GeneratorRow,
  HoldingRow,
  Page,
  RequestPhase,
  RequestRow,
  RequestWithBids,
  StatsBucket,
  StatsPoint,
  Totals,
} from "./views.ts";

/** The last block the index covers, with its hash so a reorg below it can be noticed. */
export type Cursor = { blockNumber: bigint; blockHash: Hex };

/** A block that holds D-REX events: its hash lets the indexer find the common ancestor after a reorg. */
export type StoredBlock = { blockNumber: bigint; blockHash: Hex; timestamp: bigint };

/** A generator as stored: the view plus what the share allocation needs. */
export type GeneratorRecord = GeneratorRow & {
  /** Shares left over by rounding, one each to the earliest financiers (GeneratorCreated). */
  dustShares: bigint;
  financierCount: bigint;
  /** Shares of the owners who voted, and the sum of their shares times their price: getAvg() is the quotient. */
  votingShares: bigint;
  weightedPriceSum: bigint;
};

/** A holding as stored: the view plus whether the generator has written it to storage yet. */
export type HoldingRecord = HoldingRow & {
  /** False while the shares are only the financier's allocation, not yet written on-chain (see IGenerator). */
  materialized: boolean;
};

export type CreditRecord = { generator: Address; account: Address; creditMilliUnits: bigint };

export type SolarBalanceRecord = { account: Address; balanceWei: bigint };

/** One price change of a generator: the average after a vote or a withdrawal. */
export type PricePoint = {
  generator: Address;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  priceWeiPerUnit: bigint;
};

/** The lengths of the stats buckets, which start at multiples of their length in unix time (so at UTC boundaries). */
export const STATS_BUCKET_SECONDS: Record<StatsBucket, bigint> = { hour: 3_600n, day: 86_400n };

/** The stats scope that counts every generator; any other scope is one generator's address. */
export const NETWORK_SCOPE = "all";

/** Sales and revenue in one bucket of time, for the whole network or one generator. */
export type StatsBucketRecord = StatsPoint & {
  /** NETWORK_SCOPE or a generator's address. */
  scope: string;
  bucketSeconds: bigint;
};

/** Rows of the projection tables that are updated in place (price history is append-only and travels apart). */
export type ProjectionRows = {
  requests: RequestRow[];
  bids: BidRow[];
  contributions: ContributionRow[];
  generators: GeneratorRecord[];
  holdings: HoldingRecord[];
  credits: CreditRecord[];
  solarBalances: SolarBalanceRecord[];
  /**
   * Stats buckets changed. Loaded from the store, only the newest bucket of each scope and length: block times never
   * go back, so no event can add to an older one.
   */
  statsBuckets: StatsBucketRecord[];
  totals: Totals | null;
};

/** Everything one indexing step writes, atomically. */
export type CommitBatch = {
  events: ActivityRow[];
  /** The blocks the events are in. */
  blocks: StoredBlock[];
  /** Rows changed by the events, each in full (an upsert), so committing a batch twice changes nothing. */
  rows: ProjectionRows;
  /** Price changes the events made (keyed by generator, block and log index, so re-inserting is harmless). */
  priceHistory: PricePoint[];
  /** The measured-energy modules' events and the energy rows they changed (energyProjection.ts). */
  energyEvents: EnergyEventRow[];
  energy: EnergyRows;
  /** The Distribute Protocol's events and the rows they changed (distributeProjection.ts); none when absent. */
  distributeEvents?: DistributeEventRow[];
  distribute?: DistributeRows;
  cursor: Cursor;
};

/**
 * The projections recomputed from the events that survive a rollback: they replace the tables whole. `energy`
 * replaces the energy tables (left empty without it), `distribute` the Distribute ones.
 */
export type RebuiltProjections = {
  rows: ProjectionRows;
  priceHistory: PricePoint[];
  energy?: EnergyRows;
  distribute?: DistributeRows;
};

export type RequestFilter = {
  phase?: RequestPhase;
  creator?: Address;
  /** Requests this provider bid on (the accepted bid's provider included). */
  provider?: Address;
  page: Page;
};

export type GeneratorFilter = { active?: boolean; page: Page };

export type StatsFilter = {
  bucket: StatsBucket;
  /** One generator's sales and revenue instead of the whole network's. */
  generator?: Address;
};

export type ActivityFilter = {
  /** Only rows older than this id: the feed's "next page" token. */
  beforeId?: bigint;
  /** Only events this address emitted or names in an address argument. */
  address?: Address;
  page: Page;
};

/** Every table's rows in primary-key order, values as JSON-safe strings: two stores with equal dumps are equal. */
export type StoreDump = Record<string, Record<string, string | number | boolean | null>[]>;

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Creates the tables and indexes that do not exist yet. */
  migrate(): Promise<void>;
  getCursor(): Promise<Cursor | null>;
  /** Writes a batch in one transaction: events, blocks, projection rows and the cursor. Idempotent. */
  commit(batch: CommitBatch): Promise<void>;
  /**
   * Forgets every event and block above `blockNumber` and replaces the projections with `rebuilt` (computed from the
   * events that remain), in one transaction. The cursor moves to the newest stored block at or below `blockNumber`,
   * or to none; returns it.
   */
  rollbackTo(blockNumber: bigint, rebuilt: RebuiltProjections): Promise<Cursor | null>;
  /** Stored blocks below `belowBlock`, newest first: the candidates for the common ancestor after a reorg. */
  blocksBelow(belowBlock: bigint, limit: number): Promise<StoredBlock[]>;
  /** Stored events with `afterId < id <= upToId`, oldest first: what a rollback replays. */
  readEvents(afterId: bigint, upToId: bigint, limit: number): Promise<ActivityRow[]>;
  /** The projection tables whole, for the reducer's state at start. */
  loadProjections(): Promise<ProjectionRows>;
  /** Stored energy events with `afterId < id <= upToId`, oldest first: what a rollback replays. */
  readEnergyEvents(afterId: bigint, upToId: bigint, limit: number): Promise<EnergyEventRow[]>;
  /** The energy rows later events change, for the energy reducer's state at start. */
  loadEnergyState(): Promise<EnergyState>;
  /** The measured-energy reads the API serves. */
  readonly energy: EnergyReads;
  /** Stored Distribute events with `afterId < id <= upToId`, oldest first: what a rollback replays. */
  readDistributeEvents(afterId: bigint, upToId: bigint, limit: number): Promise<DistributeEventRow[]>;
  /** The Distribute rows later events change, for the distribute reducer's state at start. */
  loadDistributeState(): Promise<DistributeState>;
  /** The Distribute Protocol's reads the API serves. */
  readonly distribute: DistributeReads;
  dump(): Promise<StoreDump>;
  close(): Promise<void>;

  listRequests(filter: RequestFilter): Promise<RequestRow[]>;
  getRequest(requestId: bigint): Promise<RequestWithBids | null>;
  listGenerators(filter: GeneratorFilter): Promise<GeneratorRow[]>;
  getGenerator(address: Address): Promise<GeneratorDetail | null>;
  /** Never null: an address the index has never seen gets empty rows. */
  getAccount(address: Address): Promise<AccountRow>;
  /** Newest first. */
  listActivity(filter: ActivityFilter): Promise<ActivityRow[]>;
  getTotals(): Promise<Totals>;
  /** Buckets with activity, oldest first; null when filtered by a generator the index does not know. */
  getStatsTimeseries(filter: StatsFilter): Promise<StatsPoint[] | null>;
  eventCount(): Promise<bigint>;
}

export class StoreError extends Error {
  override name = "StoreError";
}

/** The database holds a schema this code does not know how to read. */
export class SchemaVersionError extends StoreError {
  override name = "SchemaVersionError";
  readonly found: number;
  readonly expected: number;
  constructor(found: number, expected: number) {
    super(`the index database has schema version ${found}; this node reads version ${expected}`);
    this.found = found;
    this.expected = expected;
  }
}
