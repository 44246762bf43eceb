// The indexer: the request statuses time gives, the lazy share allocation, following the head, and how it meets
// failures (RPC outages and refusals retried, bugs surfaced). The store suite (store.test.ts) covers the projections
// against the chain, resuming, idempotence, rebuilds and reorgs on both backends.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import {
  type Address,
  createPublicClient,
  custom,
  HttpRequestError,
  LimitExceededRpcError,
  RpcRequestError,
} from "viem";
import { readContract } from "viem/actions";
import type { Deployment } from "../node/deployment.ts";
import { effectiveStatus } from "../node/indexer/effectiveStatus.ts";
import {
  ChainMovedError,
  IndexerFatalError,
  IndexerStoppedError,
  isRangeTooLarge,
  isRetryable,
} from "../node/indexer/errors.ts";
import { Indexer, type IndexerOptions } from "../node/indexer/Indexer.ts";
import { Projection, ProjectionError } from "../node/indexer/projection.ts";
import { allocatedShares, TOTAL_SHARES } from "../node/indexer/shareAllocation.ts";
import { openStore } from "../node/store/openStore.ts";
import type { HoldingRecord, Store } from "../node/store/Store.ts";
import type { ActivityRow } from "../node/store/views.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { acceptBid } from "../sdk/actions/consumer/acceptBid.ts";
import { buyEnergy } from "../sdk/actions/consumer/buyEnergy.ts";
import { cancelRequest } from "../sdk/actions/consumer/cancelRequest.ts";
import { createRequest } from "../sdk/actions/consumer/createRequest.ts";
import { fund } from "../sdk/actions/financier/fund.ts";
import { votePrice } from "../sdk/actions/financier/votePrice.ts";
import { placeBid } from "../sdk/actions/provider/placeBid.ts";
import { parseSolar } from "../sdk/format.ts";
import { requestStatusName } from "../sdk/status.ts";
import { DAY, drexFixture, INSTALLATION_SECONDS } from "./support/fixture.ts";

type Fixture = Awaited<ReturnType<typeof drexFixture>>;

const dataDirs: string[] = [];
after(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function sqliteStore(): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), "drex-indexer-"));
  dataDirs.push(dataDir);
  return openStore({ databaseUrl: null, dataDir });
}

function deploymentOf(f: Fixture): Deployment {
  const { token, marketplace, generatorImplementation, sale, fromBlock } = f.drex;
  return {
    chainId: 31337,
    addresses: { token, marketplace, generatorImplementation, sale },
    energy: null,
    distribute: null,
    fromBlock,
  };
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function indexerFor(f: Fixture, store: Store, options: Partial<IndexerOptions> = {}): Indexer {
  return new Indexer({
    client: f.publicClient,
    deployment: deploymentOf(f),
    store,
    confirmations: 0,
    pollIntervalMs: 20,
    log: quiet,
    ...options,
  });
}

/** A client over the fixture's chain whose requests go through `intercept` first (to fail some of them). */
function interceptedClient(f: Fixture, intercept: (method: string, params: unknown) => void) {
  return createPublicClient({
    transport: custom(
      {
        request: async (args: { method: string; params?: unknown }) => {
          intercept(args.method, args.params);
          return f.connection.provider.request(args as never);
        },
      },
      { retryCount: 0 },
    ),
  });
}

/** An active generator with a vote and two purchases: a chain with a little of everything. */
async function busyChain(f: Fixture): Promise<Address> {
  const { generator } = await f.activeGenerator();
  await votePrice(f.financiers[0], { generator, priceWeiPerUnit: parseSolar("0.2") });
  await buyEnergy(f.buyer, { generator, units: 3n });
  await buyEnergy(f.consumer, { generator, units: 2n });
  return generator;
}

describe("effectiveStatus", () => {
  it("DX1-DX4, DX7: agrees with Marketplace.requestStatus on both sides of every deadline", async () => {
    const f = await drexFixture();
    const { marketplace } = f;
    const store = await sqliteStore();
    const indexer = indexerFor(f, store);

    // One request per path: financing failing, activation failing, active, lapsing unaccepted, cancelled.
    const failing = await f.acceptedRequest(parseSolar("1000"));
    const funded = await f.fundedGenerator();
    const active = await f.activeGenerator();
    const { requestId: lapsing } = await createRequest(f.consumer, { marketplace, location: "A", wattageW: 1n });
    const { requestId: cancelled } = await createRequest(f.consumer, { marketplace, location: "B", wattageW: 1n });
    await cancelRequest(f.consumer, { marketplace, requestId: cancelled });
    await indexer.catchUp();

    const rows = await Promise.all(
      [lapsing, cancelled, failing.requestId, funded.requestId, active.requestId].map(async (id) => {
        const row = await store.getRequest(id);
        assert.ok(row !== null);
        return row;
      }),
    );
    const boundaries = rows.flatMap((r) =>
      [r.biddingEndsAt, r.acceptanceEndsAt, r.financingDeadline, r.activationDeadline].filter((t) => t !== null),
    );
    const now = (await f.publicClient.getBlock()).timestamp;
    const times = [...new Set(boundaries.flatMap((t) => [t, t + 1n]))]
      .filter((t) => t > now)
      .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    assert.ok(times.length >= 8);
    const seen = new Set<string>();
    for (const time of times) {
      await f.networkHelpers.time.increaseTo(time);
      const block = await f.publicClient.getBlock();
      assert.equal(block.timestamp, time);
      for (const row of rows) {
        const onChain = await readContract(f.publicClient, {
          address: marketplace,
          abi: MarketplaceAbi,
          functionName: "requestStatus",
          args: [row.requestId],
          blockNumber: block.number,
        });
        const generatorActive = row.generator !== null && (await store.getGenerator(row.generator))?.active === true;
        const status = effectiveStatus(row, generatorActive, block.timestamp);
        assert.equal(status, requestStatusName(onChain), `request ${row.requestId} at ${time}`);
        seen.add(status);
      }
    }
    for (const status of [
      "AwaitingAcceptance",
      "Lapsed",
      "Cancelled",
      "FinancingFailed",
      "ActivationFailed",
      "Active",
    ]) {
      assert.ok(seen.has(status), `saw ${status}`);
    }
  });
});

describe("share allocation", () => {
  it("DX5: floor(contribution x 10,000 / target) plus one for the earliest financiers sums to exactly 10,000", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 1, maxLength: 60 }),
        (contributions) => {
          const targetWei = contributions.reduce((sum, c) => sum + c, 0n);
          const floored = contributions.reduce((sum, c) => sum + (c * TOTAL_SHARES) / targetWei, 0n);
          const dustShares = TOTAL_SHARES - floored;
          const shares = contributions.map((contributionWei, i) =>
            allocatedShares({ contributionWei, order: BigInt(i + 1), targetWei, dustShares }),
          );
          assert.equal(
            shares.reduce((sum, s) => sum + s, 0n),
            TOTAL_SHARES,
          );
          assert.ok(dustShares < BigInt(contributions.length));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("DX5: the indexed shares of every financier equal Generator.balanceOf before anyone touches the generator", async () => {
    const f = await drexFixture();
    const funders = [...f.financiers, f.buyer, f.stranger];
    const store = await sqliteStore();
    const indexer = indexerFor(f, store);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 7 }), async (parts) => {
        const targetWei = parts.reduce((sum, p) => sum + BigInt(p), 0n) * 10n ** 15n + 7n;
        const { requestId } = await f.acceptedRequest(targetWei);
        let raised = 0n;
        for (const [i, part] of parts.entries()) {
          const last = i === parts.length - 1;
          const amountWei = last ? targetWei - raised : BigInt(part) * 10n ** 15n;
          raised += amountWei;
          await fund(funders[i % funders.length] as (typeof funders)[number], {
            marketplace: f.marketplace,
            requestId,
            amountWei,
          });
        }
        await indexer.catchUp();
        const request = await store.getRequest(requestId);
        const generator = request?.generator;
        assert.ok(generator);
        const detail = await store.getGenerator(generator);
        let sum = 0n;
        for (const funder of funders) {
          const owner = funder.account.address;
          const balance: bigint = await readContract(f.publicClient, {
            address: generator,
            abi: GeneratorAbi,
            functionName: "balanceOf",
            args: [owner],
          });
          const indexed = detail?.holdings.find((h) => h.owner.toLowerCase() === owner.toLowerCase()) as
            | HoldingRecord
            | undefined;
          assert.equal(indexed?.shares ?? 0n, balance);
          assert.equal(indexed?.materialized ?? false, false);
          sum += balance;
        }
        assert.equal(sum, TOTAL_SHARES);
      }),
      { numRuns: 12 },
    );
  });

  it("a Transfer from the zero address that contradicts the computed allocation is a bug, and surfaces", () => {
    const projection = new Projection({ acceptancePeriodSeconds: 7n * DAY });
    const row = (id: bigint, contract: ActivityRow["contract"], eventName: string, args: Record<string, unknown>) =>
      ({
        id,
        blockNumber: id / 100_000n,
        logIndex: Number(id % 100_000n),
        timestamp: 1_000n + id,
        transactionHash: "0x01",
        contract,
        address:
          contract === "generator"
            ? "0x00000000000000000000000000000000000000Ge"
            : "0x00000000000000000000000000000000000000Ma",
        eventName,
        args,
      }) as ActivityRow;
    const consumer = "0x0000000000000000000000000000000000000001";
    const provider = "0x0000000000000000000000000000000000000002";
    const financier = "0x0000000000000000000000000000000000000003";
    projection.apply(
      row(100_000n, "marketplace", "RequestCreated", {
        requestId: 1n,
        creator: consumer,
        location: "x",
        wattageW: 1n,
        reason: "",
        utilityKind: "electricity",
        unit: "kWh",
        biddingEndsAt: 2_000n,
      }),
    );
    projection.apply(
      row(100_001n, "marketplace", "BidPlaced", {
        requestId: 1n,
        bidId: 1n,
        provider,
        unitType: "u",
        installationCostWei: 100n,
        installationSeconds: INSTALLATION_SECONDS,
        insurance: "",
      }),
    );
    projection.apply(
      row(200_000n, "marketplace", "BidAccepted", {
        requestId: 1n,
        bidId: 1n,
        provider,
        targetWei: 100n,
        financingDeadline: 9n,
      }),
    );
    projection.apply(
      row(200_001n, "marketplace", "Contributed", {
        requestId: 1n,
        financier,
        amountWei: 100n,
        raisedWei: 100n,
        targetWei: 100n,
      }),
    );
    projection.apply(
      row(200_002n, "marketplace", "GeneratorCreated", {
        requestId: 1n,
        generator: "0x00000000000000000000000000000000000000Ge",
        financierCount: 1,
        dustShares: 0,
        activationDeadline: 10n,
      }),
    );
    assert.throws(
      () =>
        projection.apply(
          row(300_000n, "generator", "Transfer", {
            from: "0x0000000000000000000000000000000000000000",
            to: financier,
            value: 9_999n,
          }),
        ),
      (error: unknown) => error instanceof ProjectionError && error.eventId === 300_000n,
    );
  });
});

describe("Indexer", () => {
  it("follows the head minus the confirmations; poke, waitForBlock, onCommit and stop", async () => {
    const f = await drexFixture();
    const store = await sqliteStore();
    const committed: ActivityRow[] = [];
    const indexer = indexerFor(f, store, {
      confirmations: 2,
      pollIntervalMs: 60_000, // only poke() moves it along in this test
      onCommit: (rows) => committed.push(...rows),
    });
    await indexer.start();
    const head = await f.publicClient.getBlockNumber({ cacheTime: 0 });
    assert.equal(indexer.indexedBlock, head - 2n);

    const generator = await busyChain(f);
    const newHead = await f.publicClient.getBlockNumber({ cacheTime: 0 });
    const reached = indexer.waitForBlock(newHead - 2n);
    indexer.poke();
    await reached;
    assert.equal(indexer.indexedBlock, newHead - 2n);
    // The last two blocks are not confirmed yet: the consumer's purchase is not indexed.
    assert.equal((await store.getGenerator(generator))?.purchaseCount, 1n);
    await f.networkHelpers.mine(2);
    const confirmed = indexer.waitForBlock(newHead);
    indexer.poke();
    await confirmed;
    assert.equal((await store.getGenerator(generator))?.purchaseCount, 2n);
    const never = indexer.waitForBlock(newHead + 1_000n);
    await indexer.stop();
    await assert.rejects(never, IndexerStoppedError);

    // onCommit saw every stored event, decoded exactly as the store gives them back.
    const stored = await store.listActivity({ page: { limit: 10_000, offset: 0 } });
    assert.equal(committed.length, stored.length);
    assert.deepEqual(stored.reverse(), committed);
    assert.ok(committed.some((row) => row.eventName === "EnergyPurchased" && typeof row.args.units === "bigint"));
    assert.ok(committed.some((row) => row.eventName === "GeneratorCreated" && typeof row.args.dustShares === "number"));
  });

  it("waits out RPC outages and database hiccups, with backoff, and ends with the same index", async () => {
    const f = await drexFixture();
    await busyChain(f);
    let calls = 0;
    let failures = 0;
    const client = interceptedClient(f, (method) => {
      calls++;
      if (calls % 4 === 0 && failures < 5) {
        failures++;
        throw new HttpRequestError({ url: "http://node.invalid", status: 503, details: `${method} unavailable` });
      }
    });
    const store = await sqliteStore();
    let commitFailures = 0;
    const flakyStore: Store = Object.create(store, {
      commit: {
        value: async (batch: Parameters<Store["commit"]>[0]) => {
          if (commitFailures < 2) {
            commitFailures++;
            throw Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
          }
          return store.commit(batch);
        },
      },
    });
    const warnings: string[] = [];
    const indexer = indexerFor(f, flakyStore, {
      client,
      batchBlocks: 5,
      retryDelayMs: { initial: 5, max: 20 },
      log: { ...quiet, warn: (_fields, message) => warnings.push(message) },
    });
    await indexer.catchUp();
    assert.equal(failures, 5);
    assert.equal(commitFailures, 2);
    assert.equal(warnings.filter((w) => w === "indexing failed; retrying").length, 7);

    const fresh = await sqliteStore();
    await indexerFor(f, fresh).catchUp();
    assert.deepEqual(await store.dump(), await fresh.dump());
  });

  it("narrows the eth_getLogs range when the node refuses a wide one", async () => {
    const f = await drexFixture();
    await busyChain(f);
    let refused = 0;
    const client = interceptedClient(f, (method, params) => {
      if (method !== "eth_getLogs") return;
      const [{ fromBlock, toBlock }] = params as [{ fromBlock: string; toBlock: string }];
      if (BigInt(toBlock) - BigInt(fromBlock) >= 4n) {
        refused++;
        throw new RpcRequestError({
          url: "http://node.invalid",
          body: {},
          error: { code: -32005, message: "query returned more than 10000 results" },
        });
      }
    });
    const store = await sqliteStore();
    await indexerFor(f, store, { client, batchBlocks: 64 }).catchUp();
    assert.ok(refused >= 4);
    const fresh = await sqliteStore();
    await indexerFor(f, fresh).catchUp();
    assert.deepEqual(await store.dump(), await fresh.dump());
  });

  it("surfaces a failure that retrying cannot fix: catchUp rejects, start rejects, waiters are told", async () => {
    const f = await drexFixture();
    await busyChain(f);
    const store = await sqliteStore();
    const broken: Store = Object.create(store, {
      commit: {
        value: async () => {
          throw new TypeError("cannot read properties of undefined");
        },
      },
    });
    await assert.rejects(indexerFor(f, broken).catchUp(), (error: unknown) => {
      assert.ok(error instanceof IndexerFatalError);
      assert.ok(error.cause instanceof TypeError);
      return true;
    });
    const following = indexerFor(f, broken);
    const waiting = following.waitForBlock(1_000n);
    await assert.rejects(following.start(), IndexerFatalError);
    await assert.rejects(waiting, IndexerFatalError);
    await following.stop();
  });

  it("tells retryable failures from bugs", () => {
    assert.ok(isRetryable(new HttpRequestError({ url: "http://x", status: 502 })));
    assert.ok(isRetryable(new ChainMovedError(5n, "moved")));
    assert.ok(isRetryable(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })));
    assert.ok(isRetryable(Object.assign(new Error("terminating connection"), { code: "57P01" })));
    assert.ok(isRetryable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "08006" }) })));
    assert.ok(!isRetryable(new TypeError("x is undefined")));
    assert.ok(!isRetryable(Object.assign(new Error("duplicate key"), { code: "23505" })));
    assert.ok(!isRetryable(new ProjectionError(1n, "unknown request 9")));
    assert.ok(isRangeTooLarge(new LimitExceededRpcError(new Error("limit"))));
    assert.ok(isRangeTooLarge(new Error("eth_getLogs block range too large, max 2000")));
    assert.ok(!isRangeTooLarge(new Error("execution reverted")));
  });
});
