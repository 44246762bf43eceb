// The embedded chain: Hardhat's in-process EVM (EDR) made durable. Transactions are not mined on arrival; a miner
// loop takes everything that arrived, mines it into one block, writes the block to the journal and only then answers
// the senders. On start the journal is replayed block by block, each block's hash checked against the one recorded,
// so the chain comes back exactly as it was — after a clean stop or a `kill -9`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { EthereumProvider as HardhatProvider } from "hardhat/types/providers";
import { type Hash, type Hex, keccak256 } from "viem";
import { DrexError } from "../../sdk/errors.ts";
import { DEV_ETHER_WEI, devAccounts } from "./devAccounts.ts";
import { type JournalBlock, JournalWriter, readJournal } from "./journal.ts";

export const EMBEDDED_CHAIN_ID = 31337;

type ChainFile = { chainId: number; genesisTimestampSeconds: string };

export type MinedTransaction = { hash: Hash; blockNumber: bigint; status: "success" | "reverted" };

export type EmbeddedChainOptions = {
  dataDir: string;
  /** Called after each block is durable; the indexer uses it instead of polling. */
  onBlock?: (blockNumber: bigint) => void;
  /** Progress while the journal replays. */
  onReplayProgress?: (replayedBlocks: number, totalBlocks: number) => void;
};

/** EDR refused a transaction outright (bad signature, nonce too low, too little ether for gas): nothing was mined. */
export class ChainRejectedTransactionError extends DrexError {
  override name = "ChainRejectedTransactionError";
  readonly hash: Hash;
  readonly reason: string;
  constructor(hash: Hash, reason: string) {
    super(`The chain refused the transaction: ${reason}`, { details: `transaction ${hash}` });
    this.hash = hash;
    this.reason = reason;
  }
}

/** Replaying the journal produced a different block: the data folder and this version of the node disagree. */
export class JournalReplayDivergedError extends DrexError {
  override name = "JournalReplayDivergedError";
  constructor(blockNumber: bigint, expected: Hash, actual: Hash) {
    super(`Replaying block ${blockNumber} gave a different block than the journal recorded.`, {
      details: `expected hash ${expected}, got ${actual}`,
    });
  }
}

type Waiter = {
  raw: Hex;
  hash: Hash;
  resolve: (mined: MinedTransaction) => void;
  reject: (error: Error) => void;
};

/**
 * Why a block is mined: transactions arrived; the last block was full and the mempool still holds some; or someone
 * asked for a block (an empty one if need be).
 */
type MiningMode = "incoming" | "drain" | "forced";

/** A transaction waiting in EDR's mempool for a lower nonce gives up after this long. */
const QUEUED_TRANSACTION_TIMEOUT_MS = 30_000;

export class EmbeddedChain {
  readonly chainId = EMBEDDED_CHAIN_ID;
  readonly provider: HardhatProvider;
  readonly #journal: JournalWriter;
  readonly #onBlock: ((blockNumber: bigint) => void) | undefined;
  #offsetSeconds: bigint;
  #lastTimestampSeconds: bigint;
  #blockNumber: bigint;
  #incoming: Waiter[] = [];
  /** Sent to the mempool but not yet mined (a nonce gap ahead of them), by hash. */
  #queued = new Map<Hash, Waiter & { since: number }>();
  #tail: Promise<void> = Promise.resolve();
  #miningScheduled = false;
  #drainMempool = false;
  #closed = false;

  private constructor(
    provider: HardhatProvider,
    journal: JournalWriter,
    state: { offsetSeconds: bigint; lastTimestampSeconds: bigint; blockNumber: bigint },
    onBlock: ((blockNumber: bigint) => void) | undefined,
  ) {
    this.provider = provider;
    this.#journal = journal;
    this.#offsetSeconds = state.offsetSeconds;
    this.#lastTimestampSeconds = state.lastTimestampSeconds;
    this.#blockNumber = state.blockNumber;
    this.#onBlock = onBlock;
  }

  /** Opens the chain in `dataDir`: creates it on first use, otherwise replays the journal. */
  static async open(options: EmbeddedChainOptions): Promise<{ chain: EmbeddedChain; created: boolean }> {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const chainFile = join(dataDir, "chain.json");
    const journalFile = join(dataDir, "journal.jsonl");
    let created = false;
    let genesis: ChainFile;
    try {
      genesis = JSON.parse(readFileSync(chainFile, "utf8"));
    } catch {
      created = true;
      genesis = { chainId: EMBEDDED_CHAIN_ID, genesisTimestampSeconds: String(Math.floor(Date.now() / 1000)) };
      writeFileSync(chainFile, `${JSON.stringify(genesis, null, 2)}\n`);
    }
    const genesisTimestampSeconds = BigInt(genesis.genesisTimestampSeconds);
    const provider = await createProvider(genesis.chainId, genesisTimestampSeconds);

    const entries = readJournal(journalFile);
    const blocks = entries.filter((e): e is JournalBlock => e.kind === "block");
    let offsetSeconds = 0n;
    let lastTimestampSeconds = genesisTimestampSeconds;
    let blockNumber = 0n;
    let replayed = 0;
    for (const entry of entries) {
      if (entry.kind === "clock") {
        offsetSeconds = entry.offsetSeconds;
        continue;
      }
      await replayBlock(provider, entry);
      lastTimestampSeconds = entry.timestampSeconds;
      blockNumber = entry.number;
      replayed++;
      if (replayed % 1000 === 0) options.onReplayProgress?.(replayed, blocks.length);
    }
    if (blocks.length > 0) options.onReplayProgress?.(replayed, blocks.length);
    const last = blocks.at(-1);
    if (last !== undefined) {
      const hash = await latestBlockHash(provider);
      if (hash !== last.hash) throw new JournalReplayDivergedError(last.number, last.hash, hash);
    }
    const chain = new EmbeddedChain(
      provider,
      new JournalWriter(journalFile),
      { offsetSeconds, lastTimestampSeconds, blockNumber },
      options.onBlock,
    );
    return { chain, created };
  }

  get blockNumber(): bigint {
    return this.#blockNumber;
  }

  /** The timestamp the next block will carry: wall clock plus the development offset, never going back. */
  nextTimestampSeconds(): bigint {
    const now = BigInt(Math.floor(Date.now() / 1000)) + this.#offsetSeconds;
    return now > this.#lastTimestampSeconds ? now : this.#lastTimestampSeconds;
  }

  /**
   * Puts a signed transaction into the next block and resolves once that block is in the journal. Rejects when EDR
   * refuses it outright (bad signature, nonce too low, not enough ether for gas).
   */
  submit(raw: Hex): Promise<MinedTransaction> {
    if (this.#closed) return Promise.reject(new Error("the chain is closed"));
    return new Promise((resolvePromise, rejectPromise) => {
      this.#incoming.push({ raw, hash: keccak256(raw), resolve: resolvePromise, reject: rejectPromise });
      this.#scheduleMining();
    });
  }

  /** Development time travel: moves the clock forward and mines an empty block at the new time. */
  async increaseTime(seconds: bigint): Promise<bigint> {
    if (seconds < 0n) throw new RangeError(`cannot move the clock back (${seconds} s)`);
    this.#offsetSeconds += seconds;
    this.#journal.append({ kind: "clock", offsetSeconds: this.#offsetSeconds });
    await this.mine();
    return this.#offsetSeconds;
  }

  /** Mines a block now, empty if nothing is waiting. */
  mine(): Promise<void> {
    return this.#serialize(() => this.#mineOnce("forced"));
  }

  #scheduleMining(drainMempool = false): void {
    if (drainMempool) this.#drainMempool = true;
    if (this.#miningScheduled) return;
    this.#miningScheduled = true;
    void this.#serialize(async () => {
      // Let every request that arrived in this turn of the event loop join the block.
      await new Promise((r) => setImmediate(r));
      this.#miningScheduled = false;
      const drain = this.#drainMempool;
      this.#drainMempool = false;
      if (this.#incoming.length > 0 || drain) await this.#mineOnce(drain ? "drain" : "incoming");
    }).catch(() => {
      // #mineOnce has already rejected the waiters of the block that failed.
    });
  }

  /** Blocks are mined one at a time, in the order asked for. */
  #serialize(job: () => Promise<void>): Promise<void> {
    const run = this.#tail.then(job);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #mineOnce(mode: MiningMode): Promise<void> {
    const batch = this.#incoming;
    this.#incoming = [];
    try {
      await this.#mineBatch(batch, mode);
    } catch (error) {
      // EDR itself failed: nobody in this block may be told their transaction is mined.
      for (const w of batch) w.reject(error as Error);
      throw error;
    }
  }

  async #mineBatch(batch: Waiter[], mode: MiningMode): Promise<void> {
    let accepted = 0;
    for (const waiter of batch) {
      try {
        await this.provider.request({ method: "eth_sendRawTransaction", params: [waiter.raw] });
        this.#queued.set(waiter.hash, { ...waiter, since: Date.now() });
        accepted++;
      } catch (error) {
        waiter.reject(new ChainRejectedTransactionError(waiter.hash, (error as Error).message));
      }
    }
    // Nothing new for the block: a batch that EDR refused entirely leaves the chain as it was.
    if (accepted === 0 && mode === "incoming") return;
    if (accepted === 0 && mode === "drain" && !(await this.#mempoolHasMineable())) return;
    const timestampSeconds = this.nextTimestampSeconds();
    await this.provider.request({ method: "evm_mine", params: [Number(timestampSeconds)] });
    const block = (await this.provider.request({
      method: "eth_getBlockByNumber",
      params: ["latest", false],
    })) as { number: Hex; hash: Hash; transactions: Hash[] };
    const mined: Waiter[] = [];
    for (const hash of block.transactions) {
      const waiter = this.#queued.get(hash);
      if (!waiter) throw new Error(`block ${block.number} holds ${hash}, which the node did not send`);
      this.#queued.delete(hash);
      mined.push(waiter);
    }
    const number = BigInt(block.number);
    this.#journal.append({
      kind: "block",
      number,
      timestampSeconds,
      hash: block.hash,
      rawTransactions: mined.map((w) => w.raw),
    });
    this.#lastTimestampSeconds = timestampSeconds;
    this.#blockNumber = number;
    const statuses = await Promise.all(
      mined.map(
        (w) =>
          this.provider.request({ method: "eth_getTransactionReceipt", params: [w.hash] }) as Promise<{ status: Hex }>,
      ),
    );
    mined.forEach((w, i) => {
      w.resolve({ hash: w.hash, blockNumber: number, status: statuses[i]?.status === "0x1" ? "success" : "reverted" });
    });
    await this.#dropStaleQueued();
    this.#onBlock?.(number);
    // A full block leaves transactions in the mempool: keep mining until a block takes none of them (the rest
    // wait for a nonce that has not arrived).
    if (mined.length > 0 && this.#queued.size > 0) this.#scheduleMining(true);
  }

  /** Whether the next block would take any transaction (EDR's pending block lists what it would mine). */
  async #mempoolHasMineable(): Promise<boolean> {
    const pending = (await this.provider.request({ method: "eth_getBlockByNumber", params: ["pending", false] })) as {
      transactions: Hash[];
    };
    return pending.transactions.length > 0;
  }

  async #dropStaleQueued(): Promise<void> {
    const now = Date.now();
    for (const [hash, waiter] of this.#queued) {
      if (now - waiter.since < QUEUED_TRANSACTION_TIMEOUT_MS) continue;
      this.#queued.delete(hash);
      await this.provider.request({ method: "hardhat_dropTransaction", params: [hash] });
      waiter.reject(new ChainRejectedTransactionError(hash, "its nonce leaves a gap that no transaction filled"));
    }
  }

  /** Resolves when every block asked for so far is mined and journaled. */
  settled(): Promise<void> {
    return this.#tail;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    for (const w of [...this.#incoming, ...this.#queued.values()]) w.reject(new Error("the chain is closed"));
    this.#journal.close();
    await this.provider.close();
  }
}

async function createProvider(chainId: number, genesisTimestampSeconds: bigint): Promise<HardhatProvider> {
  const hre = await createHardhatRuntimeEnvironment(
    {
      networks: {
        drex: {
          type: "edr-simulated",
          chainType: "l1",
          chainId,
          hardfork: "cancun",
          initialDate: new Date(Number(genesisTimestampSeconds) * 1000),
          accounts: devAccounts().map((a) => ({ privateKey: a.privateKey, balance: DEV_ETHER_WEI })),
          allowBlocksWithSameTimestamp: true,
          mining: { auto: false, interval: 0, mempool: { order: "fifo" } },
          // Reverted transactions are mined like on any chain; the API reports their status.
          throwOnTransactionFailures: false,
          throwOnCallFailures: true,
        },
      },
    },
    {},
    // Hardhat wants a project root holding a package.json: this package's own.
    fileURLToPath(new URL("../..", import.meta.url)),
  );
  const connection = await hre.network.create({ network: "drex" });
  return connection.provider;
}

/** Blocks with at least this many transactions are replayed with concurrent sends (see `replayBlock`). */
const CONCURRENT_REPLAY_MIN_TRANSACTIONS = 32;

/**
 * Replays one journaled block. Large blocks send their transactions concurrently, which is about a third faster;
 * EDR keeps the order in practice, and should it not, their hash check notices, the block is rolled back to a
 * snapshot and replayed one transaction at a time. Small blocks are sent in order and not checked one by one: each
 * block's hash commits to its parent's, so the check of the last block (see `open`) covers them all.
 */
async function replayBlock(provider: HardhatProvider, block: JournalBlock): Promise<void> {
  const mine = async () => {
    await provider.request({ method: "evm_mine", params: [Number(block.timestampSeconds)] });
  };
  const sendInOrder = async () => {
    for (const raw of block.rawTransactions) {
      await provider.request({ method: "eth_sendRawTransaction", params: [raw] });
    }
  };
  if (block.rawTransactions.length >= CONCURRENT_REPLAY_MIN_TRANSACTIONS) {
    const snapshot = await provider.request({ method: "evm_snapshot", params: [] });
    await Promise.all(
      block.rawTransactions.map((raw) => provider.request({ method: "eth_sendRawTransaction", params: [raw] })),
    );
    await mine();
    if ((await latestBlockHash(provider)) === block.hash) return;
    await provider.request({ method: "evm_revert", params: [snapshot] });
    await sendInOrder();
    await mine();
    const hash = await latestBlockHash(provider);
    if (hash !== block.hash) throw new JournalReplayDivergedError(block.number, block.hash, hash);
    return;
  }
  await sendInOrder();
  await mine();
}

async function latestBlockHash(provider: HardhatProvider): Promise<Hash> {
  const block = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as {
    hash: Hash;
  };
  return block.hash;
}
