// The meter's housekeeping inside the node: it re-reads the device registry (approvals, suspensions, new keys) and,
// off the embedded chain, the chain's time for the meter's clock; with a committer key, it commits every finished
// period's readings once late readings have had time to arrive.

import type { ChainClock } from "./chainClock.ts";
import type { RegistryDeviceView } from "./devices.ts";
import type { Meter } from "./Meter.ts";
import { SECONDS_PER_PERIOD } from "./Meter.ts";
import type { ReadingStore } from "./ReadingStore.ts";

/** A period is committed this long after it ends: readings sent at its last moment still arrive in time. */
export const LATE_READING_GRACE_SECONDS = 300n;

export type MeterLoopLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
};

export type MeterLoopParameters = {
  meter: Meter;
  store: ReadingStore;
  devices: RegistryDeviceView;
  /** Whether this node holds the committer's key. */
  commits: boolean;
  /** The chain's time now, in seconds. */
  chainNow(): Promise<bigint>;
  /** The meter's clock, when it follows the chain by reading it now and then. */
  clock?: ChainClock;
  log: MeterLoopLog;
};

/** One round of housekeeping; errors are logged and the next round tries again. */
export async function meterHousekeeping(params: MeterLoopParameters): Promise<void> {
  try {
    await params.devices.refresh();
    await params.clock?.sync();
    if (!params.commits) return;
    const now = await params.chainNow();
    const firstOpenPeriod = (now - LATE_READING_GRACE_SECONDS) / SECONDS_PER_PERIOD;
    for (const periodId of params.store.uncommittedPeriodsBefore(firstOpenPeriod)) {
      const result = await params.meter.commitPeriod(periodId);
      params.log.info(
        { periodId: periodId.toString(), readings: result.readingCount, root: result.root },
        "committed a period's readings",
      );
    }
  } catch (error) {
    params.log.warn({ err: error }, "meter housekeeping failed; trying again next round");
  }
}
