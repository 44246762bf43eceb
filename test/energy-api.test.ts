// The energy reads of the node's API (MX1–MX9), on the embedded chain with its energy modules: devices approved
// through the Technical DAO, proposals' states at chain time, a payment request checked against real signed readings
// the node committed, then refused or approved with the minted amounts, storage with an excessive loss, a pool with
// liquidity and a swap, the 400s and 404s; and the node's index rebuilt from the chain, equal on SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  type Hex,
  http,
  keccak256,
  maxUint256,
  stringToHex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { Indexer } from "../node/indexer/Indexer.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { openStore } from "../node/store/openStore.ts";
import type { PostgresStore } from "../node/store/postgresStore.ts";
import type { Store } from "../node/store/Store.ts";
import { ConstantProductPoolAbi } from "../sdk/abi/ConstantProductPool.ts";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi } from "../sdk/abi/EnergyPayments.ts";
import { EnergyTokenAbi } from "../sdk/abi/EnergyToken.ts";
import { PoolFactoryAbi } from "../sdk/abi/PoolFactory.ts";
import { StorageNodeAbi } from "../sdk/abi/StorageNode.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import type { EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import { type Reading, signReading } from "../sdk/energy/readings.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { apiClient } from "./support/apiClient.ts";

const HOUR = 3_600n;
const PG_URL = process.env.DREX_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function pgReachable(): Promise<boolean> {
  const url = new URL(PG_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 5432) });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Asks again until `check` holds (the index and the meter catch up on their own): up to 10 s. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  assert.ok(check(value), `${what}: ${JSON.stringify(value)}`);
  return value;
}

describe("node energy API", () => {
  let node: RunningNode;
  let dataDir: string;
  let energy: EnergyAddresses;
  let api: ReturnType<typeof apiClient>;
  const device = privateKeyToAccount(generatePrivateKey());
  const operator = () => devAccounts()[2]?.account.address as Address;
  const storageKey = () => devAccounts()[9]?.account.address as Address;
  let readingMonth = 0;
  let sentWh = 0n;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-energy-api-"));
    node = await startNode(
      resolveNodeOptions(
        { dataDir, port: 0, rpcPort: 0, logLevel: "silent", meterHousekeepingMs: 100, mqttUrl: null },
        {},
      ),
    );
    assert.ok(node.deployment.energy);
    energy = node.deployment.energy;
    api = apiClient(node.apiUrl);
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const chain = () => ({
    id: 31337,
    name: "D-REX",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [node.rpcUrl] } },
  });
  const wallet = (index: number): DrexWalletClient => {
    const dev = devAccounts()[index];
    assert.ok(dev);
    return createWalletClient({
      account: dev.account,
      chain: chain(),
      transport: http(node.rpcUrl),
      pollingInterval: 20,
    });
  };
  const reader = () => createPublicClient({ transport: http(node.rpcUrl) });
  const advance = (seconds: bigint) => api.post("/api/v1/dev/time", { seconds: seconds.toString() });

  type Call = { target: Address; data: Hex };
  const registry = (functionName: string, args: unknown[]): Call => ({
    target: energy.deviceRegistry,
    data: encodeFunctionData({ abi: DeviceRegistryAbi, functionName, args } as never),
  });
  const paymentCall = (functionName: string, args: unknown[]): Call => ({
    target: energy.energyPayments,
    data: encodeFunctionData({ abi: EnergyPaymentsAbi, functionName, args } as never),
  });
  const dao = () => ({ address: energy.dao, abi: TechnicalDAOAbi }) as const;

  async function propose(calls: Call[], description: string) {
    const targets = calls.map((c) => c.target);
    const calldatas = calls.map((c) => c.data);
    const values = calls.map(() => 0n);
    await simulateAndWrite(wallet(0), {
      ...dao(),
      functionName: "propose",
      args: [targets, values, calldatas, description],
    });
    const descriptionHash = keccak256(stringToHex(description));
    const proposalId = await reader().readContract({
      ...dao(),
      functionName: "hashProposal",
      args: [targets, values, calldatas, descriptionHash],
    });
    return {
      proposalId,
      vote: (voter: number, support: number) =>
        simulateAndWrite(wallet(voter), { ...dao(), functionName: "castVote", args: [proposalId, support] }),
      execute: () =>
        simulateAndWrite(wallet(5), {
          ...dao(),
          functionName: "execute",
          args: [targets, values, calldatas, descriptionHash],
        }),
    };
  }

  /** Passes several proposals in one voting period: members 0 and 4 vote For on each. */
  async function passAll(proposals: { calls: Call[]; description: string }[]) {
    await advance(1n);
    const made = [];
    for (const p of proposals) made.push(await propose(p.calls, p.description));
    await advance(1n);
    for (const p of made) {
      await p.vote(0, 1);
      await p.vote(4, 1);
    }
    await advance(HOUR + 1n);
    for (const p of made) await p.execute();
    return made.map((p) => p.proposalId);
  }

  const apply = (from: number, key: Address, kind: number, location: string) =>
    simulateAndWrite(wallet(from), {
      address: energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "applyForDevice",
      args: [{ key, kind, ratedPowerW: 5_000n, maxLossBps: 500, location, poolData: "pool-a", hardwareStatus: "ok" }],
    });

  it("MX1: an applied device, approved through the DAO, shows active with its history", async () => {
    await apply(2, device.address, 0, "Kisumu clinic");
    await apply(3, storageKey(), 1, "Kisumu depot");
    const applied = await eventually(
      () => api.get("/api/v1/energy/devices?status=applied"),
      (r) => r.body.devices?.length === 2,
      "both applications indexed",
    );
    assert.deepEqual(
      applied.body.devices.map((d: { deviceId: string }) => d.deviceId),
      ["2", "1"],
    );
    const [approveOne] = await passAll([
      { calls: [registry("approveDevice", [1n])], description: "Approve the Kisumu clinic's panel" },
      { calls: [registry("approveDevice", [2n])], description: "Approve the Kisumu depot" },
    ]);
    await simulateAndWrite(wallet(2), {
      address: energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "updateAttributes",
      args: [1n, "pool-b", "ok, firmware 2"],
    });
    const detail = await eventually(
      () => api.get("/api/v1/energy/devices/1"),
      (r) => r.body.history?.length === 3,
      "device 1's history indexed",
    );
    assert.equal(detail.body.status, "active");
    assert.equal(detail.body.kind, "generator");
    assert.equal(detail.body.operator, operator());
    assert.deepEqual(detail.body.keys, [device.address]);
    assert.equal(detail.body.hardwareStatus, "ok, firmware 2");
    assert.deepEqual(
      detail.body.history.map((e: { kind: string; by: string }) => [e.kind, e.by]),
      [
        ["applied", operator()],
        ["approved", getAddress(energy.dao)],
        ["attributesUpdated", operator()],
      ],
    );
    assert.equal(detail.body.history[2].details.poolData, "pool-b");
    assert.match(detail.body.history[0].transactionHash, /^0x[0-9a-f]{64}$/);
    assert.equal(detail.body.proposals.length, 1);
    assert.equal(detail.body.proposals[0].proposalId, approveOne?.toString());
    assert.equal(detail.body.proposals[0].state, "executed");
    assert.deepEqual(detail.body.proposals[0].actions, [
      {
        target: getAddress(energy.deviceRegistry),
        contract: "deviceRegistry",
        functionName: "approveDevice",
        args: { deviceId: "1" },
      },
    ]);
    assert.equal((await api.get("/api/v1/energy/devices?kind=storageNode")).body.devices[0].deviceId, "2");
    assert.equal((await api.get(`/api/v1/energy/devices?operator=${operator()}`)).body.devices.length, 1);
  });

  it("MX1, MX9: proposals show pending or active, defeated without quorum, succeeded then executed, with their votes", async () => {
    await advance(1n);
    const idle = await propose([registry("revokeDevice", [2n, "idle"])], "Revoke the depot");
    const suspend = await propose(
      [registry("suspendDevice", [1n, "inspection"]), registry("reinstateDevice", [1n])],
      "Inspect the clinic's panel",
    );
    await advance(1n);
    await suspend.vote(0, 1);
    await suspend.vote(4, 2);
    let row = await eventually(
      () => api.get(`/api/v1/energy/proposals/${suspend.proposalId}`),
      (r) => r.body.votes?.length === 2,
      "votes indexed",
    );
    assert.equal(row.body.state, "active");
    assert.equal(row.body.quorum, "1");
    assert.equal(row.body.forVotes, "1");
    assert.equal(row.body.abstainVotes, "1");
    assert.deepEqual(row.body.subject, { kind: "device", deviceId: "1" });
    assert.deepEqual(
      row.body.votes.map((v: { voter: string; support: string }) => [v.voter, v.support]),
      [
        [devAccounts()[0]?.account.address, "for"],
        [devAccounts()[4]?.account.address, "abstain"],
      ],
    );
    assert.equal((await api.get(`/api/v1/energy/proposals/${idle.proposalId}`)).body.state, "active");
    await advance(HOUR + 1n);
    assert.equal((await api.get(`/api/v1/energy/proposals/${idle.proposalId}`)).body.state, "defeated");
    row = await api.get(`/api/v1/energy/proposals/${suspend.proposalId}`);
    assert.equal(row.body.state, "succeeded");
    const defeated = await api.get("/api/v1/energy/proposals?state=defeated");
    assert.deepEqual(
      defeated.body.proposals.map((p: { proposalId: string }) => p.proposalId),
      [idle.proposalId.toString()],
    );
    await suspend.execute();
    row = await eventually(
      () => api.get(`/api/v1/energy/proposals/${suspend.proposalId}`),
      (r) => r.body.state === "executed",
      "execution indexed",
    );
    const history = (await api.get("/api/v1/energy/devices/1")).body.history.map((e: { kind: string }) => e.kind);
    assert.deepEqual(history.slice(-2), ["suspended", "reinstated"]);
    const dao = await api.get("/api/v1/energy/dao");
    assert.equal(dao.status, 200);
    assert.equal(dao.body.memberCount, 3);
    assert.equal(dao.body.quorumPercent, 50);
    assert.equal(dao.body.votingPeriodSeconds, "3600");
    assert.equal(dao.body.vault, getAddress(energy.dao));
    assert.equal(dao.body.rewardParameters.poolBps, 2_000);
  });

  it("MX2, MX4, MX8: a payment request shows its claim checked against the node's committed readings", async () => {
    const now = BigInt((await api.get("/api/v1/status")).body.chainTimeSeconds);
    const periodStart = (now / HOUR - 1n) * HOUR;
    const reading = (sequence: bigint, offsetSeconds: bigint): Reading => ({
      device: device.address,
      sequence,
      periodStart: periodStart + offsetSeconds,
      periodEnd: periodStart + offsetSeconds + 600n,
      producedWh: 500n,
      sentWh: 450n,
      receivedWh: 0n,
      heartbeats: 10,
    });
    const body = async (r: Reading) => ({
      reading: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "device" ? v : String(v)])),
      signature: await signReading(device, {
        chainId: 31337,
        verifyingContract: energy.readingCommitments,
        reading: r,
      }),
    });
    const first = await eventually(
      async () => api.post("/api/v1/readings", await body(reading(1n, 0n))),
      (r) => r.body.code !== "unknown_device",
      "the meter knows the approved device",
    );
    assert.equal(first.body.status, "accepted", JSON.stringify(first.body));
    assert.equal((await api.post("/api/v1/readings", await body(reading(3n, 600n)))).body.status, "accepted");
    const date = new Date(Number(periodStart) * 1000);
    readingMonth = date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
    const integrity = await eventually(
      () => api.get(`/api/v1/energy/devices/1/integrity?month=${readingMonth}`),
      (r) => r.body.firstRootPeriodId !== null && r.body.uncommittedReadings === 0,
      "the node commits the closed hour",
    );
    assert.equal(integrity.body.readingCount, 2);
    assert.equal(integrity.body.gaps, 1, "sequence 2 is missing");
    assert.equal(integrity.body.sentWh, "900");
    assert.equal(integrity.body.firstRootPeriodId, (periodStart / HOUR).toString());
    sentWh = 900n;

    const claim = {
      deviceId: 1n,
      period: readingMonth,
      firstRootPeriodId: BigInt(integrity.body.firstRootPeriodId),
      lastRootPeriodId: BigInt(integrity.body.lastRootPeriodId),
      sentWh,
      readingCount: 2,
      gaps: 1,
      uptimeBps: integrity.body.uptimeBps,
      lossWh: 0n,
    };
    for (const _ of [1, 2]) {
      await simulateAndWrite(wallet(2), {
        address: energy.energyPayments,
        abi: EnergyPaymentsAbi,
        functionName: "requestPayment",
        args: [claim],
      });
    }
    const payment = await eventually(
      () => api.get("/api/v1/energy/payments/1"),
      (r) => r.status === 200,
      "the request indexed",
    );
    assert.equal(payment.body.status, "pending");
    assert.equal(payment.body.sentWh, "900");
    const checks = Object.fromEntries(
      payment.body.checks.map((c: { name: string; ok: boolean; measured: string }) => [c.name, c]),
    );
    assert.equal(checks.readingCount.ok, true);
    assert.equal(checks.readingCount.measured, "2");
    assert.equal(checks.gaps.ok, false, "one gap in two readings is more than 1%");
    assert.equal(checks.uptime.ok, false, "twenty minutes of the hours claimed");
    assert.equal(checks.sentWh.ok, true);
    assert.equal(checks.sentWh.measured, "900");
    assert.equal(checks.rootsCommitted.ok, true);
    assert.equal(checks.deviceActive.ok, true);
    assert.equal(checks.hardwareStatus.ok, true);
    assert.equal(checks.loss.ok, true);
    assert.equal(payment.body.checksPassed, false);
    const series = await api.get(
      `/api/v1/energy/readings/timeseries?device=1&from=${periodStart / HOUR}&to=${periodStart / HOUR}`,
    );
    assert.deepEqual(
      series.body.points.map((p: { readingCount: number; sentWh: string }) => [p.readingCount, p.sentWh]),
      [[2, "900"]],
    );
    const device1 = await api.get("/api/v1/energy/devices/1");
    assert.equal(device1.body.periods[0]?.readingCount, 2);
    assert.equal(device1.body.ledger.requestCount, "2");
  });

  it("MX4, MX5: the DAO refuses one request with a reason and approves the other, minting to the operator, pool and vault", async () => {
    const [refusal, approval] = await passAll([
      { calls: [paymentCall("refusePayment", [1n, "gaps above 1%"])], description: "Refuse payment 1" },
      { calls: [paymentCall("approvePayment", [2n])], description: "Approve payment 2" },
    ]);
    const approved = await eventually(
      () => api.get("/api/v1/energy/payments/2"),
      (r) => r.body.status === "approved",
      "the approval indexed",
    );
    const energyWei = sentWh * 10n ** 15n;
    const rewardWei = sentWh * 10n ** 15n;
    assert.equal(approved.body.energyWei, energyWei.toString());
    assert.equal(approved.body.poolRewardWei, ((rewardWei * 2_000n) / 10_000n).toString());
    assert.equal(approved.body.vaultRewardWei, ((rewardWei * 1_000n) / 10_000n).toString());
    assert.equal(approved.body.operatorRewardWei, ((rewardWei * 7_000n) / 10_000n).toString());
    assert.deepEqual(approved.body.proposals, [approval?.toString()]);
    const refused = await api.get("/api/v1/energy/payments/1");
    assert.equal(refused.body.status, "refused");
    assert.equal(refused.body.refusalReason, "gaps above 1%");
    assert.deepEqual(refused.body.proposals, [refusal?.toString()]);
    assert.deepEqual(
      (await api.get("/api/v1/energy/payments?status=refused")).body.payments.map(
        (p: { requestId: string }) => p.requestId,
      ),
      ["1"],
    );
    const account = await api.get(`/api/v1/energy/accounts/${operator()}`);
    assert.equal(account.body.energyTokenWei, energyWei.toString());
    assert.equal(account.body.rewardTokenWei, ((rewardWei * 7_000n) / 10_000n).toString());
    assert.equal(account.body.devices[0].deviceId, "1");
    assert.equal(account.body.isDaoMember, false);
    const member = await api.get(`/api/v1/energy/accounts/${devAccounts()[4]?.account.address}`);
    assert.equal(member.body.isDaoMember, true);
    assert.ok(BigInt(member.body.votes) >= 4n);
    const ledger = (await api.get("/api/v1/energy/devices/1")).body.ledger;
    assert.equal(ledger.lastPaidPeriod, readingMonth);
    assert.equal(ledger.paidWh, "900");
    assert.equal(ledger.approvedCount, "1");
  });

  it("MX3, MX7: a store with a loss above the declared maximum is flagged; a take-out returns what was not delivered", async () => {
    const storage = { address: energy.storageNode, abi: StorageNodeAbi } as const;
    await simulateAndWrite(wallet(2), { ...storage, functionName: "requestStore", args: [2n, 1n, 1_000n] });
    await simulateAndWrite(wallet(9), { ...storage, functionName: "confirmStore", args: [1n, 900n] });
    await simulateAndWrite(wallet(2), { ...storage, functionName: "requestTakeOut", args: [2n, 1n, 500n] });
    await simulateAndWrite(wallet(9), { ...storage, functionName: "completeTakeOut", args: [1n, 400n] });
    const overview = await eventually(
      () => api.get("/api/v1/energy/storage"),
      (r) => r.body.takeOuts?.[0]?.status === "completed",
      "storage indexed",
    );
    const [node] = overview.body.nodes;
    assert.equal(node.deviceId, "2");
    assert.equal(node.key, storageKey());
    assert.equal(node.storedWh, "500");
    assert.equal(node.pendingTakeOutWh, "0");
    assert.equal(node.excessiveLossCount, "1");
    assert.deepEqual(node.depositors, [{ depositorId: "1", storedWh: "500", pendingTakeOutWh: "0" }]);
    assert.deepEqual(overview.body.stores[0], {
      storeId: "1",
      nodeId: "2",
      depositorId: "1",
      sentWh: "1000",
      receivedWh: "900",
      lossWh: "100",
      flagged: true,
      status: "completed",
      requestedAt: overview.body.stores[0].requestedAt,
    });
    assert.equal(overview.body.takeOuts[0].deliveredWh, "400");
    const integrity = await api.get("/api/v1/energy/devices/1/integrity");
    assert.equal(integrity.body.lossWh, "100");
  });

  it("MX6: a pool with liquidity and a swap shows its reserves, volume and providers", async () => {
    const e = energy;
    let pool = await reader().readContract({
      address: e.poolFactory,
      abi: PoolFactoryAbi,
      functionName: "getPool",
      args: [e.energyToken, e.rewardToken],
    });
    if (BigInt(pool) === 0n) {
      await simulateAndWrite(wallet(2), {
        address: e.poolFactory,
        abi: PoolFactoryAbi,
        functionName: "createPool",
        args: [e.energyToken, e.rewardToken],
      });
      pool = await reader().readContract({
        address: e.poolFactory,
        abi: PoolFactoryAbi,
        functionName: "getPool",
        args: [e.energyToken, e.rewardToken],
      });
    }
    for (const token of [e.energyToken, e.rewardToken]) {
      await simulateAndWrite(wallet(2), {
        address: token,
        abi: EnergyTokenAbi,
        functionName: "approve",
        args: [pool, maxUint256],
      });
    }
    const before = await eventually(
      () => api.get(`/api/v1/energy/pools/${pool}`),
      (r) => r.status === 200,
      "the pool indexed",
    );
    const deadline = BigInt((await api.get("/api/v1/status")).body.chainTimeSeconds) + HOUR;
    const amount = 10n ** 17n;
    await simulateAndWrite(wallet(2), {
      address: pool,
      abi: ConstantProductPoolAbi,
      functionName: "addLiquidity",
      args: [amount, amount, 0n, 0n, operator(), deadline],
    });
    await simulateAndWrite(wallet(2), {
      address: pool,
      abi: ConstantProductPoolAbi,
      functionName: "swapExactIn",
      args: [e.energyToken, 10n ** 16n, 1n, operator(), deadline],
    });
    const detail = await eventually(
      () => api.get(`/api/v1/energy/pools/${pool}`),
      (r) => BigInt(r.body.swapCount) === BigInt(before.body.swapCount) + 1n,
      "the swap indexed",
    );
    const [reserve0, reserve1] = await reader().readContract({
      address: pool,
      abi: ConstantProductPoolAbi,
      functionName: "getReserves",
    });
    assert.equal(detail.body.reserve0, reserve0.toString());
    assert.equal(detail.body.reserve1, reserve1.toString());
    assert.equal(detail.body.feeBps, 30);
    assert.equal(detail.body.swaps[0].amountIn, (10n ** 16n).toString());
    assert.equal(detail.body.swaps[0].tokenIn, getAddress(e.energyToken));
    const shares = await reader().readContract({
      address: pool,
      abi: ConstantProductPoolAbi,
      functionName: "balanceOf",
      args: [operator()],
    });
    assert.ok(
      detail.body.liquidity.some(
        (l: { provider: string; shares: string }) => l.provider === operator() && l.shares === shares.toString(),
      ),
    );
    assert.ok([detail.body.symbol0, detail.body.symbol1].every((s: string) => s.length > 0 && s !== "?"));
    const list = await api.get("/api/v1/energy/pools");
    assert.ok(list.body.pools.some((p: { address: string }) => p.address === getAddress(pool)));
    const account = await api.get(`/api/v1/energy/accounts/${operator()}`);
    assert.deepEqual(account.body.lpShares, [{ pool: getAddress(pool), shares: shares.toString() }]);
  });

  it("MX1: a key change keeps the old key among the device's keys, in its history", async () => {
    const newKey = privateKeyToAccount(generatePrivateKey()).address;
    await passAll([{ calls: [registry("setDeviceKey", [1n, newKey])], description: "New key for the clinic's panel" }]);
    const detail = await eventually(
      () => api.get("/api/v1/energy/devices/1"),
      (r) => r.body.key === newKey,
      "the key change indexed",
    );
    assert.deepEqual(detail.body.keys, [device.address, newKey]);
    const last = detail.body.history[detail.body.history.length - 1];
    assert.deepEqual([last.kind, last.details], ["keyChanged", { previousKey: device.address, key: newKey }]);
  });

  it("MX1-MX9: bad input is a 400 naming the field, an unknown id a 404", async () => {
    const cases: [string, number, string?][] = [
      ["/api/v1/energy/devices/999", 404],
      ["/api/v1/energy/devices/abc", 400, "params.deviceId"],
      ["/api/v1/energy/devices?status=sleeping", 400, "querystring.status"],
      ["/api/v1/energy/devices?limit=0", 400, "querystring.limit"],
      ["/api/v1/energy/devices?colour=red", 400],
      ["/api/v1/energy/devices/1/integrity?month=202613", 400, "querystring.month"],
      ["/api/v1/energy/devices/999/integrity", 404],
      ["/api/v1/energy/proposals/12345", 404],
      ["/api/v1/energy/proposals?state=won", 400, "querystring.state"],
      ["/api/v1/energy/payments/77", 404],
      ["/api/v1/energy/payments?deviceId=x", 400, "querystring.deviceId"],
      ["/api/v1/energy/pools/0x0000000000000000000000000000000000000001", 404],
      ["/api/v1/energy/pools/nothex", 400, "params.address"],
      ["/api/v1/energy/accounts/0x12", 400, "params.address"],
      ["/api/v1/energy/readings/timeseries?from=10&to=5", 400, "querystring.from"],
      ["/api/v1/energy/readings/timeseries?device=99", 404],
    ];
    for (const [path, status, field] of cases) {
      const answer = await api.get(path);
      assert.equal(answer.status, status, `${path}: ${JSON.stringify(answer.body)}`);
      if (field !== undefined) assert.equal(answer.body.error.field, field, path);
    }
    const docs = await api.get("/api/v1/openapi.json");
    const energyPaths = Object.entries(docs.body.paths as Record<string, { get?: { tags?: string[] } }>).filter(
      ([path]) => path.startsWith("/api/v1/energy/"),
    );
    assert.ok(energyPaths.length >= 12);
    for (const [path, item] of energyPaths) assert.deepEqual(item.get?.tags, ["energy"], path);
  });

  it("MX1-MX9: the index rebuilt from the chain holds the node's rows, the same on SQLite and PostgreSQL", async () => {
    const status = await eventually(
      () => api.get("/api/v1/status"),
      (r) => r.body.indexedBlock === r.body.blockNumber,
      "the node's index at the head",
    );
    const head = BigInt(status.body.blockNumber);
    const client = createPublicClient({ transport: http(node.rpcUrl) });
    const rebuild = async (store: Store) => {
      const confirmations = Number((await client.getBlockNumber({ cacheTime: 0 })) - head);
      await new Indexer({ client, deployment: node.deployment, store, confirmations }).catchUp();
      return store.dump();
    };
    const sqliteDir = mkdtempSync(join(tmpdir(), "drex-energy-rebuild-"));
    const onSqlite = await openStore({ databaseUrl: null, dataDir: sqliteDir });
    const rebuilt = await rebuild(onSqlite);
    await onSqlite.close();
    rmSync(sqliteDir, { recursive: true, force: true });
    assert.ok((rebuilt.devices?.length ?? 0) === 2 && (rebuilt.energy_payments?.length ?? 0) === 2);
    if (await pgReachable()) {
      const onPostgres = await openStore({
        databaseUrl: PG_URL,
        dataDir: "unused",
        schema: `drex_energy_api_${randomBytes(6).toString("hex")}`,
      });
      try {
        assert.deepEqual(await rebuild(onPostgres), rebuilt);
      } finally {
        await (onPostgres as PostgresStore).dropSchema();
        await onPostgres.close();
      }
    }
    // The node's own index, built along the way, once the node has stopped writing to it.
    await node.close();
    const own = await openStore({ databaseUrl: null, dataDir });
    try {
      const dump = await own.dump();
      assert.deepEqual(dump.cursor, rebuilt.cursor, "no block was added since the rebuild");
      assert.deepEqual(dump, rebuilt);
    } finally {
      await own.close();
    }
  });
});
