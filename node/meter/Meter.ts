// The meter (MX2, MX8): accepts devices' signed readings, checks each, stores the accepted ones durably before it
// answers, and commits each period's readings on-chain as one Merkle root over every device's readings of the period.
//
// Checks, in order; the first that fails is the reading's refusal, with its code and a sentence:
//   invalid_reading          a value out of its type's range, or an interval that does not end after it starts
//   bad_signature            not signed (alone, or in the batch's signature) by the key the reading names
//   future_reading           the interval ends more than MAX_CLOCK_SKEW_SECONDS after the node's clock (chain time)
//   unknown_device           the key is no device's current key in the DeviceRegistry (a device's earlier keys,
//                            replaced by the DAO, sign nothing more)
//   device_inactive          the device is not active (applied, suspended, revoked or rejected)
//   duplicate                the same reading was already accepted
//   sequence_not_increasing  the sequence is not above the device's last accepted one
//   counter_decreased        the interval starts before the device's last accepted interval ended: its clock ran back
//   energy_exceeds_rating    produced, sent or received energy above rated power × the interval's duration
//   period_committed         the reading's commit period already has its root on-chain
// A commit period is `floor(periodStart / 3600)`: the hour the interval starts in.
import { type Address, getAddress, type Hex, toHex } from "viem";
import { readContract } from "viem/actions";
import { ReadingCommitmentsAbi } from "../../sdk/abi/ReadingCommitments.ts";
import { merkleTree } from "../../sdk/energy/merkle.ts";
import type { Reading } from "../../sdk/energy/readings.ts";
import { simulateAndWrite } from "../../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";
import {
  batchDigestOf,
  ENCODED_READING_BYTES,
  encodeReading,
  leafOf,
  malformation,
  readingsDomainSeparator,
  recoverSignerInto,
  SIGNATURE_BYTES,
  signatureBytes,
} from "./codec.ts";
import { DeviceStatus, type DeviceView, deviceStatusName } from "./devices.ts";
import type { DeviceState, ReadingRecord, ReadingStore, StoredReading } from "./ReadingStore.ts";
import { RecoverPool } from "./recoverPool.ts";

export const SECONDS_PER_PERIOD = 3_600n;
/**
 * How far past the node's clock a reading's interval may end: devices' clocks drift and the chain's time moves by
 * blocks. A reading from further ahead would open periods the committer has not reached yet.
 */
export const MAX_CLOCK_SKEW_SECONDS = 300n;

export type RefusalCode =
  | "invalid_reading"
  | "bad_signature"
  | "future_reading"
  | "unknown_device"
  | "device_inactive"
  | "duplicate"
  | "sequence_not_increasing"
  | "counter_decreased"
  | "energy_exceeds_rating"
  | "period_committed";

export type ReadingResult =
  | { status: "accepted"; periodId: bigint }
  | { status: "refused"; code: RefusalCode; reason: string };

export type SignedReading = { reading: Reading; signature: Hex };
export type SignedReadingBatch = { device: Address; readings: readonly Reading[]; signature: Hex };

export type CommitResult = { periodId: bigint; root: Hex; readingCount: number; transactionHash: Hex | null };

export type ReadingProof = ReadingRecord & { root: Hex; proof: Hex[] };

export type MeterOptions = {
  store: ReadingStore;
  devices: DeviceView;
  chainId: number;
  /** The ReadingCommitments contract: the readings' EIP-712 domain and where roots are committed. */
  readingCommitments: Address;
  /** The committer's wallet; needed by commitPeriod only. */
  committer?: DrexWalletClient;
  /** Signature-recovery threads; default: one per core. */
  workers?: number;
  /** The node's clock in Unix seconds: the chain's time in the node; default the wall clock. */
  now?: () => bigint;
};

const wallClock = (): bigint => BigInt(Math.floor(Date.now() / 1000));

/** The commit period a reading belongs to. */
export const periodIdOf = (r: Reading): bigint => r.periodStart / SECONDS_PER_PERIOD;

type Candidate = { index: number; reading: Reading; leaf: Uint8Array; signature: Uint8Array | null };

const refused = (code: RefusalCode, reason: string): ReadingResult => ({ status: "refused", code, reason });

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

export class Meter {
  readonly store: ReadingStore;
  readonly devices: DeviceView;
  readonly chainId: number;
  readonly readingCommitments: Address;
  readonly #committer: DrexWalletClient | undefined;
  readonly #domainSeparator: Uint8Array;
  readonly #workers: number | undefined;
  readonly #now: () => bigint;
  #pool: RecoverPool | null = null;
  readonly #states: Map<string, DeviceState>;
  readonly #committed: Set<bigint>;
  readonly #closing = new Set<bigint>();
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: MeterOptions) {
    this.store = options.store;
    this.devices = options.devices;
    this.chainId = options.chainId;
    this.readingCommitments = options.readingCommitments;
    this.#committer = options.committer;
    this.#workers = options.workers;
    this.#now = options.now ?? wallClock;
    this.#domainSeparator = readingsDomainSeparator(options.chainId, options.readingCommitments);
    this.#states = this.store.deviceStates();
    this.#committed = this.store.committedPeriods();
  }

  /** Checks and stores readings that each carry their own signature, or one device's batch under one signature. */
  ingest(input: readonly SignedReading[] | SignedReadingBatch): Promise<ReadingResult[]> {
    return Array.isArray(input)
      ? this.ingestSigned(input as readonly SignedReading[])
      : this.ingestBatch(input as SignedReadingBatch);
  }

  /** Readings that each carry their own signature; signers are recovered on the worker threads. */
  async ingestSigned(items: readonly SignedReading[]): Promise<ReadingResult[]> {
    const results: (ReadingResult | undefined)[] = new Array(items.length);
    const encoded = new Uint8Array(items.length * ENCODED_READING_BYTES);
    const signatures = new Uint8Array(items.length * SIGNATURE_BYTES);
    const slots: { index: number; signature: Uint8Array }[] = [];
    for (const [index, { reading, signature }] of items.entries()) {
      const wrong = malformation(reading);
      if (wrong !== null) {
        results[index] = refused("invalid_reading", `The reading is malformed: ${wrong}.`);
        continue;
      }
      const sig = signatureBytes(signature);
      if (sig === null) {
        results[index] = refused("bad_signature", "The signature is not 65 bytes (r, s, v).");
        continue;
      }
      encodeReading(reading, encoded, slots.length * ENCODED_READING_BYTES);
      signatures.set(sig, slots.length * SIGNATURE_BYTES);
      slots.push({ index, signature: sig });
    }
    const recovering =
      slots.length === 0
        ? Promise.resolve({ signers: new Uint8Array(0), valid: new Uint8Array(0) })
        : this.#recoverPool().recover(encoded, signatures, slots.length);
    const leaves = slots.map((_, i) => leafOf(encoded, i * ENCODED_READING_BYTES));
    // Admitted in the order the ingests arrived, whichever recovery finishes first.
    return this.#serial(async () => {
      const { signers, valid } = await recovering;
      const candidates: Candidate[] = [];
      for (const [i, { index, signature }] of slots.entries()) {
        const reading = (items[index] as SignedReading).reading;
        const signer = signers.subarray(i * 20, i * 20 + 20);
        if (valid[i] !== 1) {
          results[index] = refused("bad_signature", "The signature is malformed: no key signed it.");
        } else if (!sameBytes(signer, Buffer.from(reading.device.slice(2), "hex"))) {
          results[index] = refused(
            "bad_signature",
            `The reading is signed by ${getAddress(toHex(signer))}, not by the device key ${getAddress(reading.device)}.`,
          );
        } else {
          candidates.push({ index, reading, leaf: leaves[i] as Uint8Array, signature });
        }
      }
      return this.#admit(candidates, results, undefined);
    });
  }

  /** One device's readings under one signature of `ReadingBatch(device, readingsRoot, count)`. */
  async ingestBatch(batch: SignedReadingBatch): Promise<ReadingResult[]> {
    const { readings } = batch;
    const results: (ReadingResult | undefined)[] = new Array(readings.length);
    if (readings.length === 0) return [];
    const encoded = new Uint8Array(readings.length * ENCODED_READING_BYTES);
    const leaves = new Uint8Array(readings.length * 32);
    const batchWrong = malformation({ ...(readings[0] as Reading), device: batch.device });
    const sig = signatureBytes(batch.signature);
    let malformed = false;
    for (const [i, reading] of readings.entries()) {
      const wrong = malformation(reading);
      if (wrong !== null) {
        malformed = true;
        results[i] = refused("invalid_reading", `The reading is malformed: ${wrong}.`);
        continue;
      }
      encodeReading(reading, encoded, i * ENCODED_READING_BYTES);
      leaves.set(leafOf(encoded, i * ENCODED_READING_BYTES), i * 32);
    }
    // The signature covers every reading's leaf: with one malformed, no leaf list can match it.
    let signatureProblem: string | null = null;
    if (batchWrong !== null && batchWrong.startsWith("device"))
      signatureProblem = "The batch's device is not an address.";
    else if (malformed) signatureProblem = "The batch holds a malformed reading, so its signature cannot be checked.";
    else if (sig === null) signatureProblem = "The signature is not 65 bytes (r, s, v).";
    else {
      const digest = batchDigestOf(this.#domainSeparator, batch.device, leaves, readings.length);
      const signer = new Uint8Array(20);
      if (!recoverSignerInto(digest, sig, 0, signer, 0)) {
        signatureProblem = "The batch signature is malformed: no key signed it.";
      } else if (!sameBytes(signer, Buffer.from(batch.device.slice(2), "hex"))) {
        signatureProblem = `The batch is signed by ${getAddress(toHex(signer))}, not by the device key ${getAddress(batch.device)}.`;
      }
    }
    const candidates: Candidate[] = [];
    for (const [i, reading] of readings.entries()) {
      if (results[i] !== undefined) continue;
      if (signatureProblem !== null) results[i] = refused("bad_signature", signatureProblem);
      else if (reading.device.toLowerCase() !== batch.device.toLowerCase()) {
        results[i] = refused(
          "bad_signature",
          `The reading names device ${getAddress(reading.device)}, not the batch's signer ${getAddress(batch.device)}.`,
        );
      } else candidates.push({ index: i, reading, leaf: leaves.slice(i * 32, i * 32 + 32), signature: null });
    }
    return this.#serial(() =>
      this.#admit(candidates, results, {
        device: batch.device,
        signature: sig ?? new Uint8Array(0),
        count: readings.length,
      }),
    );
  }

  /** The device checks and the store, one ingest at a time so that each sees the ones before it. */
  #admit(
    candidates: readonly Candidate[],
    results: (ReadingResult | undefined)[],
    batch: { device: string; signature: Uint8Array; count: number } | undefined,
  ): ReadingResult[] {
    const states = new Map<string, DeviceState>();
    const accepted = new Map<string, Uint8Array>();
    const rows: StoredReading[] = [];
    const latestEnd = candidates.length > 0 ? this.#now() + MAX_CLOCK_SKEW_SECONDS : 0n;
    for (const { index, reading: r, leaf, signature } of candidates) {
      const key = r.device.toLowerCase();
      const result = this.#check(r, leaf, key, states.get(key) ?? this.#states.get(key), accepted, latestEnd);
      results[index] = result;
      if (result.status !== "accepted") continue;
      states.set(key, { sequence: r.sequence, periodEnd: r.periodEnd });
      accepted.set(`${key}:${r.sequence}`, leaf);
      rows.push({ reading: r, periodId: result.periodId, leaf, signature, batchId: null });
    }
    if (rows.length > 0) {
      this.store.insert(rows, states, batch);
      for (const [key, state] of states) this.#states.set(key, state);
    }
    return results as ReadingResult[];
  }

  #check(
    r: Reading,
    leaf: Uint8Array,
    key: string,
    last: DeviceState | undefined,
    accepted: ReadonlyMap<string, Uint8Array>,
    latestEnd: bigint,
  ): ReadingResult {
    if (r.periodEnd <= r.periodStart) {
      return refused(
        "invalid_reading",
        `The interval ends (${r.periodEnd}) no later than it starts (${r.periodStart}).`,
      );
    }
    if (r.periodEnd > latestEnd) {
      return refused(
        "future_reading",
        `The interval ends at ${r.periodEnd}, more than ${MAX_CLOCK_SKEW_SECONDS} s after the node's time ${latestEnd - MAX_CLOCK_SKEW_SECONDS}.`,
      );
    }
    const device = this.devices.get(key);
    if (!device) return refused("unknown_device", `No device in the registry signs with the key ${getAddress(key)}.`);
    if (device.status !== DeviceStatus.Active) {
      return refused("device_inactive", `Device ${device.deviceId} is ${deviceStatusName(device.status)}, not active.`);
    }
    if (last && r.sequence <= last.sequence) {
      const stored = accepted.get(`${key}:${r.sequence}`) ?? this.store.leafAt(key, r.sequence);
      if (stored && sameBytes(stored, leaf)) {
        return refused("duplicate", `Reading ${r.sequence} of device ${device.deviceId} was already accepted.`);
      }
      return refused(
        "sequence_not_increasing",
        `The sequence ${r.sequence} is not above device ${device.deviceId}'s last accepted sequence ${last.sequence}.`,
      );
    }
    if (last && r.periodStart < last.periodEnd) {
      return refused(
        "counter_decreased",
        `The interval starts at ${r.periodStart}, before the device's last accepted interval ended at ${last.periodEnd}.`,
      );
    }
    const capacityWh = device.ratedPowerW * (r.periodEnd - r.periodStart);
    for (const field of ["producedWh", "sentWh", "receivedWh"] as const) {
      if (r[field] * SECONDS_PER_PERIOD > capacityWh) {
        return refused(
          "energy_exceeds_rating",
          `${field} ${r[field]} Wh is more than a ${device.ratedPowerW} W device can carry in ${r.periodEnd - r.periodStart} s.`,
        );
      }
    }
    const periodId = periodIdOf(r);
    if (this.#committed.has(periodId) || this.#closing.has(periodId)) {
      return refused("period_committed", `Commit period ${periodId} already has its root.`);
    }
    return { status: "accepted", periodId };
  }

  /**
   * Commits a period's accepted readings on-chain as one Merkle root and stores each reading's proof. A period
   * already committed by this node is answered from the store; a root the chain already holds (a commit whose
   * answer was lost) is adopted when it is the same root. Readings arriving for the period from now on are refused.
   */
  async commitPeriod(periodId: bigint): Promise<CommitResult> {
    const committer = this.#committer;
    if (!committer) throw new Error("the meter has no committer wallet");
    const done = this.store.commitOf(periodId);
    if (done) return done;
    const leaves = await this.#serial(() => {
      if (this.#closing.has(periodId)) throw new Error(`commit period ${periodId} is being committed`);
      const rows = this.store.periodLeaves(periodId);
      if (rows.length > 0) this.#closing.add(periodId);
      return rows;
    });
    if (leaves.length === 0) throw new Error(`commit period ${periodId} has no readings`);
    try {
      if (leaves.length > 0xffff_ffff) throw new Error(`commit period ${periodId} has too many readings`);
      const hexLeaves = leaves.map((l) => toHex(l.leaf));
      const tree = merkleTree(hexLeaves);
      const onChain = await readContract(committer, {
        address: this.readingCommitments,
        abi: ReadingCommitmentsAbi,
        functionName: "rootOf",
        args: [periodId],
      });
      let transactionHash: Hex | null = null;
      if (BigInt(onChain) === 0n) {
        const written = await simulateAndWrite(committer, {
          address: this.readingCommitments,
          abi: ReadingCommitmentsAbi,
          functionName: "commitRoot",
          args: [periodId, tree.root, leaves.length],
        });
        transactionHash = written.hash;
      } else if (onChain.toLowerCase() !== tree.root.toLowerCase()) {
        throw new Error(
          `commit period ${periodId} holds another root on-chain (${onChain}) than its readings' ${tree.root}`,
        );
      }
      const commit: CommitResult = { periodId, root: tree.root, readingCount: leaves.length, transactionHash };
      this.store.saveCommit(
        commit,
        leaves.map((l, i) => ({ device: l.device, sequence: l.sequence, proof: tree.proof(hexLeaves[i] as Hex) })),
      );
      this.#committed.add(periodId);
      return commit;
    } finally {
      this.#closing.delete(periodId);
    }
  }

  /** A committed reading with its period, root and Merkle proof; null when unknown or not committed yet. */
  proofOf(device: Address, sequence: bigint): ReadingProof | null {
    const record = this.store.get(device, sequence);
    if (!record || record.root === null || record.proof === null) return null;
    return record as ReadingProof;
  }

  /** Waits for ingests under way, stops the worker threads and closes the store. */
  async close(): Promise<void> {
    await this.#tail.catch(() => {});
    await this.#pool?.close();
    this.#pool = null;
    this.store.close();
  }

  #recoverPool(): RecoverPool {
    if (this.#pool?.closed) void this.#pool.close();
    if (!this.#pool || this.#pool.closed) this.#pool = new RecoverPool(this.#domainSeparator, this.#workers);
    return this.#pool;
  }

  #serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.#tail.then(fn);
    this.#tail = run.catch(() => {});
    return run;
  }
}
