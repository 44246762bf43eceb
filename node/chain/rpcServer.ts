// The embedded chain's standard Ethereum JSON-RPC endpoint, for browser wallets and command-line tools. Reads go
// straight to EDR; every write goes through the chain's miner so that it lands in the journal. Methods that would
// change the chain behind the journal's back (hardhat_*, evm_snapshot, …) are refused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Address, getAddress, type Hex, isAddress, toHex } from "viem";
import { type DevAccount, devAccounts } from "./devAccounts.ts";
import type { EmbeddedChain, MinedTransaction } from "./embeddedChain.ts";

type JsonRpcRequest = { jsonrpc?: string; id?: unknown; method?: unknown; params?: unknown };
type JsonRpcResponse = {
  jsonrpc: "2.0";
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
};

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Methods that would rewrite state or history outside the journal. */
const REFUSED_PREFIXES = ["hardhat_", "evm_", "debug_setHead", "miner_", "anvil_"];

class RpcMethodError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export class EmbeddedRpcHandler {
  readonly #chain: EmbeddedChain;
  readonly #devByAddress: Map<Address, DevAccount>;
  /** Server-side signing hands out nonces itself so that concurrent sends from one account do not collide. */
  readonly #nextNonce = new Map<Address, number>();
  #signing: Promise<unknown> = Promise.resolve();

  constructor(chain: EmbeddedChain) {
    this.#chain = chain;
    this.#devByAddress = new Map(devAccounts().map((a) => [a.account.address, a]));
  }

  async handle(request: JsonRpcRequest): Promise<JsonRpcResponse> {
    const id = request.id ?? null;
    try {
      if (typeof request.method !== "string") throw new RpcMethodError(-32600, "method must be a string");
      const params = request.params === undefined ? [] : request.params;
      if (!Array.isArray(params)) throw new RpcMethodError(-32602, "params must be an array");
      return { jsonrpc: "2.0", id, result: await this.#dispatch(request.method, params) };
    } catch (error) {
      return { jsonrpc: "2.0", id, error: toRpcError(error) };
    }
  }

  async #dispatch(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case "eth_sendRawTransaction": {
        const raw = params[0];
        if (typeof raw !== "string" || !/^0x[0-9a-fA-F]+$/.test(raw)) {
          throw new RpcMethodError(-32602, "params[0] must be a signed transaction as hex");
        }
        return (await this.#chain.submit(raw as Hex)).hash;
      }
      case "eth_sendTransaction":
        return (await this.sendAsDevAccount(params[0] as TransactionRequest)).hash;
      case "eth_accounts":
      case "eth_requestAccounts":
        return [...this.#devByAddress.keys()];
      case "evm_increaseTime": {
        const seconds = BigInt(params[0] as number | string);
        return Number(await this.#chain.increaseTime(seconds));
      }
      case "evm_mine":
        await this.#chain.mine();
        return "0x0";
    }
    if (REFUSED_PREFIXES.some((prefix) => method.startsWith(prefix))) {
      throw new RpcMethodError(
        -32601,
        `${method} is not available on the D-REX embedded chain: it would bypass its journal`,
      );
    }
    return this.#chain.provider.request({ method, params });
  }

  /** Signs with a development account's key and mines it (embedded mode only). */
  async sendAsDevAccount(tx: TransactionRequest): Promise<MinedTransaction> {
    if (typeof tx?.from !== "string" || !isAddress(tx.from))
      throw new RpcMethodError(-32602, "from must be an address");
    const dev = this.#devByAddress.get(getAddress(tx.from));
    if (!dev) throw new RpcMethodError(-32000, `${tx.from} is not a development account of this node`);
    const raw = await this.#serialized(async () => {
      const provider = this.#chain.provider;
      const from = dev.account.address;
      const pending = Number(await provider.request({ method: "eth_getTransactionCount", params: [from, "pending"] }));
      const nonce = Math.max(pending, this.#nextNonce.get(from) ?? 0);
      const value = tx.value !== undefined ? BigInt(tx.value) : 0n;
      const to = tx.to ? getAddress(tx.to) : null;
      const data = tx.data ?? tx.input;
      const estimate = async () => {
        const call = { from, to, data, value: toHex(value) };
        return BigInt((await provider.request({ method: "eth_estimateGas", params: [call] })) as string);
      };
      // A fifth more than the estimate: state may move between the estimate and the block.
      const gas = tx.gas !== undefined ? BigInt(tx.gas) : ((await estimate()) * 12n) / 10n;
      const block = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as {
        baseFeePerGas: Hex;
      };
      const maxFeePerGas = BigInt(block.baseFeePerGas) * 2n + 1_000_000_000n;
      const signed = await dev.account.signTransaction({
        chainId: this.#chain.chainId,
        type: "eip1559",
        to,
        data,
        value,
        nonce,
        gas,
        maxFeePerGas,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
      this.#nextNonce.set(from, nonce + 1);
      return signed;
    });
    try {
      return await this.#chain.submit(raw);
    } catch (error) {
      // A refused transaction never used its nonce; ask the chain again next time.
      this.#nextNonce.delete(dev.account.address);
      throw error;
    }
  }

  #serialized<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#signing.then(job);
    this.#signing = run.catch(() => undefined);
    return run;
  }
}

export type TransactionRequest = {
  from: string;
  to?: string | null;
  data?: Hex;
  input?: Hex;
  value?: string | bigint;
  gas?: string | bigint;
};

function toRpcError(error: unknown): { code: number; message: string; data?: unknown } {
  if (error instanceof RpcMethodError) return { code: error.code, message: error.message, data: error.data };
  const e = error as { code?: unknown; message?: unknown; data?: unknown; shortMessage?: unknown };
  const code = typeof e.code === "number" ? e.code : -32000;
  const message = typeof e.shortMessage === "string" ? e.shortMessage : String(e.message ?? error);
  return e.data === undefined ? { code, message } : { code, message, data: e.data };
}

/** Serves the handler over HTTP (POST, single or batch requests, CORS open for browser wallets). */
export async function startRpcServer(handler: EmbeddedRpcHandler, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    void serve(handler, req, res);
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise());
  });
  return server;
}

export function serverUrl(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
}

async function serve(handler: EmbeddedRpcHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Headers", "content-type");
  res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
  if (req.method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405, { "content-type": "application/json" }).end(JSON.stringify({ error: "use POST" }));
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    const message = error instanceof RangeError ? error.message : "body is not JSON";
    res
      .writeHead(400, { "content-type": "application/json" })
      .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message } }));
    return;
  }
  const answer = Array.isArray(body)
    ? await Promise.all(body.map((r) => handler.handle(r as JsonRpcRequest)))
    : await handler.handle(body as JsonRpcRequest);
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RangeError(`body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolvePromise(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
