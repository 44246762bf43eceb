// The indexer's throughput: an in-process chain holding at least 200,000 D-REX events (an active generator and many
// buyers' energy purchases, three events each, mined in large blocks), then a full catch-up from scratch into SQLite
// and into PostgreSQL (when it is reachable), timed. `node bench/indexer.ts` prints the figures.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { type Address, encodeFunctionData, type Hex, maxUint256, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import type { Deployment } from "../node/deployment.ts";
import { Indexer } from "../node/indexer/Indexer.ts";
import { openStore } from "../node/store/openStore.ts";
import type { PostgresStore } from "../node/store/postgresStore.ts";
import type { Store } from "../node/store/Store.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { acceptBid } from "../sdk/actions/consumer/acceptBid.ts";
import { activate } from "../sdk/actions/consumer/activate.ts";
import { createRequest } from "../sdk/actions/consumer/createRequest.ts";
import { fund } from "../sdk/actions/financier/fund.ts";
import { votePrice } from "../sdk/actions/financier/votePrice.ts";
import { placeBid } from "../sdk/actions/provider/placeBid.ts";
import { registerDevice } from "../sdk/actions/provider/registerDevice.ts";
import { mint } from "../sdk/actions/token/mint.ts";
import { DEFAULT_BIDDING_PERIOD_SECONDS, deployDrex } from "../sdk/deploy/deployDrex.ts";
import { deployEnergy } from "../sdk/energy/deployEnergy.ts";
import { parseSolar } from "../sdk/format.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { approveGeneratorDevice, soleMemberEnergyParameters } from "../simulator/register.ts";

export type BenchIndexerOptions = {
  /** Energy purchases to mine; each is three events. Default 67,000 (just over 200,000 events in all). */
  purchases?: number;
  buyers?: number;
  databaseUrl?: string;
  onProgress?: (message: string) => void;
};

const PRICE_WEI_PER_UNIT = 10n ** 15n;
/** The in-process chain slows down as its mempool grows: send this many, then mine them into one block. */
const TRANSACTIONS_PER_BLOCK = 1_500;
const BLOCK_GAS_LIMIT = 300_000_000n;

export async function benchIndexer(options: BenchIndexerOptions = {}): Promise<Record<string, number>> {
  const purchases = options.purchases ?? 67_000;
  const buyerCount = options.buyers ?? 500;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const progress = options.onProgress ?? ((message: string) => console.log(`… ${message}`));

  const started = performance.now();
  const connection = await network.create({
    override: { blockGasLimit: BLOCK_GAS_LIMIT, initialBaseFeePerGas: 0n },
  } as never);
  const provider = connection.provider;
  const publicClient = await connection.viem.getPublicClient();
  const [deployer] = (await connection.viem.getWalletClients()) as DrexWalletClient[];
  if (deployer === undefined) throw new Error("the in-process chain has no accounts");
  // A generator's device must be one the Technical DAO approved (DX8): the deployer alone is the DAO here.
  const energy = await deployEnergy(deployer, soleMemberEnergyParameters(deployer.account.address));
  const drex = await deployDrex(deployer, { deviceModules: energy.moduleRegistry });
  const generator = await activeGenerator(deployer, drex.token, drex.marketplace, energy, connection.networkHelpers);
  progress(`deployed D-REX and an active generator at ${generator}`);

  const send = (from: Address, to: Address, data: Hex) =>
    provider.request({ method: "eth_sendTransaction", params: [{ from, to, data, gas: toHex(150_000) }] });
  const mineAll = async (transactions: (() => Promise<unknown>)[]) => {
    for (let start = 0; start < transactions.length; start += TRANSACTIONS_PER_BLOCK) {
      await Promise.all(transactions.slice(start, start + TRANSACTIONS_PER_BLOCK).map((sendOne) => sendOne()));
      await provider.request({ method: "evm_mine" });
    }
  };

  await provider.request({ method: "evm_setAutomine", params: [false] });
  const buyers = Array.from({ length: buyerCount }, () => privateKeyToAddress(generatePrivateKey()));
  for (const buyer of buyers) {
    await provider.request({ method: "hardhat_impersonateAccount", params: [buyer] });
    await provider.request({ method: "hardhat_setBalance", params: [buyer, toHex(parseEther("1000"))] });
  }
  const perBuyerWei = BigInt(Math.ceil(purchases / buyerCount)) * PRICE_WEI_PER_UNIT;
  await mineAll(
    buyers.map(
      (buyer) => () =>
        send(
          deployer.account.address,
          drex.token,
          encodeFunctionData({ abi: SolarTokenAbi, functionName: "mint", args: [buyer, perBuyerWei] }),
        ),
    ),
  );
  await mineAll(
    buyers.map(
      (buyer) => () =>
        send(
          buyer,
          drex.token,
          encodeFunctionData({ abi: SolarTokenAbi, functionName: "approve", args: [generator, maxUint256] }),
        ),
    ),
  );
  progress(`funded ${buyerCount} buyers`);

  const buy = encodeFunctionData({ abi: GeneratorAbi, functionName: "buyEnergy", args: [1n, PRICE_WEI_PER_UNIT] });
  for (let done = 0; done < purchases; ) {
    const count = Math.min(TRANSACTIONS_PER_BLOCK * 10, purchases - done);
    await mineAll(
      Array.from({ length: count }, (_, i) => () => send(buyers[(done + i) % buyerCount] as Address, generator, buy)),
    );
    done += count;
    progress(`mined ${done} of ${purchases} purchases`);
  }
  await provider.request({ method: "evm_setAutomine", params: [true] });
  const head = await publicClient.getBlockNumber({ cacheTime: 0 });
  progress(`chain ready: ${head} blocks in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const deployment: Deployment = {
    chainId: publicClient.chain.id,
    addresses: {
      token: drex.token,
      marketplace: drex.marketplace,
      generatorImplementation: drex.generatorImplementation,
      sale: drex.sale,
    },
    energy: null,
    distribute: null,
    fromBlock: drex.fromBlock,
  };

  const figures: Record<string, number> = { "indexer.events": 0 };
  const timeCatchUp = async (name: string, store: Store): Promise<void> => {
    let indexed = 0;
    let lastReport = performance.now();
    const indexer = new Indexer({
      client: publicClient,
      deployment,
      store,
      confirmations: 0,
      batchBlocks: 8,
      onCommit: (rows, cursor) => {
        indexed += rows.length;
        if (performance.now() - lastReport > 2_000) {
          lastReport = performance.now();
          progress(`${name}: ${indexed} events indexed, block ${cursor.blockNumber} of ${head}`);
        }
      },
    });
    const t0 = performance.now();
    const { events } = await indexer.catchUp();
    const seconds = (performance.now() - t0) / 1000;
    const perSecond = Math.round(events / seconds);
    progress(`${name}: ${events} events in ${seconds.toFixed(2)} s = ${perSecond} events/s`);
    figures[`indexer.eventsPerSec.${name}`] = perSecond;
    figures["indexer.events"] = events;
  };

  const dataDir = mkdtempSync(join(tmpdir(), "drex-bench-"));
  try {
    const sqlite = await openStore({ databaseUrl: null, dataDir });
    try {
      await timeCatchUp("sqlite", sqlite);
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (await reachable(databaseUrl)) {
    const schema = `drex_bench_${randomBytes(6).toString("hex")}`;
    const postgres = await openStore({ databaseUrl, dataDir, schema });
    try {
      await timeCatchUp("postgres", postgres);
    } finally {
      await (postgres as PostgresStore).dropSchema();
      await postgres.close();
    }
  } else {
    console.log(`note: PostgreSQL not reachable at ${new URL(databaseUrl).host}; no PostgreSQL figure`);
  }
  await connection.close();
  return figures;
}

/**
 * Request, bid, acceptance, funding, a device approved by the Technical DAO, a price vote and activation, all by one
 * account (the DAO's only member as well).
 */
async function activeGenerator(
  client: DrexWalletClient,
  token: Address,
  marketplace: Address,
  energy: { deviceRegistry: Address; dao: Address },
  helpers: { time: { increase(seconds: bigint): Promise<unknown> } },
): Promise<Address> {
  const targetWei = parseSolar("1000");
  await mint(client, { token, to: client.account.address, amountWei: targetWei + parseSolar("1") });
  const { requestId } = await createRequest(client, { marketplace, location: "Bench", wattageW: 1_000n });
  const { bidId } = await placeBid(client, {
    marketplace,
    requestId,
    unitType: "bench unit",
    installationCostWei: targetWei,
    installationSeconds: 86_400,
  });
  await helpers.time.increase(DEFAULT_BIDDING_PERIOD_SECONDS + 1n);
  await acceptBid(client, { marketplace, requestId, bidId });
  const { generator } = await fund(client, { marketplace, requestId, amountWei: targetWei });
  if (generator === null) throw new Error("funding did not create the generator");
  // The device never signs here (the bench reports no usage): its key only needs to be approved.
  const deviceKey = privateKeyToAddress(generatePrivateKey());
  await approveGeneratorDevice({
    deviceRegistry: energy.deviceRegistry,
    dao: energy.dao,
    key: deviceKey,
    ratedPowerW: 1_000n,
    location: "Bench",
    operator: client,
    members: [client],
    increaseTime: (seconds) => helpers.time.increase(seconds),
  });
  await registerDevice(client, { generator, deviceKey });
  await votePrice(client, { generator, priceWeiPerUnit: PRICE_WEI_PER_UNIT });
  await activate(client, { generator, initialTokenWei: parseSolar("1") });
  return generator;
}

function reachable(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
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

if (import.meta.main) {
  const figures = await benchIndexer();
  console.log("\nfigure                                   value");
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(40)} ${String(value).padStart(8)}`);
}
