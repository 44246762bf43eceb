// Generators (DX5–DX9): shares and owners, price and votes, energy sold, revenue paid.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ApiContext } from "../context.ts";
import {
  addressSchema,
  booleanQuerySchema,
  NotFoundError,
  type PageQuery,
  pageFrom,
  pageQuerySchema,
} from "../schemas.ts";

export function registerGeneratorRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: PageQuery & { active?: "true" | "false" } }>(
    "/api/v1/generators",
    {
      schema: {
        tags: ["generators"],
        summary: "Generators, newest first",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { ...pageQuerySchema, active: booleanQuerySchema },
        },
      },
    },
    async (request) => {
      const active = request.query.active === undefined ? undefined : request.query.active === "true";
      return { generators: await ctx.store.listGenerators({ active, page: pageFrom(request.query) }) };
    },
  );

  app.get<{ Params: { address: string } }>(
    "/api/v1/generators/:address",
    {
      schema: {
        tags: ["generators"],
        summary: "One generator with its owners, votes and price history",
        params: { type: "object", properties: { address: addressSchema }, required: ["address"] },
      },
    },
    async (request) => {
      const address = getAddress(request.params.address);
      const generator = await ctx.store.getGenerator(address);
      if (!generator) throw new NotFoundError(`generator ${address}`);
      return generator;
    },
  );
}
