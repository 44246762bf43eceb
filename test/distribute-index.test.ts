// The Distribute Protocol's index, the same suite on SQLite and on PostgreSQL: a project driven on an in-process chain
// from capital purchases and registrations through staking, task lists, claims, validations and a commit-reveal vote
// to completion and withdrawals (plus one that expires), indexed and checked against the contracts' own views;
// rebuilt from scratch, equal; and a reorg.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it as test } from "node:test";
import { type Address, encodeAbiParameters, type Hex, keccak256, maxUint256, stringToHex } from "viem";
import { readContract } from "viem/actions";
import type { Deployment } from "../node/deployment.ts";
import { Indexer } from "../node/indexer/Indexer.ts";
import { openStore } from "../node/store/openStore.ts";
import type { PostgresStore } from "../node/store/postgresStore.ts";
import type { Store } from "../node/store/Store.ts";
import { CapitalTokenAbi } from "../sdk/abi/CapitalToken.ts";
import { DistributeProjectsAbi } from "../sdk/abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../sdk/abi/DistributeTasks.ts";
import { DistributeVotingAbi } from "../sdk/abi/DistributeVoting.ts";
import { ReputationAbi } from "../sdk/abi/Reputation.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { type DistributeAddresses, deployDistribute } from "../sdk/distribute/deployDistribute.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { drexFixture } from "./support/fixture.ts";

type Fixture = Awaited<ReturnType<typeof drexFixture>>;
type DistributeFixture = Fixture & { distribute: DistributeAddresses; deployment: Deployment };

const PG_URL = process.env.DREX_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const E18 = 10n ** 18n;
const HOUR = 3_600n;
const DAY = 86_400n;
const PROJECT_STATES = ["none", "proposed", "staked", "active", "complete", "failed", "expired"];
const TASK_STATUSES = ["open", "claimed", "validating", "voting", "validated", "failed"];
const LOCK_STATUSES = ["none", "committed", "revealed", "released"];

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
      const dataDir = mkdtempSync(join(tmpdir(), "drex-distribute-index-"));
      const store = await openStore({ databaseUrl: null, dataDir });
      this.cleanups.push(async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      });
      return store;
    }
    const schema = `drex_distribute_${randomBytes(6).toString("hex")}`;
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

async function distributeFixture(): Promise<DistributeFixture> {
  const f = await drexFixture();
  const {
    fromBlock: _from,
    gasUsed: _gas,
    ...distribute
  } = await deployDistribute(f.deployer, {
    currency: f.drex.token,
    floorPriceWeiPerToken: 10n ** 16n,
    initialReputation: 100n * E18,
    registrar: f.deployer.account.address,
    periods: {
      taskListSeconds: Number(DAY),
      activeSeconds: Number(7n * DAY),
      validationSeconds: Number(HOUR),
      commitSeconds: Number(HOUR),
      revealSeconds: Number(HOUR),
    },
  });
  const { token, marketplace, generatorImplementation, sale, fromBlock } = f.drex;
  const deployment: Deployment = {
    chainId: 31337,
    addresses: { token, marketplace, generatorImplementation, sale },
    energy: null,
    distribute,
    fromBlock,
  };
  return { ...f, distribute, deployment };
}

function indexer(f: DistributeFixture, store: Store, options: { batchBlocks?: number; warnings?: string[] } = {}) {
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

const write = (
  client: DrexWalletClient,
  address: Address,
  abi: readonly unknown[],
  functionName: string,
  args: unknown[],
) => simulateAndWrite(client, { address, abi, functionName, args } as never);

const hashOf = (text: string): Hex => keccak256(stringToHex(text));

/** The lifecycle: DS1–DS8 end to end, with a contested task decided by a vote; `step` runs between stages. */
async function story(f: DistributeFixture, step: () => Promise<void> = async () => {}) {
  const d = f.distribute;
  const [alice, bob, carol] = f.financiers;
  const dave = f.consumer;
  const eve = f.buyer;
  const people = [alice, bob, carol, dave, eve];
  const projects = (who: DrexWalletClient, fn: string, args: unknown[]) =>
    write(who, d.projects, DistributeProjectsAbi, fn, args);
  const tasks = (who: DrexWalletClient, fn: string, args: unknown[]) =>
    write(who, d.tasks, DistributeTasksAbi, fn, args);
  const voting = (who: DrexWalletClient, fn: string, args: unknown[]) =>
    write(who, d.voting, DistributeVotingAbi, fn, args);
  const now = async () => (await f.publicClient.getBlock()).timestamp;

  // DS1, DS2: capital bought, reputation registered.
  for (const [who, tokens] of [
    [alice, 600n],
    [bob, 400n],
    [carol, 100n],
    [eve, 100n],
  ] as const) {
    await write(who, f.drex.token, SolarTokenAbi, "approve", [d.capitalToken, maxUint256]);
    await write(who, d.capitalToken, CapitalTokenAbi, "buy", [tokens * E18, maxUint256]);
  }
  for (const who of people) {
    await write(who, d.capitalToken, CapitalTokenAbi, "approve", [d.projects, maxUint256]);
    await write(who, d.capitalToken, CapitalTokenAbi, "approve", [d.tasks, maxUint256]);
    await write(who, d.capitalToken, CapitalTokenAbi, "approve", [d.voting, maxUint256]);
  }
  for (const who of [alice, bob, carol, dave]) {
    await write(f.deployer, d.reputation, ReputationAbi, "register", [
      who.account.address,
      hashOf(`did:${who.account.address}`),
    ]);
  }
  await write(bob, d.capitalToken, CapitalTokenAbi, "sell", [10n * E18, 0n]);
  await step();

  // DS3: two proposals; the second expires.
  await projects(alice, "propose", [E18, (await now()) + DAY, false]);
  await projects(bob, "propose", [E18 / 2n, (await now()) + HOUR, true]);
  await projects(carol, "stakeTokens", [2n, 5n * E18]);
  await projects(bob, "stakeTokens", [1n, 30n * E18]);
  await projects(bob, "unstakeTokens", [1n, 5n * E18]);
  await projects(alice, "stakeReputation", [1n, 10n * E18]);
  await step();
  await f.networkHelpers.time.increase(HOUR + 1n);
  await projects(eve, "advance", [2n]);
  await projects(carol, "withdrawStake", [2n]);
  await projects(carol, "stakeTokens", [1n, 1_000n * E18]);
  await projects(bob, "stakeReputation", [1n, 100n * E18]);
  await step();

  // DS4: two lists; backing moves; the first wins.
  await projects(carol, "proposeTaskList", [
    1n,
    [
      { descriptionHash: hashOf("design"), weightingBps: 6_000, durationSeconds: Number(DAY) },
      { descriptionHash: hashOf("build"), weightingBps: 4_000, durationSeconds: Number(DAY) },
    ],
  ]);
  await projects(bob, "proposeTaskList", [
    1n,
    [{ descriptionHash: hashOf("everything"), weightingBps: 10_000, durationSeconds: Number(DAY) }],
  ]);
  await projects(bob, "backTaskList", [1n, 1n]);
  await projects(carol, "backTaskList", [1n, 0n]);
  await projects(bob, "backTaskList", [1n, 0n]);
  await projects(alice, "backTaskList", [1n, 0n]);
  await step();
  await f.networkHelpers.time.increase(DAY + 1n);
  await projects(eve, "advance", [1n]);
  await step();

  // DS5, DS6: task 0 unopposed; task 1 contested.
  await tasks(dave, "claimTask", [1n, 0n]);
  await tasks(alice, "claimTask", [1n, 1n]);
  await tasks(dave, "submitTask", [1n, 0n, hashOf("drawings")]);
  await tasks(alice, "submitTask", [1n, 1n, hashOf("photos")]);
  await tasks(eve, "validate", [1n, 0n, true, 5n * E18]);
  await tasks(eve, "validate", [1n, 1n, true, 5n * E18]);
  await tasks(carol, "validate", [1n, 1n, true, 2n * E18]);
  await tasks(bob, "validate", [1n, 1n, false, 3n * E18]);
  await step();
  await f.networkHelpers.time.increase(HOUR + 1n);
  await tasks(eve, "advanceTasks", [1n]);
  await step();

  // DS7: a commit-reveal vote approves task 1.
  const salt = (n: number): Hex => `0x${n.toString(16).padStart(64, "0")}`;
  const secret = (who: DrexWalletClient, approve: boolean, s: Hex) =>
    keccak256(
      encodeAbiParameters(
        [{ type: "uint256" }, { type: "address" }, { type: "bool" }, { type: "bytes32" }],
        [1n, who.account.address, approve, s],
      ),
    );
  await voting(carol, "deposit", [50n * E18, 20n * E18]);
  await voting(dave, "deposit", [0n, 30n * E18]);
  await voting(carol, "commitVote", [1n, secret(carol, true, salt(1)), 50n * E18, 20n * E18]);
  await voting(dave, "commitVote", [1n, secret(dave, false, salt(2)), 0n, 30n * E18]);
  await step();
  await f.networkHelpers.time.increase(HOUR + 1n);
  await voting(carol, "revealVote", [1n, true, salt(1)]);
  await voting(dave, "revealVote", [1n, false, salt(2)]);
  await step();
  await f.networkHelpers.time.increase(HOUR + 1n);
  await tasks(eve, "advanceTasks", [1n]);
  await step();

  // DS8: complete; stakes and rewards withdrawn; votes withdrawn.
  for (const who of [alice, bob]) await projects(who, "withdrawStake", [1n]);
  await voting(carol, "withdraw", [10n * E18, 0n, [1n]]);
  await voting(dave, "release", [1n]);
  await step();
  return { people };
}

async function assertMatchesChain(f: DistributeFixture, store: Store, people: DrexWalletClient[]) {
  const d = f.distribute;
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    readContract(f.publicClient, { address, abi, functionName, args } as never) as Promise<T>;
  const dist = store.distribute;
  const totals = await dist.totals();
  assert.ok(totals);
  assert.equal(totals.capitalSupply, await read(d.capitalToken, CapitalTokenAbi, "totalSupply"));
  assert.equal(totals.poolWei, await read(d.capitalToken, CapitalTokenAbi, "poolBalance"));
  assert.equal(totals.reputationSupply, await read(d.reputation, ReputationAbi, "totalSupply"));
  assert.equal(totals.registeredCount, 4n);
  const accounts = [...people.map((p) => p.account.address), d.projects, d.tasks, d.voting];
  for (const account of accounts) {
    assert.equal(
      await dist.balanceOf("capital", account),
      await read(d.capitalToken, CapitalTokenAbi, "balanceOf", [account]),
      `capital tokens of ${account}`,
    );
    assert.equal(
      await dist.balanceOf("reputation", account),
      await read(d.reputation, ReputationAbi, "balanceOf", [account]),
      `reputation of ${account}`,
    );
  }

  const count = await read<bigint>(d.projects, DistributeProjectsAbi, "projectCount");
  assert.equal((await dist.listProjects({ page: { limit: 50, offset: 0 } })).length, Number(count));
  for (let projectId = 1n; projectId <= count; projectId++) {
    const row = await dist.getProject(projectId);
    assert.ok(row, `project ${projectId}`);
    const p = await read<Record<string, unknown>>(d.projects, DistributeProjectsAbi, "getProject", [projectId]);
    const state = PROJECT_STATES[Number(p.state)];
    assert.equal(row.state, state, `state of project ${projectId}`);
    assert.equal(row.proposer, p.proposer);
    assert.equal(row.stakingDeadline, BigInt(p.stakingDeadline as number));
    for (const field of [
      "costWei",
      "collateral",
      "tokenBar",
      "reputationBar",
      "tokensStaked",
      "reputationStaked",
      "poolWeiAtProposal",
      "stakerRewardWei",
      "tokenSupplyAtProposal",
      "reputationSupplyAtProposal",
      "paidWei",
    ] as const) {
      assert.equal(row[field], p[field], `${field} of project ${projectId}`);
    }
    assert.equal(row.collateralInReputation, p.collateralInReputation);
    assert.equal(row.completedBps, p.completedBps);
    assert.equal(row.taskCount, p.taskCount);
    assert.equal(row.settledTasks, p.settledTasks);
    assert.equal(row.listCount, p.listCount);
    const phaseDeadline = BigInt(p.phaseDeadline as number);
    if (state === "staked") assert.equal(row.taskListDeadline, phaseDeadline);
    if (state === "active" || state === "complete") {
      assert.equal(row.claimDeadline, phaseDeadline);
      assert.equal(row.winningListId, p.winningList);
    }
    for (const stake of await dist.stakesIn(projectId)) {
      const s = await read<Record<string, unknown>>(d.projects, DistributeProjectsAbi, "stakeOf", [
        projectId,
        stake.staker,
      ]);
      assert.equal(s.tokens, stake.withdrawn ? 0n : stake.tokens, `tokens staked by ${stake.staker}`);
      assert.equal(s.reputation, stake.withdrawn ? 0n : stake.reputation, `reputation staked by ${stake.staker}`);
      if (!stake.withdrawn) assert.equal(s.backedList, stake.backedListId === null ? 0 : stake.backedListId + 1);
    }
    for (const list of await dist.taskLists(projectId)) {
      const l = await read<Record<string, unknown>>(d.projects, DistributeProjectsAbi, "getTaskList", [
        projectId,
        BigInt(list.listId),
      ]);
      assert.equal(list.submitter, l.submitter);
      assert.equal(list.backingTokens, l.backingTokens, `backing tokens of list ${list.listId}`);
      assert.equal(list.backingReputation, l.backingReputation, `backing reputation of list ${list.listId}`);
      assert.deepEqual(JSON.parse(list.tasks), l.tasks);
    }
    for (const task of await dist.tasksOf(projectId)) {
      const t = await read<{
        state: Record<string, unknown>;
        evidenceHash: Hex;
        requisiteReputation: bigint;
        approvals: { validator: Address; stake: bigint }[];
        rejections: { validator: Address; stake: bigint }[];
      }>(d.tasks, DistributeTasksAbi, "getTask", [projectId, BigInt(task.taskIndex)]);
      assert.equal(task.status, TASK_STATUSES[Number(t.state.status)], `status of task ${task.taskIndex}`);
      assert.equal(task.claimer ?? "0x0000000000000000000000000000000000000000", t.state.claimer);
      assert.equal(task.approvers, t.state.approvers);
      assert.equal(task.rejecters, t.state.rejecters);
      assert.equal(task.pollId ?? 0n, BigInt(t.state.pollId as number));
      assert.equal(task.evidenceHash ?? `0x${"0".repeat(64)}`, t.evidenceHash);
      if (task.reputationPosted !== null) assert.equal(task.reputationPosted, t.requisiteReputation);
      const validations = await dist.validationsOf(projectId, task.taskIndex);
      for (const [approve, side] of [
        [true, t.approvals],
        [false, t.rejections],
      ] as const) {
        assert.deepEqual(
          validations.filter((v) => v.approve === approve).map((v) => ({ validator: v.validator, stake: v.stake })),
          side.map((v) => ({ validator: v.validator, stake: v.stake })),
        );
      }
    }
  }

  const pollCount = await read<bigint>(d.voting, DistributeVotingAbi, "pollCount");
  assert.equal(await dist.pollCount(), Number(pollCount));
  for (let pollId = 1n; pollId <= pollCount; pollId++) {
    const poll = await dist.getPoll(pollId);
    assert.ok(poll);
    const v = await read<
      Record<string, unknown> & { approvals: Record<string, bigint>; rejections: Record<string, bigint> }
    >(d.voting, DistributeVotingAbi, "getPoll", [pollId]);
    assert.equal(poll.commitEnd, v.commitEnd);
    assert.equal(poll.revealEnd, v.revealEnd);
    assert.equal(poll.approvalTokens, v.approvals.tokens);
    assert.equal(poll.approvalReputation, v.approvals.reputation);
    assert.equal(poll.rejectionTokens, v.rejections.tokens);
    assert.equal(poll.rejectionReputation, v.rejections.reputation);
    for (const lock of await dist.locksIn(pollId)) {
      const l = await read<Record<string, unknown>>(d.voting, DistributeVotingAbi, "lockOf", [pollId, lock.voter]);
      assert.equal(lock.status, LOCK_STATUSES[Number(l.status)], `lock of ${lock.voter}`);
      assert.equal(lock.tokens, l.tokens);
      assert.equal(lock.reputation, l.reputation);
    }
  }
  for (const who of people) {
    const voter = await dist.voter(who.account.address);
    const v = await read<Record<string, bigint>>(d.voting, DistributeVotingAbi, "voterOf", [who.account.address]);
    assert.equal(voter?.depositedTokens ?? 0n, v.tokens, `deposit of ${who.account.address}`);
    assert.equal(voter?.depositedReputation ?? 0n, v.reputation);
  }
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

  it("DS1-DS8: the index equals the contracts' own views at every stage of a project's lifecycle", async () => {
    const f = await distributeFixture();
    const store = await stores.open();
    const follower = indexer(f, store);
    const people = [...f.financiers, f.consumer, f.buyer];
    let stages = 0;
    await story(f, async () => {
      await follower.catchUp();
      await assertMatchesChain(f, store, people);
      stages++;
    });
    assert.ok(stages >= 10);
    const project = await store.distribute.getProject(1n);
    assert.equal(project?.state, "complete");
    assert.equal(project?.completedBps, 10_000);
    assert.equal((await store.distribute.getProject(2n))?.state, "expired");
    const contested = await store.distribute.getTask(1n, 1);
    assert.equal(contested?.status, "validated");
    assert.equal(contested?.pollId, 1n);
    const validations = await store.distribute.validationsOf(1n, 1);
    assert.deepEqual(
      validations.map((v) => [v.approve, v.slot, v.forfeited, v.rewardTokens !== null && v.rewardTokens > 0n]),
      [
        [false, 0, true, false],
        [true, 0, false, true],
        [true, 1, false, true],
      ],
    );
    const history = await store.distribute.projectHistory(1n, { limit: 500, offset: 0 });
    assert.equal(history[0]?.kind, "projectProposed");
    assert.ok(history.some((e) => e.kind === "taskVoteStarted" && e.taskIndex === 1));
    assert.equal(history.at(-1)?.kind, "stakeWithdrawn");
    const capital = await store.distribute.capitalEvents({ limit: 500, offset: 0 });
    assert.deepEqual(
      capital.filter((c) => c.kind === "bought" || c.kind === "sold").map((c) => c.kind),
      ["sold", "bought", "bought", "bought", "bought"],
    );
  });

  it("DS1-DS8: a full rebuild from the chain gives the same tables as indexing along the way", async () => {
    const f = await distributeFixture();
    const incremental = await stores.open();
    const follower = indexer(f, incremental, { batchBlocks: 3 });
    await story(f, async () => {
      await follower.catchUp();
    });
    await follower.catchUp();
    const rebuilt = await stores.open();
    await indexer(f, rebuilt, { batchBlocks: 100_000 }).catchUp();
    const dump = await rebuilt.dump();
    assert.ok(dump.distribute_project_events?.length);
    assert.deepEqual(await incremental.dump(), dump);
    assert.deepEqual(await incremental.loadDistributeState(), await rebuilt.loadDistributeState());
  });

  it("DS3, DS7: a reorg rolls the Distribute tables back and indexes the replacement", async () => {
    const f = await distributeFixture();
    const store = await stores.open();
    const warnings: string[] = [];
    const follower = indexer(f, store, { warnings });
    const people = [...f.financiers, f.consumer, f.buyer];
    await story(f);
    await follower.catchUp();
    const fork = (await f.connection.provider.request({ method: "evm_snapshot" })) as string;
    const d = f.distribute;
    const [alice, bob] = f.financiers;
    const deadline = (await f.publicClient.getBlock()).timestamp + DAY;
    await write(alice, d.projects, DistributeProjectsAbi, "propose", [E18, deadline, false]);
    await write(bob, d.projects, DistributeProjectsAbi, "stakeTokens", [3n, E18]);
    await follower.catchUp();
    assert.equal((await store.distribute.getProject(3n))?.tokensStaked, E18);

    assert.equal(await f.connection.provider.request({ method: "evm_revert", params: [fork] }), true);
    await write(bob, d.capitalToken, CapitalTokenAbi, "sell", [E18, 0n]);
    await f.networkHelpers.mine(3);
    await follower.catchUp();
    assert.deepEqual(warnings, ["chain reorganised; rolled the index back"]);
    assert.equal(await store.distribute.getProject(3n), null);
    assert.deepEqual(await store.distribute.stakesIn(3n), []);
    await assertMatchesChain(f, store, people);
    const fresh = await stores.open();
    await indexer(f, fresh).catchUp();
    assert.deepEqual(await store.dump(), await fresh.dump());
  });
}

describe("Distribute index on SQLite", () => {
  backendSuite("sqlite", () => null);
});

describe("Distribute index on PostgreSQL", () => {
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
  test("DS1-DS8: one Distribute reducer: SQLite and PostgreSQL hold the very same rows", async (t) => {
    const reason = unavailable();
    if (reason !== null) {
      t.skip(reason);
      return;
    }
    const f = await distributeFixture();
    const { people } = await story(f);
    const [onSqlite, onPostgres] = [await sqlite.open(), await postgres.open()];
    await indexer(f, onSqlite).catchUp();
    await indexer(f, onPostgres, { batchBlocks: 6 }).catchUp();
    assert.deepEqual(await onPostgres.dump(), await onSqlite.dump());
    await assertMatchesChain(f, onPostgres, people);
  });
});
