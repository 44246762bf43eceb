// Follows the chain and keeps the store's index of D-REX events and projections up to date: catches up from the
// store's cursor, then polls the head (minus the confirmations). It asks for logs by event signature, not by address,
// because generators are clones created over time; it keeps the logs of the token, the sale, the marketplace and the
// generators the marketplace created, in (block, log index) order, so a generator is known before its first log. The
// measured-energy modules' logs go the same way to their own reducer (energyProjection.ts), pools learnt as the
// factory creates them; the Distribute Protocol's logs to theirs (distributeProjection.ts).
import type { Chain, Client, Hex, Transport } from "viem";
import { hexToBigInt, toHex } from "viem";
import { readContract } from "viem/actions";
import { MarketplaceAbi } from "../../sdk/abi/Marketplace.ts";
import type { Deployment } from "../deployment.ts";
import type { DistributeEventRow } from "../store/distributeViews.ts";
import type { EnergyEventRow } from "../store/energyViews.ts";
import type { Cursor, Store, StoredBlock } from "../store/Store.ts";
import type { ActivityRow } from "../store/views.ts";
import { ContractDirectory, DREX_EVENT_TOPICS, decodeLog, LOGS_PER_BLOCK_ID_SPACE, type RawLog } from "./decodeLog.ts";
import { DISTRIBUTE_EVENT_TOPICS, DistributeDirectory, decodeDistributeLog } from "./distributeDecode.ts";
import { DistributeProjection } from "./distributeProjection.ts";
import { decodeEnergyLog, ENERGY_EVENT_TOPICS, EnergyDirectory } from "./energyDecode.ts";
import { EnergyProjection } from "./energyProjection.ts";
import { ChainMovedError, IndexerFatalError, IndexerStoppedError, isRangeTooLarge, isRetryable } from "./errors.ts";
import { Projection } from "./projection.ts";

/** Structured logging, pino's shape: fields first, then the message. */
export type IndexerLog = {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

const SILENT: IndexerLog = { debug() {}, info() {}, warn() {}, error() {} };

export type IndexerOptions = {
  /** Any viem client: the in-process chain's or an HTTP one. */
  client: Client<Transport, Chain | undefined>;
  deployment: Deployment;
  store: Store;
  /** Blocks an event must be buried under before it is indexed. */
  confirmations: number;
  /** The widest block range one eth_getLogs asks for (narrowed on its own when a node refuses). Default 2,000. */
  batchBlocks?: number;
  /** How often to look for new blocks while following the head. Default 1,000 ms. */
  pollIntervalMs?: number;
  /** Backoff between retries of a failed step: doubling from `initial` up to `max`. Default 250 ms to 30 s. */
  retryDelayMs?: { initial: number; max: number };
  /** Called after every commit with the rows it added and the new cursor (for live feeds). */
  onCommit?: (rows: ActivityRow[], cursor: Cursor) => void;
  /** Called once if following the head stops on an error that retrying cannot fix. */
  onFatal?: (error: IndexerFatalError) => void;
  log?: IndexerLog;
};

export type CatchUpResult = { events: number; toBlock: bigint };

type BlockHeader = { hash: Hex; timestamp: bigint };

type Waiter = { blockNumber: bigint; resolve: () => void; reject: (error: unknown) => void };

const REPLAY_PAGE = 10_000;
const ANCESTOR_PAGE = 64;
const HEADER_CONCURRENCY = 8;
const LOGS_PER_COMMIT = 20_000;

export class Indexer {
  private readonly client: Client<Transport, Chain | undefined>;
  private readonly deployment: Deployment;
  private readonly store: Store;
  private readonly confirmations: bigint;
  private readonly maxSpan: bigint;
  private readonly pollIntervalMs: number;
  private readonly retryDelayMs: { initial: number; max: number };
  private readonly onCommit: IndexerOptions["onCommit"];
  private readonly onFatal: IndexerOptions["onFatal"];
  private readonly log: IndexerLog;

  private acceptancePeriodSeconds: bigint | null = null;
  /** Null until loaded from the store, and again after a failed step left it ahead of the store. */
  private projection: Projection | null = null;
  private directory: ContractDirectory | null = null;
  private energyProjection: EnergyProjection | null = null;
  private energyDirectory: EnergyDirectory | null = null;
  private distributeProjection: DistributeProjection | null = null;
  private readonly distributeDirectory: DistributeDirectory;
  private readonly topics: Hex[];
  private cursor: Cursor | null = null;
  private span: bigint;

  private exclusive: Promise<unknown> = Promise.resolve();
  private following: Promise<void> | null = null;
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private poked = false;
  private fatal: IndexerFatalError | null = null;
  private waiters: Waiter[] = [];

  constructor(options: IndexerOptions) {
    if (!Number.isSafeInteger(options.confirmations) || options.confirmations < 0) {
      throw new RangeError(`confirmations must be a non-negative integer, not ${options.confirmations}`);
    }
    this.client = options.client;
    this.deployment = options.deployment;
    this.store = options.store;
    this.confirmations = BigInt(options.confirmations);
    this.maxSpan = BigInt(Math.max(1, options.batchBlocks ?? 2_000));
    this.span = this.maxSpan;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retryDelayMs = options.retryDelayMs ?? { initial: 250, max: 30_000 };
    this.onCommit = options.onCommit;
    this.onFatal = options.onFatal;
    this.log = options.log ?? SILENT;
    this.topics = [
      ...new Set([
        ...DREX_EVENT_TOPICS,
        ...(options.deployment.energy === null ? [] : ENERGY_EVENT_TOPICS),
        ...(options.deployment.distribute === null ? [] : DISTRIBUTE_EVENT_TOPICS),
      ]),
    ];
    this.distributeDirectory = new DistributeDirectory(options.deployment.distribute);
  }

  /** The last block the store covers; the block before the deployment's when nothing is indexed yet. */
  get indexedBlock(): bigint {
    return this.cursor?.blockNumber ?? this.deployment.fromBlock - 1n;
  }

  /**
   * Catches up, then follows the head in the background until `stop()`. Resolves once the first catch-up is done;
   * rejects if it fails on an error that retrying cannot fix.
   */
  async start(): Promise<void> {
    if (this.following !== null) throw new Error("the indexer is already running");
    this.stopping = false;
    this.fatal = null;
    let firstDone: () => void = () => {};
    let firstFailed: (error: unknown) => void = () => {};
    const first = new Promise<void>((resolve, reject) => {
      firstDone = resolve;
      firstFailed = reject;
    });
    this.following = this.follow(firstDone, firstFailed);
    await first;
  }

  /** Indexes right away rather than at the next poll: for a caller that knows a block was just mined. */
  poke(): void {
    this.poked = true;
    this.wakeSleepers();
  }

  /** Stops following the head; resolves when the step under way has finished. Pending waitForBlock calls reject. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleepers();
    const following = this.following;
    this.following = null;
    await following;
    await this.exclusive.catch(() => {});
    const stopped = new IndexerStoppedError();
    for (const waiter of this.waiters.splice(0)) waiter.reject(stopped);
  }

  /** Indexes every confirmed block not yet indexed. Waits out RPC and database outages; throws on anything else. */
  catchUp(): Promise<CatchUpResult> {
    const run = this.exclusive.then(
      () => this.catchUpNow(),
      () => this.catchUpNow(),
    );
    this.exclusive = run.catch(() => {});
    return run;
  }

  /** Resolves once `blockNumber` is indexed; rejects if the indexer stops (on a fatal error or `stop()`) first. */
  waitForBlock(blockNumber: bigint): Promise<void> {
    if (this.indexedBlock >= blockNumber) return Promise.resolve();
    if (this.fatal !== null) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => this.waiters.push({ blockNumber, resolve, reject }));
  }

  // ---------------------------------------------------------------- following

  private async follow(firstDone: () => void, firstFailed: (error: unknown) => void): Promise<void> {
    let first = true;
    while (!this.stopping) {
      try {
        await this.catchUp();
      } catch (error) {
        const fatal = error instanceof IndexerFatalError ? error : new IndexerFatalError(String(error), error);
        this.fatal = fatal;
        this.log.error({ error: describe(error) }, "indexer stopped");
        for (const waiter of this.waiters.splice(0)) waiter.reject(fatal);
        if (first) firstFailed(fatal);
        else this.onFatal?.(fatal);
        return;
      }
      if (first) {
        first = false;
        firstDone();
      }
      await this.sleep(this.pollIntervalMs);
    }
    if (first) firstDone();
  }

  /** Waits `ms`, or less if poked or stopped meanwhile; a poke that came while awake cuts the next wait. */
  private sleep(ms: number): Promise<void> {
    if (this.poked || this.stopping) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.sleepers.delete(finish);
        this.poked = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.sleepers.add(finish);
    });
  }

  private wakeSleepers(): void {
    for (const finish of [...this.sleepers]) finish();
  }

  // ---------------------------------------------------------------- catching up

  private async catchUpNow(): Promise<CatchUpResult> {
    let events = 0;
    let failures = 0;
    let target: bigint | null = null;
    while (!this.stopping) {
      try {
        await this.load();
        target ??= (await this.headNumber()) - this.confirmations;
        if (this.cursor !== null && (await this.hashAt(this.cursor.blockNumber)) !== this.cursor.blockHash) {
          await this.recoverFromReorg();
          continue;
        }
        const from = this.indexedBlock + 1n;
        if (from > target) break;
        const to = from + this.span - 1n < target ? from + this.span - 1n : target;
        const step = await this.indexRange(from, to);
        events += step.events;
        failures = 0;
        // Keep each commit to a few seconds' work at most (SQLite's holds the event loop): narrow the range on
        // dense stretches of chain, widen it again on sparse ones.
        if (step.logs > LOGS_PER_COMMIT && this.span > 1n) this.span /= 2n;
        else if (step.logs < LOGS_PER_COMMIT / 4 && this.span < this.maxSpan) {
          this.span = this.span * 2n > this.maxSpan ? this.maxSpan : this.span * 2n;
        }
      } catch (error) {
        // Whatever the step changed in memory may be ahead of the store: start again from what was committed.
        this.projection = null;
        this.directory = null;
        this.energyProjection = null;
        this.energyDirectory = null;
        this.distributeProjection = null;
        if (isRangeTooLarge(error) && this.span > 1n) {
          this.span /= 2n;
          this.log.debug({ blocks: this.span.toString() }, "narrowing the eth_getLogs range");
          continue;
        }
        if (!isRetryable(error)) {
          throw error instanceof IndexerFatalError ? error : new IndexerFatalError(describe(error), error);
        }
        failures++;
        const delayMs = Math.min(this.retryDelayMs.max, this.retryDelayMs.initial * 2 ** Math.min(failures - 1, 16));
        this.log.warn({ error: describe(error), attempt: failures, delayMs }, "indexing failed; retrying");
        await this.sleep(delayMs);
      }
    }
    return { events, toBlock: this.indexedBlock };
  }

  /** Reads what the store holds: the cursor, the projection state, the marketplace's acceptance period. */
  private async load(): Promise<void> {
    if (this.acceptancePeriodSeconds === null) {
      this.acceptancePeriodSeconds = await readContract(this.client, {
        address: this.deployment.addresses.marketplace,
        abi: MarketplaceAbi,
        functionName: "acceptancePeriod",
      });
    }
    if (this.projection === null) {
      this.projection = new Projection(
        { acceptancePeriodSeconds: this.acceptancePeriodSeconds },
        await this.store.loadProjections(),
      );
      this.energyProjection = new EnergyProjection(this.deployment.energy, await this.store.loadEnergyState());
      this.distributeProjection = new DistributeProjection(await this.store.loadDistributeState());
      this.cursor = await this.store.getCursor();
    }
    if (this.directory === null) {
      const projection = this.projection;
      this.directory = new ContractDirectory(this.deployment.addresses, (address) => projection.isGenerator(address));
    }
    if (this.energyDirectory === null) {
      const energy = this.energyProjection as EnergyProjection;
      this.energyDirectory = new EnergyDirectory(this.deployment.energy, (address) => energy.isPool(address));
    }
  }

  private async indexRange(from: bigint, to: bigint): Promise<{ events: number; logs: number }> {
    const projection = this.projection as Projection;
    const directory = this.directory as ContractDirectory;
    const energyProjection = this.energyProjection as EnergyProjection;
    const energyDirectory = this.energyDirectory as EnergyDirectory;
    const distributeProjection = this.distributeProjection as DistributeProjection;
    const started = performance.now();
    const toHeader = await this.header(to);
    if (toHeader === null) throw new ChainMovedError(to, "the block is gone");
    const logs = await this.logs(from, to);
    const headers = await this.timestampsFor(logs);
    // The range's logs and its last block must come from one chain, continuing the indexed one.
    const [toAgain, cursorAgain] = await Promise.all([
      this.hashAt(to),
      this.cursor === null ? Promise.resolve(null) : this.hashAt(this.cursor.blockNumber),
    ]);
    if (toAgain !== toHeader.hash) throw new ChainMovedError(to, "its hash changed during the read");
    if (this.cursor !== null && cursorAgain !== this.cursor.blockHash) {
      throw new ChainMovedError(this.cursor.blockNumber, "the indexed block was replaced");
    }

    const rows: ActivityRow[] = [];
    const energyRows: EnergyEventRow[] = [];
    const distributeRows: DistributeEventRow[] = [];
    const blocks = new Map<bigint, StoredBlock>();
    for (const log of logs) {
      if (log.removed === true) continue;
      const contract = directory.kindOf(log.address);
      const energyContract = contract === null ? energyDirectory.kindOf(log.address) : null;
      const distributeContract =
        contract === null && energyContract === null ? this.distributeDirectory.kindOf(log.address) : null;
      if (contract === null && energyContract === null && distributeContract === null) continue;
      const blockNumber = BigInt(log.blockNumber);
      let block = blocks.get(blockNumber);
      if (block === undefined) {
        const timestamp =
          log.blockTimestamp !== undefined && log.blockTimestamp !== null
            ? hexToBigInt(log.blockTimestamp)
            : (headers.get(log.blockHash) as BlockHeader).timestamp;
        block = { blockNumber, blockHash: log.blockHash, timestamp };
        blocks.set(blockNumber, block);
      } else if (block.blockHash !== log.blockHash) {
        throw new ChainMovedError(blockNumber, "logs of one block came with two hashes");
      }
      if (blockNumber === to && log.blockHash !== toHeader.hash) {
        throw new ChainMovedError(to, "a log's block hash differs from the block's");
      }
      if (distributeContract !== null) {
        const distributeRow = decodeDistributeLog(log, distributeContract, directory, block.timestamp);
        if (distributeRow === null) continue;
        distributeProjection.apply(distributeRow);
        distributeRows.push(distributeRow);
        continue;
      }
      if (energyContract !== null) {
        const energyRow = decodeEnergyLog(log, energyContract, directory, block.timestamp);
        if (energyRow === null) continue;
        energyProjection.apply(energyRow);
        energyRows.push(energyRow);
        continue;
      }
      const row = decodeLog(log, contract as NonNullable<typeof contract>, directory, block.timestamp);
      projection.apply(row);
      rows.push(row);
    }
    const changes = projection.takeChanges();
    const cursor: Cursor = { blockNumber: to, blockHash: toHeader.hash };
    await this.store.commit({
      events: rows,
      blocks: [...blocks.values()],
      rows: changes.rows,
      priceHistory: changes.priceHistory,
      energyEvents: energyRows,
      energy: energyProjection.takeChanges(),
      distributeEvents: distributeRows,
      distribute: distributeProjection.takeChanges(),
      cursor,
    });
    this.cursor = cursor;
    this.log.debug(
      {
        fromBlock: from.toString(),
        toBlock: to.toString(),
        logs: logs.length,
        events: rows.length,
        energyEvents: energyRows.length,
        distributeEvents: distributeRows.length,
        ms: Math.round(performance.now() - started),
      },
      "indexed",
    );
    try {
      this.onCommit?.(rows, cursor);
    } catch (error) {
      // A subscriber's failure is its own: the rows are committed and indexing goes on.
      this.log.error({ error: describe(error) }, "onCommit failed");
    }
    this.settleWaiters();
    return { events: rows.length + energyRows.length + distributeRows.length, logs: logs.length };
  }

  private settleWaiters(): void {
    const indexed = this.indexedBlock;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.blockNumber > indexed) return true;
      waiter.resolve();
      return false;
    });
  }

  // ---------------------------------------------------------------- reorgs

  /**
   * The indexed block at the cursor is no longer on the chain: finds the newest stored block that still is, replays
   * the stored events up to it into fresh projections and rolls the store back to it, all in one transaction.
   */
  private async recoverFromReorg(): Promise<void> {
    const abandoned = this.cursor as Cursor;
    let ancestor: StoredBlock | null = null;
    let below = abandoned.blockNumber + 1n;
    search: for (;;) {
      const candidates = await this.store.blocksBelow(below, ANCESTOR_PAGE);
      for (const block of candidates) {
        if ((await this.hashAt(block.blockNumber)) === block.blockHash) {
          ancestor = block;
          break search;
        }
      }
      const oldest = candidates[candidates.length - 1];
      if (oldest === undefined) break;
      below = oldest.blockNumber;
    }
    const keepUpTo = ancestor?.blockNumber ?? this.deployment.fromBlock - 1n;
    const projection = new Projection({ acceptancePeriodSeconds: this.acceptancePeriodSeconds as bigint });
    const upToId = (keepUpTo + 1n) * LOGS_PER_BLOCK_ID_SPACE - 1n;
    for (let afterId = -1n; ; ) {
      const page = await this.store.readEvents(afterId, upToId, REPLAY_PAGE);
      for (const row of page) projection.apply(row);
      const last = page[page.length - 1];
      if (last === undefined || page.length < REPLAY_PAGE) break;
      afterId = last.id;
    }
    const energyProjection = new EnergyProjection(this.deployment.energy);
    for (let afterId = -1n; ; ) {
      const page = await this.store.readEnergyEvents(afterId, upToId, REPLAY_PAGE);
      for (const row of page) energyProjection.apply(row);
      const last = page[page.length - 1];
      if (last === undefined || page.length < REPLAY_PAGE) break;
      afterId = last.id;
    }
    const distributeProjection = new DistributeProjection();
    for (let afterId = -1n; ; ) {
      const page = await this.store.readDistributeEvents(afterId, upToId, REPLAY_PAGE);
      for (const row of page) distributeProjection.apply(row);
      const last = page[page.length - 1];
      if (last === undefined || page.length < REPLAY_PAGE) break;
      afterId = last.id;
    }
    this.cursor = await this.store.rollbackTo(keepUpTo, {
      ...projection.takeChanges(),
      energy: energyProjection.takeChanges(),
      distribute: distributeProjection.takeChanges(),
    });
    this.projection = projection;
    this.directory = null;
    this.energyProjection = energyProjection;
    this.energyDirectory = null;
    this.distributeProjection = distributeProjection;
    this.log.warn(
      {
        abandonedBlock: abandoned.blockNumber.toString(),
        abandonedHash: abandoned.blockHash,
        keptUpToBlock: keepUpTo.toString(),
      },
      "chain reorganised; rolled the index back",
    );
  }

  // ---------------------------------------------------------------- RPC

  private async headNumber(): Promise<bigint> {
    return hexToBigInt((await this.client.request({ method: "eth_blockNumber" } as never)) as Hex);
  }

  private async header(blockNumber: bigint): Promise<BlockHeader | null> {
    const block = (await this.client.request({
      method: "eth_getBlockByNumber",
      params: [toHex(blockNumber), false],
    } as never)) as { hash: Hex; timestamp: Hex } | null;
    return block === null ? null : { hash: block.hash, timestamp: hexToBigInt(block.timestamp) };
  }

  private async hashAt(blockNumber: bigint): Promise<Hex | null> {
    return (await this.header(blockNumber))?.hash ?? null;
  }

  private async logs(from: bigint, to: bigint): Promise<RawLog[]> {
    const logs = (await this.client.request({
      method: "eth_getLogs",
      params: [{ fromBlock: toHex(from), toBlock: toHex(to), topics: [this.topics] }],
    } as never)) as RawLog[];
    // Nodes return logs in chain order; sort only if one does not, as the reducer depends on it.
    for (let i = 1; i < logs.length; i++) {
      if (compareLogs(logs[i - 1] as RawLog, logs[i] as RawLog) > 0) {
        logs.sort(compareLogs);
        break;
      }
    }
    return logs;
  }

  /** Block headers for logs that do not carry their block's timestamp, by block hash. */
  private async timestampsFor(logs: RawLog[]): Promise<Map<Hex, BlockHeader>> {
    const missing = new Map<Hex, bigint>();
    for (const log of logs) {
      if (log.blockTimestamp === undefined || log.blockTimestamp === null) {
        missing.set(log.blockHash, hexToBigInt(log.blockNumber));
      }
    }
    const headers = new Map<Hex, BlockHeader>();
    const pending = [...missing];
    const worker = async () => {
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const [hash, blockNumber] = next;
        const header = await this.header(blockNumber);
        if (header === null || header.hash !== hash)
          throw new ChainMovedError(blockNumber, "a log's block was replaced");
        headers.set(hash, header);
      }
    };
    await Promise.all(Array.from({ length: Math.min(HEADER_CONCURRENCY, pending.length) }, worker));
    return headers;
  }
}

function compareLogs(a: RawLog, b: RawLog): number {
  const blocks = BigInt(a.blockNumber) - BigInt(b.blockNumber);
  if (blocks !== 0n) return blocks < 0n ? -1 : 1;
  return Number(a.logIndex) - Number(b.logIndex);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
}
