// GET /api/v1/stats/timeseries against a real node on each store backend: every hour and day bucket must hold exactly
// what the test bought and paid in it, for the network and per generator, across a restart and a rebuild from the chain.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { type Address, createPublicClient, http, maxUint256 } from "viem";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { parseSolar } from "../sdk/format.ts";
import { type ApiAnswer, apiClient } from "./support/apiClient.ts";
import { approvedGeneratorDeviceViaApi } from "./support/apiScenario.ts";

const PG_URL = process.env.DREX_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const HOUR = 3_600n;
const DAY = 86_400n;

/** One thing the test did that the stats must count: a purchase or an activation payment. */
type Paid = { generator: Address; timestamp: bigint; unitsSold: bigint; revenueWei: bigint; purchaseCount: bigint };

/** The points the API must answer for `paid`, grouped by hand: decimal strings, oldest first. */
function expectedPoints(paid: Paid[], bucketSeconds: bigint, generator?: Address) {
  const buckets = new Map<bigint, { unitsSold: bigint; revenueWei: bigint; purchaseCount: bigint }>();
  for (const p of paid) {
    if (generator !== undefined && p.generator !== generator) continue;
    const startsAt = p.timestamp - (p.timestamp % bucketSeconds);
    const bucket = buckets.get(startsAt) ?? { unitsSold: 0n, revenueWei: 0n, purchaseCount: 0n };
    bucket.unitsSold += p.unitsSold;
    bucket.revenueWei += p.revenueWei;
    bucket.purchaseCount += p.purchaseCount;
    buckets.set(startsAt, bucket);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([startsAt, b]) => ({
      startsAt: startsAt.toString(),
      unitsSold: b.unitsSold.toString(),
      revenueWei: b.revenueWei.toString(),
      purchaseCount: b.purchaseCount.toString(),
    }));
}

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

/** Where a node keeps its index: SQLite in the data folder, or a PostgreSQL database of its own. */
type IndexBackend = {
  kind: "sqlite" | "postgres";
  /** Why this backend cannot be tested here, or null. */
  unavailable(): Promise<string | null>;
  /** An empty index for a node on `dataDir`: the database URL, or null for SQLite in the data folder. */
  emptyIndex(dataDir: string): Promise<string | null>;
  /** Makes the index look as a node before the stats left it: schema version 1, no stats table. */
  makeSchemaV1(dataDir: string, databaseUrl: string | null): Promise<void>;
  dispose(): Promise<void>;
};

const SCHEMA_V1 = ["UPDATE schema_version SET version = 1", "DROP TABLE stats_buckets"];

const sqliteBackend: IndexBackend = {
  kind: "sqlite",
  unavailable: async () => null,
  emptyIndex: async (dataDir) => {
    for (const file of ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"]) {
      rmSync(join(dataDir, file), { force: true });
    }
    return null;
  },
  makeSchemaV1: async (dataDir) => {
    const db = new DatabaseSync(join(dataDir, "index.sqlite"));
    for (const sql of SCHEMA_V1) db.exec(sql);
    db.close();
  },
  dispose: async () => {},
};

function postgresBackend(): IndexBackend {
  const databases: string[] = [];
  const run = async (connectionString: string, statements: string[]) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const admin = (sql: string) => run(PG_URL, [sql]);
  return {
    kind: "postgres",
    unavailable: async () =>
      (await pgReachable())
        ? null
        : `PostgreSQL not reachable at ${new URL(PG_URL).host}: the PostgreSQL stats tests did not run`,
    emptyIndex: async () => {
      const name = `drex_stats_${randomBytes(6).toString("hex")}`;
      await admin(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      return url.toString();
    },
    makeSchemaV1: (_dataDir, databaseUrl) => run(databaseUrl as string, SCHEMA_V1),
    dispose: async () => {
      for (const name of databases.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function statsSuite(backend: IndexBackend) {
  const dev = devAccounts();
  const address = (i: number) => dev[i]?.account.address as Address;
  const [consumer, provider, financierA, financierB, buyerA, buyerB, device] = [1, 2, 4, 5, 7, 8, 9].map(address) as [
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
  ];
  const paid: Paid[] = [];
  let skipReason: string | null = null;
  let dataDir: string;
  let node: RunningNode | null = null;
  let databaseUrl: string | null = null;
  let api: ReturnType<typeof apiClient>;
  let chain: ReturnType<typeof createPublicClient>;
  let first: Address;
  let second: Address;

  const start = async (indexUrl: string | null) => {
    databaseUrl = indexUrl;
    node = await startNode(
      resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", databaseUrl }, { DATABASE_URL: "" }),
    );
    api = apiClient(node.apiUrl);
    chain = createPublicClient({ transport: http(node.rpcUrl) });
  };
  const ok = (answer: ApiAnswer) => {
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };
  /** Has a development account send an action; returns the timestamp of the block it was mined in. */
  const act = async (from: Address, action: string, fields: Record<string, string>): Promise<bigint> => {
    const relayed = ok(await api.devAct(from, action, fields));
    assert.equal(relayed.status, "success", `${action} was mined`);
    return (await chain.getBlock({ blockNumber: BigInt(relayed.blockNumber) })).timestamp;
  };
  const travel = async (seconds: bigint) => ok(await api.post("/api/v1/dev/time", { seconds: seconds.toString() }));
  const series = async (query: string) => ok(await api.get(`/api/v1/stats/timeseries${query}`));

  /** A request through bidding, acceptance and financing: the funded, not yet active generator. */
  const fundedGenerator = async (location: string): Promise<Address> => {
    await act(consumer, "createRequest", { location, wattageW: "5000", reason: "stats" });
    const { requests } = ok(await api.get(`/api/v1/requests?creator=${consumer}&limit=1`));
    const requestId: string = requests[0].requestId;
    const costWei = parseSolar("1000");
    await act(provider, "placeBid", {
      requestId,
      unitType: "5 kW PV",
      installationCostWei: costWei.toString(),
      installationSeconds: String(21n * DAY),
    });
    await travel(7n * DAY + 1n);
    const { bids } = ok(await api.get(`/api/v1/requests/${requestId}`));
    await act(consumer, "acceptBid", { requestId, bidId: bids[0].bidId });
    const marketplace = (node as RunningNode).deployment.addresses.marketplace;
    for (const financier of [financierA, financierB]) {
      const half = (costWei / 2n).toString();
      await act(financier, "approve", { spender: marketplace, amountWei: half });
      await act(financier, "fund", { requestId, amountWei: half });
    }
    return ok(await api.get(`/api/v1/requests/${requestId}`)).generator;
  };

  const activate = async (generator: Address, initialTokenWei: bigint, priceWeiPerUnit: bigint) => {
    // The first generator's device is approved by the Technical DAO; the second shares it.
    await approvedGeneratorDeviceViaApi((node as RunningNode).apiUrl, { operator: provider, key: device });
    await act(provider, "registerDevice", { generator, deviceKey: device });
    await act(financierA, "votePrice", { generator, priceWeiPerUnit: priceWeiPerUnit.toString() });
    await act(consumer, "approve", { spender: generator, amountWei: initialTokenWei.toString() });
    const timestamp = await act(consumer, "activate", { generator, initialTokenWei: initialTokenWei.toString() });
    paid.push({ generator, timestamp, unitsSold: 0n, revenueWei: initialTokenWei, purchaseCount: 0n });
    for (const buyer of [buyerA, buyerB]) {
      await act(buyer, "approve", { spender: generator, amountWei: maxUint256.toString() });
    }
  };

  const buy = async (buyer: Address, generator: Address, units: bigint) => {
    const price = await chain.readContract({ address: generator, abi: GeneratorAbi, functionName: "getAvg" });
    const timestamp = await act(buyer, "buyEnergy", {
      generator,
      units: units.toString(),
      maxPriceWeiPerUnit: price.toString(),
    });
    paid.push({ generator, timestamp, unitsSold: units, revenueWei: units * price, purchaseCount: 1n });
  };

  /** Every series the API serves for this chain, by query. */
  const allSeries = async () => {
    const answers: Record<string, unknown> = {};
    for (const query of ["", "?bucket=hour", `?generator=${first}`, `?bucket=hour&generator=${second.toLowerCase()}`]) {
      answers[query] = await series(query);
    }
    return answers;
  };

  const assertSeriesMatchPaid = async () => {
    for (const [bucket, seconds] of [
      ["day", DAY],
      ["hour", HOUR],
    ] as const) {
      const network = await series(`?bucket=${bucket}`);
      assert.equal(network.bucket, bucket);
      assert.deepEqual(network.points, expectedPoints(paid, seconds), `network, per ${bucket}`);
      for (const generator of [first, second]) {
        const one = await series(`?bucket=${bucket}&generator=${generator}`);
        assert.deepEqual(one.points, expectedPoints(paid, seconds, generator), `${generator}, per ${bucket}`);
      }
    }
  };

  const test = (name: string, body: () => Promise<void>) =>
    it(name, async (t) => {
      if (skipReason !== null) {
        t.skip(skipReason);
        return;
      }
      await body();
    });

  before(async () => {
    skipReason = await backend.unavailable();
    if (skipReason !== null) return;
    dataDir = mkdtempSync(join(tmpdir(), `drex-stats-${backend.kind}-`));
    await start(await backend.emptyIndex(dataDir));
  });
  after(async () => {
    await node?.close();
    await backend.dispose();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  test("DX8, DX9: each day and hour holds exactly the units bought and the revenue paid in it, network and per generator", async () => {
    assert.deepEqual(await series(""), { bucket: "day", points: [] });
    first = await fundedGenerator("Kisumu, Kenya");
    await activate(first, parseSolar("1"), parseSolar("0.002"));
    await buy(buyerA, first, 3n);
    await buy(buyerB, first, 5n);
    second = await fundedGenerator("Gulu, Uganda");
    assert.deepEqual((await series(`?generator=${second}`)).points, [], "funded, not yet active: no activity");
    await activate(second, parseSolar("2.5"), parseSolar("0.003"));
    await buy(buyerA, second, 4n);
    await travel(2n * HOUR);
    await buy(buyerB, second, 7n);
    await buy(buyerA, first, 1n);
    await travel(DAY);
    await buy(buyerA, first, 6n);

    await assertSeriesMatchPaid();
    const network = await series("");
    for (const points of [network.points, (await series("?bucket=hour")).points]) {
      assert.ok(points.length >= 2);
      for (let i = 1; i < points.length; i++) assert.ok(BigInt(points[i].startsAt) > BigInt(points[i - 1].startsAt));
    }
    // The same money as the totals, which another part of the reducer keeps.
    const { totals } = ok(await api.get("/api/v1/status"));
    const sum = (field: string) => network.points.reduce((s: bigint, p: any) => s + BigInt(p[field]), 0n).toString();
    assert.equal(sum("unitsSold"), totals.unitsSold);
    assert.equal(sum("revenueWei"), totals.revenueWei);
    assert.equal(sum("purchaseCount"), String(paid.filter((p) => p.purchaseCount > 0n).length));
  });

  test("a bad bucket or generator is 400 naming the field; an unknown generator is 404", async () => {
    for (const bucket of ["week", "", "DAY", "3600"]) {
      const answer = await api.get(`/api/v1/stats/timeseries?bucket=${bucket}`);
      assert.equal(answer.status, 400, `bucket=${bucket}`);
      assert.equal(answer.body.error.field, "querystring.bucket");
    }
    const badAddress = await api.get("/api/v1/stats/timeseries?generator=0x1234");
    assert.equal(badAddress.status, 400);
    assert.equal(badAddress.body.error.field, "querystring.generator");
    const unknown = await api.get(`/api/v1/stats/timeseries?generator=${consumer}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "not_found");
  });

  test("after a restart the newest buckets keep adding up; an index from before the stats and a rebuild from the chain give the same series", async () => {
    await (node as RunningNode).close();
    await start(databaseUrl);
    await buy(buyerB, first, 2n);
    await buy(buyerA, second, 1n);
    await assertSeriesMatchPaid();
    const incremental = await allSeries();

    await (node as RunningNode).close();
    await backend.makeSchemaV1(dataDir, databaseUrl);
    await start(databaseUrl);
    assert.deepEqual(await allSeries(), incremental, "an index of schema 1 is rebuilt with the stats");

    await (node as RunningNode).close();
    await start(await backend.emptyIndex(dataDir));
    assert.deepEqual(await allSeries(), incremental, "a rebuild from the chain");
  });
}

describe("stats timeseries on SQLite", () => {
  statsSuite(sqliteBackend);
});

describe("stats timeseries on PostgreSQL", () => {
  statsSuite(postgresBackend());
});
