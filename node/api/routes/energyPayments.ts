// Payment requests (MX4, MX5): what the operator claimed, the checks the DAO votes on, and what approval minted.
import type { FastifyInstance } from "fastify";
import type { PaymentStatus } from "../../store/energyViews.ts";
import type { ApiContext } from "../context.ts";
import { NotFoundError, type PageQuery, pageFrom, pageQuerySchema } from "../schemas.ts";
import { deviceIdSchema, ENERGY_TAG, paymentJson } from "./energyShared.ts";

const STATUSES: PaymentStatus[] = ["pending", "approved", "refused"];
const requestIdSchema = { type: "string", pattern: "^[0-9]{1,18}$", description: "a payment request id" } as const;

export function registerEnergyPaymentRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: PageQuery & { status?: PaymentStatus; deviceId?: string } }>(
    "/api/v1/energy/payments",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "Payment requests, newest first, with their integrity checks; filtered by status or device",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            ...pageQuerySchema,
            status: { type: "string", enum: STATUSES },
            deviceId: deviceIdSchema,
          },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const payments = await ctx.store.energy.listPayments({
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.deviceId === undefined ? {} : { deviceId: BigInt(q.deviceId) }),
        page: pageFrom(q),
      });
      return { payments: await Promise.all(payments.map((p) => paymentJson(ctx, p))) };
    },
  );

  app.get<{ Params: { requestId: string } }>(
    "/api/v1/energy/payments/:requestId",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "One payment request with its integrity checks and the proposals about it",
        params: { type: "object", properties: { requestId: requestIdSchema }, required: ["requestId"] },
      },
    },
    async (request) => {
      const requestId = BigInt(request.params.requestId);
      const payment = await ctx.store.energy.getPayment(requestId);
      if (payment === null) throw new NotFoundError(`payment request ${requestId}`);
      return paymentJson(ctx, payment);
    },
  );
}
