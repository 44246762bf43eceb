// `--demo`, measured energy (MX1–MX8): six solar generators and a storage node in Kisumu, applied for by SunWorks and
// approved by the development Technical DAO in one proposal; a day of their signed readings through the node's own
// meter, committed hour by hour; energy stored at the storage node (once with a loss above the sender's declared
// maximum, which is flagged) and taken out again; a month's payment requested with the meter's integrity figures and
// approved by the DAO, which mints Energy and Reward Tokens; liquidity in both pools and a swap in each.
//
// The day replayed is the 24 hours before the chain's time, so every hour but the last closes and is committed here;
// the node commits the last one itself once it is over. The payment claims the month's hours since the devices'
// first readings, so the day's figures pass the DAO's integrity checks.
import { type Address, type Chain, createWalletClient, custom, type LocalAccount, parseEther, parseUnits } from "viem";
import { getBlock, readContract, sendTransaction, waitForTransactionReceipt } from "viem/actions";
import { ConstantProductPoolAbi } from "../../sdk/abi/ConstantProductPool.ts";
import { proposePaymentDecision } from "../../sdk/actions/dao/proposePaymentDecision.ts";
import { requestPayment } from "../../sdk/actions/operator/requestPayment.ts";
import { addLiquidity } from "../../sdk/actions/pool/addLiquidity.ts";
import { swap } from "../../sdk/actions/pool/swap.ts";
import { completeTakeOut } from "../../sdk/actions/storage/completeTakeOut.ts";
import { confirmStore } from "../../sdk/actions/storage/confirmStore.ts";
import { requestStore } from "../../sdk/actions/storage/requestStore.ts";
import { requestTakeOut } from "../../sdk/actions/storage/requestTakeOut.ts";
import { simulateAndWrite } from "../../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";
import { createFleet, type FleetDevice } from "../../simulator/fleet.ts";
import { passProposal, registerFleet } from "../../simulator/register.ts";
import { runSimulation } from "../../simulator/run.ts";
import { meterTransport } from "../../simulator/transport.ts";
import type { Eip1193Provider } from "../chain/eip1193.ts";
import type { Deployment } from "../deployment.ts";
import { RegistryDeviceView } from "../meter/devices.ts";
import { claimPeriodRange, type RangeFigures, rangeFigures } from "../meter/integrity.ts";
import { Meter, SECONDS_PER_PERIOD } from "../meter/Meter.ts";
import { LATE_READING_GRACE_SECONDS } from "../meter/meterLoop.ts";
import { ReadingStore } from "../meter/ReadingStore.ts";
import { devWallet } from "./deployEmbedded.ts";

export const DEMO_FLEET_SEED = "drex-demo";
const GENERATORS = 6;
const STORAGE_NODES = 1;
const DAY_SECONDS = 86_400n;
const INTERVAL_SECONDS = 900n;
/** One Energy Token (18 decimals) is one kWh. */
const TOKEN = 10n ** 18n;

export type SeedDemoEnergyParameters = {
  provider: Eip1193Provider;
  chain: Chain;
  deployment: Deployment;
  /** The node's data folder: the meter's readings go where the node will find them. */
  dataDir: string;
  increaseTime(seconds: bigint): Promise<unknown>;
};

export type SeedDemoEnergyReturnType = {
  deviceIds: bigint[];
  readingsAccepted: number;
  committedPeriods: number;
  paymentRequestId: bigint;
};

export async function seedDemoEnergy(params: SeedDemoEnergyParameters): Promise<SeedDemoEnergyReturnType> {
  const { provider, chain, deployment } = params;
  const energy = deployment.energy;
  if (!energy?.pools) throw new Error("the demonstration needs the energy modules and their pools");
  const w = (i: number) => devWallet(provider, chain, i);
  const operator = w(2); // SunWorks operates the devices
  const members = [w(0), w(4), w(5)];
  const esther = w(7);
  const fleet = createFleet({ count: GENERATORS, storageNodes: STORAGE_NODES, seed: DEMO_FLEET_SEED });

  const { deviceIds } = await registerFleet({
    deviceRegistry: energy.deviceRegistry,
    dao: energy.dao,
    devices: fleet,
    operator,
    members,
    increaseTime: params.increaseTime,
  });

  // The node's own meter, on the node's readings file, with the chain's clock (ahead of the wall clock here).
  const chainNow = await chainClock(operator);
  const meter = new Meter({
    store: ReadingStore.open(params.dataDir),
    devices: await RegistryDeviceView.load(operator, energy.deviceRegistry),
    chainId: deployment.chainId,
    readingCommitments: energy.readingCommitments,
    committer: w(0),
    now: chainNow,
    workers: 1,
  });
  let readingsAccepted: number;
  let committedPeriods = 0;
  let figures: { month: number; range: RangeFigures };
  try {
    const summary = await runSimulation({
      devices: fleet,
      seed: DEMO_FLEET_SEED,
      chainId: deployment.chainId,
      readingCommitments: energy.readingCommitments,
      transport: meterTransport(meter),
      clock: { now: async () => chainNow() },
      intervalSeconds: INTERVAL_SECONDS,
      pace: "fast",
      durationSeconds: DAY_SECONDS,
      // Nothing commits until the day is in: one batch (one signature, one write) per device for the whole day.
      chunkSeconds: DAY_SECONDS,
      batch: true,
    });
    if (summary.refused > 0) {
      throw new Error(`the demonstration's readings were refused: ${JSON.stringify(summary.refusalExamples)}`);
    }
    readingsAccepted = summary.accepted;
    const firstOpenPeriod = (chainNow() - LATE_READING_GRACE_SECONDS) / SECONDS_PER_PERIOD;
    for (const periodId of meter.store.uncommittedPeriodsBefore(firstOpenPeriod)) {
      await meter.commitPeriod(periodId);
      committedPeriods += 1;
    }
    figures = monthFigures(meter.store, (fleet[0] as FleetDevice).account.address, firstOpenPeriod, chainNow());
  } finally {
    await meter.close();
  }

  const generatorId = deviceIds[0] as bigint;
  const storageIndex = GENERATORS;
  const storage = fleet[storageIndex] as FleetDevice;
  const storageId = deviceIds[storageIndex] as bigint;
  const lossWh = await storeAndTakeOut(params, operator, storage, storageId, generatorId, figures.range.sentWh);

  const { range, month } = figures;
  const { requestId } = await requestPayment(operator, {
    energyPayments: energy.energyPayments,
    deviceId: generatorId,
    period: month,
    firstRootPeriodId: range.firstRootPeriodId as bigint,
    lastRootPeriodId: range.lastRootPeriodId as bigint,
    sentWh: range.sentWh,
    readingCount: range.readingCount,
    gaps: range.gaps,
    uptimeBps: range.uptimeBps,
    lossWh,
  });
  const proposal = await proposePaymentDecision(members[0] as DrexWalletClient, {
    energyPayments: energy.energyPayments,
    dao: energy.dao,
    requestId,
    decision: "approve",
    reason: "demonstration: one day of readings",
  });
  await passProposal({
    dao: energy.dao,
    proposalId: proposal.proposalId,
    calls: proposal,
    members,
    increaseTime: params.increaseTime,
  });

  // The operator puts part of what was minted in both pools; the Reward/Energy pool's sync hands the pool's part of
  // the reward to its providers. Then a swap in each pool.
  const energyWei = range.sentWh * 10n ** 15n;
  const { rewardEnergy, energySolar } = energy.pools;
  // Two fifths of the Energy Tokens against as many Reward Tokens (one per kWh to start with).
  await deposit(operator, rewardEnergy, energy.rewardToken, (energyWei * 40n) / 100n, (energyWei * 40n) / 100n);
  await simulateAndWrite(operator, {
    address: rewardEnergy,
    abi: ConstantProductPoolAbi,
    functionName: "sync",
    args: [],
  });
  // Three tenths against Solar Tokens at 0.30 SOLAR per kWh, the price the clinic's owners voted for.
  const solarPoolEnergyWei = (energyWei * 30n) / 100n;
  await deposit(
    operator,
    energySolar,
    deployment.addresses.token,
    (solarPoolEnergyWei * 30n) / 100n,
    solarPoolEnergyWei,
  );
  await swap(esther, {
    pool: energySolar,
    tokenIn: deployment.addresses.token,
    amountInWei: TOKEN / 2n,
    slippageBps: 100,
  });
  await swap(operator, { pool: rewardEnergy, tokenIn: energy.rewardToken, amountInWei: TOKEN / 2n, slippageBps: 100 });
  return { deviceIds, readingsAccepted, committedPeriods, paymentRequestId: requestId };
}

/** The chain's time without a round trip: the latest block's time plus the wall-clock time since it was read. */
async function chainClock(client: DrexWalletClient): Promise<() => bigint> {
  const { timestamp } = await getBlock(client, { blockTag: "latest" });
  const readAt = Date.now();
  return () => timestamp + BigInt(Math.floor((Date.now() - readAt) / 1000));
}

const monthOf = (periodId: bigint): number => {
  const date = new Date(Number(periodId * SECONDS_PER_PERIOD) * 1000);
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
};

/**
 * The generator's figures for the month of the last committed hour, or of the month before when the day straddles a
 * month and the newer month's committed part sent nothing (a night); over the hours a claim made now answers for.
 */
function monthFigures(store: ReadingStore, key: Address, firstOpenPeriod: bigint, nowSeconds: bigint) {
  const lastCommitted = firstOpenPeriod - 1n;
  for (const month of [monthOf(lastCommitted), monthOf(lastCommitted - 24n)]) {
    const window = claimPeriodRange(store, [key], month, nowSeconds);
    if (window === null) continue;
    const range = rangeFigures(store, [key], window.fromPeriodId, window.toPeriodId);
    if (range.sentWh > 0n && range.firstRootPeriodId !== null && range.lastRootPeriodId !== null)
      return { month, range };
  }
  throw new Error("the demonstration's generator sent nothing in a committed hour");
}

/**
 * The first generator stores energy at the storage node twice: 2% lost on the way (within its declared 5%), then 12%
 * (flagged as excessive); then takes some back. Answers the loss in all.
 */
async function storeAndTakeOut(
  params: SeedDemoEnergyParameters,
  operator: DrexWalletClient,
  storage: FleetDevice,
  storageId: bigint,
  generatorId: bigint,
  sentWh: bigint,
): Promise<bigint> {
  const energy = params.deployment.energy;
  if (!energy) throw new Error("no energy modules");
  // The storage node confirms with its own key, which needs ether for gas.
  const node = walletOf(params, storage.account);
  const funder = devWallet(params.provider, params.chain, 0);
  const hash = await sendTransaction(funder, {
    account: funder.account,
    chain: params.chain,
    to: storage.account.address,
    value: parseEther("1"),
  });
  await waitForTransactionReceipt(funder, { hash });
  let lossWh = 0n;
  const storageNode = energy.storageNode;
  for (const [part, receivedPercent] of [
    [5n, 98n],
    [10n, 88n],
  ] as const) {
    const storedWh = sentWh / part;
    const { storeId } = await requestStore(operator, {
      storageNode,
      nodeId: storageId,
      depositorId: generatorId,
      sentWh: storedWh,
    });
    const confirmed = await confirmStore(node, {
      storageNode,
      storeId,
      receivedWh: (storedWh * receivedPercent) / 100n,
    });
    lossWh += confirmed.lossWh;
  }
  const takeOutWh = sentWh / 20n;
  const { takeOutId } = await requestTakeOut(operator, {
    storageNode,
    nodeId: storageId,
    depositorId: generatorId,
    wh: takeOutWh,
  });
  await completeTakeOut(node, { storageNode, takeOutId, deliveredWh: takeOutWh });
  return lossWh;
}

function walletOf(params: SeedDemoEnergyParameters, account: LocalAccount): DrexWalletClient {
  return createWalletClient({ account, chain: params.chain, transport: custom(params.provider), pollingInterval: 20 });
}

/** Adds `tokenWei` of `token` and `otherWei` of the pool's other token to `pool`. */
async function deposit(client: DrexWalletClient, pool: Address, token: Address, tokenWei: bigint, otherWei: bigint) {
  const token0 = await readContract(client, { address: pool, abi: ConstantProductPoolAbi, functionName: "token0" });
  const first = token0.toLowerCase() === token.toLowerCase();
  await addLiquidity(client, {
    pool,
    amount0Wei: first ? tokenWei : otherWei,
    amount1Wei: first ? otherWei : tokenWei,
  });
}
