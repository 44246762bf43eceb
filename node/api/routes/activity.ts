// The activity feed: every D-REX event, newest first, and the same live over Server-Sent Events.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ActivityRow } from "../../store/views.ts";
import type { ApiContext } from "../context.ts";
import { toJson } from "../json.ts";
import {
  addressSchema,
  InvalidFieldError,
  type PageQuery,
  pageFrom,
  pageQuerySchema,
  uintFrom,
  uintSchema,
} from "../schemas.ts";

const HEARTBEAT_MS = 15_000;
/** A reconnecting client is caught up with at most this many missed events; beyond that it should reload. */
const MAX_CATCH_UP = 1000;
/** A subscriber whose socket holds this much unsent data is dropped; it reconnects with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function registerActivityRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: PageQuery & { before?: string; address?: string } }>(
    "/api/v1/activity",
    {
      schema: {
        tags: ["activity"],
        summary: "Every D-REX event, newest first; page back with `before` (an activity id)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { ...pageQuerySchema, before: uintSchema, address: addressSchema },
        },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        activity: await ctx.store.listActivity({
          beforeId: q.before !== undefined ? uintFrom(q.before, "querystring.before") : undefined,
          address: q.address ? getAddress(q.address) : undefined,
          page: pageFrom(q),
        }),
      };
    },
  );

  app.get(
    "/api/v1/events",
    {
      schema: {
        tags: ["activity"],
        summary:
          "Live activity as Server-Sent Events (event `activity`, id = activity id; send Last-Event-ID to resume)",
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers["last-event-id"];
      let resumeAfter: bigint | null = null;
      if (lastEventId !== undefined) {
        if (typeof lastEventId !== "string" || !/^[0-9]{1,30}$/.test(lastEventId)) {
          throw new InvalidFieldError("headers.last-event-id", "must be an activity id");
        }
        resumeAfter = BigInt(lastEventId);
      }
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write(": D-REX activity stream\nretry: 2000\n\n");
      let lastSentId = resumeAfter ?? -1n;
      const send = (rows: ActivityRow[]) => {
        for (const row of rows) {
          if (row.id <= lastSentId) continue;
          lastSentId = row.id;
          raw.write(`id: ${row.id}\nevent: activity\ndata: ${toJson(row)}\n\n`);
        }
        if (raw.writableLength > MAX_BUFFERED_BYTES) raw.destroy();
      };
      // Subscribe first so nothing indexed during the catch-up read is missed; `send` skips what was already sent.
      const pending: ActivityRow[][] = [];
      let caughtUp = false;
      const unsubscribe = ctx.activity.subscribe((rows) => (caughtUp ? send(rows) : pending.push(rows)));
      const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), HEARTBEAT_MS);
      raw.on("close", () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      if (resumeAfter !== null) {
        const missed = await ctx.store.listActivity({ page: { limit: MAX_CATCH_UP, offset: 0 } });
        send(missed.filter((row) => row.id > (resumeAfter as bigint)).reverse());
      }
      for (const rows of pending) send(rows);
      caughtUp = true;
    },
  );
}
