// The meter's throughput (MX2, MX8): readings checked and stored durably per second through Meter.ingest, with the
// store on disk (WAL, synchronous=FULL), not through HTTP. Two figures:
//  - `meter.readingsPerSec`: devices send batches of their readings under one signature each;
//  - `meter.signedReadingsPerSec.single`: every reading carries its own signature, recovered on the worker threads.
// Readings and signatures are made before the clock starts (with libsecp256k1), and every one must be accepted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import secp256k1 from "secp256k1";
import { type Address, getAddress, type Hex, keccak256, toHex } from "viem";
import {
  batchDigestOf,
  ENCODED_READING_BYTES,
  encodeReading,
  leafOf,
  readingDigestOf,
  readingsDomainSeparator,
} from "../node/meter/codec.ts";
import { type DeviceInfo, DeviceStatus, staticDeviceView } from "../node/meter/devices.ts";
import { Meter, type ReadingResult, type SignedReading } from "../node/meter/Meter.ts";
import { ReadingStore } from "../node/meter/ReadingStore.ts";
import type { Reading } from "../sdk/energy/readings.ts";

/** Targets from the project's requirements: each figure must be at or above its target. */
export const METER_TARGETS: Record<string, number> = {
  "meter.readingsPerSec": 20_000,
  "meter.signedReadingsPerSec.single": 10_000,
};

const CHAIN_ID = 31_337;
const READINGS_CONTRACT: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const T0 = 1_780_272_000n;
const STEP = 60n;

const BATCH_DEVICES = 500;
const READINGS_PER_BATCH = 100;
const BATCHES_PER_DEVICE = 4; // 200,000 readings
const SINGLE_DEVICES = 1_000;
const SINGLE_READINGS_PER_DEVICE = 40; // 40,000 readings
const READINGS_PER_INGEST = 1_000;
/** Ingests in flight at once, as concurrent HTTP requests would be. */
const IN_FLIGHT = 4;

type Device = { key: Address; secret: Uint8Array };

function devices(count: number, salt: string): Device[] {
  return Array.from({ length: count }, (_, i) => {
    const secret = keccak256(new TextEncoder().encode(`${salt} device ${i}`), "bytes");
    const pub = secp256k1.publicKeyCreate(secret, false);
    return { key: getAddress(toHex(keccak256(pub.subarray(1), "bytes").subarray(12))), secret };
  });
}

function reading(device: Address, sequence: bigint): Reading {
  const periodStart = T0 + sequence * STEP;
  return {
    device,
    sequence,
    periodStart,
    periodEnd: periodStart + STEP,
    producedWh: 50n + (sequence % 20n),
    sentWh: 40n + (sequence % 20n),
    receivedWh: 0n,
    heartbeats: 1,
  };
}

function sign(digest: Uint8Array, secret: Uint8Array): Hex {
  const { signature, recid } = secp256k1.ecdsaSign(digest, secret);
  const out = new Uint8Array(65);
  out.set(signature);
  out[64] = 27 + recid;
  return toHex(out);
}

/** Runs `jobs` with at most IN_FLIGHT at once, in order; returns the seconds taken and the refusals seen. */
async function timed(jobs: (() => Promise<ReadingResult[]>)[]): Promise<{ seconds: number; refused: number }> {
  let refused = 0;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as () => Promise<ReadingResult[]>;
      for (const r of await job()) if (r.status !== "accepted") refused++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return { seconds: (performance.now() - started) / 1000, refused };
}

function openMeter(dir: string, all: Device[]): Meter {
  const info = (i: number): DeviceInfo => ({
    deviceId: BigInt(i + 1),
    status: DeviceStatus.Active,
    ratedPowerW: 10_000n,
  });
  return new Meter({
    store: ReadingStore.open(dir),
    devices: staticDeviceView(all.map((d, i) => [d.key, info(i)] as const)),
    chainId: CHAIN_ID,
    readingCommitments: READINGS_CONTRACT,
  });
}

export async function benchMeter(onProgress: (message: string) => void = () => {}): Promise<Record<string, number>> {
  const separator = readingsDomainSeparator(CHAIN_ID, READINGS_CONTRACT);
  const figures: Record<string, number> = {};
  const dir = mkdtempSync(join(tmpdir(), "drex-bench-meter-"));
  try {
    // Batches: each device signs READINGS_PER_BATCH readings at once.
    const batchDevices = devices(BATCH_DEVICES, "batch");
    const batches: { device: Address; readings: Reading[]; signature: Hex }[] = [];
    for (let b = 0; b < BATCHES_PER_DEVICE; b++) {
      for (const d of batchDevices) {
        const readings = Array.from({ length: READINGS_PER_BATCH }, (_, i) =>
          reading(d.key, BigInt(b * READINGS_PER_BATCH + i + 1)),
        );
        const encoded = new Uint8Array(ENCODED_READING_BYTES);
        const leaves = new Uint8Array(readings.length * 32);
        for (const [i, r] of readings.entries()) {
          encoded.fill(0);
          encodeReading(r, encoded, 0);
          leaves.set(leafOf(encoded, 0), i * 32);
        }
        const digest = batchDigestOf(separator, d.key, leaves, readings.length);
        batches.push({ device: d.key, readings, signature: sign(digest, d.secret) });
      }
    }
    const batchReadings = batches.length * READINGS_PER_BATCH;
    onProgress(`meter: ${batchReadings} readings in ${batches.length} signed batches made`);
    let meter = openMeter(join(dir, "batches"), batchDevices);
    const batchRun = await timed(batches.map((batch) => () => meter.ingest(batch)));
    await meter.close();
    if (batchRun.refused > 0) throw new Error(`the meter refused ${batchRun.refused} batched readings`);
    figures["meter.readingsPerSec"] = Math.round(batchReadings / batchRun.seconds);
    onProgress(`meter: ${figures["meter.readingsPerSec"]} batched readings/s`);

    // Single signatures: one per reading.
    const singleDevices = devices(SINGLE_DEVICES, "single");
    const singles: SignedReading[] = [];
    const encoded = new Uint8Array(ENCODED_READING_BYTES);
    for (let s = 1; s <= SINGLE_READINGS_PER_DEVICE; s++) {
      for (const d of singleDevices) {
        const r = reading(d.key, BigInt(s));
        encoded.fill(0);
        encodeReading(r, encoded, 0);
        singles.push({ reading: r, signature: sign(readingDigestOf(separator, encoded, 0), d.secret) });
      }
    }
    onProgress(`meter: ${singles.length} individually signed readings made`);
    meter = openMeter(join(dir, "singles"), singleDevices);
    const chunks: SignedReading[][] = [];
    for (let i = 0; i < singles.length; i += READINGS_PER_INGEST)
      chunks.push(singles.slice(i, i + READINGS_PER_INGEST));
    const singleRun = await timed(chunks.map((chunk) => () => meter.ingest(chunk)));
    await meter.close();
    if (singleRun.refused > 0) throw new Error(`the meter refused ${singleRun.refused} signed readings`);
    figures["meter.signedReadingsPerSec.single"] = Math.round(singles.length / singleRun.seconds);
    onProgress(`meter: ${figures["meter.signedReadingsPerSec.single"]} individually signed readings/s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
