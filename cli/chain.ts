// Connecting to a JSON-RPC endpoint: the chain is whatever the endpoint says it is (its chain id), so the same
// commands work on the embedded node, a local Hardhat or Anvil, or a public network.
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type LocalAccount,
  type PublicClient,
  type Transport,
} from "viem";
import { getChainId } from "viem/actions";
import type { DrexWalletClient } from "../sdk/types.ts";
import type { Output } from "./output.ts";
import { withProgress } from "./progress.ts";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
// Receipts on a local chain arrive within a block; a second is short enough to feel immediate elsewhere too.
const POLLING_INTERVAL_MS = 1_000;

export type ChainConnection = {
  rpcUrl: string;
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  transport: Transport;
};

export async function connectChain(rpcUrl: string, output: Output): Promise<ChainConnection> {
  const transport = withProgress(http(rpcUrl, { retryCount: 1, timeout: 60_000 }), (line) => output.progress(line));
  const chainId = await getChainId(createPublicClient({ transport }));
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: POLLING_INTERVAL_MS });
  return { rpcUrl, chain, publicClient, transport };
}

export function walletClientFor(connection: ChainConnection, account: LocalAccount): DrexWalletClient {
  return createWalletClient({
    account,
    chain: connection.chain,
    transport: connection.transport,
    pollingInterval: POLLING_INTERVAL_MS,
  });
}
