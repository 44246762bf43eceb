// The meter's figures of a device over an hour or a month (MX8, MX4): readings signed by the devices' keys go through
// Meter.ingest into a real ReadingStore, some periods are committed on an in-process chain, and the figures are
// checked against what the readings say: uptime by heartbeats, missing sequence numbers, energy, committed roots.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { network } from "hardhat";
import type { Address } from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { type DeviceInfo, DeviceStatus, type DeviceView } from "../node/meter/devices.ts";
import {
  claimPeriodRange,
  HEARTBEAT_SECONDS,
  monthPeriodRange,
  periodFigures,
  rangeFigures,
  totalPeriodFigures,
} from "../node/meter/integrity.ts";
import { Meter, type ReadingResult } from "../node/meter/Meter.ts";
import { ReadingStore } from "../node/meter/ReadingStore.ts";
import { deployEnergy } from "../sdk/energy/deployEnergy.ts";
import { type Reading, signReading, signReadingBatch } from "../sdk/energy/readings.ts";
import type { DrexWalletClient } from "../sdk/types.ts";

/** 2026-11-01T00:00:00Z. */
const NOV_1 = 1_793_491_200n;
const H0 = NOV_1 / 3_600n;
const HOUR = 3_600n;

/** A device registry whose keys the test changes, as the DAO's setDeviceKey would. */
class MutableDevices implements DeviceView {
  readonly byKey = new Map<string, DeviceInfo>();
  set(key: Address, deviceId: bigint): void {
    this.byKey.set(key.toLowerCase(), { deviceId, status: DeviceStatus.Active, ratedPowerW: 10_000n });
  }
  drop(key: Address): void {
    this.byKey.delete(key.toLowerCase());
  }
  get(key: string): DeviceInfo | undefined {
    return this.byKey.get(key.toLowerCase());
  }
  async refresh(): Promise<void> {}
}

const refusals = (results: ReadingResult[]) => results.filter((r) => r.status !== "accepted");

describe("meter figures: uptime, gaps, energy and roots per hour and per month (MX8)", () => {
  let dir: string;
  let meter: Meter;
  let chainId: number;
  let readingCommitments: Address;
  const devices = new MutableDevices();
  const keyA1 = privateKeyToAccount(generatePrivateKey());
  const keyA2 = privateKeyToAccount(generatePrivateKey());
  const keyB = privateKeyToAccount(generatePrivateKey());
  const keyC = privateKeyToAccount(generatePrivateKey());

  const sendEach = async (key: PrivateKeyAccount, readings: Reading[]) => {
    const signed = await Promise.all(
      readings.map(async (reading) => ({
        reading,
        signature: await signReading(key, { chainId, verifyingContract: readingCommitments, reading }),
      })),
    );
    const results = await meter.ingest(signed);
    assert.deepEqual(refusals(results), []);
  };
  const sendBatch = async (key: PrivateKeyAccount, readings: Reading[]) => {
    const signature = await signReadingBatch(key, { chainId, verifyingContract: readingCommitments, readings });
    const results = await meter.ingest({ device: key.address, readings, signature });
    assert.deepEqual(refusals(results), []);
  };
  const at = (
    key: PrivateKeyAccount,
    sequence: bigint,
    start: bigint,
    seconds: bigint,
    heartbeats: number,
    wh = 100n,
  ): Reading => ({
    device: key.address,
    sequence,
    periodStart: start,
    periodEnd: start + seconds,
    producedWh: wh,
    sentWh: wh - 10n,
    receivedWh: 1n,
    heartbeats,
  });

  before(async () => {
    const { viem, networkHelpers } = await network.create();
    const wallets: DrexWalletClient[] = await viem.getWalletClients();
    const [deployer, committer, m1] = wallets;
    if (!deployer || !committer || !m1) throw new Error("too few accounts");
    chainId = deployer.chain.id;
    const energy = await deployEnergy(deployer, {
      members: [m1.account.address],
      votingDelaySeconds: 1,
      votingPeriodSeconds: 100,
      quorumPercent: 50n,
      committer: committer.account.address,
      reward: { rewardWeiPerWh: 1n, poolRecipient: deployer.account.address, poolBps: 2_000, vaultBps: 1_000 },
    });
    await networkHelpers.time.increase(1);
    readingCommitments = energy.readingCommitments;
    dir = mkdtempSync(join(tmpdir(), "drex-meter-integrity-"));
    devices.set(keyA1.address, 1n);
    devices.set(keyB.address, 2n);
    devices.set(keyC.address, 3n);
    meter = new Meter({
      store: ReadingStore.open(dir),
      devices,
      chainId,
      readingCommitments,
      committer,
      workers: 1,
      now: () => NOV_1 + 40n * 24n * HOUR,
    });

    // Device A: one reading per hour with a heartbeat every minute, hours 0 to 5 under its first key; the DAO gives it
    // a new key and hours 6 to 9 come under that key, with a heartbeat every other minute.
    await sendEach(
      keyA1,
      [0n, 1n, 2n, 3n, 4n, 5n].map((h) => at(keyA1, h + 1n, NOV_1 + h * HOUR, HOUR, 60)),
    );
    devices.drop(keyA1.address);
    devices.set(keyA2.address, 1n);
    await sendBatch(
      keyA2,
      [6n, 7n, 8n, 9n].map((h) => at(keyA2, h - 5n, NOV_1 + h * HOUR, HOUR, 30)),
    );
    // Device B: four readings an hour; hour 2 is missing (sequences 9 to 12), and in hour 3 reading 15 is missing.
    const quarter = (sequence: bigint) => at(keyB, sequence, NOV_1 + (sequence - 1n) * 900n, 900n, 15, 20n + sequence);
    await sendBatch(keyB, [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 13n, 14n, 16n].map(quarter));
    // Device C: the last hour of October, an interval running 20 minutes past the end of hour 0 of November, and the
    // first hour of December.
    await sendEach(keyC, [
      at(keyC, 1n, NOV_1 - HOUR, HOUR, 60),
      at(keyC, 2n, NOV_1 + 3_000n, 1_200n, 10),
      at(keyC, 3n, NOV_1 + 30n * 24n * HOUR, HOUR, 60),
    ]);
    for (const periodId of [H0, H0 + 1n]) await meter.commitPeriod(periodId);
  });

  after(async () => {
    await meter?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("MX8: monthPeriodRange(202611) covers 2026-11-01T00:00Z to 2026-11-30T23:00Z; other months and bad input", () => {
    const november = monthPeriodRange(202611);
    assert.equal(november.fromPeriodId * HOUR, BigInt(Date.parse("2026-11-01T00:00:00Z") / 1000));
    assert.equal(november.toPeriodId * HOUR, BigInt(Date.parse("2026-11-30T23:00:00Z") / 1000));
    assert.equal(november.toPeriodId - november.fromPeriodId + 1n, 720n);
    const february = monthPeriodRange(202702);
    assert.equal(february.toPeriodId - february.fromPeriodId + 1n, 28n * 24n);
    const leapFebruary = monthPeriodRange(202802);
    assert.equal(leapFebruary.toPeriodId - leapFebruary.fromPeriodId + 1n, 29n * 24n);
    const december = monthPeriodRange(202612);
    assert.equal((december.toPeriodId + 1n) * HOUR, BigInt(Date.parse("2027-01-01T00:00:00Z") / 1000));
    for (const bad of [202613, 202600, 2026, 202611.5, -202611]) {
      assert.throws(() => monthPeriodRange(bad), RangeError, String(bad));
    }
  });

  it("MX4, MX8: a month's claim answers for the hours from the device's first reading to the last finished hour", () => {
    // keyB reports from the month's first hour; a claim made five hours and ten seconds in covers hours 0 to 4.
    assert.deepEqual(claimPeriodRange(meter.store, [keyB.address], 202611, NOV_1 + 5n * HOUR + 10n), {
      fromPeriodId: H0,
      toPeriodId: H0 + 4n,
    });
    assert.equal(claimPeriodRange(meter.store, [keyB.address], 202611, NOV_1 + 600n), null, "no hour finished yet");
    // keyC's first reading is in October's last hour: November's claim starts with November, October's with it.
    assert.deepEqual(claimPeriodRange(meter.store, [keyC.address], 202610, NOV_1 + 40n * 24n * HOUR), {
      fromPeriodId: H0 - 1n,
      toPeriodId: H0 - 1n,
    });
    const late = claimPeriodRange(meter.store, [keyC.address], 202611, NOV_1 + 40n * 24n * HOUR);
    assert.deepEqual(late, monthPeriodRange(202611));
    const noReadings = privateKeyToAccount(generatePrivateKey()).address;
    assert.equal(claimPeriodRange(meter.store, [noReadings], 202611, NOV_1 + 40n * 24n * HOUR), null);
    // A device that began mid-month is measured over its own hours: full uptime from its start, not a month's share.
    const window = claimPeriodRange(meter.store, [keyB.address], 202611, NOV_1 + 2n * HOUR) as {
      fromPeriodId: bigint;
      toPeriodId: bigint;
    };
    const claimed = rangeFigures(meter.store, [keyB.address], window.fromPeriodId, window.toPeriodId);
    const month = rangeFigures(meter.store, [keyB.address], H0, monthPeriodRange(202611).toPeriodId);
    assert.ok(claimed.uptimeBps > month.uptimeBps * 100, `${claimed.uptimeBps} over the claimed hours`);
  });

  it("MX8: a reading an hour long with a heartbeat every minute is full uptime; every other minute is half", () => {
    const first = periodFigures(meter.store, [keyA1.address, keyA2.address], H0, H0 + 9n);
    assert.equal(first.length, 10);
    assert.deepEqual(
      first.map((p) => p.uptimeBps),
      [10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 5_000, 5_000, 5_000, 5_000],
    );
    assert.deepEqual(
      first.map((p) => p.periodId),
      Array.from({ length: 10 }, (_, i) => H0 + BigInt(i)),
    );
    const hour0 = first[0];
    assert.deepEqual(hour0, {
      periodId: H0,
      readingCount: 1,
      gaps: 0,
      uptimeBps: 10_000,
      producedWh: 100n,
      sentWh: 90n,
      receivedWh: 1n,
      committed: true,
    });
    assert.equal(HEARTBEAT_SECONDS, 60n);
  });

  it("MX8: missing hours lower the uptime and missing sequence numbers are gaps, counted where they end", () => {
    const hours = periodFigures(meter.store, [keyB.address], H0, H0 + 3n);
    assert.deepEqual(
      hours.map((p) => [p.periodId - H0, p.readingCount, p.gaps, p.uptimeBps]),
      [
        [0n, 4, 0, 10_000],
        [1n, 4, 0, 10_000],
        [3n, 3, 5, 7_500], // 9 to 12 before 13, and 15
      ],
    );
    assert.equal(hours[2]?.sentWh, 23n + 24n + 26n);
    const range = rangeFigures(meter.store, [keyB.address], H0, H0 + 3n);
    assert.equal(range.readingCount, 11);
    assert.equal(range.gaps, 5);
    assert.equal(range.uptimeBps, Math.floor((9_900 * 10_000) / 14_400)); // 3 full hours less 900 s over 4 hours
    // Inside a range that starts after the missing hour, only the missing reading 15 is a gap.
    assert.equal(rangeFigures(meter.store, [keyB.address], H0 + 3n, H0 + 3n).gaps, 1);
  });

  it("MX8: an interval running past its hour counts only for the part inside it", () => {
    const [hour0] = periodFigures(meter.store, [keyC.address], H0, H0);
    // 600 s of heartbeats over 1,200 s, 600 s of which are in hour 0: 300 s covered.
    assert.equal(hour0?.uptimeBps, Math.floor((300 * 10_000) / 3_600));
    assert.deepEqual(periodFigures(meter.store, [keyC.address], H0 + 1n, H0 + 1n), []);
  });

  it("MX8: a month's figures: committed flags, first and last root, uncommitted readings, readings outside left out", () => {
    const { fromPeriodId, toPeriodId } = monthPeriodRange(202611);
    const a = rangeFigures(meter.store, [keyA1.address, keyA2.address], fromPeriodId, toPeriodId);
    assert.deepEqual(a, {
      fromPeriodId,
      toPeriodId,
      firstRootPeriodId: H0,
      lastRootPeriodId: H0 + 1n,
      readingCount: 10,
      gaps: 0,
      uptimeBps: Math.floor(((6 * 3_600 + 4 * 1_800) * 10_000) / (720 * 3_600)),
      producedWh: 1_000n,
      sentWh: 900n,
      receivedWh: 10n,
      uncommittedReadings: 8,
    });
    const flags = periodFigures(meter.store, [keyA1.address, keyA2.address], fromPeriodId, toPeriodId).map(
      (p) => p.committed,
    );
    assert.deepEqual(flags, [true, true, false, false, false, false, false, false, false, false]);
    // Device C's October and December readings are outside November.
    const c = rangeFigures(meter.store, [keyC.address], fromPeriodId, toPeriodId);
    assert.equal(c.readingCount, 1);
    assert.equal(c.gaps, 0, "its neighbours are outside the range");
    assert.equal(rangeFigures(meter.store, [keyC.address], fromPeriodId - 1n, toPeriodId + 1n).readingCount, 3);
    // Nothing at all: no roots, no uptime.
    const none = rangeFigures(meter.store, [keyA1.address], H0 + 100n, H0 + 200n);
    assert.deepEqual(
      [none.readingCount, none.uptimeBps, none.firstRootPeriodId, none.lastRootPeriodId, none.sentWh],
      [0, 0, null, null, 0n],
    );
    assert.throws(() => rangeFigures(meter.store, [keyA1.address], H0 + 1n, H0), RangeError);
  });

  it("MX8: a key change: the old key's readings stay the device's, the new key's sequence starts afresh without gaps", () => {
    const both = rangeFigures(meter.store, [keyA1.address, keyA2.address], H0, H0 + 9n);
    const oldOnly = rangeFigures(meter.store, [keyA1.address], H0, H0 + 9n);
    const newOnly = rangeFigures(meter.store, [keyA2.address], H0, H0 + 9n);
    assert.equal(both.readingCount, 10);
    assert.equal(both.gaps, 0);
    assert.equal(oldOnly.readingCount + newOnly.readingCount, 10);
    assert.equal(both.sentWh, oldOnly.sentWh + newOnly.sentWh);
    assert.equal(both.uptimeBps, Math.floor(((6 * 3_600 + 4 * 1_800) * 10_000) / (10 * 3_600)));
    // A key listed twice counts once.
    assert.deepEqual(rangeFigures(meter.store, [keyA1.address, keyA1.address], H0, H0 + 9n), oldOnly);
  });

  it("MX8: totals across devices: every key's readings summed per hour, uptime averaged over the keys reporting", () => {
    const totals = totalPeriodFigures(meter.store, H0, H0 + 3n);
    const hour0 = totals[0];
    assert.ok(hour0);
    assert.equal(hour0.periodId, H0);
    assert.equal(hour0.readingCount, 1 + 4 + 1); // A, B and C
    assert.equal(hour0.sentWh, 90n + (21n + 22n + 23n + 24n - 40n) + 90n);
    assert.equal(hour0.uptimeBps, Math.floor(((3_600 + 3_600 + 300) * 10_000) / (3 * 3_600)));
    assert.equal(hour0.committed, true);
    assert.deepEqual(
      totals.map((p) => [p.periodId - H0, p.readingCount, p.gaps, p.committed]),
      [
        [0n, 6, 0, true],
        [1n, 5, 0, true],
        [2n, 1, 0, false],
        [3n, 4, 5, false],
      ],
    );
  });
});
