// A node holding many generators, built fast: every step is pre-signed by the development accounts and sent as one
// JSON-RPC batch, which the embedded chain mines into as many blocks as it takes. Most generators stay funded and
// awaiting activation, a fraction is activated, so a screen over them shows mixed states. Each provider's device is
// approved by the embedded Technical DAO first, and serves every generator of that provider that is activated.
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  maxUint256,
  parseEventLogs,
  toHex,
} from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import type { Deployment } from "../node/deployment.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { parseSolar } from "../sdk/format.ts";
import type { DrexWalletClient } from "../sdk/types.ts";
import { approveGeneratorDevice } from "../simulator/register.ts";
import { apiClient } from "../test/support/apiClient.ts";

/** Development accounts by role (see DEV_ACCOUNT_LABELS); buyers act as consumers too, so requests have 3 creators. */
const CONSUMERS = [1, 7, 8];
const PROVIDERS = [2, 3];
const FINANCIERS = [4, 5, 6];
/** The embedded Technical DAO's members (see node/seed/deployEmbedded.ts): together they make its quorum. */
const DAO_MEMBERS = [0, 4, 5];

const INSTALLATION_COST_WEI = parseSolar("10");
const INITIAL_TOKEN_WEI = parseSolar("1");
const BIDDING_WEEK_SECONDS = 7n * 86_400n;

/** Generous gas limits: they only decide how many transactions fit a block, the sender pays for the gas used. */
const GAS = {
  createRequest: 400_000n,
  placeBid: 300_000n,
  acceptBid: 150_000n,
  approve: 100_000n,
  fund: 500_000n,
  registerDevice: 150_000n,
  activate: 300_000n,
} as const;

type Receipt = { transactionHash: Hex; status: Hex; logs: { address: Address; topics: Hex[]; data: Hex }[] };
type Step = { from: number; to: Address; data: Hex; gas: bigint };

export type ManyGeneratorsOptions = {
  apiUrl: string;
  rpcUrl: string;
  deployment: Deployment;
  count: number;
  /** Every `activeEvery`-th generator is activated. */
  activeEvery: number;
  onProgress: (message: string) => void;
};

export async function seedManyGenerators(options: ManyGeneratorsOptions): Promise<{ active: number }> {
  const { rpcUrl, deployment, count, onProgress } = options;
  const { marketplace, token } = deployment.addresses;
  const api = apiClient(options.apiUrl);
  const moveClock = async (seconds: bigint) => {
    const answer = await api.post("/api/v1/dev/time", { seconds: seconds.toString() });
    if (answer.status !== 200) throw new Error(`moving the clock failed: ${JSON.stringify(answer.body)}`);
  };
  const deviceKeyOf = await approveProviderDevices(options, moveClock);
  const sender = await batchSender(rpcUrl);
  const market = (functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi: MarketplaceAbi, functionName, args } as never);
  const consumerOf = (i: number) => CONSUMERS[i % CONSUMERS.length] as number;
  const providerOf = (i: number) => PROVIDERS[i % PROVIDERS.length] as number;
  const financierOf = (i: number) => FINANCIERS[i % FINANCIERS.length] as number;
  const indexes = Array.from({ length: count }, (_, i) => i);

  onProgress(`web: ${count} requests`);
  const created = await sender.send(
    indexes.map((i) => ({
      from: consumerOf(i),
      to: marketplace,
      gas: GAS.createRequest,
      data: market("createRequest", [
        {
          location: `Village ${i + 1}`,
          wattageW: BigInt(1_000 + (i % 50) * 100),
          reason: "community power",
          utilityKind: "",
          unit: "",
        },
      ]),
    })),
  );
  const requestIds = eventArgs(created, MarketplaceAbi, "RequestCreated").map((a) => a.requestId as bigint);

  onProgress(`web: ${count} bids`);
  const bidsPlaced = await sender.send(
    requestIds.map((requestId, i) => ({
      from: providerOf(i),
      to: marketplace,
      gas: GAS.placeBid,
      data: market("placeBid", [
        requestId,
        {
          unitType: "5 kW PV + 10 kWh LFP",
          installationCostWei: INSTALLATION_COST_WEI,
          installationSeconds: 30 * 86_400,
          insurance: "",
        },
      ]),
    })),
  );
  // Senders' transactions interleave in a block, so each bid is matched to its request by the event, not the order.
  const bidOf = new Map<bigint, bigint>();
  for (const a of eventArgs(bidsPlaced, MarketplaceAbi, "BidPlaced"))
    bidOf.set(a.requestId as bigint, a.bidId as bigint);

  await moveClock(BIDDING_WEEK_SECONDS + 1n);

  onProgress(`web: ${count} acceptances, ${count} contributions`);
  await sender.send(
    requestIds.map((requestId, i) => ({
      from: consumerOf(i),
      to: marketplace,
      gas: GAS.acceptBid,
      data: market("acceptBid", [requestId, bidOf.get(requestId)]),
    })),
  );
  await sender.send(
    FINANCIERS.map((from) => ({
      from,
      to: token,
      gas: GAS.approve,
      data: encodeFunctionData({ abi: SolarTokenAbi, functionName: "approve", args: [marketplace, maxUint256] }),
    })),
  );
  const funded = await sender.send(
    requestIds.map((requestId, i) => ({
      from: financierOf(i),
      to: marketplace,
      gas: GAS.fund,
      data: market("fund", [requestId, INSTALLATION_COST_WEI]),
    })),
  );
  const generatorOf = new Map<bigint, Address>();
  for (const a of eventArgs(funded, MarketplaceAbi, "GeneratorCreated")) {
    generatorOf.set(a.requestId as bigint, a.generator as Address);
  }

  const toActivate = requestIds.flatMap((requestId, i) =>
    i % options.activeEvery === 0 ? [{ i, generator: generatorOf.get(requestId) as Address }] : [],
  );
  onProgress(`web: activating ${toActivate.length} of them`);
  const onGenerator = (generator: Address, functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi: GeneratorAbi, functionName, args } as never);
  // The device key and the consumer's allowance must be on-chain before the activation: two batches.
  await sender.send(
    toActivate.flatMap(({ i, generator }) => [
      {
        from: providerOf(i),
        to: generator,
        gas: GAS.registerDevice,
        data: onGenerator(generator, "registerDevice", [deviceKeyOf(providerOf(i))]),
      },
      {
        from: consumerOf(i),
        to: token,
        gas: GAS.approve,
        data: encodeFunctionData({ abi: SolarTokenAbi, functionName: "approve", args: [generator, INITIAL_TOKEN_WEI] }),
      },
    ]),
  );
  await sender.send(
    toActivate.map(({ i, generator }) => ({
      from: consumerOf(i),
      to: generator,
      gas: GAS.activate,
      data: onGenerator(generator, "activate", [INITIAL_TOKEN_WEI]),
    })),
  );
  return { active: toActivate.length };
}

/**
 * Has the embedded Technical DAO approve one generator device for each provider (a fixed key per provider, which only
 * needs to be known: these devices sign nothing), one proposal per provider; returns each provider's device key.
 */
async function approveProviderDevices(
  options: ManyGeneratorsOptions,
  moveClock: (seconds: bigint) => Promise<void>,
): Promise<(provider: number) => Address> {
  const energy = options.deployment.energy;
  if (energy === null)
    throw new Error("the node has no measured-energy modules, so no generator device can be approved");
  const chain = {
    id: options.deployment.chainId,
    name: "D-REX",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  } as const;
  const wallet = (index: number): DrexWalletClient => {
    const dev = devAccounts()[index];
    if (dev === undefined) throw new Error(`no development account ${index}`);
    // The embedded chain mines at once: poll receipts often.
    return createWalletClient({ account: dev.account, chain, transport: http(options.rpcUrl), pollingInterval: 50 });
  };
  const keys = new Map<number, Address>();
  for (const provider of PROVIDERS) {
    const key = privateKeyToAddress(keccak256(toHex(`d-rex bench device of provider ${provider}`)));
    options.onProgress(`web: the Technical DAO approves provider ${provider}'s device ${key}`);
    await approveGeneratorDevice({
      deviceRegistry: energy.deviceRegistry,
      dao: energy.dao,
      key,
      ratedPowerW: 10_000n,
      location: `Village of provider ${provider}`,
      operator: wallet(provider),
      members: DAO_MEMBERS.map(wallet),
      increaseTime: moveClock,
    });
    keys.set(provider, key);
  }
  return (provider) => {
    const key = keys.get(provider);
    if (key === undefined) throw new Error(`provider ${provider} has no approved device`);
    return key;
  };
}

/** The decoded arguments of every `eventName` the receipts hold, in receipt order. */
function eventArgs(receipts: Receipt[], abi: Abi, eventName: string): Record<string, unknown>[] {
  const logs = receipts.flatMap((r) => r.logs);
  return parseEventLogs({ abi, logs: logs as never, eventName }).map(
    (log) => (log as unknown as { args: Record<string, unknown> }).args,
  );
}

/** Signs steps with the development accounts, keeping each one's nonce, and sends them as one JSON-RPC batch. */
async function batchSender(rpcUrl: string) {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await client.getChainId();
  const accounts = devAccounts();
  const nonces = await Promise.all(
    accounts.map((a) => client.getTransactionCount({ address: a.account.address, blockTag: "pending" })),
  );
  const rpc = async (calls: { method: string; params: unknown[] }[]) => {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(calls.map((call, id) => ({ jsonrpc: "2.0", id, ...call }))),
    });
    const answers = (await response.json()) as { id: number; result?: unknown; error?: { message: string } }[];
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`${calls[failed.id]?.method} failed: ${failed.error?.message}`);
    return answers.sort((a, b) => a.id - b.id).map((a) => a.result);
  };

  return {
    /** Resolves once every step is mined; throws if any was refused or reverted. */
    async send(steps: Step[]): Promise<Receipt[]> {
      const raws: Hex[] = [];
      for (const step of steps) {
        const account = accounts[step.from];
        if (account === undefined) throw new Error(`no development account ${step.from}`);
        const nonce = nonces[step.from] as number;
        nonces[step.from] = nonce + 1;
        raws.push(
          await account.account.signTransaction({
            chainId,
            type: "eip1559",
            to: step.to,
            data: step.data,
            nonce,
            gas: step.gas,
            maxFeePerGas: 500_000_000_000n,
            maxPriorityFeePerGas: 1_000_000_000n,
          }),
        );
      }
      const hashes = (await rpc(raws.map((raw) => ({ method: "eth_sendRawTransaction", params: [raw] })))) as Hex[];
      const receipts = (await rpc(
        hashes.map((hash) => ({ method: "eth_getTransactionReceipt", params: [hash] })),
      )) as (Receipt | null)[];
      return receipts.map((receipt, i) => {
        if (receipt === null) throw new Error(`transaction ${hashes[i]} was answered but has no receipt`);
        if (receipt.status !== "0x1") throw new Error(`transaction ${hashes[i]} reverted`);
        return receipt;
      });
    },
  };
}
