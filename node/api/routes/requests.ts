// Marketplace requests with their bids (DX1–DX4), each with the status the contract would report now.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import { effectiveStatus } from "../../indexer/effectiveStatus.ts";
import type { RequestRow } from "../../store/views.ts";
import type { ApiContext } from "../context.ts";
import {
  addressSchema,
  NotFoundError,
  type PageQuery,
  pageFrom,
  pageQuerySchema,
  uintFrom,
  uintSchema,
} from "../schemas.ts";

const PHASES = ["Bidding", "Cancelled", "Financing", "Funded", "Active"] as const;

export function registerRequestRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const withStatus = async <T extends RequestRow>(rows: T[]) => {
    const now = await ctx.chainNow();
    return rows.map((row) => ({ ...row, status: effectiveStatus(row, row.phase === "Active", now) }));
  };

  app.get<{ Querystring: PageQuery & { phase?: (typeof PHASES)[number]; creator?: string; provider?: string } }>(
    "/api/v1/requests",
    {
      schema: {
        tags: ["market"],
        summary: "Requests, newest first, filtered by phase, creator or accepted provider",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            ...pageQuerySchema,
            phase: { type: "string", enum: PHASES },
            creator: addressSchema,
            provider: addressSchema,
          },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await ctx.store.listRequests({
        phase: q.phase,
        creator: q.creator ? getAddress(q.creator) : undefined,
        provider: q.provider ? getAddress(q.provider) : undefined,
        page: pageFrom(q),
      });
      return { requests: await withStatus(rows) };
    },
  );

  app.get<{ Params: { requestId: string } }>(
    "/api/v1/requests/:requestId",
    {
      schema: {
        tags: ["market"],
        summary: "One request with every bid",
        params: { type: "object", properties: { requestId: uintSchema }, required: ["requestId"] },
      },
    },
    async (request) => {
      const requestId = uintFrom(request.params.requestId, "params.requestId");
      const row = await ctx.store.getRequest(requestId);
      if (!row) throw new NotFoundError(`request ${requestId}`);
      const [withState] = await withStatus([row]);
      return withState;
    },
  );
}
