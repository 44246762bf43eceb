// The device simulator (MX2, MX8): a solar model that behaves like the sun, a household's load, a seeded fleet whose
// signed readings a real Meter accepts, and `drex simulate-devices` registering a fleet on a node started here and
// sending it hours of readings.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Address } from "viem";
import { DeviceStatus, staticDeviceView } from "../node/meter/devices.ts";
import { Meter } from "../node/meter/Meter.ts";
import { ReadingStore } from "../node/meter/ReadingStore.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { type Reading, signReading, signReadingBatch } from "../sdk/energy/readings.ts";
import { loadShape } from "../simulator/consumption.ts";
import { createFleet, DeviceSimulator } from "../simulator/fleet.ts";
import {
  clearSkyEnergyWh,
  clearSkyPowerW,
  cloudClearness,
  dayOfYear,
  equationOfTimeMinutes,
  MIN_CLEARNESS,
} from "../simulator/solar.ts";
import { apiClient } from "./support/apiClient.ts";

const HOUR = 3_600;
const JUNE_21 = Date.UTC(2026, 5, 21) / 1000;
const DECEMBER_21 = Date.UTC(2026, 11, 21) / 1000;
const CHAIN_ID = 31337;
const READING_COMMITMENTS: Address = "0x00000000000000000000000000000000000000C0";

/** A day of one device's readings at 15-minute intervals from `dayStart`. */
function dayOfReadings(simulator: DeviceSimulator, dayStart: number): Reading[] {
  const readings: Reading[] = [];
  for (let i = 0; i < 96; i++) {
    const from = BigInt(dayStart + i * 900);
    readings.push(simulator.next(from, from + 900n));
  }
  return readings;
}

describe("the solar and consumption models (MX8)", () => {
  it("MX8: no power at night at the panel's longitude, the peak near local solar noon", () => {
    const site = { latitudeDeg: 45, longitudeDeg: 90, ratedPowerW: 5_000 };
    let peak = { hour: -1, watts: -1 };
    for (let minute = 0; minute < 24 * 60; minute += 5) {
      const watts = clearSkyPowerW(site, JUNE_21 + minute * 60);
      if (watts > peak.watts) peak = { hour: minute / 60, watts };
      // 90° east: local solar time is UTC + 6 h; between 21:00 and 03:00 local the sun is down in any June at 45° N.
      const local = (minute / 60 + 6) % 24;
      if (local >= 21 || local < 3) assert.equal(watts, 0, `at ${minute / 60} h UTC (${local} h local)`);
    }
    const solarNoonUtc = 12 - 90 / 15 - equationOfTimeMinutes(dayOfYear(JUNE_21)) / 60;
    assert.ok(Math.abs(peak.hour - solarNoonUtc) <= 0.25, `peak at ${peak.hour} h UTC, solar noon ${solarNoonUtc}`);
    assert.ok(peak.watts > 4_000, `a clear June noon at 45° N gives most of the rating (${peak.watts} W)`);
    // The same panel at 90° west is dark when the eastern one peaks.
    assert.equal(clearSkyPowerW({ ...site, longitudeDeg: -90 }, JUNE_21 + peak.hour * HOUR), 0);
  });

  it("MX8: never above rated power, anywhere, any day, any hour", () => {
    for (const latitudeDeg of [-60, -23.4, 0, 23.4, 45, 70]) {
      for (let day = 0; day < 365; day += 5) {
        for (let hour = 0; hour < 24; hour += 0.5) {
          const t = Date.UTC(2026, 0, 1) / 1000 + day * 86_400 + hour * HOUR;
          const watts = clearSkyPowerW({ latitudeDeg, longitudeDeg: 0, ratedPowerW: 1_000 }, t);
          assert.ok(watts >= 0 && watts <= 1_000, `${watts} W at ${latitudeDeg}°, day ${day}, ${hour} h`);
        }
      }
    }
    // Nor do readings: every energy is within what the rating allows in the interval.
    const [device] = createFleet({ count: 1, latitudeDeg: 0, longitudeDeg: 0, seed: "rating" });
    assert.ok(device);
    const capacityWh = (device.ratedPowerW * 900n) / 3_600n;
    for (const r of dayOfReadings(new DeviceSimulator(device, "rating"), JUNE_21)) {
      for (const wh of [r.producedWh, r.sentWh, r.receivedWh]) assert.ok(wh >= 0n && wh <= capacityWh);
    }
  });

  it("MX8: more energy in summer than in winter at latitude 45° N", () => {
    const site = { latitudeDeg: 45, longitudeDeg: 0, ratedPowerW: 5_000 };
    const summerWh = clearSkyEnergyWh(site, JUNE_21, JUNE_21 + 24 * HOUR);
    const winterWh = clearSkyEnergyWh(site, DECEMBER_21, DECEMBER_21 + 24 * HOUR);
    assert.ok(summerWh > 2 * winterWh, `summer ${summerWh} Wh, winter ${winterWh} Wh`);
    // And the other way round in the southern hemisphere.
    const south = { ...site, latitudeDeg: -45 };
    assert.ok(
      clearSkyEnergyWh(south, DECEMBER_21, DECEMBER_21 + 24 * HOUR) >
        clearSkyEnergyWh(south, JUNE_21, JUNE_21 + 24 * HOUR),
    );
  });

  it("MX8: clouds reduce production but never make it negative, and change smoothly", () => {
    const seeds = { regional: "weather", local: "panel" };
    let previous = cloudClearness(seeds, JUNE_21);
    let largestStep = 0;
    for (let minute = 15; minute < 14 * 24 * 60; minute += 15) {
      const k = cloudClearness(seeds, JUNE_21 + minute * 60);
      assert.ok(k >= MIN_CLEARNESS && k <= 1, `clearness ${k}`);
      largestStep = Math.max(largestStep, Math.abs(k - previous));
      previous = k;
    }
    assert.ok(largestStep < 0.5, `clearness moved by ${largestStep} in 15 minutes`);

    const [device] = createFleet({ count: 1, latitudeDeg: 45, longitudeDeg: 0, seed: "clouds" });
    assert.ok(device);
    const site = {
      latitudeDeg: device.latitudeDeg,
      longitudeDeg: device.longitudeDeg,
      ratedPowerW: Number(device.ratedPowerW),
    };
    let belowClearSky = 0;
    for (const r of dayOfReadings(new DeviceSimulator(device, "clouds"), JUNE_21)) {
      const clearWh = BigInt(Math.floor(clearSkyEnergyWh(site, Number(r.periodStart), Number(r.periodEnd))));
      assert.ok(r.producedWh >= 0n && r.producedWh <= clearWh);
      if (r.producedWh < clearWh) belowClearSky++;
    }
    assert.ok(belowClearSky > 0, "some interval is cloudier than a clear sky");
  });

  it("MX8: a household's load peaks in the morning and the evening, averaging 1 over the day", () => {
    assert.ok(loadShape(7.5) > loadShape(3) && loadShape(7.5) > loadShape(13));
    assert.ok(loadShape(19.5) > loadShape(13) && loadShape(19.5) > loadShape(7.5));
    let sum = 0;
    for (let m = 0; m < 1_440; m++) sum += loadShape((m + 0.5) / 60);
    assert.ok(Math.abs(sum / 1_440 - 1) < 1e-9);
  });

  it("MX8: the same seed gives the same keys and readings; another seed other ones", () => {
    const run = (seed: string) =>
      createFleet({ count: 3, storageNodes: 1, seed }).map((d) => dayOfReadings(new DeviceSimulator(d, seed), JUNE_21));
    const first = run("repeat");
    assert.deepEqual(run("repeat"), first);
    const other = run("other");
    assert.notEqual(other[0]?.[0]?.device, first[0]?.[0]?.device);
    const generator = first[0] as Reading[];
    assert.ok(generator.some((r) => r.producedWh > 0n) && generator.some((r) => r.producedWh === 0n), "day and night");
    assert.ok(generator.every((r, i) => i === 0 || r.sequence === (generator[i - 1] as Reading).sequence + 1n));
    assert.ok(generator.every((r) => r.heartbeats <= 15 && r.heartbeats >= 0));
    const storage = first[3] as Reading[];
    assert.ok(storage.every((r) => r.producedWh === 0n) && storage.some((r) => r.receivedWh > 0n));
  });
});

describe("the simulated fleet's readings at a real Meter (MX2)", () => {
  let dir: string;
  let meter: Meter;
  const fleet = createFleet({ count: 2, seed: "meter" });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "drex-simulator-meter-"));
    meter = new Meter({
      store: ReadingStore.open(dir),
      devices: staticDeviceView(
        fleet.map((d, i) => [
          d.account.address,
          { deviceId: BigInt(i + 1), status: DeviceStatus.Active, ratedPowerW: d.ratedPowerW },
        ]),
      ),
      chainId: CHAIN_ID,
      readingCommitments: READING_COMMITMENTS,
      workers: 1,
    });
  });
  after(async () => {
    await meter?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("MX2: readings signed one by one and in batches are accepted; one tampered after signing is refused", async () => {
    const [single, batched] = fleet.map((d) => new DeviceSimulator(d, "meter"));
    assert.ok(single && batched);
    const readings = dayOfReadings(single, JUNE_21).slice(0, 8);
    const signed = await Promise.all(
      readings.map(async (reading) => ({
        reading,
        signature: await signReading(single.device.account, {
          chainId: CHAIN_ID,
          verifyingContract: READING_COMMITMENTS,
          reading,
        }),
      })),
    );
    const tampered = signed.pop();
    assert.ok(tampered);
    const results = await meter.ingestSigned(signed);
    assert.deepEqual(
      results.map((r) => r.status),
      signed.map(() => "accepted"),
    );
    const forged = await meter.ingestSigned([
      { reading: { ...tampered.reading, sentWh: tampered.reading.sentWh + 1_000n }, signature: tampered.signature },
    ]);
    assert.equal(forged[0]?.status === "refused" ? forged[0].code : "accepted", "bad_signature");

    const batch = dayOfReadings(batched, JUNE_21).slice(0, 4);
    const signature = await signReadingBatch(batched.device.account, {
      chainId: CHAIN_ID,
      verifyingContract: READING_COMMITMENTS,
      readings: batch,
    });
    const batchResults = await meter.ingestBatch({
      device: batched.device.account.address,
      readings: batch,
      signature,
    });
    assert.deepEqual(
      batchResults.map((r) => r.status),
      batch.map(() => "accepted"),
    );
    assert.equal(meter.store.count(), 11);
  });
});

const CLI = fileURLToPath(new URL("../cli/drex.ts", import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DREX_RPC_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("drex simulate-devices against a node", () => {
  let node: RunningNode;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-simulate-"));
    node = await startNode(
      resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", meterHousekeepingMs: 200 }, {}),
    );
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("MX2, MX8: --count 3 --hours 2 --register: the DAO approves the fleet and every reading is accepted and committed", async () => {
    const { code, stdout, stderr } = await runCli([
      "simulate-devices",
      "--count",
      "3",
      "--hours",
      "2",
      "--register",
      "--node",
      node.apiUrl,
      "--rpc-url",
      node.rpcUrl,
      "--json",
    ]);
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(stdout);
    assert.equal(summary.devices, 3);
    assert.equal(summary.sent, 3 * 8, "four readings an hour per device for two hours");
    assert.equal(summary.accepted, summary.sent, JSON.stringify(summary.refusedByCode));
    assert.equal(summary.refused, 0);
    assert.equal(summary.advancedClock, true);

    // The node moved its clock past the first hour: the meter commits it, and serves each reading's proof.
    const api = apiClient(node.apiUrl);
    const firstSequence = BigInt(summary.from) / 900n;
    for (const key of summary.deviceKeys as string[]) {
      let proof = await api.get(`/api/v1/readings/${key}/${firstSequence}`);
      for (let i = 0; i < 100 && proof.status === 404; i++) {
        await new Promise((r) => setTimeout(r, 100));
        proof = await api.get(`/api/v1/readings/${key}/${firstSequence}`);
      }
      assert.equal(proof.status, 200, JSON.stringify(proof.body));
      assert.equal(proof.body.reading.periodStart, summary.from);
    }

    // Again with the same seed: the devices are active already, and the readings continue after the first run's.
    const again = await runCli([
      "simulate-devices",
      "--count",
      "3",
      "--hours",
      "1",
      "--register",
      "--batch",
      "--node",
      node.apiUrl,
      "--rpc-url",
      node.rpcUrl,
      "--json",
    ]);
    assert.equal(again.code, 0, again.stderr);
    const second = JSON.parse(again.stdout);
    assert.equal(second.accepted, 3 * 4);
    assert.equal(second.refused, 0);
  });
});
