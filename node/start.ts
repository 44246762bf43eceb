// `npm start` / `drex start`: the whole platform in one process — the chain (embedded, or external through
// --rpc-url), the indexer, the HTTP API with the web app, and in embedded mode the JSON-RPC endpoint.
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { type Chain, createPublicClient, createWalletClient, custom, defineChain, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { ActivityHub } from "./api/activityHub.ts";
import { buildApp } from "./api/app.ts";
import { latestBlockTime } from "./api/chainTime.ts";
import type { ApiContext, RelayResult } from "./api/context.ts";
import { devAccounts } from "./chain/devAccounts.ts";
import { embeddedProvider } from "./chain/eip1193.ts";
import { EMBEDDED_CHAIN_ID, EmbeddedChain } from "./chain/embeddedChain.ts";
import { EmbeddedRpcHandler, serverUrl, startRpcServer } from "./chain/rpcServer.ts";
import { type Deployment, readDeployment } from "./deployment.ts";
import { DistributeKeeper, startKeeper } from "./distribute/keeper.ts";
import { Indexer } from "./indexer/Indexer.ts";
import { ChainClock } from "./meter/chainClock.ts";
import { RegistryDeviceView } from "./meter/devices.ts";
import { Meter } from "./meter/Meter.ts";
import { meterHousekeeping } from "./meter/meterLoop.ts";
import { startMqttGateway } from "./meter/mqttGateway.ts";
import { ReadingStore } from "./meter/ReadingStore.ts";
import type { NodeOptions } from "./options.ts";
import { deployEmbedded, devWallet } from "./seed/deployEmbedded.ts";
import { seedDemoCommunity } from "./seed/seedDemoCommunity.ts";
import { openStore } from "./store/openStore.ts";

export type RunningNode = {
  apiUrl: string;
  /** The embedded chain's JSON-RPC endpoint, or the external one the node uses. */
  rpcUrl: string;
  deployment: Deployment;
  close(): Promise<void>;
};

const WEB_ROOT = fileURLToPath(new URL("../web/dist", import.meta.url));
const EXTERNAL_RECEIPT_WAIT_MS = 10_000;
/** A write waits at most this long for the index to show it; the answer says `indexed` either way. */
const INDEX_WAIT_MS = 5_000;

const MQTT_CONNECT_TIMEOUT_MS = 10_000;

/** The promise's value, or an error saying `what` when it takes longer than `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const startedAt = performance.now();
  const log = pino({ level: options.logLevel, base: { service: "drex-node" } });
  const dataDir = resolve(options.dataDir);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) {
      try {
        await closer();
      } catch (error) {
        log.warn({ err: error }, "while shutting down");
      }
    }
  };

  try {
    let client: PublicClient;
    let deployment: Deployment;
    let relay: (raw: `0x${string}`) => Promise<RelayResult>;
    let devSigner: ApiContext["devSigner"] = null;
    let devClock: ApiContext["devClock"] = null;
    let rpcUrl: string;
    let chainNow: () => Promise<bigint>;
    /** The embedded chain's time without waiting: the meter's clock. */
    let chainNowNoWait: (() => bigint) | undefined;
    let onBlock: (blockNumber: bigint) => void = () => {};
    /** The key that commits readings' roots: the operator development account on the embedded chain. */
    let committer: DrexWalletClient | undefined;

    if (options.rpcUrl === null) {
      log.info({ dataDir }, "opening the embedded chain");
      const openedAt = performance.now();
      const { chain } = await EmbeddedChain.open({
        dataDir,
        onBlock: (n) => onBlock(n),
        onReplayProgress: (done, total) => log.info({ done, total }, "replaying the chain journal"),
      });
      closers.push(() => chain.close());
      log.info({ blockNumber: chain.blockNumber, ms: Math.round(performance.now() - openedAt) }, "embedded chain open");
      const handler = new EmbeddedRpcHandler(chain);
      const provider = embeddedProvider(handler);
      const viemChain = embeddedViemChain(`http://${options.host}:${options.rpcPort}`);
      client = createPublicClient({
        chain: viemChain,
        transport: custom(provider),
        pollingInterval: 50,
      }) as PublicClient;
      const deploymentFile = options.deploymentFile ?? join(dataDir, "deployment.json");
      if (existsSync(deploymentFile)) {
        deployment = readDeployment(deploymentFile);
      } else {
        log.info("first start: deploying the contracts and funding the development accounts");
        deployment = await deployEmbedded({ provider, chain: viemChain, deploymentFile });
        if (options.demo) {
          log.info("seeding a demonstration community");
          await seedDemoCommunity({
            provider,
            chain: viemChain,
            deployment,
            dataDir,
            increaseTime: (s) => chain.increaseTime(s),
          });
        }
      }
      relay = (raw) => chain.submit(raw);
      chainNow = async () => chain.nextTimestampSeconds();
      chainNowNoWait = () => chain.nextTimestampSeconds();
      committer = devWallet(provider, viemChain, 0);
      devSigner = {
        accounts: devAccounts().map((a) => ({ address: a.account.address, label: a.label })),
        send: (tx) => handler.sendAsDevAccount(tx),
      };
      devClock = { increaseTime: (seconds) => chain.increaseTime(seconds) };
      const rpcServer = await startRpcServer(handler, options.host, options.rpcPort);
      closers.push(() => closeServer(rpcServer));
      rpcUrl = serverUrl(rpcServer);
    } else {
      rpcUrl = options.rpcUrl;
      const deploymentFile = options.deploymentFile ?? join(dataDir, "deployment.json");
      deployment = readDeployment(deploymentFile);
      client = createPublicClient({
        transport: http(rpcUrl, { retryCount: 3 }),
        pollingInterval: 1000,
      }) as PublicClient;
      const chainId = await client.getChainId();
      if (chainId !== deployment.chainId) {
        throw new Error(`${rpcUrl} is chain ${chainId}, but ${deploymentFile} describes chain ${deployment.chainId}`);
      }
      chainNow = () => latestBlockTime(client);
      relay = async (raw) => {
        const hash = await client.sendRawTransaction({ serializedTransaction: raw });
        try {
          const receipt = await client.waitForTransactionReceipt({
            hash,
            timeout: EXTERNAL_RECEIPT_WAIT_MS,
            pollingInterval: 100,
          });
          return { hash, status: receipt.status, blockNumber: receipt.blockNumber };
        } catch {
          return { hash, status: "pending", blockNumber: null };
        }
      };
    }

    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics, prefix: "drex_" });
    const indexedBlockGauge = new Gauge({
      name: "drex_indexer_block",
      help: "Last block the indexer has stored",
      registers: [metrics],
    });
    const indexedEvents = new Gauge({
      name: "drex_indexer_events_total",
      help: "Events indexed since start",
      registers: [metrics],
    });

    const store = await openStore({ databaseUrl: options.databaseUrl, dataDir });
    closers.push(() => store.close());
    const activity = new ActivityHub();
    const confirmations = options.confirmations ?? (options.rpcUrl === null ? 0 : 2);
    const indexer = new Indexer({
      client,
      deployment,
      store,
      confirmations,
      // Embedded: new blocks poke the indexer at once; the poll only backs that up.
      pollIntervalMs: 1000,
      log,
      onCommit: (rows, cursor) => {
        indexedBlockGauge.set(Number(cursor.blockNumber));
        indexedEvents.inc(rows.length);
        activity.publish(rows);
      },
    });
    onBlock = () => indexer.poke();
    // Read-your-writes: with no confirmation depth, a write is answered once the index shows it.
    const indexed = async (result: RelayResult): Promise<RelayResult> => {
      if (confirmations === 0 && result.blockNumber !== null) {
        await Promise.race([indexer.waitForBlock(result.blockNumber), sleep(INDEX_WAIT_MS)]);
      }
      return result;
    };
    const indexingFrom = performance.now();
    await indexer.start();
    log.info(
      { indexedBlock: indexer.indexedBlock, ms: Math.round(performance.now() - indexingFrom) },
      "index caught up",
    );
    closers.push(() => indexer.stop());

    let meter: Meter | undefined;
    if (deployment.energy) {
      const store = ReadingStore.open(dataDir);
      const devices = await RegistryDeviceView.load(client, deployment.energy.deviceRegistry);
      const clock = chainNowNoWait ? undefined : await ChainClock.start(chainNow);
      const running = new Meter({
        store,
        devices,
        chainId: deployment.chainId,
        readingCommitments: deployment.energy.readingCommitments,
        committer,
        now: chainNowNoWait ?? (clock as ChainClock).now,
      });
      meter = running;
      closers.push(() => running.close());
      const housekeeping = () =>
        meterHousekeeping({
          meter: running,
          store,
          devices,
          commits: committer !== undefined,
          chainNow,
          ...(clock ? { clock } : {}),
          log,
        });
      const timer = setInterval(() => void housekeeping(), options.meterHousekeepingMs);
      closers.push(async () => clearInterval(timer));
      if (options.mqttUrl !== null) {
        const gateway = await withTimeout(
          startMqttGateway(options.mqttUrl, running, log),
          MQTT_CONNECT_TIMEOUT_MS,
          `the MQTT broker at ${options.mqttUrl} did not answer`,
        );
        closers.push(() => gateway.close());
      }
    }

    // The Distribute Protocol's keeper signs with the operator development account, or on an external chain with
    // the key it was given; without one it does not run.
    const keeperSigner: DrexWalletClient | undefined =
      committer ??
      (options.keeperKey === null
        ? undefined
        : createWalletClient({
            account: privateKeyToAccount(options.keeperKey),
            chain: defineChain({
              id: deployment.chainId,
              name: `chain ${deployment.chainId}`,
              nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
              rpcUrls: { default: { http: [rpcUrl] } },
            }),
            transport: http(rpcUrl, { retryCount: 3 }),
          }));
    if (deployment.distribute && keeperSigner && options.keeperIntervalMs > 0) {
      const keeper = new DistributeKeeper({
        client,
        signer: keeperSigner,
        distribute: deployment.distribute,
        chainNow,
        log,
      });
      closers.push(startKeeper(keeper, options.keeperIntervalMs, log));
      log.info(
        { keeper: keeperSigner.account.address, intervalMs: options.keeperIntervalMs },
        "Distribute Protocol keeper running",
      );
    }

    const ctx: ApiContext = {
      mode: options.rpcUrl === null ? "embedded" : "external",
      deployment,
      store,
      client,
      relay: async (raw) => indexed(await relay(raw)),
      devSigner: devSigner && {
        ...devSigner,
        send: async (tx) => indexed(await (devSigner as NonNullable<ApiContext["devSigner"]>).send(tx)),
      },
      devClock,
      chainNow,
      indexer: { indexedBlock: () => indexer.indexedBlock, waitForBlock: (n) => indexer.waitForBlock(n) },
      activity,
      metrics,
      webRoot: WEB_ROOT,
      ...(meter ? { meter } : {}),
    };
    const app = await buildApp(ctx, log);
    closers.push(() => app.close());
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const apiUrl =
      typeof address === "object" && address !== null
        ? `http://${options.host}:${address.port}`
        : `http://${options.host}:${options.port}`;
    log.info(
      {
        apiUrl,
        rpcUrl,
        mode: ctx.mode,
        chainId: deployment.chainId,
        readyMs: Math.round(performance.now() - startedAt),
      },
      `D-REX node ready: API and web app at ${apiUrl}, docs at ${apiUrl}/api/v1/docs, JSON-RPC at ${rpcUrl}`,
    );
    return { apiUrl, rpcUrl, deployment, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function embeddedViemChain(rpcUrl: string): Chain {
  return defineChain({
    id: 31337,
    name: "D-REX embedded chain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    server.closeAllConnections();
  });
}
