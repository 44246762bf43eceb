// An embedded node for the Distribute Protocol's tests: started in a temporary folder, with wallets for the
// development accounts, the chain's clock and the dev time endpoint, and a ledger that checks that every capital token
// and every unit of reputation is held by someone (people or the protocol's contracts).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, createPublicClient, createWalletClient, http, type PublicClient } from "viem";
import { devAccounts } from "../../node/chain/devAccounts.ts";
import { type NodeOptions, resolveNodeOptions } from "../../node/options.ts";
import { type RunningNode, startNode } from "../../node/start.ts";
import { CapitalTokenAbi } from "../../sdk/abi/CapitalToken.ts";
import { ReputationAbi } from "../../sdk/abi/Reputation.ts";
import { SolarTokenAbi } from "../../sdk/abi/SolarToken.ts";
import type { DistributeAddresses } from "../../sdk/distribute/deployDistribute.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";
import { apiClient } from "./apiClient.ts";

export type DistributeNode = {
  node: RunningNode;
  dataDir: string;
  distribute: DistributeAddresses;
  solar: Address;
  publicClient: PublicClient;
  wallet(index: number): DrexWalletClient;
  address(index: number): Address;
  /** The latest block's timestamp. */
  now(): Promise<bigint>;
  /** Moves the chain's clock forward through the node's development endpoint (which mines a block). */
  advanceTime(seconds: bigint): Promise<void>;
  close(): Promise<void>;
};

export async function startDistributeNode(
  options: Partial<NodeOptions> = {},
  prefix = "drex-distribute-",
): Promise<DistributeNode> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const node = await startNode(
    resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", ...options }, {}),
  );
  const distribute = node.deployment.distribute;
  assert.ok(distribute, "the embedded first start deploys the Distribute Protocol");
  const chain = {
    id: 31337,
    name: "D-REX",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [node.rpcUrl] } },
  } as const;
  const publicClient = createPublicClient({ chain, transport: http(node.rpcUrl), pollingInterval: 20 }) as PublicClient;
  const wallets = new Map<number, DrexWalletClient>();
  const api = apiClient(node.apiUrl);
  return {
    node,
    dataDir,
    distribute,
    solar: node.deployment.addresses.token,
    publicClient,
    wallet(index) {
      let wallet = wallets.get(index);
      if (!wallet) {
        const dev = devAccounts()[index];
        assert.ok(dev, `development account ${index}`);
        wallet = createWalletClient({ account: dev.account, chain, transport: http(node.rpcUrl), pollingInterval: 20 });
        wallets.set(index, wallet);
      }
      return wallet;
    },
    address: (index) => devAccounts()[index]?.account.address as Address,
    now: async () => (await publicClient.getBlock()).timestamp,
    async advanceTime(seconds) {
      const answer = await api.post("/api/v1/dev/time", { seconds: seconds.toString() });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    },
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Ledger = {
  tokenSupply: bigint;
  reputationSupply: bigint;
  /** Capital tokens and reputation held by each account of `people`, by index. */
  tokens: bigint[];
  reputation: bigint[];
  /** Held by the projects, tasks and voting contracts: stakes, collateral, claims, validations, deposits. */
  protocolTokens: bigint;
  protocolReputation: bigint;
  poolWei: bigint;
  /** Solar Tokens held by `people` and by the capital token and project contracts together. */
  solarWei: bigint;
};

/**
 * Reads every balance and checks that the supply of each kind is exactly what `people` and the protocol's contracts
 * hold, and that the capital token holds exactly its pool (DS1–DS8: nothing is created or lost unaccounted).
 */
export async function checkLedger(f: DistributeNode, people: readonly number[]): Promise<Ledger> {
  const { capitalToken, reputation, projects, tasks, voting } = f.distribute;
  const read = (address: Address, abi: typeof CapitalTokenAbi | typeof ReputationAbi, account: Address) =>
    f.publicClient.readContract({ address, abi, functionName: "balanceOf", args: [account] }) as Promise<bigint>;
  const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
  const protocol = [projects, tasks, voting];
  const [tokenSupply, reputationSupply, poolWei] = await Promise.all([
    f.publicClient.readContract({ address: capitalToken, abi: CapitalTokenAbi, functionName: "totalSupply" }),
    f.publicClient.readContract({ address: reputation, abi: ReputationAbi, functionName: "totalSupply" }),
    f.publicClient.readContract({ address: capitalToken, abi: CapitalTokenAbi, functionName: "poolBalance" }),
  ]);
  const tokens = await Promise.all(people.map((i) => read(capitalToken, CapitalTokenAbi, f.address(i))));
  const reputationHeld = await Promise.all(people.map((i) => read(reputation, ReputationAbi, f.address(i))));
  const protocolTokens = sum(await Promise.all(protocol.map((a) => read(capitalToken, CapitalTokenAbi, a))));
  const protocolReputation = sum(await Promise.all(protocol.map((a) => read(reputation, ReputationAbi, a))));
  assert.equal(sum(tokens) + protocolTokens, tokenSupply, "every capital token is held by a person or the protocol");
  assert.equal(
    sum(reputationHeld) + protocolReputation,
    reputationSupply,
    "every unit of reputation is held by a person or the protocol",
  );
  const solarOf = (account: Address) =>
    f.publicClient.readContract({ address: f.solar, abi: SolarTokenAbi, functionName: "balanceOf", args: [account] });
  const capitalSolar = await solarOf(capitalToken);
  assert.equal(capitalSolar, poolWei, "the capital token holds exactly its pool");
  const solarWei = sum(
    await Promise.all([...people.map((i) => solarOf(f.address(i))), solarOf(capitalToken), solarOf(projects)]),
  );
  return {
    tokenSupply,
    reputationSupply,
    tokens,
    reputation: reputationHeld,
    protocolTokens,
    protocolReputation,
    poolWei,
    solarWei,
  };
}
