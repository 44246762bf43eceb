// Liveness, Prometheus metrics, the node's status and the deployment it serves.
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../context.ts";

export function registerStatusRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/healthz",
    { schema: { tags: ["node"], summary: "Liveness: the chain answers and the index is current" } },
    async (_request, reply) => {
      try {
        const chainBlock = await ctx.client.getBlockNumber({ cacheTime: 0 });
        const indexedBlock = ctx.indexer.indexedBlock();
        return { ok: true, chainBlock, indexedBlock, lagBlocks: chainBlock - indexedBlock };
      } catch (error) {
        reply.status(503);
        return { ok: false, reason: `the chain does not answer: ${(error as Error).message}` };
      }
    },
  );

  app.get(
    "/metrics",
    { schema: { tags: ["node"], summary: "Prometheus metrics (text format)" } },
    async (_request, reply) => {
      reply.type(ctx.metrics.contentType);
      return ctx.metrics.metrics();
    },
  );

  app.get(
    "/api/v1/status",
    { schema: { tags: ["node"], summary: "Mode, chain, addresses, index progress and totals" } },
    async () => {
      const [blockNumber, totals, chainTimeSeconds] = await Promise.all([
        ctx.client.getBlockNumber({ cacheTime: 0 }),
        ctx.store.getTotals(),
        ctx.chainNow(),
      ]);
      return {
        mode: ctx.mode,
        chainId: ctx.deployment.chainId,
        blockNumber,
        // The time the next block will carry: what the contracts' deadlines are measured against.
        chainTimeSeconds,
        indexedBlock: ctx.indexer.indexedBlock(),
        addresses: ctx.deployment.addresses,
        totals,
      };
    },
  );

  app.get(
    "/api/v1/deployment",
    { schema: { tags: ["node"], summary: "The deployment file this node serves" } },
    async () => ({
      ...ctx.deployment,
      fromBlock: ctx.deployment.fromBlock.toString(),
    }),
  );
}
