// Running a fleet against a node: interval after interval, every device's reading is produced, signed (one signature
// per reading, or one per device's batch) and sent, and the node's answers are counted.
//
// Time: device time runs from `start` in steps of `intervalSeconds`, readings grouped by the hour they fall in (the
// node's commit period), all devices' readings of an hour sent before the next hour's.
//  - realtime: each step is sent when its interval ends on the node's clock.
//  - fast, on a node whose clock can be moved (the embedded chain): device time starts at the node's time and the
//    node's clock is moved forward with it, an hour at a time, so every reading arrives as its interval ends and no
//    period closes before its last reading is in. Hours of device time take seconds.
//  - fast, elsewhere: the last `durationSeconds` before the node's time are replayed. The node may commit an hour
//    while the fleet is still reporting it; those readings come back refused `period_committed`.
import type { Address, Hex } from "viem";
import { type Reading, signReading, signReadingBatch } from "../sdk/energy/readings.ts";
import { DeviceSimulator, type FleetDevice } from "./fleet.ts";
import type { ReadingOutcome, ReadingTransport, SignedReadings } from "./transport.ts";

const SECONDS_PER_PERIOD = 3_600n;

export type SimulationClock = {
  /** The node's time now (the chain's), Unix seconds. */
  now(): Promise<bigint>;
  /** Moves the node's clock forward; absent when it cannot be moved. */
  advance?(seconds: bigint): Promise<void>;
};

export type RunProgress = {
  devices: number;
  /** Device time reached: the end of the last interval sent. */
  simulatedTo: bigint;
  sent: number;
  accepted: number;
  refused: number;
  refusedByCode: Record<string, number>;
  /** Totals of the accepted readings. */
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
};

export type SimulationSummary = RunProgress & {
  from: bigint;
  to: bigint;
  intervalSeconds: bigint;
  pace: "fast" | "realtime";
  /** Whether the node's clock was moved forward with device time. */
  advancedClock: boolean;
  /** Up to a few refusals as the node worded them, one per code. */
  refusalExamples: Record<string, string>;
};

export type SimulationOptions = {
  devices: readonly FleetDevice[];
  /** The seed the fleet was made with; the same seed gives the same readings. */
  seed?: string;
  chainId: number;
  readingCommitments: Address;
  transport: ReadingTransport;
  clock: SimulationClock;
  intervalSeconds: bigint;
  pace: "fast" | "realtime";
  /** Fast: the device time to simulate. Realtime: how long to run; unset runs until `signal` aborts. */
  durationSeconds?: bigint;
  /** The first interval's start (Unix seconds); by default as described above. */
  start?: bigint;
  /** One signature per device and hour (true) or per reading (false). */
  batch: boolean;
  /**
   * For this long from the start, readings refused because the node does not know the device yet (`unknown_device`,
   * `device_inactive`: just approved, the node has not re-read the registry) are sent again. Default 0.
   */
  waitForDevicesMs?: number;
  /**
   * Fast pace: each device's readings go in groups up to each multiple of this many seconds. Default an hour, the
   * node's commit period, which keeps an hour's readings ahead of its commit; longer only where nothing commits
   * while the fleet sends (fewer, larger batches).
   */
  chunkSeconds?: bigint;
  /** Devices sending at once. Default 16. */
  concurrency?: number;
  onProgress?(progress: RunProgress): void;
  signal?: AbortSignal;
};

const RETRIED_CODES = new Set(["unknown_device", "device_inactive"]);
const RETRY_PAUSE_MS = 250;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

const alignDown = (t: bigint, step: bigint) => (t / step) * step;

/** The intervals from `from` up to the next multiple of `chunkSeconds` (the first always), none past `to`. */
function intervalsOfChunk(from: bigint, to: bigint, step: bigint, chunkSeconds: bigint): [bigint, bigint][] {
  const chunkEnd = alignDown(from, chunkSeconds) + chunkSeconds;
  const out: [bigint, bigint][] = [];
  for (let t = from; t + step <= to && (out.length === 0 || t + step <= chunkEnd); t += step) out.push([t, t + step]);
  return out;
}

async function sign(
  device: FleetDevice,
  readings: readonly Reading[],
  options: SimulationOptions,
): Promise<SignedReadings> {
  const { chainId, readingCommitments: verifyingContract } = options;
  if (options.batch) {
    const batchSignature = await signReadingBatch(device.account, { chainId, verifyingContract, readings });
    return { device: device.account.address, readings, batchSignature };
  }
  const signatures: Hex[] = [];
  for (const reading of readings)
    signatures.push(await signReading(device.account, { chainId, verifyingContract, reading }));
  return { device: device.account.address, readings, signatures };
}

/** Runs the fleet against the node until the duration is simulated (or the signal aborts); answers the tally. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const step = options.intervalSeconds;
  if (step <= 0n) throw new RangeError("the interval must be at least a second");
  const startedAt = Date.now();
  const now = await options.clock.now();
  const advance = options.pace === "fast" ? options.clock.advance : undefined;
  let start: bigint;
  if (options.start !== undefined) start = options.start;
  else if (options.pace === "realtime" || advance) start = alignDown(now, step);
  else start = alignDown(now - (options.durationSeconds ?? 0n), step);
  const end = options.durationSeconds === undefined ? null : start + alignDown(options.durationSeconds, step);
  const simulators = options.devices.map((d) => new DeviceSimulator(d, options.seed));
  const tally: RunProgress = {
    devices: options.devices.length,
    simulatedTo: start,
    sent: 0,
    accepted: 0,
    refused: 0,
    refusedByCode: {},
    producedWh: 0n,
    sentWh: 0n,
    receivedWh: 0n,
  };
  const refusalExamples: Record<string, string> = {};
  let advancedClock = false;

  const count = (readings: readonly Reading[], outcomes: readonly ReadingOutcome[]) => {
    for (const [i, outcome] of outcomes.entries()) {
      tally.sent += 1;
      if (outcome.status === "accepted") {
        const r = readings[i] as Reading;
        tally.accepted += 1;
        tally.producedWh += r.producedWh;
        tally.sentWh += r.sentWh;
        tally.receivedWh += r.receivedWh;
      } else {
        tally.refused += 1;
        tally.refusedByCode[outcome.code] = (tally.refusedByCode[outcome.code] ?? 0) + 1;
        refusalExamples[outcome.code] ??= outcome.reason;
      }
    }
  };

  const sendDevice = async (simulator: DeviceSimulator, intervals: readonly [bigint, bigint][]) => {
    const readings = intervals.map(([from, to]) => simulator.next(from, to));
    const signed = await sign(simulator.device, readings, options);
    for (;;) {
      const outcomes = await options.transport.send(signed);
      const waiting =
        Date.now() - startedAt < (options.waitForDevicesMs ?? 0) &&
        outcomes.length > 0 &&
        outcomes.every((o) => o.status === "refused" && RETRIED_CODES.has(o.code));
      if (!waiting || options.signal?.aborted) {
        count(readings, outcomes);
        return;
      }
      await sleep(RETRY_PAUSE_MS, options.signal);
    }
  };

  const concurrency = Math.max(1, options.concurrency ?? 16);
  let t = start;
  while (!options.signal?.aborted && (end === null || t + step <= end)) {
    const intervals =
      options.pace === "realtime"
        ? [[t, t + step] as [bigint, bigint]]
        : intervalsOfChunk(t, end ?? t + step, step, options.chunkSeconds ?? SECONDS_PER_PERIOD);
    const until = (intervals[intervals.length - 1] as [bigint, bigint])[1];
    const nodeNow = await options.clock.now();
    if (until > nodeNow) {
      if (advance) {
        await advance(until - nodeNow);
        advancedClock = true;
      } else {
        await waitForNodeTime(options.clock, until, options.signal);
        if (options.signal?.aborted) break;
      }
    }
    for (let i = 0; i < simulators.length; i += concurrency) {
      await Promise.all(simulators.slice(i, i + concurrency).map((s) => sendDevice(s, intervals)));
    }
    t = until;
    tally.simulatedTo = until;
    options.onProgress?.({ ...tally, refusedByCode: { ...tally.refusedByCode } });
  }
  return {
    ...tally,
    from: start,
    to: tally.simulatedTo,
    intervalSeconds: step,
    pace: options.pace,
    advancedClock,
    refusalExamples,
  };
}

/** Sleeps until the node's clock reaches `t` (the node's clock runs with the wall clock, plus any offset). */
async function waitForNodeTime(clock: SimulationClock, t: bigint, signal?: AbortSignal): Promise<void> {
  for (;;) {
    const now = await clock.now();
    if (now >= t || signal?.aborted) return;
    await sleep(Math.min(Number(t - now) * 1000, 60_000), signal);
  }
}
