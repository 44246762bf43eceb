// Writes: a transaction signed by the user's own wallet, checked against the chain before it is relayed so that a
// refusal comes back as the contract's custom error instead of a mined failure.
import type { FastifyInstance } from "fastify";
import { type Hex, isHex, parseTransaction, type TransactionSerialized } from "viem";
import { toContractRevertError } from "../../../sdk/errors.ts";
import type { ApiContext, RelayResult } from "../context.ts";
import { recoverSender } from "../recoverSender.ts";
import { hexSchema, InvalidFieldError, NotFoundError } from "../schemas.ts";
import { simulateCall } from "../simulateCall.ts";

export function registerTransactionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post<{ Body: { rawTransaction: string } }>(
    "/api/v1/transactions",
    {
      schema: {
        tags: ["transactions"],
        summary: "Relay a signed transaction (EIP-1559 or legacy); answered once mined on the embedded chain",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["rawTransaction"],
          properties: { rawTransaction: { ...hexSchema, maxLength: 262_144 } },
        },
      },
    },
    async (request, reply) => {
      const raw = request.body.rawTransaction as Hex;
      const result = await relaySigned(ctx, raw);
      reply.status(result.status === "pending" ? 202 : 200);
      return result;
    },
  );

  app.get<{ Params: { hash: string } }>(
    "/api/v1/transactions/:hash",
    {
      schema: {
        tags: ["transactions"],
        summary: "A relayed transaction's receipt",
        params: {
          type: "object",
          properties: { hash: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } },
          required: ["hash"],
        },
      },
    },
    async (request) => {
      const hash = request.params.hash as Hex;
      try {
        const receipt = await ctx.client.getTransactionReceipt({ hash });
        return {
          hash,
          status: receipt.status,
          blockNumber: receipt.blockNumber,
          gasUsed: receipt.gasUsed,
          indexed: ctx.indexer.indexedBlock() >= receipt.blockNumber,
        };
      } catch {
        throw new NotFoundError(`transaction ${hash}`);
      }
    },
  );
}

/** Parses, checks the chain id and the signature, simulates, then relays. */
export async function relaySigned(ctx: ApiContext, raw: Hex): Promise<RelayResult> {
  const field = "body.rawTransaction";
  if (!isHex(raw) || raw.length < 4) throw new InvalidFieldError(field, "must be a signed transaction as hex");
  let tx: ReturnType<typeof parseTransaction>;
  try {
    tx = parseTransaction(raw as TransactionSerialized);
  } catch (error) {
    throw new InvalidFieldError(field, `is not a signed transaction (${(error as Error).message.split("\n")[0]})`);
  }
  const from = await recoverSender(ctx.client, tx);
  if (from === null) throw new InvalidFieldError(field, "carries no valid signature");
  if (tx.chainId !== undefined && tx.chainId !== ctx.deployment.chainId) {
    throw new InvalidFieldError(
      field,
      `is signed for chain ${tx.chainId}, this node serves chain ${ctx.deployment.chainId}`,
    );
  }
  if (tx.to) {
    try {
      await simulateCall(ctx.client, { account: from, to: tx.to, data: tx.data, value: tx.value });
    } catch (error) {
      const revert = toContractRevertError(error);
      if (revert) throw revert;
      // Anything else (too little ether for the value, say) is the chain's to judge when the transaction arrives.
    }
  }
  return ctx.relay(raw);
}
