// Devices of the measured-energy modules (MX1, MX2, MX8): their state and history from the index, their readings'
// figures from this node's meter, and what a month's payment claim should say.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import { monthPeriodRange, periodFigures } from "../../meter/integrity.ts";
import { SECONDS_PER_PERIOD } from "../../meter/Meter.ts";
import type { DeviceKind, DeviceStatus } from "../../store/energyViews.ts";
import type { ApiContext } from "../context.ts";
import {
  addressSchema,
  InvalidFieldError,
  NotFoundError,
  type PageQuery,
  pageFrom,
  pageQuerySchema,
} from "../schemas.ts";
import {
  claimFigures,
  type DaoHistory,
  daoHistory,
  deviceIdSchema,
  deviceJson,
  ENERGY_TAG,
  keysOf,
  monthLossWh,
  NotAvailableError,
  paymentJson,
  periodJson,
  proposalJson,
} from "./energyShared.ts";

const STATUSES: DeviceStatus[] = ["applied", "active", "suspended", "revoked", "rejected"];
const KINDS: DeviceKind[] = ["generator", "storageNode", "meter"];
/** The hours of figures a device's page shows. */
const RECENT_PERIODS = 48n;

export const monthSchema = { type: "string", pattern: "^[0-9]{6}$", description: "a UTC month, YYYYMM" } as const;

/** A YYYYMM month as a number, or the month of `nowSeconds` when absent. */
export function monthFrom(value: string | undefined, nowSeconds: bigint, field: string): number {
  if (value === undefined) {
    const now = new Date(Number(nowSeconds) * 1000);
    return now.getUTCFullYear() * 100 + now.getUTCMonth() + 1;
  }
  const month = Number(value);
  try {
    monthPeriodRange(month);
  } catch {
    throw new InvalidFieldError(field, "must be a month YYYYMM from 197001 with MM from 01 to 12");
  }
  return month;
}

export function registerEnergyDeviceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: PageQuery & { status?: DeviceStatus; kind?: DeviceKind; operator?: string } }>(
    "/api/v1/energy/devices",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "Devices, newest first, filtered by status, kind or operator",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            ...pageQuerySchema,
            status: { type: "string", enum: STATUSES },
            kind: { type: "string", enum: KINDS },
            operator: addressSchema,
          },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const devices = await ctx.store.energy.listDevices({
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.kind === undefined ? {} : { kind: q.kind }),
        ...(q.operator === undefined ? {} : { operator: getAddress(q.operator) }),
        page: pageFrom(q),
      });
      return { devices: devices.map(deviceJson) };
    },
  );

  app.get<{ Params: { deviceId: string } }>(
    "/api/v1/energy/devices/:deviceId",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary:
          "One device with its history, the last 48 hours of its readings' figures, its payment ledger, payments and proposals",
        params: { type: "object", properties: { deviceId: deviceIdSchema }, required: ["deviceId"] },
      },
    },
    async (request) => {
      const deviceId = BigInt(request.params.deviceId);
      const device = await ctx.store.energy.getDevice(deviceId);
      if (device === null) throw new NotFoundError(`device ${deviceId}`);
      const now = await ctx.chainNow();
      const [history, ledger, payments, proposals, dao] = await Promise.all([
        ctx.store.energy.deviceHistory(deviceId),
        ctx.store.energy.ledger(deviceId),
        ctx.store.energy.listPayments({ deviceId, page: { limit: 500, offset: 0 } }),
        ctx.store.energy.listProposals({ kind: "device", id: deviceId }),
        daoHistory(ctx),
      ]);
      const currentPeriod = now / SECONDS_PER_PERIOD;
      const periods =
        ctx.meter === undefined
          ? []
          : periodFigures(ctx.meter.store, keysOf(device), currentPeriod - RECENT_PERIODS + 1n, currentPeriod)
              .reverse()
              .map(periodJson);
      return {
        ...deviceJson(device),
        history: history.map((e) => ({
          kind: e.kind,
          blockNumber: e.blockNumber,
          timestamp: e.timestamp,
          transactionHash: e.transactionHash,
          by: e.by,
          details: JSON.parse(e.details) as Record<string, string>,
        })),
        periods,
        ledger: {
          lastPaidPeriod: ledger?.lastPaidPeriod ?? 0,
          nextRootPeriodId: ledger?.nextRootPeriodId ?? 0n,
          paidWh: ledger?.paidWh ?? 0n,
          approvedCount: ledger?.approvedCount ?? 0n,
          requestCount: ledger?.requestCount ?? 0n,
        },
        payments: await Promise.all(payments.map((p) => paymentJson(ctx, p, device))),
        proposals: await Promise.all(proposals.map((p) => proposalJson(ctx, p, dao as DaoHistory, now))),
      };
    },
  );

  app.get<{ Params: { deviceId: string }; Querystring: { month?: string } }>(
    "/api/v1/energy/devices/:deviceId/integrity",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary:
          "A device's readings over the hours of a UTC month (default: the current one) a claim made now answers for: from its first reading to the last finished hour",
        params: { type: "object", properties: { deviceId: deviceIdSchema }, required: ["deviceId"] },
        querystring: { type: "object", additionalProperties: false, properties: { month: monthSchema } },
      },
    },
    async (request) => {
      const deviceId = BigInt(request.params.deviceId);
      const now = await ctx.chainNow();
      const month = monthFrom(request.query.month, now, "querystring.month");
      const device = await ctx.store.energy.getDevice(deviceId);
      if (device === null) throw new NotFoundError(`device ${deviceId}`);
      if (ctx.meter === undefined) throw new NotAvailableError("no readings on this node: it runs without a meter");
      const figures = claimFigures(ctx.meter.store, device, month, now);
      return { deviceId, month, ...figures, lossWh: await monthLossWh(ctx, deviceId, month) };
    },
  );
}
