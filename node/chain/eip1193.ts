// The embedded chain as an EIP-1193 provider for viem's `custom` transport, so the node's own reads and the seeding
// go through the same handler (and the same journal) as outside clients, without HTTP in between.
import type { EIP1193RequestFn } from "viem";
import type { EmbeddedRpcHandler } from "./rpcServer.ts";

export type Eip1193Provider = { request: EIP1193RequestFn };

let nextId = 1;

export function embeddedProvider(handler: EmbeddedRpcHandler): Eip1193Provider {
  return {
    request: (async ({ method, params }: { method: string; params?: unknown }) => {
      const response = await handler.handle({ jsonrpc: "2.0", id: nextId++, method, params: params ?? [] });
      if (response.error) {
        const error = new Error(response.error.message) as Error & { code: number; data?: unknown };
        error.code = response.error.code;
        if (response.error.data !== undefined) error.data = response.error.data;
        throw error;
      }
      return response.result;
    }) as EIP1193RequestFn,
  };
}
