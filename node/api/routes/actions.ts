// Every role's operation as an unsigned transaction: the API checks the input and encodes the call; the user's
// wallet signs it and sends it back through POST /api/v1/transactions (or, in embedded mode, a development account
// signs it through POST /api/v1/dev/transactions).
import type { FastifyInstance } from "fastify";
import { type Address, encodeFunctionData, getAddress, type Hex } from "viem";
import { GeneratorAbi } from "../../../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../../../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../../../sdk/abi/SolarToken.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, hexSchema, uintFrom, uintSchema } from "../schemas.ts";
import { DISTRIBUTE_ACTIONS } from "./distributeActions.ts";
import { ENERGY_ACTIONS } from "./energyActions.ts";

type Body = Record<string, string>;
type Encoded = { to: Address; data: Hex };
export type Action = {
  summary: string;
  /** Field name → JSON schema; every listed field is required unless in `optional`. */
  fields: Record<string, object>;
  optional?: string[];
  encode(body: Body, ctx: ApiContext): Encoded | Promise<Encoded>;
};

const text = (maxLength: number, minLength = 0) => ({ type: "string", minLength, maxLength });
const uint = (body: Body, field: string, bits = 256, minimum = 0n) =>
  uintFrom(body[field] as string, `body.${field}`, bits, minimum);
const generatorOf = (body: Body) => getAddress(body.generator as string);

function marketplaceCall(ctx: ApiContext, functionName: string, args: readonly unknown[]): Encoded {
  return {
    to: ctx.deployment.addresses.marketplace,
    data: encodeFunctionData({ abi: MarketplaceAbi, functionName, args } as never),
  };
}

function generatorCall(address: Address, functionName: string, args: readonly unknown[]): Encoded {
  return { to: address, data: encodeFunctionData({ abi: GeneratorAbi, functionName, args } as never) };
}

export const ACTIONS: Record<string, Action> = {
  createRequest: {
    summary: "Consumer: request a generator (DX1, DX13)",
    fields: { location: text(128, 1), wattageW: uintSchema, reason: text(512), utilityKind: text(32), unit: text(16) },
    optional: ["reason", "utilityKind", "unit"],
    encode: (b, ctx) =>
      marketplaceCall(ctx, "createRequest", [
        {
          location: b.location,
          wattageW: uint(b, "wattageW", 64, 1n),
          reason: b.reason ?? "",
          utilityKind: b.utilityKind || "electricity",
          unit: b.unit || "kWh",
        },
      ]),
  },
  placeBid: {
    summary: "Provider: bid on an open request (DX2)",
    fields: {
      requestId: uintSchema,
      unitType: text(128, 1),
      installationCostWei: uintSchema,
      installationSeconds: uintSchema,
      insurance: text(256),
    },
    optional: ["insurance"],
    encode: (b, ctx) =>
      marketplaceCall(ctx, "placeBid", [
        uint(b, "requestId"),
        {
          unitType: b.unitType,
          installationCostWei: uint(b, "installationCostWei", 128, 1n),
          installationSeconds: Number(uint(b, "installationSeconds", 32, 1n)),
          insurance: b.insurance ?? "",
        },
      ]),
  },
  withdrawBid: {
    summary: "Provider: withdraw a bid before acceptance (DX2)",
    fields: { bidId: uintSchema },
    encode: (b, ctx) => marketplaceCall(ctx, "withdrawBid", [uint(b, "bidId")]),
  },
  acceptBid: {
    summary: "Consumer: accept a bid; financing opens (DX3)",
    fields: { requestId: uintSchema, bidId: uintSchema },
    encode: (b, ctx) => marketplaceCall(ctx, "acceptBid", [uint(b, "requestId"), uint(b, "bidId")]),
  },
  cancelRequest: {
    summary: "Consumer: cancel a request before acceptance",
    fields: { requestId: uintSchema },
    encode: (b, ctx) => marketplaceCall(ctx, "cancelRequest", [uint(b, "requestId")]),
  },
  approve: {
    summary: "Anyone: let a contract take Solar Tokens (before fund, activate and buyEnergy)",
    fields: { spender: addressSchema, amountWei: uintSchema },
    encode: (b, ctx) => ({
      to: ctx.deployment.addresses.token,
      data: encodeFunctionData({
        abi: SolarTokenAbi,
        functionName: "approve",
        args: [getAddress(b.spender as string), uint(b, "amountWei")],
      }),
    }),
  },
  fund: {
    summary: "Financier: fund an accepted request (DX4); approve the marketplace first",
    fields: { requestId: uintSchema, amountWei: uintSchema },
    encode: (b, ctx) => marketplaceCall(ctx, "fund", [uint(b, "requestId"), uint(b, "amountWei", 256, 1n)]),
  },
  refund: {
    summary: "Financier: take back a contribution after financing or activation failed",
    fields: { requestId: uintSchema },
    encode: (b, ctx) => marketplaceCall(ctx, "refund", [uint(b, "requestId")]),
  },
  registerDevice: {
    summary:
      "Provider: register the installed device by its key: an active Generator device the provider operates in the " +
      "device registry (DX7, DX8)",
    fields: { generator: addressSchema, deviceKey: addressSchema },
    encode: (b) => generatorCall(generatorOf(b), "registerDevice", [getAddress(b.deviceKey as string)]),
  },
  activate: {
    summary: "Consumer: activate the installed generator with an initial payment (DX6); approve the generator first",
    fields: { generator: addressSchema, initialTokenWei: uintSchema },
    encode: (b) => generatorCall(generatorOf(b), "activate", [uint(b, "initialTokenWei")]),
  },
  votePrice: {
    summary: "Owner: vote the price per unit (DX7)",
    fields: { generator: addressSchema, priceWeiPerUnit: uintSchema },
    encode: (b) => generatorCall(generatorOf(b), "votePrice", [uint(b, "priceWeiPerUnit", 96, 1n)]),
  },
  withdrawVote: {
    summary: "Owner: withdraw a price vote (DX7)",
    fields: { generator: addressSchema },
    encode: (b) => generatorCall(generatorOf(b), "withdrawVote", []),
  },
  buyEnergy: {
    summary: "Buyer: buy units of energy at no more than a price (DX8); approve the generator first",
    fields: { generator: addressSchema, units: uintSchema, maxPriceWeiPerUnit: uintSchema },
    encode: (b) =>
      generatorCall(generatorOf(b), "buyEnergy", [uint(b, "units", 64, 1n), uint(b, "maxPriceWeiPerUnit")]),
  },
  reportUsage: {
    summary:
      "Anyone: relay a usage reading the generator's device signed (DX8): the consumer's cumulative delivery in " +
      "milli-units, when it was read (Unix seconds) and the device's EIP-712 signature in the generator's domain",
    fields: {
      generator: addressSchema,
      consumer: addressSchema,
      deliveredMilliUnits: uintSchema,
      readAt: uintSchema,
      signature: { ...hexSchema, minLength: 132, maxLength: 132 },
    },
    encode: (b) =>
      generatorCall(generatorOf(b), "reportUsage", [
        {
          consumer: getAddress(b.consumer as string),
          deliveredMilliUnits: uint(b, "deliveredMilliUnits", 192, 1n),
          readAt: uint(b, "readAt", 64),
        },
        b.signature as Hex,
      ]),
  },
  claimRevenue: {
    summary: "Owner: claim revenue (DX9)",
    fields: { generator: addressSchema },
    encode: (b) => generatorCall(generatorOf(b), "claimRevenue", []),
  },
  transferShares: {
    summary: "Owner: transfer shares (DX5)",
    fields: { generator: addressSchema, to: addressSchema, shares: uintSchema },
    encode: (b) => generatorCall(generatorOf(b), "transfer", [getAddress(b.to as string), uint(b, "shares", 16, 1n)]),
  },
  ...ENERGY_ACTIONS,
  ...(DISTRIBUTE_ACTIONS as Record<string, Action>),
};

export function registerActionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  for (const [name, action] of Object.entries(ACTIONS)) {
    const required = Object.keys(action.fields).filter((f) => !action.optional?.includes(f));
    app.post<{ Body: Body }>(
      `/api/v1/actions/${name}`,
      {
        schema: {
          tags: ["actions"],
          summary: `${action.summary}: the unsigned transaction to sign`,
          body: { type: "object", additionalProperties: false, required, properties: action.fields },
        },
      },
      async (request) => {
        const encoded = await action.encode(request.body, ctx);
        return { action: name, chainId: ctx.deployment.chainId, to: encoded.to, data: encoded.data, valueWei: 0n };
      },
    );
  }
}
