// The index store, the same suite on SQLite and on PostgreSQL: a whole D-REX story on an in-process chain, indexed
// and checked against the contracts' own views; resuming after a stop; idempotent commits; a rebuild from the chain
// equal to the incremental index; and a reorg.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it as test } from "node:test";
import { type Address, getAddress, parseEther, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import type { Deployment } from "../node/deployment.ts";
import { effectiveStatus } from "../node/indexer/effectiveStatus.ts";
import { Indexer } from "../node/indexer/Indexer.ts";
import { openStore } from "../node/store/openStore.ts";
import { PostgresStore } from "../node/store/postgresStore.ts";
import type { CommitBatch, Store } from "../node/store/Store.ts";
import type { HoldingRow } from "../node/store/views.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { acceptBid } from "../sdk/actions/consumer/acceptBid.ts";
import { activate } from "../sdk/actions/consumer/activate.ts";
import { buyEnergy } from "../sdk/actions/consumer/buyEnergy.ts";
import { cancelRequest } from "../sdk/actions/consumer/cancelRequest.ts";
import { createRequest } from "../sdk/actions/consumer/createRequest.ts";
import { deliverUsage } from "../sdk/actions/device/deliverUsage.ts";
import { claimRevenue } from "../sdk/actions/financier/claimRevenue.ts";
import { fund } from "../sdk/actions/financier/fund.ts";
import { getPortfolio } from "../sdk/actions/financier/getPortfolio.ts";
import { refund } from "../sdk/actions/financier/refund.ts";
import { transferShares } from "../sdk/actions/financier/transferShares.ts";
import { votePrice } from "../sdk/actions/financier/votePrice.ts";
import { withdrawVote } from "../sdk/actions/financier/withdrawVote.ts";
import { getGenerator } from "../sdk/actions/generator/getGenerator.ts";
import { placeBid } from "../sdk/actions/provider/placeBid.ts";
import { registerDevice } from "../sdk/actions/provider/registerDevice.ts";
import { withdrawBid } from "../sdk/actions/provider/withdrawBid.ts";
import { buyFromSale } from "../sdk/actions/token/buyFromSale.ts";
import { parseSolar } from "../sdk/format.ts";
import { requestStatusName } from "../sdk/status.ts";
import { DAY, drexFixture } from "./support/fixture.ts";

type Fixture = Awaited<ReturnType<typeof drexFixture>>;

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

/** Opens fresh, empty stores of one backend and removes them all at the end. */
class StoreFactory {
  readonly kind: "sqlite" | "postgres";
  private readonly cleanups: (() => Promise<void>)[] = [];
  constructor(kind: "sqlite" | "postgres") {
    this.kind = kind;
  }
  async open(): Promise<Store> {
    if (this.kind === "sqlite") {
      const dataDir = mkdtempSync(join(tmpdir(), "drex-store-"));
      const store = await openStore({ databaseUrl: null, dataDir });
      this.cleanups.push(async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      });
      return store;
    }
    const schema = `drex_test_${randomBytes(6).toString("hex")}`;
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

function indexer(
  f: Fixture,
  store: Store,
  options: { confirmations?: number; batchBlocks?: number; warnings?: string[] } = {},
) {
  const warnings = options.warnings ?? [];
  return new Indexer({
    client: f.publicClient,
    deployment: deploymentOf(f),
    store,
    confirmations: options.confirmations ?? 0,
    batchBlocks: options.batchBlocks ?? 2_000,
    log: { debug() {}, info() {}, warn: (_fields, message) => warnings.push(message), error() {} },
  });
}

/** Index `f`'s chain from scratch into `store`. */
async function indexAll(f: Fixture, store: Store, batchBlocks?: number) {
  return indexer(f, store, batchBlocks === undefined ? {} : { batchBlocks }).catchUp();
}

type Story = {
  requestId: bigint;
  generator: Address;
  failedRequestId: bigint;
  unactivatedGenerator: Address;
  cancelledRequestId: bigint;
};

/**
 * The lifecycle: a request with two bids (one withdrawn), accepted, funded by three financiers in four contributions
 * with a rounding remainder; the generator, its device, votes, activation, purchases, usage, share transfers (one
 * lapsing a vote), claims. Then a request whose financing fails and is refunded, one whose generator is never
 * activated and is refunded, and one cancelled. `checkpoint` runs between chapters (to index incrementally).
 */
async function lifecycle(f: Fixture, checkpoint: () => Promise<void> = async () => {}): Promise<Story> {
  const { marketplace } = f;
  const [a, b, c] = f.financiers;
  if (f.sale === null) throw new Error("the fixture deploys a sale");
  await buyFromSale(f.stranger, { sale: f.sale, paymentWei: parseEther("2") });

  const { requestId } = await createRequest(f.consumer, {
    marketplace,
    location: "Kisumu, Kenya",
    wattageW: 5_000n,
    reason: "clinic fridge",
  });
  const bid = await placeBid(f.provider, {
    marketplace,
    requestId,
    unitType: "5 kW PV + 10 kWh LFP",
    installationCostWei: parseSolar("12000"),
    installationSeconds: 21 * 86_400,
    insurance: "2 years",
  });
  const rival = await placeBid(f.provider2, {
    marketplace,
    requestId,
    unitType: "4 kW PV",
    installationCostWei: parseSolar("11000"),
    installationSeconds: 30 * 86_400,
  });
  await withdrawBid(f.provider2, { marketplace, bidId: rival.bidId });
  await checkpoint();
  await f.advance(7n * DAY + 1n);
  await acceptBid(f.consumer, { marketplace, requestId, bidId: bid.bidId });
  // 7,000 / 3,000.5 / 1,999.5 of 12,000: floors 5,833 + 2,500 + 1,666 = 9,999, so the first financier gets the dust.
  await fund(a, { marketplace, requestId, amountWei: parseSolar("4000") });
  await fund(b, { marketplace, requestId, amountWei: parseSolar("3000.5") });
  await fund(a, { marketplace, requestId, amountWei: parseSolar("3000") });
  const last = await fund(c, { marketplace, requestId, amountWei: parseSolar("1999.5") });
  const generator = last.generator as Address;
  await checkpoint();

  await registerDevice(f.provider, { generator, deviceKey: f.deviceAccount.address });
  await votePrice(a, { generator, priceWeiPerUnit: parseSolar("0.2") }); // before activation: allowed
  await activate(f.consumer, { generator, initialTokenWei: parseSolar("1") });
  await votePrice(b, { generator, priceWeiPerUnit: parseSolar("0.3") });
  await buyEnergy(f.buyer, { generator, units: 10n });
  await buyEnergy(f.consumer, { generator, units: 3n });
  await deliverUsage(f.device, {
    generator,
    device: f.deviceAccount,
    consumer: f.buyer.account.address,
    milliUnits: 4_000n,
  });
  await checkpoint();
  // b sells every share: the vote lapses with the last one.
  await transferShares(b, { generator, to: f.stranger.account.address, shares: 2_500n });
  await transferShares(a, { generator, to: f.buyer.account.address, shares: 100n });
  await votePrice(c, { generator, priceWeiPerUnit: parseSolar("0.25") });
  // Between two voters: the price moves with no vote event.
  await transferShares(a, { generator, to: c.account.address, shares: 100n });
  await buyEnergy(f.buyer, { generator, units: 7n });
  await claimRevenue(a, { generator });
  await claimRevenue(b, { generator }); // revenue earned before the sale stays with the seller
  await claimRevenue(f.stranger, { generator });
  await withdrawVote(c, { generator });
  await deliverUsage(f.device, {
    generator,
    device: f.deviceAccount,
    consumer: f.consumer.account.address,
    milliUnits: 2_500n,
  });
  await checkpoint();

  // Financing fails: a month without reaching the target, then a refund.
  const failed = await f.acceptedRequest(parseSolar("5000"));
  await fund(a, { marketplace, requestId: failed.requestId, amountWei: parseSolar("1000") });
  await fund(c, { marketplace, requestId: failed.requestId, amountWei: parseSolar("500") });
  // Activation fails: funded by b and c, never activated; b takes the contribution back.
  const unactivated = await f.acceptedRequest(parseSolar("3000"));
  await fund(b, { marketplace, requestId: unactivated.requestId, amountWei: parseSolar("1000.3") });
  const funded = await fund(c, { marketplace, requestId: unactivated.requestId, amountWei: parseSolar("1999.7") });
  const unactivatedGenerator = funded.generator as Address;
  const { requestId: cancelledRequestId } = await createRequest(f.consumer, {
    marketplace,
    location: "Gulu, Uganda",
    wattageW: 800n,
    reason: "water pump",
    utilityKind: "water",
    unit: "m3",
  });
  await cancelRequest(f.consumer, { marketplace, requestId: cancelledRequestId });
  await checkpoint();
  await f.advance(60n * DAY);
  await refund(a, { marketplace, requestId: failed.requestId });
  await refund(b, { marketplace, requestId: unactivated.requestId });
  return { requestId, generator, failedRequestId: failed.requestId, unactivatedGenerator, cancelledRequestId };
}

/** Every read the API makes, compared with what the contracts say now. */
async function assertMatchesChain(f: Fixture, store: Store, story: Story): Promise<void> {
  const client = f.publicClient;
  const { marketplace, token } = f;
  const latest = await client.getBlock();

  // Requests: every field the marketplace keeps, and the status the clock gives.
  const requestCount = await readContract(client, {
    address: marketplace,
    abi: MarketplaceAbi,
    functionName: "requestCount",
  });
  const totals = await store.getTotals();
  assert.equal(totals.requestCount, requestCount);
  for (let id = 1n; id <= requestCount; id++) {
    const [onChain, status] = await readContract(client, {
      address: marketplace,
      abi: MarketplaceAbi,
      functionName: "getRequest",
      args: [id],
    });
    const row = await store.getRequest(id);
    assert.ok(row !== null, `request ${id} indexed`);
    assert.equal(row.creator, onChain.creator);
    assert.equal(row.createdAt, onChain.createdAt);
    assert.equal(row.location, onChain.location);
    assert.equal(row.utilityKind, onChain.utilityKind);
    assert.equal(row.unit, onChain.unit);
    assert.equal(row.wattageW, onChain.wattageW);
    assert.equal(row.raisedWei, onChain.raisedWei, `raisedWei of request ${id}`);
    assert.equal(row.financierCount, BigInt(onChain.financierCount));
    assert.equal(row.targetWei ?? 0n, onChain.targetWei);
    assert.equal(row.acceptedBidId ?? 0n, onChain.acceptedBidId);
    assert.equal(row.financingDeadline ?? 0n, onChain.financingDeadline);
    assert.equal(row.activationDeadline ?? 0n, onChain.activationDeadline);
    assert.equal(row.generator ?? zeroAddress, onChain.generator);
    assert.equal(row.bids.length, onChain.bidCount);
    const generatorActive = row.generator !== null && (await store.getGenerator(row.generator))?.active === true;
    assert.equal(effectiveStatus(row, generatorActive, latest.timestamp), requestStatusName(status), `status of ${id}`);
    for (const bid of row.bids) {
      const chainBid = await readContract(client, {
        address: marketplace,
        abi: MarketplaceAbi,
        functionName: "getBid",
        args: [bid.bidId],
      });
      assert.equal(bid.provider, chainBid.provider);
      assert.equal(bid.withdrawn, chainBid.withdrawn);
      assert.equal(bid.installationCostWei, chainBid.installationCostWei);
      assert.equal(bid.accepted, bid.bidId === row.acceptedBidId);
    }
  }

  // Generators: state, price, and every holder's shares, vote and credit.
  const generators = await store.listGenerators({ page: { limit: 100, offset: 0 } });
  assert.equal(generators.length, 2);
  assert.equal(totals.generatorCount, 2n);
  assert.equal(totals.activeGeneratorCount, 1n);
  let totalRevenue = 0n;
  let totalUnits = 0n;
  let totalClaimed = 0n;
  for (const listed of generators) {
    const address = listed.address;
    const detail = await store.getGenerator(address);
    assert.ok(detail !== null);
    const state = await readContract(client, { address, abi: GeneratorAbi, functionName: "state" });
    const avg = await readContract(client, { address, abi: GeneratorAbi, functionName: "getAvg" });
    assert.equal(detail.priceWeiPerUnit, avg, "price equals getAvg");
    assert.equal(detail.active, state.activatedAt !== 0n);
    assert.equal(detail.activatedAt ?? 0n, BigInt(state.activatedAt));
    assert.equal(detail.deviceKey ?? zeroAddress, state.deviceKey);
    assert.equal(detail.deviceId ?? 0n, state.deviceId);
    assert.equal(detail.revenueWei, state.cumulativeRevenueWei);
    assert.equal(detail.unitsSold, state.unitsSold);
    assert.equal(detail.usageMilliUnits, state.deliveredMilliUnits);
    assert.equal(detail.targetWei, state.escrowWei);
    assert.equal(detail.consumer, state.requester);
    assert.equal(detail.provider, state.provider);
    totalRevenue += detail.revenueWei;
    totalUnits += detail.unitsSold;
    totalClaimed += detail.claimedWei;

    const view = await getGenerator(client, { generator: address });
    const holders = new Set([...detail.holdings.map((h) => h.owner), ...view.owners.map((o) => o.address)]);
    let shareSum = 0n;
    let voters = 0n;
    let votingShares = 0n;
    for (const owner of holders) {
      const holding: HoldingRow | undefined = detail.holdings.find((h) => h.owner === owner);
      const balance = await readContract(client, {
        address,
        abi: GeneratorAbi,
        functionName: "balanceOf",
        args: [owner],
      });
      assert.equal(holding?.shares ?? 0n, balance, `shares of ${owner} in ${address} equal balanceOf`);
      const [voted, price] = await readContract(client, {
        address,
        abi: GeneratorAbi,
        functionName: "voteOf",
        args: [owner],
      });
      assert.equal(holding?.voted ?? false, voted, `vote of ${owner}`);
      assert.equal(holding?.votePriceWeiPerUnit ?? 0n, price);
      shareSum += balance;
      if (voted) {
        voters++;
        votingShares += balance;
      }
    }
    assert.equal(detail.voterCount, voters);
    assert.equal(votingShares, state.votingShares);
    assert.equal(detail.ownerCount, BigInt(detail.holdings.filter((h) => h.shares > 0n).length));
    // Before any refund the allocation sums to exactly 10,000.
    if (address === story.generator) assert.equal(shareSum, 10_000n);
    const claimedByHolders = detail.holdings.reduce((sum, h) => sum + h.claimedWei, 0n);
    assert.equal(claimedByHolders, detail.claimedWei);
  }
  assert.equal(totals.revenueWei, totalRevenue);
  assert.equal(totals.unitsSold, totalUnits);
  assert.equal(totals.claimedWei, totalClaimed);

  // Accounts: Solar balances, credits, contributions, portfolios.
  const people = [f.deployer, f.consumer, f.provider, f.provider2, ...f.financiers, f.buyer, f.stranger].map(
    (w) => w.account.address,
  );
  for (const address of [...people, story.generator, marketplace, ...(f.sale === null ? [] : [f.sale])]) {
    const account = await store.getAccount(address);
    const balance = await readContract(client, {
      address: token,
      abi: SolarTokenAbi,
      functionName: "balanceOf",
      args: [address],
    });
    assert.equal(account.solarWei, balance, `Solar balance of ${address}`);
    for (const credit of account.credits) {
      const onChain = await readContract(client, {
        address: credit.generator,
        abi: GeneratorAbi,
        functionName: "creditOf",
        args: [address],
      });
      assert.equal(credit.creditMilliUnits, onChain, `credit of ${address}`);
    }
    for (const contribution of account.contributions) {
      const [amountWei, order] = await readContract(client, {
        address: marketplace,
        abi: MarketplaceAbi,
        functionName: "contributionOf",
        args: [contribution.requestId, address],
      });
      assert.equal(contribution.amountWei - contribution.refundedWei, amountWei);
      assert.equal(contribution.order, BigInt(order));
    }
    const portfolio = await getPortfolio(client, { marketplace, account: address });
    for (const holding of portfolio.holdings) {
      const indexed = account.holdings.find((h) => h.generator === holding.generator);
      assert.equal(indexed?.shares ?? 0n, holding.shares, `portfolio shares of ${address}`);
    }
  }
  const buyer = await store.getAccount(f.buyer.account.address);
  assert.equal(buyer.credits.length, 1);
  const provider = await store.getAccount(f.provider.account.address);
  assert.ok(provider.bidIds.length >= 3);

  // Events: the count, newest first, paging by id, and the address filter.
  const dump = await store.dump();
  assert.equal(totals.eventCount, BigInt(dump.events?.length ?? -1));
  assert.equal(await store.eventCount(), totals.eventCount);
  const newest = await store.listActivity({ page: { limit: 5, offset: 0 } });
  assert.equal(newest.length, 5);
  for (let i = 1; i < newest.length; i++)
    assert.ok((newest[i - 1] as { id: bigint }).id > (newest[i] as { id: bigint }).id);
  const older = await store.listActivity({ beforeId: (newest[4] as { id: bigint }).id, page: { limit: 5, offset: 0 } });
  assert.ok((older[0] as { id: bigint }).id < (newest[4] as { id: bigint }).id);
  const strangerFeed = await store.listActivity({
    address: f.stranger.account.address,
    page: { limit: 1000, offset: 0 },
  });
  assert.ok(strangerFeed.some((row) => row.eventName === "TokensPurchased"));
  assert.ok(strangerFeed.some((row) => row.eventName === "RevenueClaimed"));
  for (const row of strangerFeed) {
    const named = [row.address, ...Object.values(row.args)].map((v) => String(v).toLowerCase());
    assert.ok(named.includes(f.stranger.account.address.toLowerCase()));
  }
}

async function chainHead(f: Fixture): Promise<bigint> {
  return f.publicClient.getBlockNumber({ cacheTime: 0 });
}

/** The suite for one backend; each test skips, saying why, when the backend is not there. */
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

  it("DX1-DX9: a whole lifecycle indexed equals the contracts' own views", async () => {
    const f = await drexFixture();
    const story = await lifecycle(f);
    const store = await stores.open();
    const result = await indexAll(f, store);
    assert.ok(result.events > 50);
    assert.equal(result.toBlock, await chainHead(f));
    await assertMatchesChain(f, store, story);

    // The reads the API shows, by filter.
    const cancelled = await store.listRequests({ phase: "Cancelled", page: { limit: 10, offset: 0 } });
    assert.deepEqual(
      cancelled.map((r) => r.requestId),
      [story.cancelledRequestId],
    );
    const byProvider2 = await store.listRequests({
      provider: f.provider2.account.address,
      page: { limit: 10, offset: 0 },
    });
    assert.deepEqual(
      byProvider2.map((r) => r.requestId),
      [story.requestId],
    );
    const byCreator = await store.listRequests({ creator: f.consumer.account.address, page: { limit: 2, offset: 1 } });
    assert.equal(byCreator.length, 2);
    const request = await store.getRequest(story.requestId);
    assert.equal(request?.bids.length, 2);
    assert.equal(request?.bids.find((b) => b.provider === getAddress(f.provider2.account.address))?.withdrawn, true);
    assert.equal(request?.phase, "Active");
    assert.equal((await store.getRequest(story.failedRequestId))?.refundedWei, parseSolar("1000"));
    const active = await store.listGenerators({ active: true, page: { limit: 10, offset: 0 } });
    assert.deepEqual(
      active.map((g) => g.address),
      [story.generator],
    );
    const detail = await store.getGenerator(story.generator);
    const p = (s: string) => parseSolar(s);
    assert.deepEqual(
      detail?.priceHistory.map((point) => point.priceWeiPerUnit),
      [
        p("0.2"), // a (5,834 shares) votes
        (5_834n * p("0.2") + 2_500n * p("0.3")) / 8_334n, // b (2,500) votes
        p("0.2"), // b's vote lapses with the last share sold
        (5_734n * p("0.2") + 1_666n * p("0.25")) / 7_400n, // c votes, after a sold 100 shares to the buyer
        (5_634n * p("0.2") + 1_766n * p("0.25")) / 7_400n, // a moves 100 shares to c: no vote event
        p("0.2"), // c withdraws
      ],
    );
    assert.equal(await store.getGenerator(getAddress(f.deployer.account.address)), null);
    const unknown = await store.getAccount("0x00000000000000000000000000000000000000aa");
    assert.deepEqual(unknown, {
      address: getAddress("0x00000000000000000000000000000000000000aa"),
      solarWei: 0n,
      holdings: [],
      contributions: [],
      credits: [],
      requestIds: [],
      bidIds: [],
    });
  });

  it("resumes after a stop: half indexed, stopped, continued by a new indexer, equals one pass", async () => {
    const f = await drexFixture();
    await lifecycle(f);
    const head = await chainHead(f);
    const half = (head + f.drex.fromBlock) / 2n;

    const resumed = await stores.open();
    const first = indexer(f, resumed, { confirmations: Number(head - half), batchBlocks: 7 });
    await first.start();
    assert.equal(first.indexedBlock, half);
    await first.stop();
    assert.deepEqual(await resumed.getCursor().then((c) => c?.blockNumber), half);
    const second = indexer(f, resumed, { batchBlocks: 5 });
    assert.equal((await second.catchUp()).toBlock, head);

    const oneShot = await stores.open();
    await indexAll(f, oneShot);
    assert.deepEqual(await resumed.dump(), await oneShot.dump());
    // Nothing new: a third pass changes nothing.
    assert.equal((await indexer(f, resumed).catchUp()).events, 0);
    assert.deepEqual(await resumed.dump(), await oneShot.dump());
  });

  it("commits are idempotent: every batch committed twice gives the same tables as once", async () => {
    const f = await drexFixture();
    await lifecycle(f);
    const batches: CommitBatch[] = [];
    const recorded = await stores.open();
    const recording: Store = Object.create(recorded, {
      commit: {
        value: async (batch: CommitBatch) => {
          batches.push(batch);
          await recorded.commit(batch);
        },
      },
    });
    await indexer(f, recording, { batchBlocks: 4 }).catchUp();
    assert.ok(batches.length > 5);

    const twice = await stores.open();
    for (const batch of batches) {
      await twice.commit(batch);
      const once = await twice.dump();
      await twice.commit(batch);
      assert.deepEqual(await twice.dump(), once);
    }
    assert.deepEqual(await twice.dump(), await recorded.dump());
  });

  it("a full rebuild from the chain gives the same tables as indexing along the way", async () => {
    const f = await drexFixture();
    const incremental = await stores.open();
    const follower = indexer(f, incremental, { batchBlocks: 3 });
    await lifecycle(f, async () => {
      await follower.catchUp();
    });
    await follower.catchUp();

    const rebuilt = await stores.open();
    await indexAll(f, rebuilt, 100_000);
    assert.deepEqual(await incremental.dump(), await rebuilt.dump());
    assert.deepEqual(await incremental.loadProjections(), await rebuilt.loadProjections());
  });

  it("a reorg: blocks replaced after the index saw them are rolled back and the new ones indexed", async () => {
    const f = await drexFixture();
    const { generator } = await f.activeGenerator();
    const [a, b] = f.financiers;
    await votePrice(a, { generator, priceWeiPerUnit: parseSolar("0.2") });
    const fork = (await f.connection.provider.request({ method: "evm_snapshot" })) as string;
    const forkBlock = await chainHead(f);

    // The chain the index sees first: b votes, buyer buys, a sells shares to the stranger.
    await votePrice(b, { generator, priceWeiPerUnit: parseSolar("0.5") });
    await buyEnergy(f.buyer, { generator, units: 5n });
    await transferShares(a, { generator, to: f.stranger.account.address, shares: 5_000n });
    const store = await stores.open();
    const warnings: string[] = [];
    const follower = indexer(f, store, { warnings });
    await follower.catchUp();
    const abandonedHead = await chainHead(f);
    assert.ok((await store.getAccount(f.stranger.account.address)).holdings.length > 0);

    // The replacement, one block longer: other votes, another buyer, no share sale.
    assert.equal(await f.connection.provider.request({ method: "evm_revert", params: [fork] }), true);
    assert.equal(await chainHead(f), forkBlock);
    await votePrice(b, { generator, priceWeiPerUnit: parseSolar("0.1") });
    await buyEnergy(f.consumer, { generator, units: 2n });
    await claimRevenue(a, { generator });
    await f.networkHelpers.mine(1);
    assert.ok((await chainHead(f)) > abandonedHead);

    await follower.catchUp();
    assert.deepEqual(warnings, ["chain reorganised; rolled the index back"]);
    const fresh = await stores.open();
    await indexAll(f, fresh);
    assert.deepEqual(await store.dump(), await fresh.dump());
    assert.deepEqual((await store.getAccount(f.stranger.account.address)).holdings, []);
    const detail = await store.getGenerator(generator);
    assert.equal(
      detail?.priceWeiPerUnit,
      await readContract(f.publicClient, { address: generator, abi: GeneratorAbi, functionName: "getAvg" }),
    );

    // A replacement shorter than what was indexed is noticed too (the indexed block no longer exists).
    const fork2 = (await f.connection.provider.request({ method: "evm_snapshot" })) as string;
    await buyEnergy(f.buyer, { generator, units: 1n });
    await buyEnergy(f.buyer, { generator, units: 1n });
    await follower.catchUp();
    await f.connection.provider.request({ method: "evm_revert", params: [fork2] });
    await buyEnergy(f.consumer, { generator, units: 4n });
    await follower.catchUp();
    assert.equal(warnings.length, 2);
    const fresh2 = await stores.open();
    await indexAll(f, fresh2);
    assert.deepEqual(await store.dump(), await fresh2.dump());
  });
}

describe("index store on SQLite", () => {
  backendSuite("sqlite", () => null);
});

describe("index store on PostgreSQL", () => {
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
  test("one reducer: SQLite and PostgreSQL hold the very same rows for the same chain", async (t) => {
    const reason = unavailable();
    if (reason !== null) {
      t.skip(reason);
      return;
    }
    const f = await drexFixture();
    await lifecycle(f);
    const [onSqlite, onPostgres] = [await sqlite.open(), await postgres.open()];
    await indexAll(f, onSqlite);
    await indexAll(f, onPostgres, 6);
    assert.deepEqual(await onPostgres.dump(), await onSqlite.dump());
    assert.deepEqual(
      await onPostgres.listActivity({ page: { limit: 50, offset: 10 } }),
      await onSqlite.listActivity({ page: { limit: 50, offset: 10 } }),
    );
  });
});
