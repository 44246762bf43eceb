// The readings the node accepted, in their own SQLite file: WAL with synchronous=FULL, so a reading whose insert has
// returned is on disk and survives a crash; each ingest's readings go in one transaction. uint64 values are kept as
// SQLite's signed 64-bit integers (two's complement) and read back unsigned.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { type Address, getAddress, type Hex, toHex } from "viem";
import type { Reading } from "../../sdk/energy/readings.ts";

export type StoredReading = {
  reading: Reading;
  periodId: bigint;
  leaf: Uint8Array;
  /** The reading's own signature; null when it came in a batch. */
  signature: Uint8Array | null;
  /** The batch it came in; null for a reading signed on its own. */
  batchId: bigint | null;
};

export type DeviceState = { sequence: bigint; periodEnd: bigint };

export type ReadingRecord = {
  reading: Reading;
  periodId: bigint;
  leaf: Hex;
  signature: Hex | null;
  batch: { id: bigint; signature: Hex; count: number } | null;
  /** Set once the reading's period is committed. */
  root: Hex | null;
  proof: Hex[] | null;
};

/**
 * One commit period's readings summed, of one device key or of every key. `gaps` counts the sequence numbers missing
 * before each reading since the same key's previous reading inside the queried range; `coveredSeconds` is Σ over the
 * readings of min(duration, heartbeats × heartbeatSeconds), cut to the reading's own period (an interval running past
 * its hour counts only in proportion to the part inside it).
 */
export type PeriodSums = {
  periodId: bigint;
  readingCount: number;
  /** Distinct device keys with readings in the period. */
  keyCount: number;
  gaps: bigint;
  coveredSeconds: bigint;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
  committed: boolean;
};

export type CommitRecord = { periodId: bigint; root: Hex; readingCount: number; transactionHash: Hex | null };

const signed = (v: bigint): bigint => BigInt.asIntN(64, v);
const unsigned = (v: unknown): bigint => BigInt.asUintN(64, v as bigint);

/**
 * Per period sums over the readings of `period_id BETWEEN ?from AND ?to` (and `device = ?` when filtered). uint64
 * energies are summed as their high and low 32 bits so that no SUM can overflow SQLite's signed 64 bits; each reading's
 * gap is taken with LAG over the same key's readings of the range, in sequence order (which is time order).
 */
const periodSumsSql = (byDevice: boolean) => `
SELECT g.*, c.period_id IS NOT NULL AS committed FROM (
  SELECT period_id, COUNT(*) AS reading_count, COUNT(DISTINCT device) AS key_count,
    COALESCE(SUM(gap), 0) AS gaps, COALESCE(SUM(covered), 0) AS covered,
    SUM((produced_wh >> 32) & 4294967295) AS produced_hi, SUM(produced_wh & 4294967295) AS produced_lo,
    SUM((sent_wh >> 32) & 4294967295) AS sent_hi, SUM(sent_wh & 4294967295) AS sent_lo,
    SUM((received_wh >> 32) & 4294967295) AS received_hi, SUM(received_wh & 4294967295) AS received_lo
  FROM (
    SELECT device, period_id, produced_wh, sent_wh, received_wh,
      sequence - LAG(sequence) OVER (PARTITION BY device ORDER BY sequence) - 1 AS gap,
      MIN(period_end - period_start, heartbeats * :heartbeatSeconds)
        * (MIN(period_end, (period_id + 1) * :periodSeconds) - period_start) / (period_end - period_start) AS covered
    FROM readings
    WHERE ${byDevice ? "device = :device AND " : ""}period_id BETWEEN :fromPeriodId AND :toPeriodId
  )
  GROUP BY period_id
) g LEFT JOIN commits c ON c.period_id = g.period_id
ORDER BY g.period_id`;

const DDL = `
CREATE TABLE IF NOT EXISTS readings (
  device TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  produced_wh INTEGER NOT NULL,
  sent_wh INTEGER NOT NULL,
  received_wh INTEGER NOT NULL,
  heartbeats INTEGER NOT NULL,
  period_id INTEGER NOT NULL,
  leaf BLOB NOT NULL,
  signature BLOB,
  batch_id INTEGER,
  proof BLOB,
  PRIMARY KEY (device, sequence)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS readings_period ON readings (period_id);
CREATE INDEX IF NOT EXISTS readings_device_period ON readings (device, period_id);
CREATE TABLE IF NOT EXISTS batches (
  id INTEGER PRIMARY KEY,
  device TEXT NOT NULL,
  signature BLOB NOT NULL,
  count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS devices (
  device TEXT PRIMARY KEY,
  last_sequence INTEGER NOT NULL,
  last_period_end INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commits (
  period_id INTEGER PRIMARY KEY,
  root BLOB NOT NULL,
  reading_count INTEGER NOT NULL,
  transaction_hash BLOB
);
`;

export class ReadingStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #insertBatch: StatementSync;
  readonly #upsertDevice: StatementSync;
  readonly #leafAt: StatementSync;
  readonly #get: StatementSync;
  readonly #periodLeaves: StatementSync;
  readonly #setProof: StatementSync;
  readonly #insertCommit: StatementSync;
  readonly #getCommit: StatementSync;
  readonly #devicePeriodSums: StatementSync;
  readonly #allPeriodSums: StatementSync;
  readonly #firstPeriod: StatementSync;

  /** Opens (or creates) `<dataDir>/readings.sqlite`. */
  static open(dataDir: string): ReadingStore {
    mkdirSync(dataDir, { recursive: true });
    return new ReadingStore(join(dataDir, "readings.sqlite"));
  }

  constructor(path: string) {
    this.path = path;
    this.#db = new DatabaseSync(path);
    this.#db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
    this.#db.exec(DDL);
    this.#insert = this.#db.prepare(
      `INSERT INTO readings (device, sequence, period_start, period_end, produced_wh, sent_wh, received_wh, heartbeats,
        period_id, leaf, signature, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertBatch = this.#db.prepare("INSERT INTO batches (device, signature, count) VALUES (?, ?, ?)");
    this.#upsertDevice = this.#db.prepare(
      `INSERT INTO devices (device, last_sequence, last_period_end) VALUES (?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET last_sequence = excluded.last_sequence,
         last_period_end = excluded.last_period_end`,
    );
    this.#leafAt = this.#db.prepare("SELECT leaf FROM readings WHERE device = ? AND sequence = ?");
    this.#get = this.#db.prepare(
      `SELECT r.*, b.signature AS batch_signature, b.count AS batch_count, c.root AS root
       FROM readings r LEFT JOIN batches b ON b.id = r.batch_id LEFT JOIN commits c ON c.period_id = r.period_id
       WHERE r.device = ? AND r.sequence = ?`,
    );
    this.#get.setReadBigInts(true);
    this.#periodLeaves = this.#db.prepare("SELECT device, sequence, leaf FROM readings WHERE period_id = ?");
    this.#periodLeaves.setReadBigInts(true);
    this.#setProof = this.#db.prepare("UPDATE readings SET proof = ? WHERE device = ? AND sequence = ?");
    this.#insertCommit = this.#db.prepare(
      "INSERT INTO commits (period_id, root, reading_count, transaction_hash) VALUES (?, ?, ?, ?)",
    );
    this.#getCommit = this.#db.prepare("SELECT * FROM commits WHERE period_id = ?");
    this.#getCommit.setReadBigInts(true);
    this.#devicePeriodSums = this.#db.prepare(periodSumsSql(true));
    this.#devicePeriodSums.setReadBigInts(true);
    this.#allPeriodSums = this.#db.prepare(periodSumsSql(false));
    this.#allPeriodSums.setReadBigInts(true);
    this.#firstPeriod = this.#db.prepare("SELECT MIN(period_id) AS period_id FROM readings WHERE device = ?");
    this.#firstPeriod.setReadBigInts(true);
  }

  /** Every device's last accepted sequence and period end, keyed by the lowercase device key. */
  deviceStates(): Map<string, DeviceState> {
    const statement = this.#db.prepare("SELECT device, last_sequence, last_period_end FROM devices");
    statement.setReadBigInts(true);
    const states = new Map<string, DeviceState>();
    for (const row of statement.all()) {
      states.set(row.device as string, {
        sequence: unsigned(row.last_sequence),
        periodEnd: unsigned(row.last_period_end),
      });
    }
    return states;
  }

  /** The periods that have a committed root. */
  committedPeriods(): Set<bigint> {
    const statement = this.#db.prepare("SELECT period_id FROM commits");
    statement.setReadBigInts(true);
    return new Set(statement.all().map((row) => row.period_id as bigint));
  }

  /** Periods before `beforePeriodId` that hold readings but no committed root yet, oldest first. */
  uncommittedPeriodsBefore(beforePeriodId: bigint): bigint[] {
    const statement = this.#db.prepare(
      `SELECT DISTINCT period_id FROM readings
       WHERE period_id < ? AND period_id NOT IN (SELECT period_id FROM commits) ORDER BY period_id`,
    );
    statement.setReadBigInts(true);
    return statement.all(beforePeriodId).map((row) => row.period_id as bigint);
  }

  /** The stored leaf of a device's reading, or null. */
  leafAt(device: string, sequence: bigint): Uint8Array | null {
    const row = this.#leafAt.get(device.toLowerCase(), signed(sequence));
    return row ? (row.leaf as Uint8Array) : null;
  }

  /**
   * Stores readings, an optional batch they came in, and each device's new last state, in one transaction that is on
   * disk when this returns.
   */
  insert(
    readings: readonly StoredReading[],
    devices: ReadonlyMap<string, DeviceState>,
    batch?: { device: string; signature: Uint8Array; count: number },
  ): bigint | null {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      let batchId: bigint | null = null;
      if (batch) {
        batchId = BigInt(
          this.#insertBatch.run(batch.device.toLowerCase(), batch.signature, batch.count).lastInsertRowid,
        );
      }
      for (const s of readings) {
        const r = s.reading;
        this.#insert.run(
          r.device.toLowerCase(),
          signed(r.sequence),
          signed(r.periodStart),
          signed(r.periodEnd),
          signed(r.producedWh),
          signed(r.sentWh),
          signed(r.receivedWh),
          r.heartbeats,
          signed(s.periodId),
          s.leaf,
          s.signature,
          s.signature === null ? (s.batchId ?? batchId) : null,
        );
      }
      for (const [device, state] of devices) {
        this.#upsertDevice.run(device, signed(state.sequence), signed(state.periodEnd));
      }
      this.#db.exec("COMMIT");
      return batchId;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /** A period's readings: device key, sequence and leaf. */
  periodLeaves(periodId: bigint): { device: string; sequence: bigint; leaf: Uint8Array }[] {
    return this.#periodLeaves.all(signed(periodId)).map((row) => ({
      device: row.device as string,
      sequence: unsigned(row.sequence),
      leaf: row.leaf as Uint8Array,
    }));
  }

  /** Records a period's committed root and each of its readings' proofs, in one transaction. */
  saveCommit(
    commit: CommitRecord,
    proofs: readonly { device: string; sequence: bigint; proof: readonly Hex[] }[],
  ): void {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      this.#insertCommit.run(
        signed(commit.periodId),
        Buffer.from(commit.root.slice(2), "hex"),
        commit.readingCount,
        commit.transactionHash === null ? null : Buffer.from(commit.transactionHash.slice(2), "hex"),
      );
      for (const p of proofs) {
        this.#setProof.run(Buffer.from(p.proof.map((h) => h.slice(2)).join(""), "hex"), p.device, signed(p.sequence));
      }
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  commitOf(periodId: bigint): CommitRecord | null {
    const row = this.#getCommit.get(signed(periodId));
    if (!row) return null;
    return {
      periodId: unsigned(row.period_id),
      root: toHex(row.root as Uint8Array),
      readingCount: Number(row.reading_count),
      transactionHash: row.transaction_hash ? toHex(row.transaction_hash as Uint8Array) : null,
    };
  }

  /** A stored reading with its signature or batch, and its root and proof once committed; null when unknown. */
  get(device: Address, sequence: bigint): ReadingRecord | null {
    const row = this.#get.get(device.toLowerCase(), signed(sequence));
    if (!row) return null;
    const proofBytes = row.proof as Uint8Array | null;
    const proof: Hex[] | null = proofBytes === null ? null : [];
    if (proof && proofBytes) {
      for (let i = 0; i < proofBytes.length; i += 32) proof.push(toHex(proofBytes.subarray(i, i + 32)));
    }
    return {
      reading: {
        device: getAddress(row.device as string),
        sequence: unsigned(row.sequence),
        periodStart: unsigned(row.period_start),
        periodEnd: unsigned(row.period_end),
        producedWh: unsigned(row.produced_wh),
        sentWh: unsigned(row.sent_wh),
        receivedWh: unsigned(row.received_wh),
        heartbeats: Number(row.heartbeats),
      },
      periodId: unsigned(row.period_id),
      leaf: toHex(row.leaf as Uint8Array),
      signature: row.signature ? toHex(row.signature as Uint8Array) : null,
      batch:
        row.batch_id === null
          ? null
          : {
              id: row.batch_id as bigint,
              signature: toHex(row.batch_signature as Uint8Array),
              count: Number(row.batch_count),
            },
      root: row.root ? toHex(row.root as Uint8Array) : null,
      proof: row.root ? proof : null,
    };
  }

  /**
   * The readings of commit periods `fromPeriodId` to `toPeriodId` (inclusive) summed per period, oldest first: of one
   * device key (lowercased here), or of every key when `deviceKey` is null. Periods without readings are left out.
   */
  periodSums(
    deviceKey: string | null,
    fromPeriodId: bigint,
    toPeriodId: bigint,
    heartbeatSeconds: bigint,
    periodSeconds: bigint,
  ): PeriodSums[] {
    const params: Record<string, bigint | string> = {
      fromPeriodId: signed(fromPeriodId),
      toPeriodId: signed(toPeriodId),
      heartbeatSeconds,
      periodSeconds,
    };
    if (deviceKey !== null) params.device = deviceKey.toLowerCase();
    const statement = deviceKey === null ? this.#allPeriodSums : this.#devicePeriodSums;
    const wide = (hi: unknown, lo: unknown): bigint => ((hi as bigint) << 32n) + (lo as bigint);
    return statement.all(params).map((row) => ({
      periodId: unsigned(row.period_id),
      readingCount: Number(row.reading_count),
      keyCount: Number(row.key_count),
      gaps: row.gaps as bigint,
      coveredSeconds: row.covered as bigint,
      producedWh: wide(row.produced_hi, row.produced_lo),
      sentWh: wide(row.sent_hi, row.sent_lo),
      receivedWh: wide(row.received_hi, row.received_lo),
      committed: row.committed === 1n,
    }));
  }

  /** The first commit period holding a reading of any of these keys; null when none has a reading. */
  firstPeriodOf(deviceKeys: readonly string[]): bigint | null {
    let first: bigint | null = null;
    for (const key of deviceKeys) {
      const row = this.#firstPeriod.get(key.toLowerCase());
      if (row?.period_id === null || row?.period_id === undefined) continue;
      const periodId = unsigned(row.period_id);
      if (first === null || periodId < first) first = periodId;
    }
    return first;
  }

  /** How many readings are stored. */
  count(): number {
    return Number(this.#db.prepare("SELECT COUNT(*) AS n FROM readings").get()?.n ?? 0);
  }

  close(): void {
    this.#db.close();
  }
}
