// The measured-energy index, the same suite on SQLite and on PostgreSQL: the energy modules driven on an in-process
// chain (devices through the Technical DAO, a committed root, payments approved and refused, storage, a pool), indexed
// and checked against the contracts' own views and Governor.state(); rebuilt from scratch, equal; and a reorg.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it as test } from "node:test";
import { type Address, encodeFunctionData, getAddress, type Hex, keccak256, maxUint256, stringToHex } from "viem";
import { readContract } from "viem/actions";
import type { Deployment } from "../node/deployment.ts";
import { Indexer } from "../node/indexer/Indexer.ts";
import { effectiveProposalState, quorumAt } from "../node/indexer/proposalState.ts";
import { openStore } from "../node/store/openStore.ts";
import type { PostgresStore } from "../node/store/postgresStore.ts";
import type { Store } from "../node/store/Store.ts";
import { ConstantProductPoolAbi } from "../sdk/abi/ConstantProductPool.ts";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi } from "../sdk/abi/EnergyPayments.ts";
import { EnergyTokenAbi } from "../sdk/abi/EnergyToken.ts";
import { PoolFactoryAbi } from "../sdk/abi/PoolFactory.ts";
import { ReadingCommitmentsAbi } from "../sdk/abi/ReadingCommitments.ts";
import { StorageNodeAbi } from "../sdk/abi/StorageNode.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import { deployEnergy, type EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { drexFixture } from "./support/fixture.ts";

type Fixture = Awaited<ReturnType<typeof drexFixture>>;
type EnergyFixture = Fixture & { energy: EnergyAddresses; deployment: Deployment };

const PG_URL = process.env.DREX_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const HOUR = 3_600n;
const GOVERNOR_STATES = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"];

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

class StoreFactory {
  readonly kind: "sqlite" | "postgres";
  private readonly cleanups: (() => Promise<void>)[] = [];
  constructor(kind: "sqlite" | "postgres") {
    this.kind = kind;
  }
  async open(): Promise<Store> {
    if (this.kind === "sqlite") {
      const dataDir = mkdtempSync(join(tmpdir(), "drex-energy-index-"));
      const store = await openStore({ databaseUrl: null, dataDir });
      this.cleanups.push(async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      });
      return store;
    }
    const schema = `drex_energy_${randomBytes(6).toString("hex")}`;
    const store = await openStore({ databaseUrl: PG_URL, dataDir: "unused", schema });
    this.cleanups.push(async () => {
      await (store as PostgresStore).dropSchema();
      await store.close();
    });
    return store;
  }
  async closeAll(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
  }
}

async function energyFixture(): Promise<EnergyFixture> {
  const f = await drexFixture();
  const [a, b] = f.financiers;
  const {
    fromBlock: _from,
    gasUsed: _gas,
    ...energy
  } = await deployEnergy(f.deployer, {
    members: [f.deployer.account.address, a.account.address, b.account.address],
    votingDelaySeconds: 0,
    votingPeriodSeconds: 3_600,
    quorumPercent: 50n,
    committer: f.deployer.account.address,
    reward: { rewardWeiPerWh: 10n ** 15n, poolRecipient: f.stranger.account.address, poolBps: 2_000, vaultBps: 1_000 },
  });
  const { token, marketplace, generatorImplementation, sale, fromBlock } = f.drex;
  const deployment: Deployment = {
    chainId: 31337,
    addresses: { token, marketplace, generatorImplementation, sale },
    energy,
    distribute: null,
    fromBlock,
  };
  return { ...f, energy, deployment };
}

function indexer(f: EnergyFixture, store: Store, options: { batchBlocks?: number; warnings?: string[] } = {}) {
  const warnings = options.warnings ?? [];
  return new Indexer({
    client: f.publicClient,
    deployment: f.deployment,
    store,
    confirmations: 0,
    batchBlocks: options.batchBlocks ?? 2_000,
    log: { debug() {}, info() {}, warn: (_fields, message) => warnings.push(message), error() {} },
  });
}

type Call = { target: Address; data: Hex };

/** Proposes `calls` as a deployer (a member); returns what executing them needs. */
async function propose(f: EnergyFixture, calls: Call[], description: string) {
  const targets = calls.map((c) => c.target);
  const calldatas = calls.map((c) => c.data);
  const values = calls.map(() => 0n);
  await simulateAndWrite(f.deployer, {
    address: f.energy.dao,
    abi: TechnicalDAOAbi,
    functionName: "propose",
    args: [targets, values, calldatas, description],
  });
  const descriptionHash = keccak256(stringToHex(description));
  const proposalId = await readContract(f.publicClient, {
    address: f.energy.dao,
    abi: TechnicalDAOAbi,
    functionName: "hashProposal",
    args: [targets, values, calldatas, descriptionHash],
  });
  const execute = () =>
    simulateAndWrite(f.stranger, {
      address: f.energy.dao,
      abi: TechnicalDAOAbi,
      functionName: "execute",
      args: [targets, values, calldatas, descriptionHash],
    });
  return { proposalId, execute };
}

async function vote(f: EnergyFixture, voter: DrexWalletClient, proposalId: bigint, support: number) {
  await simulateAndWrite(voter, {
    address: f.energy.dao,
    abi: TechnicalDAOAbi,
    functionName: "castVote",
    args: [proposalId, support],
  });
}

/** Proposes, has two members vote For, waits out the vote and executes. */
async function pass(f: EnergyFixture, calls: Call[], description: string): Promise<bigint> {
  const { proposalId, execute } = await propose(f, calls, description);
  await f.networkHelpers.time.increase(1);
  await vote(f, f.deployer, proposalId, 1);
  await vote(f, f.financiers[0], proposalId, 1);
  await f.networkHelpers.time.increase(HOUR + 1n);
  await execute();
  return proposalId;
}

const registry = (f: EnergyFixture, functionName: string, args: unknown[]): Call => ({
  target: f.energy.deviceRegistry,
  data: encodeFunctionData({ abi: DeviceRegistryAbi, functionName, args } as never),
});
const payments = (f: EnergyFixture, functionName: string, args: unknown[]): Call => ({
  target: f.energy.energyPayments,
  data: encodeFunctionData({ abi: EnergyPaymentsAbi, functionName, args } as never),
});

async function apply(f: EnergyFixture, key: Address, kind: number, location: string) {
  await simulateAndWrite(f.provider, {
    address: f.energy.deviceRegistry,
    abi: DeviceRegistryAbi,
    functionName: "applyForDevice",
    args: [{ key, kind, ratedPowerW: 5_000n, maxLossBps: 500, location, poolData: "pool-a", hardwareStatus: "ok" }],
  });
}

type Story = { approveId: bigint; defeatedId: bigint; pool: Address };

/**
 * Two devices approved in one proposal (a generator, a storage node keyed by the stranger), attributes updated, the
 * generator suspended and reinstated and given a new key; a proposal nobody votes on; a root committed, a payment
 * refused and another approved; a store with an excessive loss and a take-out; a pool with liquidity, a swap, a share
 * transfer and a withdrawal. `checkpoint` runs between chapters.
 */
async function story(f: EnergyFixture, checkpoint: () => Promise<void> = async () => {}): Promise<Story> {
  const e = f.energy;
  await apply(f, f.deviceAccount.address, 0, "Kisumu");
  await apply(f, f.stranger.account.address, 1, "Kisumu depot");
  const approveId = await pass(
    f,
    [registry(f, "approveDevice", [1n]), registry(f, "approveDevice", [2n])],
    "Approve devices 1 and 2",
  );
  await simulateAndWrite(f.provider, {
    address: e.deviceRegistry,
    abi: DeviceRegistryAbi,
    functionName: "updateAttributes",
    args: [1n, "pool-b", "inverter degraded"],
  });
  await checkpoint();
  const newKey = getAddress(`0x${randomBytes(20).toString("hex")}`);
  await pass(
    f,
    [
      registry(f, "suspendDevice", [1n, "inverter check"]),
      registry(f, "reinstateDevice", [1n]),
      registry(f, "setDeviceKey", [1n, newKey]),
    ],
    "Service device 1",
  );
  const { proposalId: defeatedId } = await propose(f, [registry(f, "revokeDevice", [2n, "idle"])], "Revoke 2");
  await checkpoint();

  const now = (await f.publicClient.getBlock()).timestamp;
  const periodId = now / HOUR - 1n;
  await simulateAndWrite(f.deployer, {
    address: e.readingCommitments,
    abi: ReadingCommitmentsAbi,
    functionName: "commitRoot",
    args: [periodId, keccak256(stringToHex("readings")), 3],
  });
  const date = new Date(Number(periodId * HOUR) * 1000);
  const period = date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
  const claim = {
    deviceId: 1n,
    period,
    firstRootPeriodId: periodId,
    lastRootPeriodId: periodId,
    sentWh: 2_000n,
    readingCount: 3,
    gaps: 0,
    uptimeBps: 9_500,
    lossWh: 0n,
  };
  for (const _ of [1, 2]) {
    await simulateAndWrite(f.provider, {
      address: e.energyPayments,
      abi: EnergyPaymentsAbi,
      functionName: "requestPayment",
      args: [claim],
    });
  }
  await pass(f, [payments(f, "refusePayment", [1n, "figures do not match"])], "Refuse payment 1");
  await pass(f, [payments(f, "approvePayment", [2n])], "Approve payment 2");
  await checkpoint();

  const provider = f.provider.account.address;
  await simulateAndWrite(f.provider, {
    address: e.storageNode,
    abi: StorageNodeAbi,
    functionName: "requestStore",
    args: [2n, 1n, 1_000n],
  });
  await simulateAndWrite(f.stranger, {
    address: e.storageNode,
    abi: StorageNodeAbi,
    functionName: "confirmStore",
    args: [1n, 900n],
  });
  await simulateAndWrite(f.provider, {
    address: e.storageNode,
    abi: StorageNodeAbi,
    functionName: "requestTakeOut",
    args: [2n, 1n, 500n],
  });
  await simulateAndWrite(f.stranger, {
    address: e.storageNode,
    abi: StorageNodeAbi,
    functionName: "completeTakeOut",
    args: [1n, 400n],
  });
  await checkpoint();

  await simulateAndWrite(f.provider, {
    address: e.poolFactory,
    abi: PoolFactoryAbi,
    functionName: "createPool",
    args: [e.energyToken, e.rewardToken],
  });
  const pool = await readContract(f.publicClient, {
    address: e.poolFactory,
    abi: PoolFactoryAbi,
    functionName: "getPool",
    args: [e.energyToken, e.rewardToken],
  });
  for (const token of [e.energyToken, e.rewardToken]) {
    await simulateAndWrite(f.provider, {
      address: token,
      abi: EnergyTokenAbi,
      functionName: "approve",
      args: [pool, maxUint256],
    });
  }
  const deadline = (await f.publicClient.getBlock()).timestamp + 3_600n;
  const pooled = 10n ** 17n;
  await simulateAndWrite(f.provider, {
    address: pool,
    abi: ConstantProductPoolAbi,
    functionName: "addLiquidity",
    args: [pooled, pooled, 0n, 0n, provider, deadline],
  });
  await simulateAndWrite(f.provider, {
    address: pool,
    abi: ConstantProductPoolAbi,
    functionName: "swapExactIn",
    args: [e.energyToken, 10n ** 16n, 1n, provider, deadline],
  });
  await simulateAndWrite(f.provider, {
    address: pool,
    abi: ConstantProductPoolAbi,
    functionName: "transfer",
    args: [f.buyer.account.address, 10n ** 15n],
  });
  await simulateAndWrite(f.provider, {
    address: pool,
    abi: ConstantProductPoolAbi,
    functionName: "removeLiquidity",
    args: [10n ** 16n, 0n, 0n, provider, deadline],
  });
  return { approveId, defeatedId, pool };
}

async function assertMatchesChain(f: EnergyFixture, store: Store, s: Story): Promise<void> {
  const e = f.energy;
  const energy = store.energy;
  for (const deviceId of [1n, 2n]) {
    const row = await energy.getDevice(deviceId);
    const onChain = await readContract(f.publicClient, {
      address: e.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "getDevice",
      args: [deviceId],
    });
    assert.ok(row);
    assert.equal(row.key, onChain.key);
    assert.equal(row.operator, onChain.operator);
    assert.equal(row.status, ["none", "applied", "active", "suspended", "revoked", "rejected"][onChain.status]);
    assert.equal(row.poolData, onChain.poolData);
    assert.equal(row.hardwareStatus, onChain.hardwareStatus);
    assert.equal(row.ratedPowerW, onChain.ratedPowerW);
  }
  const device1 = await energy.getDevice(1n);
  assert.deepEqual(JSON.parse(device1?.keys ?? "[]"), [f.deviceAccount.address, device1?.key]);
  assert.deepEqual(
    (await energy.deviceHistory(1n)).map((h) => h.kind),
    ["applied", "approved", "attributesUpdated", "suspended", "reinstated", "keyChanged"],
  );
  const ledger = await readContract(f.publicClient, {
    address: e.energyPayments,
    abi: EnergyPaymentsAbi,
    functionName: "ledgerOf",
    args: [1n],
  });
  const indexedLedger = await energy.ledger(1n);
  assert.deepEqual(
    {
      lastPaidPeriod: indexedLedger?.lastPaidPeriod,
      nextRootPeriodId: indexedLedger?.nextRootPeriodId,
      paidWh: indexedLedger?.paidWh,
      approvedCount: indexedLedger?.approvedCount,
      requestCount: indexedLedger?.requestCount,
    },
    {
      lastPaidPeriod: ledger.lastPaidPeriod,
      nextRootPeriodId: ledger.nextRootPeriodId,
      paidWh: ledger.paidWh,
      approvedCount: BigInt(ledger.approvedCount),
      requestCount: BigInt(ledger.requestCount),
    },
  );
  assert.equal((await energy.getPayment(1n))?.refusalReason, "figures do not match");
  const approved = await energy.getPayment(2n);
  assert.equal(approved?.status, "approved");
  assert.equal(approved?.energyWei, 2_000n * 10n ** 15n);
  assert.equal(approved?.poolRewardWei, (2_000n * 10n ** 15n * 2_000n) / 10_000n);

  const holding = await readContract(f.publicClient, {
    address: e.storageNode,
    abi: StorageNodeAbi,
    functionName: "holdingOf",
    args: [2n, 1n],
  });
  assert.deepEqual(await energy.storageHoldings(), [
    { nodeId: 2n, depositorId: 1n, storedWh: holding.storedWh, pendingTakeOutWh: holding.pendingTakeOutWh },
  ]);
  assert.equal((await energy.latestStores(10))[0]?.flagged, true);

  const pool = await energy.getPool(s.pool);
  const [reserve0, reserve1] = await readContract(f.publicClient, {
    address: s.pool,
    abi: ConstantProductPoolAbi,
    functionName: "getReserves",
  });
  assert.equal(pool?.reserve0, reserve0);
  assert.equal(pool?.reserve1, reserve1);
  assert.equal(
    pool?.totalShares,
    await readContract(f.publicClient, { address: s.pool, abi: ConstantProductPoolAbi, functionName: "totalSupply" }),
  );
  assert.equal(pool?.swapCount, 1n);
  for (const holder of await energy.holdersOf(s.pool)) {
    const balance = await readContract(f.publicClient, {
      address: s.pool,
      abi: ConstantProductPoolAbi,
      functionName: "balanceOf",
      args: [holder.account],
    });
    assert.equal(holder.balanceWei, balance, `LP shares of ${holder.account}`);
  }
  for (const token of [e.energyToken, e.rewardToken]) {
    for (const holder of await energy.holdersOf(token)) {
      const balance = await readContract(f.publicClient, {
        address: token,
        abi: EnergyTokenAbi,
        functionName: "balanceOf",
        args: [holder.account],
      });
      assert.equal(holder.balanceWei, balance, `${token} balance of ${holder.account}`);
    }
  }
  assert.equal((await energy.members()).length, 3);
}

function backendSuite(kind: "sqlite" | "postgres", unavailable: () => string | null) {
  const stores = new StoreFactory(kind);
  after(() => stores.closeAll());
  const it = (name: string, body: () => Promise<void>) =>
    test(name, async (t) => {
      const reason = unavailable();
      if (reason !== null) {
        t.skip(reason);
        return;
      }
      await body();
    });

  it("MX1, MX3-MX7: the energy modules indexed equal the contracts' own views", async () => {
    const f = await energyFixture();
    const s = await story(f);
    const store = await stores.open();
    await indexer(f, store).catchUp();
    await assertMatchesChain(f, store, s);
  });

  it("MX1, MX9: a proposal's effective state agrees with Governor.state() on both sides of its deadlines", async () => {
    const f = await energyFixture();
    await apply(f, f.deviceAccount.address, 0, "Kisumu");
    await f.networkHelpers.time.increase(1);
    const passing = await propose(f, [registry(f, "approveDevice", [1n])], "Approve 1");
    const unvoted = await propose(f, [registry(f, "rejectDevice", [1n, "no"])], "Reject 1");
    const opposed = await propose(f, [registry(f, "rejectDevice", [1n, "no!"])], "Reject 1 again");
    await f.networkHelpers.time.increase(1);
    await vote(f, f.deployer, passing.proposalId, 1);
    await vote(f, f.deployer, opposed.proposalId, 0);
    await vote(f, f.financiers[0], opposed.proposalId, 2);
    const store = await stores.open();
    const follower = indexer(f, store);
    const seen = new Set<string>();
    const check = async () => {
      await follower.catchUp();
      const block = await f.publicClient.getBlock();
      const [members, numerators] = await Promise.all([
        store.energy.checkpoints("memberCount"),
        store.energy.checkpoints("quorumNumerator"),
      ]);
      for (const id of [passing.proposalId, unvoted.proposalId, opposed.proposalId]) {
        const row = await store.energy.getProposal(id);
        assert.ok(row);
        const quorum = quorumAt(members, numerators, row.voteStart);
        assert.equal(quorum, 1n, "half of three members, rounded down");
        const onChain = await readContract(f.publicClient, {
          address: f.energy.dao,
          abi: TechnicalDAOAbi,
          functionName: "state",
          args: [id],
          blockNumber: block.number,
        });
        const state = effectiveProposalState(row, quorum, block.timestamp);
        assert.equal(state, GOVERNOR_STATES[onChain], `proposal ${row.description} at ${block.timestamp}`);
        seen.add(state);
      }
    };
    await check();
    await f.networkHelpers.time.increase(HOUR - 5n);
    await check();
    await f.networkHelpers.time.increase(10n);
    await check();
    await passing.execute();
    await check();
    for (const state of ["active", "defeated", "succeeded", "executed"]) assert.ok(seen.has(state), `saw ${state}`);
    const votes = await store.energy.votesOn(opposed.proposalId);
    assert.deepEqual(
      votes.map((v) => v.support),
      ["against", "abstain"],
    );
    assert.equal((await store.energy.getProposal(opposed.proposalId))?.subjectId, 1n);
  });

  it("MX1-MX9: a full rebuild from the chain gives the same tables as indexing along the way", async () => {
    const f = await energyFixture();
    const incremental = await stores.open();
    const follower = indexer(f, incremental, { batchBlocks: 3 });
    await story(f, async () => {
      await follower.catchUp();
    });
    await follower.catchUp();
    const rebuilt = await stores.open();
    await indexer(f, rebuilt, { batchBlocks: 100_000 }).catchUp();
    assert.deepEqual(await incremental.dump(), await rebuilt.dump());
    assert.deepEqual(await incremental.loadEnergyState(), await rebuilt.loadEnergyState());
  });

  it("MX1, MX6: a reorg rolls the energy tables back and indexes the replacement", async () => {
    const f = await energyFixture();
    const s = await story(f);
    const store = await stores.open();
    const warnings: string[] = [];
    const follower = indexer(f, store, { warnings });
    await follower.catchUp();
    const fork = (await f.connection.provider.request({ method: "evm_snapshot" })) as string;
    const deadline = (await f.publicClient.getBlock()).timestamp + 3_600n;
    await simulateAndWrite(f.provider, {
      address: s.pool,
      abi: ConstantProductPoolAbi,
      functionName: "swapExactIn",
      args: [f.energy.rewardToken, 10n ** 15n, 1n, f.provider.account.address, deadline],
    });
    const abandoned = await propose(f, [registry(f, "revokeDevice", [2n, "gone"])], "Revoke 2 for good");
    await f.networkHelpers.time.increase(1);
    await vote(f, f.financiers[1], abandoned.proposalId, 1);
    await follower.catchUp();
    assert.equal((await store.energy.getPool(s.pool))?.swapCount, 2n);
    assert.equal((await store.energy.votesOn(abandoned.proposalId)).length, 1);

    assert.equal(await f.connection.provider.request({ method: "evm_revert", params: [fork] }), true);
    await simulateAndWrite(f.provider, {
      address: f.energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "updateAttributes",
      args: [1n, "pool-c", "ok"],
    });
    await f.networkHelpers.mine(3);
    await follower.catchUp();
    assert.deepEqual(warnings, ["chain reorganised; rolled the index back"]);
    assert.equal((await store.energy.getPool(s.pool))?.swapCount, 1n);
    assert.equal(await store.energy.getProposal(abandoned.proposalId), null);
    assert.deepEqual(await store.energy.votesOn(abandoned.proposalId), []);
    assert.equal((await store.energy.getProposal(s.defeatedId))?.description, "Revoke 2");
    assert.equal((await store.energy.getDevice(1n))?.poolData, "pool-c");
    const fresh = await stores.open();
    await indexer(f, fresh).catchUp();
    assert.deepEqual(await store.dump(), await fresh.dump());
  });
}

describe("energy index on SQLite", () => {
  backendSuite("sqlite", () => null);
});

describe("energy index on PostgreSQL", () => {
  let reachable = false;
  before(async () => {
    reachable = await pgReachable();
  });
  const unavailable = () =>
    reachable ? null : `PostgreSQL not reachable at ${new URL(PG_URL).host}: the PostgreSQL suite did not run`;
  backendSuite("postgres", unavailable);

  const sqlite = new StoreFactory("sqlite");
  const postgres = new StoreFactory("postgres");
  after(async () => {
    await sqlite.closeAll();
    await postgres.closeAll();
  });
  test("MX1-MX9: one energy reducer: SQLite and PostgreSQL hold the very same rows", async (t) => {
    const reason = unavailable();
    if (reason !== null) {
      t.skip(reason);
      return;
    }
    const f = await energyFixture();
    const s = await story(f);
    const [onSqlite, onPostgres] = [await sqlite.open(), await postgres.open()];
    await indexer(f, onSqlite).catchUp();
    await indexer(f, onPostgres, { batchBlocks: 6 }).catchUp();
    assert.deepEqual(await onPostgres.dump(), await onSqlite.dump());
    assert.ok((await onSqlite.dump()).device_events?.length);
    assert.deepEqual(await onPostgres.energy.listProposals(), await onSqlite.energy.listProposals());
    await assertMatchesChain(f, onPostgres, s);
  });
});
