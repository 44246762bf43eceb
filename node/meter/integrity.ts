// What a device's readings say about it over an hour or a month (MX4, MX8): how many there are, how many sequence
// numbers are missing, how long it was online by its signed heartbeats, the energy it reported, and whether the
// periods are committed on-chain. These are the figures an operator's payment claim must match.
//
// Choices made here:
//  - Uptime: a heartbeat vouches for HEARTBEAT_SECONDS of operation. A reading covers min(its duration, heartbeats ×
//    HEARTBEAT_SECONDS) seconds, counted inside its own commit period only: an interval that runs past the end of its
//    hour counts in proportion to the part inside the hour (devices are expected to cut their intervals at the hour).
//    Uptime is the covered seconds over all the seconds of the period or range, in basis points, rounded down and
//    never above 10,000 (two keys of one device could report the same minutes).
//  - Gaps: the sequence numbers missing between consecutive readings of the same key inside the queried range; what
//    is missing before the range's first reading or after its last one is not counted. Sequences belong to a key, so
//    after a key change the new key's sequence starts afresh without making a gap.
//  - Per-period figures list the periods that hold readings only, oldest first; a period without any is all missing.
import type { Address } from "viem";
import { SECONDS_PER_PERIOD } from "./Meter.ts";
import type { PeriodSums, ReadingStore } from "./ReadingStore.ts";

/** Seconds of operation one heartbeat vouches for. */
export const HEARTBEAT_SECONDS = 60n;

/** One device (or every device summed), one commit period: the hour `periodId = floor(periodStart / 3600)`. */
export type PeriodFigures = {
  periodId: bigint;
  readingCount: number;
  /** Sequence numbers missing before the period's readings, since the previous reading inside the queried range. */
  gaps: number;
  /** Covered seconds over the period's 3,600, in basis points. */
  uptimeBps: number;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
  /** Whether the period's root is committed. */
  committed: boolean;
};

/** One device over the commit periods `fromPeriodId` to `toPeriodId` inclusive (e.g. a UTC month). */
export type RangeFigures = {
  fromPeriodId: bigint;
  toPeriodId: bigint;
  /** The first committed period holding the device's readings; null when none is. */
  firstRootPeriodId: bigint | null;
  /** The last committed period holding the device's readings; null when none is. */
  lastRootPeriodId: bigint | null;
  readingCount: number;
  gaps: number;
  /** Covered seconds over every second of the range, in basis points. */
  uptimeBps: number;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
  /** Readings in the range whose period has no root yet. */
  uncommittedReadings: number;
};

const BPS = 10_000n;

function uptimeBps(coveredSeconds: bigint, seconds: bigint): number {
  if (seconds <= 0n) return 0;
  const bps = (coveredSeconds * BPS) / seconds;
  return Number(bps > BPS ? BPS : bps);
}

function checkRange(fromPeriodId: bigint, toPeriodId: bigint): void {
  if (fromPeriodId < 0n || toPeriodId < fromPeriodId) {
    throw new RangeError(`the periods ${fromPeriodId} to ${toPeriodId} are not a range`);
  }
}

/** Sums of several keys' periods merged per period; `keyCount` adds up. */
function mergeSums(lists: readonly PeriodSums[][]): PeriodSums[] {
  if (lists.length === 1) return lists[0] as PeriodSums[];
  const byPeriod = new Map<bigint, PeriodSums>();
  for (const list of lists) {
    for (const s of list) {
      const into = byPeriod.get(s.periodId);
      if (!into) {
        byPeriod.set(s.periodId, { ...s });
        continue;
      }
      into.readingCount += s.readingCount;
      into.keyCount += s.keyCount;
      into.gaps += s.gaps;
      into.coveredSeconds += s.coveredSeconds;
      into.producedWh += s.producedWh;
      into.sentWh += s.sentWh;
      into.receivedWh += s.receivedWh;
    }
  }
  return [...byPeriod.values()].sort((a, b) => (a.periodId < b.periodId ? -1 : a.periodId > b.periodId ? 1 : 0));
}

function deviceSums(
  store: ReadingStore,
  deviceKeys: readonly Address[],
  fromPeriodId: bigint,
  toPeriodId: bigint,
): PeriodSums[] {
  checkRange(fromPeriodId, toPeriodId);
  const keys = [...new Set(deviceKeys.map((k) => k.toLowerCase()))];
  return mergeSums(
    keys.map((key) => store.periodSums(key, fromPeriodId, toPeriodId, HEARTBEAT_SECONDS, SECONDS_PER_PERIOD)),
  );
}

/** Figures of a period from its sums; uptime over `devices` × the period's seconds. */
function figuresOf(s: PeriodSums, devices: number): PeriodFigures {
  return {
    periodId: s.periodId,
    readingCount: s.readingCount,
    gaps: Number(s.gaps),
    uptimeBps: uptimeBps(s.coveredSeconds, SECONDS_PER_PERIOD * BigInt(devices)),
    producedWh: s.producedWh,
    sentWh: s.sentWh,
    receivedWh: s.receivedWh,
    committed: s.committed,
  };
}

/**
 * One device's figures per commit period from `fromPeriodId` to `toPeriodId` inclusive, for the periods holding its
 * readings, oldest first. `deviceKeys`: every key the device has had.
 */
export function periodFigures(
  store: ReadingStore,
  deviceKeys: readonly Address[],
  fromPeriodId: bigint,
  toPeriodId: bigint,
): PeriodFigures[] {
  return deviceSums(store, deviceKeys, fromPeriodId, toPeriodId).map((s) => figuresOf(s, 1));
}

/** One device's figures over the commit periods `fromPeriodId` to `toPeriodId` inclusive. */
export function rangeFigures(
  store: ReadingStore,
  deviceKeys: readonly Address[],
  fromPeriodId: bigint,
  toPeriodId: bigint,
): RangeFigures {
  const figures: RangeFigures = {
    fromPeriodId,
    toPeriodId,
    firstRootPeriodId: null,
    lastRootPeriodId: null,
    readingCount: 0,
    gaps: 0,
    uptimeBps: 0,
    producedWh: 0n,
    sentWh: 0n,
    receivedWh: 0n,
    uncommittedReadings: 0,
  };
  let coveredSeconds = 0n;
  for (const s of deviceSums(store, deviceKeys, fromPeriodId, toPeriodId)) {
    figures.readingCount += s.readingCount;
    figures.gaps += Number(s.gaps);
    coveredSeconds += s.coveredSeconds;
    figures.producedWh += s.producedWh;
    figures.sentWh += s.sentWh;
    figures.receivedWh += s.receivedWh;
    if (s.committed) {
      figures.firstRootPeriodId ??= s.periodId;
      figures.lastRootPeriodId = s.periodId;
    } else {
      figures.uncommittedReadings += s.readingCount;
    }
  }
  figures.uptimeBps = uptimeBps(coveredSeconds, (toPeriodId - fromPeriodId + 1n) * SECONDS_PER_PERIOD);
  return figures;
}

/**
 * Every device's readings summed per commit period, for the periods holding any, oldest first. `uptimeBps` is the
 * average over the device keys that reported in the period.
 */
export function totalPeriodFigures(store: ReadingStore, fromPeriodId: bigint, toPeriodId: bigint): PeriodFigures[] {
  checkRange(fromPeriodId, toPeriodId);
  return store
    .periodSums(null, fromPeriodId, toPeriodId, HEARTBEAT_SECONDS, SECONDS_PER_PERIOD)
    .map((s) => figuresOf(s, s.keyCount));
}

/** The commit periods (hours) of a UTC month given as YYYYMM: its first hour to its last, inclusive. */
export function monthPeriodRange(month: number): { fromPeriodId: bigint; toPeriodId: bigint } {
  const year = Math.floor(month / 100);
  const monthOfYear = month % 100;
  if (!Number.isInteger(month) || year < 1970 || year > 9999 || monthOfYear < 1 || monthOfYear > 12) {
    throw new RangeError(`${month} is not a month as YYYYMM`);
  }
  const hourOf = (ms: number) => BigInt(ms) / 1000n / SECONDS_PER_PERIOD;
  return {
    fromPeriodId: hourOf(Date.UTC(year, monthOfYear - 1, 1)),
    toPeriodId: hourOf(Date.UTC(year, monthOfYear, 1)) - 1n,
  };
}

/**
 * The hours of a UTC month a device's payment claim answers for (MX4, MX8): from the month's first hour or the
 * device's first reading ever, whichever is later, to the month's last hour or the last hour finished by
 * `asOfSeconds`, whichever is earlier. A device that began reporting mid-month is not held to the hours before it
 * existed, nor a claim made mid-month to hours still to come; an hour it went silent after it began counts against
 * its uptime. Null when the window is empty: the device has no reading by the end of it.
 */
export function claimPeriodRange(
  store: ReadingStore,
  deviceKeys: readonly Address[],
  month: number,
  asOfSeconds: bigint,
): { fromPeriodId: bigint; toPeriodId: bigint } | null {
  const monthRange = monthPeriodRange(month);
  const firstReading = store.firstPeriodOf(deviceKeys);
  if (firstReading === null) return null;
  const lastFinished = asOfSeconds / SECONDS_PER_PERIOD - 1n;
  const fromPeriodId = firstReading > monthRange.fromPeriodId ? firstReading : monthRange.fromPeriodId;
  const toPeriodId = lastFinished < monthRange.toPeriodId ? lastFinished : monthRange.toPeriodId;
  return toPeriodId < fromPeriodId ? null : { fromPeriodId, toPeriodId };
}
