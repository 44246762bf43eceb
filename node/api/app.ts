// The HTTP API: Fastify with a JSON schema on every route (so bad input is refused before a handler runs), the
// OpenAPI document built from those schemas, and one error handler that turns every failure into a 4xx that names
// the field and the reason — or, for a fault of the node itself, a 500 that is logged and counted.
import { existsSync } from "node:fs";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from "fastify";
import type { Logger } from "pino";
import { Histogram } from "prom-client";
import { BaseError } from "viem";
import { isRetryableError, toContractRevertError } from "../../sdk/errors.ts";
import type { ApiContext } from "./context.ts";
import { toJson } from "./json.ts";
import { registerAccountRoutes } from "./routes/accounts.ts";
import { registerActionRoutes } from "./routes/actions.ts";
import { registerActivityRoutes } from "./routes/activity.ts";
import { registerDevRoutes } from "./routes/dev.ts";
import { registerDistributeCapitalRoutes } from "./routes/distributeCapital.ts";
import { registerDistributeProjectRoutes } from "./routes/distributeProjects.ts";
import { registerDistributeVotingRoutes } from "./routes/distributeVoting.ts";
import { registerEnergyAccountRoutes } from "./routes/energyAccounts.ts";
import { registerEnergyDaoRoutes } from "./routes/energyDao.ts";
import { registerEnergyDeviceRoutes } from "./routes/energyDevices.ts";
import { registerEnergyPaymentRoutes } from "./routes/energyPayments.ts";
import { registerEnergyPoolRoutes } from "./routes/energyPools.ts";
import { registerEnergyReadingRoutes } from "./routes/energyReadings.ts";
import { NotAvailableError } from "./routes/energyShared.ts";
import { registerEnergyStorageRoutes } from "./routes/energyStorage.ts";
import { registerGeneratorRoutes } from "./routes/generators.ts";
import { registerReadingRoutes } from "./routes/readings.ts";
import { registerRequestRoutes } from "./routes/requests.ts";
import { registerStatsRoutes } from "./routes/stats.ts";
import { registerStatusRoutes } from "./routes/status.ts";
import { registerTransactionRoutes } from "./routes/transactions.ts";
import { registerWebRoutes } from "./routes/web.ts";
import { InvalidFieldError, NotFoundError } from "./schemas.ts";

export type ApiErrorBody = {
  error: {
    /** Machine-readable: invalid_input, not_found, contract_revert, chain_rejected, not_available, internal. */
    code: string;
    message: string;
    /** For invalid_input: where the problem is, e.g. "body.amountWei". */
    field?: string;
    reason?: string;
    /** For contract_revert: the custom error. */
    name?: string;
    args?: Record<string, unknown>;
    sentence?: string;
  };
};

export async function buildApp(ctx: ApiContext, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Each request is counted in /metrics; a log line per request would cost more than the request itself.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Nothing is coerced: a number where a decimal string belongs is refused, never rounded or reinterpreted.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    routerOptions: { maxParamLength: 200 },
  });
  app.setReplySerializer((payload) => toJson(payload));

  const httpDuration = new Histogram({
    name: "drex_http_request_duration_seconds",
    help: "HTTP request duration by route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [ctx.metrics],
  });
  app.addHook("onResponse", async (request, reply) => {
    httpDuration
      .labels(request.method, request.routeOptions.url ?? "unmatched", String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, body: ApiErrorBody) => reply.status(status).send(body);
    if (error.validation) {
      const first = error.validation[0];
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const path = `${error.validationContext ?? "body"}${(first?.instancePath ?? "").replaceAll("/", ".")}${missing ? `.${missing}` : ""}`;
      const reason = missing ? "is required" : (first?.message ?? "is invalid");
      return send(400, { error: { code: "invalid_input", message: `${path} ${reason}`, field: path, reason } });
    }
    if (error instanceof InvalidFieldError) {
      return send(400, {
        error: { code: "invalid_input", message: error.message, field: error.field, reason: error.reason },
      });
    }
    if (error instanceof NotFoundError) return send(404, { error: { code: "not_found", message: error.message } });
    if (error instanceof NotAvailableError) {
      return send(503, { error: { code: "not_available", message: error.message } });
    }
    const revert = toContractRevertError(error);
    if (revert) {
      return send(422, {
        error: {
          code: "contract_revert",
          message: revert.sentence,
          name: revert.errorName,
          args: revert.namedArgs as Record<string, unknown>,
          sentence: revert.sentence,
        },
      });
    }
    if (error.name === "ChainRejectedTransactionError") {
      return send(409, {
        error: {
          code: "chain_rejected",
          message: (error as Error & { shortMessage?: string }).shortMessage ?? error.message,
        },
      });
    }
    if (isRetryableError(error)) {
      reply.header("retry-after", "1");
      return send(503, {
        error: { code: "chain_unavailable", message: "The chain did not answer; try again shortly." },
      });
    }
    if (error instanceof BaseError) {
      // The chain refused for a reason of its own (too little ether for gas, a nonce already used, …).
      return send(409, { error: { code: "chain_rejected", message: error.shortMessage } });
    }
    // Fastify's own client errors (a body that is not JSON, too large, wrong content type) carry their status.
    if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, {
        error: { code: "invalid_input", message: error.message, field: "body", reason: error.message },
      });
    }
    request.log.error({ err: error, url: request.url }, "request failed");
    return send(500, { error: { code: "internal", message: "The node failed to answer; it has been logged." } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: "not_found", message: `no route ${request.method} ${request.url}` } });
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "D-REX node API",
        version: "1",
        description:
          "Requests, bids, generators, accounts and activity of a D-REX deployment, read from the node's index; writes relay transactions signed by the user's own wallet. Amounts are decimal strings in the unit their name says (…Wei: Solar Token base units, 18 decimals).",
      },
      servers: [],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/v1/docs" });
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerStatusRoutes(app, ctx);
  registerRequestRoutes(app, ctx);
  registerGeneratorRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerTransactionRoutes(app, ctx);
  registerActionRoutes(app, ctx);
  registerEnergyDeviceRoutes(app, ctx);
  registerEnergyDaoRoutes(app, ctx);
  registerEnergyPaymentRoutes(app, ctx);
  registerEnergyStorageRoutes(app, ctx);
  registerEnergyPoolRoutes(app, ctx);
  registerEnergyAccountRoutes(app, ctx);
  registerEnergyReadingRoutes(app, ctx);
  registerDistributeCapitalRoutes(app, ctx);
  registerDistributeProjectRoutes(app, ctx);
  registerDistributeVotingRoutes(app, ctx);
  if (ctx.devSigner) registerDevRoutes(app, ctx);
  if (ctx.meter) registerReadingRoutes(app, ctx.meter);
  registerWebRoutes(app, ctx.webRoot !== null && existsSync(ctx.webRoot) ? ctx.webRoot : null);
  return app;
}
