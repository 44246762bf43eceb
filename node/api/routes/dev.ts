// Embedded mode only: the development accounts sign server-side, and the clock can be moved forward. These keys are
// public test keys; no other key is ever held by the server.
import type { FastifyInstance } from "fastify";
import { getAddress, type Hex } from "viem";
import { SolarTokenAbi } from "../../../sdk/abi/SolarToken.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, hexSchema, InvalidFieldError, uintFrom, uintSchema } from "../schemas.ts";
import { simulateCall } from "../simulateCall.ts";

export function registerDevRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const signer = ctx.devSigner;
  if (!signer) return;

  app.get(
    "/api/v1/dev/accounts",
    {
      schema: {
        tags: ["development"],
        summary: "The development accounts (embedded chain only; never use them elsewhere)",
      },
    },
    async () => {
      const accounts = await Promise.all(
        signer.accounts.map(async (a) => {
          const [etherWei, solarWei] = await Promise.all([
            ctx.client.getBalance({ address: a.address }),
            ctx.client.readContract({
              address: ctx.deployment.addresses.token,
              abi: SolarTokenAbi,
              functionName: "balanceOf",
              args: [a.address],
            }),
          ]);
          return { ...a, etherWei, solarWei, developmentOnly: true };
        }),
      );
      return { accounts };
    },
  );

  app.post<{ Body: { from: string; to: string; data?: string; valueWei?: string } }>(
    "/api/v1/dev/transactions",
    {
      schema: {
        tags: ["development"],
        summary: "Sign with a development account and relay (embedded chain only)",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["from", "to"],
          properties: {
            from: addressSchema,
            to: addressSchema,
            data: { ...hexSchema, maxLength: 262_144 },
            valueWei: uintSchema,
          },
        },
      },
    },
    async (request) => {
      const { from, to, data, valueWei } = request.body;
      const address = getAddress(from);
      if (!signer.accounts.some((a) => a.address === address)) {
        throw new InvalidFieldError("body.from", "is not a development account of this node");
      }
      const value = valueWei !== undefined ? uintFrom(valueWei, "body.valueWei") : 0n;
      await simulateCall(ctx.client, { account: address, to: getAddress(to), data: data as Hex | undefined, value });
      return signer.send({ from: address, to: getAddress(to), data: data as Hex | undefined, value });
    },
  );

  app.post<{ Body: { seconds: string } }>(
    "/api/v1/dev/time",
    {
      schema: {
        tags: ["development"],
        summary: "Move the embedded chain's clock forward (development only)",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["seconds"],
          properties: { seconds: uintSchema },
        },
      },
    },
    async (request) => {
      const seconds = uintFrom(request.body.seconds, "body.seconds", 32, 1n);
      if (!ctx.devClock) throw new InvalidFieldError("body.seconds", "time travel needs the embedded chain");
      return { offsetSeconds: await ctx.devClock.increaseTime(seconds) };
    },
  );
}
