// `--demo` seeds a community on first start, through real transactions, and only on first start: the D-REX
// marketplace and the measured-energy side (devices, readings, storage, a payment, pools).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { startNode } from "../node/start.ts";
import { apiClient } from "./support/apiClient.ts";

describe("node --demo", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "drex-demo-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const options = resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", demo: true }, {});

  it("DX1–DX9, MX1–MX7: seeds requests in every stage, an active generator with purchases and a funded one, an approved fleet with a day of readings, a payment and pools; a restart keeps it", async () => {
    const node = await startNode(options);
    const api = apiClient(node.apiUrl);
    const { requests } = (await api.get("/api/v1/requests")).body;
    assert.deepEqual(requests.map((r: { status: string }) => r.status).sort(), [
      "Active",
      "Bidding",
      "Financing",
      "Funded",
    ]);
    const { generators } = (await api.get("/api/v1/generators")).body;
    assert.equal(generators.length, 2);
    const active = generators.find((g: { active: boolean }) => g.active);
    assert.equal(active.unitsSold, "70");
    assert.ok(BigInt(active.priceWeiPerUnit) > 0n);
    assert.ok(BigInt(active.claimedWei) > 0n);
    assert.equal(active.usageMilliUnits, "14500");
    const totals = (await api.get("/api/v1/status")).body.totals;

    // The clinic's device: dev account 9's key, a generator device SunWorks operates, approved by the DAO (DX8).
    const [clinicKey, sunWorks] = [devAccounts()[9], devAccounts()[2]].map((d) => d?.account.address);
    assert.equal(active.deviceKey, clinicKey);
    const clinicDevice = (await api.get(`/api/v1/energy/devices/${active.deviceId}`)).body;
    assert.deepEqual(
      [clinicDevice.key, clinicDevice.kind, clinicDevice.status, clinicDevice.operator],
      [clinicKey, "generator", "active", sunWorks],
    );
    const { activity } = (await api.get(`/api/v1/activity?address=${active.address}&limit=100`)).body;
    const usage = activity.find((a: { eventName: string }) => a.eventName === "UsageReported");
    assert.equal(usage.args.deliveredMilliUnits, "14500");
    assert.ok(BigInt(usage.args.readAt) <= BigInt(usage.timestamp));

    // Measured energy: the fleet and the clinic's device approved by the DAO, a day of readings committed, a payment
    // approved, both pools holding liquidity, storage with one flagged loss.
    const devices = (await api.get("/api/v1/energy/devices?status=active")).body.devices;
    assert.equal(devices.length, 8);
    assert.deepEqual(devices.map((d: { kind: string }) => d.kind).sort(), [
      ...Array(7).fill("generator"),
      "storageNode",
    ]);
    const { points } = (await api.get("/api/v1/energy/readings/timeseries")).body;
    assert.ok(points.length >= 24, `${points.length} hours with readings`);
    assert.ok(points.some((p: { producedWh: string }) => BigInt(p.producedWh) > 0n));
    const { payments } = (await api.get("/api/v1/energy/payments?status=approved")).body;
    assert.equal(payments.length, 1);
    assert.ok(BigInt(payments[0].energyWei) > 0n);
    const [paid] = payments;
    const paidKey = devices.find((d: { deviceId: string }) => d.deviceId === paid.deviceId).key;
    // Sequences count 15-minute intervals since the epoch: the last one of the paid range's first hour, committed.
    const sequence = (BigInt(paid.firstRootPeriodId) * 3_600n) / 900n + 3n;
    const firstRoot = await api.get(`/api/v1/readings/${paidKey}/${sequence}`);
    assert.equal(firstRoot.status, 200, JSON.stringify(firstRoot.body));
    const { pools } = (await api.get("/api/v1/energy/pools")).body;
    assert.equal(pools.length, 2);
    for (const pool of pools) {
      assert.ok(BigInt(pool.reserve0) > 0n && BigInt(pool.reserve1) > 0n, `${pool.symbol0}/${pool.symbol1} reserves`);
      assert.equal(pool.swapCount, "1");
    }
    const storage = (await api.get("/api/v1/energy/storage")).body;
    assert.equal(storage.nodes[0].excessiveLossCount, "1");
    assert.ok(storage.takeOuts.length >= 1);
    await node.close();

    const again = await startNode(options);
    assert.deepEqual((await apiClient(again.apiUrl).get("/api/v1/status")).body.totals, totals);
    await again.close();
  });
});
