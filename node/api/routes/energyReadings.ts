// The readings this node keeps, per commit period (MX2, MX8): one device's figures or every device's summed.
import type { FastifyInstance } from "fastify";
import { periodFigures, totalPeriodFigures } from "../../meter/integrity.ts";
import { SECONDS_PER_PERIOD } from "../../meter/Meter.ts";
import type { ApiContext } from "../context.ts";
import { InvalidFieldError, NotFoundError } from "../schemas.ts";
import { deviceIdSchema, ENERGY_TAG, keysOf } from "./energyShared.ts";

const periodIdSchema = { type: "string", pattern: "^[0-9]{1,12}$", description: "a commit period: unix hour" } as const;
const DEFAULT_PERIODS = 48n;
/** The widest series one request may ask for: a little over three months of hours. */
export const MAX_SERIES_PERIODS = 24n * 93n;

export function registerEnergyReadingRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: { device?: string; from?: string; to?: string } }>(
    "/api/v1/energy/readings/timeseries",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary:
          "Readings per hour (commit period), oldest first, of one device or every device summed (uptime then averaged over the reporting devices); default the last 48 hours; only hours with readings",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { device: deviceIdSchema, from: periodIdSchema, to: periodIdSchema },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const to = q.to === undefined ? (await ctx.chainNow()) / SECONDS_PER_PERIOD : BigInt(q.to);
      const from = q.from === undefined ? (to >= DEFAULT_PERIODS ? to - DEFAULT_PERIODS + 1n : 0n) : BigInt(q.from);
      if (from > to) throw new InvalidFieldError("querystring.from", "must not be after `to`");
      if (to - from + 1n > MAX_SERIES_PERIODS) {
        throw new InvalidFieldError("querystring.from", `must be at most ${MAX_SERIES_PERIODS} periods before \`to\``);
      }
      let keys = null;
      if (q.device !== undefined) {
        const device = await ctx.store.energy.getDevice(BigInt(q.device));
        if (device === null) throw new NotFoundError(`device ${q.device}`);
        keys = keysOf(device);
      }
      // A node without a meter keeps no readings: its series is empty.
      if (ctx.meter === undefined) return { points: [] };
      const figures =
        keys === null ? totalPeriodFigures(ctx.meter.store, from, to) : periodFigures(ctx.meter.store, keys, from, to);
      return {
        points: figures.map((f) => ({
          periodId: f.periodId,
          periodStart: f.periodId * SECONDS_PER_PERIOD,
          readingCount: f.readingCount,
          uptimeBps: f.uptimeBps,
          producedWh: f.producedWh,
          sentWh: f.sentWh,
          receivedWh: f.receivedWh,
        })),
      };
    },
  );
}
