// The index's tables, described once: both backends derive their DDL, upserts, row decoding and dump from this.
// Amounts (anything that can pass 2^63) are `amount`: TEXT decimal in SQLite, NUMERIC(78,0) in PostgreSQL, bigint
// in TypeScript, so they round-trip exactly.

/**
 * - `int64`: bigint that always fits a signed 64-bit integer (ids, block numbers, unix seconds, counts, shares).
 * - `amount`: any uint256.
 * - `int`: a small JS number (a log index).
 * - `text`: a string (addresses and hashes included).
 * - `bool`.
 */
export type ColumnKind = "int64" | "amount" | "int" | "text" | "bool";

export type Column = { field: string; column: string; kind: ColumnKind; nullable: boolean };

export type Table = {
  name: string;
  columns: Column[];
  /** Fields of the primary key, in dump order. */
  key: string[];
  /** Secondary indexes, each a list of fields. */
  indexes: string[][];
};

const snake = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// Words SQL reserves (or may) get another column name.
const RENAMED: Record<string, string> = {
  order: "contribution_order",
  values: "proposal_values",
  to: "to_address",
  by: "by_address",
  key: "device_key",
  keys: "device_keys",
  member: "member_address",
  operator: "operator_address",
};

export function table(
  name: string,
  spec: Record<string, ColumnKind | `${ColumnKind}?`>,
  key: string[],
  indexes: string[][] = [],
) {
  const columns = Object.entries(spec).map(([field, kind]) => ({
    field,
    column: RENAMED[field] ?? snake(field),
    kind: kind.replace("?", "") as ColumnKind,
    nullable: kind.endsWith("?"),
  }));
  return { name, columns, key, indexes } satisfies Table;
}

export const EVENTS = table(
  "events",
  {
    id: "int64",
    blockNumber: "int64",
    logIndex: "int",
    timestamp: "int64",
    transactionHash: "text",
    contract: "text",
    address: "text",
    eventName: "text",
    args: "text",
    account1: "text?",
    account2: "text?",
  },
  ["id"],
  [["address"], ["account1"], ["account2"]],
);

export const BLOCKS = table("blocks", { blockNumber: "int64", blockHash: "text", timestamp: "int64" }, ["blockNumber"]);

export const CURSOR = table("cursor", { id: "int", blockNumber: "int64", blockHash: "text" }, ["id"]);

export const REQUESTS = table(
  "requests",
  {
    requestId: "int64",
    creator: "text",
    location: "text",
    wattageW: "amount",
    reason: "text",
    utilityKind: "text",
    unit: "text",
    createdAt: "int64",
    biddingEndsAt: "int64",
    acceptanceEndsAt: "int64",
    phase: "text",
    acceptedBidId: "int64?",
    provider: "text?",
    targetWei: "amount?",
    raisedWei: "amount",
    refundedWei: "amount",
    financingDeadline: "int64?",
    financierCount: "int64",
    generator: "text?",
    activationDeadline: "int64?",
    transactionHash: "text",
  },
  ["requestId"],
  [["creator"], ["phase"]],
);

export const BIDS = table(
  "bids",
  {
    bidId: "int64",
    requestId: "int64",
    provider: "text",
    unitType: "text",
    installationCostWei: "amount",
    installationSeconds: "int64",
    insurance: "text",
    withdrawn: "bool",
    accepted: "bool",
    placedAt: "int64",
    transactionHash: "text",
  },
  ["bidId"],
  [["requestId"], ["provider"]],
);

export const CONTRIBUTIONS = table(
  "contributions",
  { requestId: "int64", financier: "text", amountWei: "amount", refundedWei: "amount", order: "int64" },
  ["requestId", "financier"],
  [["financier"]],
);

export const GENERATORS = table(
  "generators",
  {
    address: "text",
    requestId: "int64",
    consumer: "text",
    provider: "text",
    targetWei: "amount",
    dustShares: "int64",
    financierCount: "int64",
    deviceId: "int64?",
    deviceKey: "text?",
    active: "bool",
    activatedAt: "int64?",
    activationDeadline: "int64",
    priceWeiPerUnit: "amount",
    unitsSold: "amount",
    purchaseCount: "int64",
    usageMilliUnits: "amount",
    revenueWei: "amount",
    claimedWei: "amount",
    ownerCount: "int64",
    voterCount: "int64",
    votingShares: "int64",
    weightedPriceSum: "amount",
  },
  ["address"],
  [["requestId"]],
);

export const HOLDINGS = table(
  "holdings",
  {
    generator: "text",
    owner: "text",
    shares: "int64",
    materialized: "bool",
    voted: "bool",
    votePriceWeiPerUnit: "amount?",
    claimedWei: "amount",
  },
  ["generator", "owner"],
  [["owner"]],
);

export const CREDITS = table(
  "credits",
  { generator: "text", account: "text", creditMilliUnits: "amount" },
  ["generator", "account"],
  [["account"]],
);

export const SOLAR_BALANCES = table("solar_balances", { account: "text", balanceWei: "amount" }, ["account"]);

export const PRICE_HISTORY = table(
  "price_history",
  { generator: "text", blockNumber: "int64", logIndex: "int", timestamp: "int64", priceWeiPerUnit: "amount" },
  ["generator", "blockNumber", "logIndex"],
);

/** Sales and revenue per hour and per day, for the network (scope "all") and for each generator. */
export const STATS_BUCKETS = table(
  "stats_buckets",
  {
    scope: "text",
    bucketSeconds: "int64",
    startsAt: "int64",
    unitsSold: "amount",
    revenueWei: "amount",
    purchaseCount: "int64",
  },
  ["scope", "bucketSeconds", "startsAt"],
);

export const TOTALS = table(
  "totals",
  {
    id: "int",
    requestCount: "int64",
    generatorCount: "int64",
    activeGeneratorCount: "int64",
    raisedWei: "amount",
    unitsSold: "amount",
    revenueWei: "amount",
    claimedWei: "amount",
    eventCount: "int64",
  },
  ["id"],
);

/** The projection tables a rollback replaces whole, by the field of ProjectionRows that carries their rows. */
export const PROJECTION_TABLES = {
  requests: REQUESTS,
  bids: BIDS,
  contributions: CONTRIBUTIONS,
  generators: GENERATORS,
  holdings: HOLDINGS,
  credits: CREDITS,
  solarBalances: SOLAR_BALANCES,
  statsBuckets: STATS_BUCKETS,
} as const;

export const ALL_TABLES: Table[] = [
  EVENTS,
  BLOCKS,
  CURSOR,
  REQUESTS,
  BIDS,
  CONTRIBUTIONS,
  GENERATORS,
  HOLDINGS,
  CREDITS,
  SOLAR_BALANCES,
  PRICE_HISTORY,
  STATS_BUCKETS,
  TOTALS,
];

/**
 * Bumped whenever a table changes shape: an older index is dropped at start and rebuilt from the chain rather than
 * misread. 2: stats_buckets. 3: the measured-energy tables (energyTables.ts). 4: the Distribute tables
 * (distributeTables.ts). 5: generators.device_id, the device the Technical DAO approved (DX8).
 */
export const SCHEMA_VERSION = 5;

/** A column's value as a driver returned it (SQLite with big ints on, or pg's strings), as the row's type wants. */
export function decodeValue(kind: ColumnKind, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (kind) {
    case "int64":
    case "amount":
      return BigInt(raw as string | bigint | number);
    case "int":
      return Number(raw);
    case "bool":
      return raw === true || raw === 1 || raw === 1n;
    case "text":
      return raw as string;
  }
}

/** A raw database row (by column name) as the typed record (by field name). */
export function decodeRow<T>(table: Table, raw: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const c of table.columns) row[c.field] = decodeValue(c.kind, raw[c.column]);
  return row as T;
}

/** A typed record as plain JSON values, for dumps: bigint becomes its decimal string. */
export function plainRow(table: Table, row: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const plain: Record<string, string | number | boolean | null> = {};
  for (const c of table.columns) {
    const value = row[c.field];
    plain[c.column] = typeof value === "bigint" ? value.toString() : (value as string | number | boolean | null);
  }
  return plain;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as bigint | number | string) < (b as bigint | number | string) ? -1 : 1;
}

/**
 * Decoded rows in primary-key order, compared as values: an `amount` key sorts as a number here, whatever order the
 * backend's column type gives it (text in SQLite), so both backends dump alike.
 */
export function sortByKey<T extends Record<string, unknown>>(table: Table, rows: T[]): T[] {
  return rows.sort((x, y) => {
    for (const field of table.key) {
      const order = compareValues(x[field], y[field]);
      if (order !== 0) return order;
    }
    return 0;
  });
}
