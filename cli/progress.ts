// Progress for anything that waits on the chain, without touching the SDK: a transport wrapper that watches the
// JSON-RPC traffic. A raw transaction going out prints "sending <function> to <address>…" and "waiting for <hash> to be
// mined…"; the first receipt found for it prints "mined in block N".
import {
  type Abi,
  createTransport,
  decodeFunctionData,
  type EIP1193RequestFn,
  getAddress,
  type Hex,
  parseTransaction,
  type Transport,
} from "viem";
import { GeneratorAbi, GeneratorBytecode } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi, MarketplaceBytecode } from "../sdk/abi/Marketplace.ts";
import { SolarTokenAbi, SolarTokenBytecode } from "../sdk/abi/SolarToken.ts";
import { SolarTokenSaleAbi, SolarTokenSaleBytecode } from "../sdk/abi/SolarTokenSale.ts";

const DREX_ABI = [...MarketplaceAbi, ...GeneratorAbi, ...SolarTokenAbi, ...SolarTokenSaleAbi] as Abi;
const DREX_BYTECODES: readonly (readonly [string, Hex])[] = [
  ["Marketplace", MarketplaceBytecode],
  ["Generator", GeneratorBytecode],
  ["SolarToken", SolarTokenBytecode],
  ["SolarTokenSale", SolarTokenSaleBytecode],
];

export function withProgress(inner: Transport, report: (line: string) => void): Transport {
  return (config) => {
    const base = inner(config);
    const awaited = new Set<string>();
    return createTransport({
      key: "drex-progress",
      name: "Progress",
      type: base.config.type,
      // The inner transport already retries; retrying here too would multiply the attempts.
      retryCount: 0,
      request: (async ({ method, params }) => {
        if (method === "eth_sendRawTransaction" || method === "eth_sendTransaction") {
          report(`sending ${describeTransaction(method, params)}…`);
        }
        const result: unknown = await base.request({ method, params });
        if ((method === "eth_sendRawTransaction" || method === "eth_sendTransaction") && typeof result === "string") {
          awaited.add(result.toLowerCase());
          report(`waiting for ${result} to be mined…`);
        }
        if (method === "eth_getTransactionReceipt" && result !== null && typeof result === "object") {
          // Still in its JSON-RPC form: quantities are hex, status is "0x1" or "0x0".
          const receipt = result as { transactionHash: Hex; blockNumber: Hex; status?: Hex };
          const hash = String(receipt.transactionHash).toLowerCase();
          if (awaited.delete(hash)) {
            const failed = receipt.status === "0x0" ? " (reverted)" : "";
            report(`mined in block ${BigInt(receipt.blockNumber)}${failed}`);
          }
        }
        return result;
      }) as EIP1193RequestFn,
    });
  };
}

function describeTransaction(method: string, params: unknown): string {
  try {
    const first = (params as unknown[])[0];
    const tx =
      method === "eth_sendRawTransaction" ? parseTransaction(first as Hex) : (first as { to?: Hex; data?: Hex });
    const data = tx.data ?? "0x";
    if (!tx.to) {
      // Constructor arguments follow the bytecode.
      const name = DREX_BYTECODES.find(([, bytecode]) => data.startsWith(bytecode))?.[0];
      return name ? `the ${name} deployment` : "a contract deployment";
    }
    const to = getAddress(tx.to);
    if (data === "0x") return `ether to ${to}`;
    const { functionName } = decodeFunctionData({ abi: DREX_ABI, data });
    return `${functionName} to ${to}`;
  } catch {
    return "a transaction";
  }
}
