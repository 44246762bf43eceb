// Network statistics for the dashboard's charts: energy sold and revenue paid per hour or per day (DX8, DX9).
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { StatsBucket } from "../../store/views.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, NotFoundError } from "../schemas.ts";

const BUCKETS: StatsBucket[] = ["day", "hour"];

export function registerStatsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { bucket?: StatsBucket; generator?: string } }>(
    "/api/v1/stats/timeseries",
    {
      schema: {
        tags: ["stats"],
        summary:
          "Units sold, purchases and revenue (purchases and activation payments) per UTC day or hour, oldest first; only buckets with activity",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            bucket: { type: "string", enum: BUCKETS, description: "day (the default) or hour" },
            generator: { ...addressSchema, description: "only this generator's sales and revenue" },
          },
        },
      },
    },
    async (request) => {
      const bucket = request.query.bucket ?? "day";
      const generator = request.query.generator === undefined ? undefined : getAddress(request.query.generator);
      const points = await ctx.store.getStatsTimeseries(generator === undefined ? { bucket } : { bucket, generator });
      if (points === null) throw new NotFoundError(`generator ${generator}`);
      return { bucket, points };
    },
  );
}
