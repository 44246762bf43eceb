// The Distribute Protocol at a glance, capital tokens and reputation (DS1, DS2): supply, pool, price, live quotes,
// the pool's history and an account's reputation.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import { CapitalTokenAbi } from "../../../sdk/abi/CapitalToken.ts";
import { ReputationAbi } from "../../../sdk/abi/Reputation.ts";
import type { ApiContext } from "../context.ts";
import {
  addressSchema,
  InvalidFieldError,
  type PageQuery,
  pageFrom,
  pageQuerySchema,
  uintFrom,
  uintSchema,
} from "../schemas.ts";
import { DISTRIBUTE_TAG, distributeOf, periodsOf } from "./distributeShared.ts";

const E18 = 10n ** 18n;
const PROJECT_STATES = ["proposed", "staked", "active", "complete", "failed", "expired"] as const;

export function registerDistributeCapitalRoutes(app: FastifyInstance, ctx: ApiContext): void {
  // Immutable in the contracts: read once.
  let constants: Promise<{ floorPriceWeiPerToken: bigint; initialReputation: bigint }> | null = null;
  const constantsOf = () => {
    if (constants === null) {
      const d = distributeOf(ctx);
      constants = Promise.all([
        ctx.client.readContract({
          address: d.capitalToken,
          abi: CapitalTokenAbi,
          functionName: "floorPriceWeiPerToken",
        }),
        ctx.client.readContract({ address: d.reputation, abi: ReputationAbi, functionName: "initialReputation" }),
      ]).then(([floorPriceWeiPerToken, initialReputation]) => ({ floorPriceWeiPerToken, initialReputation }));
      constants.catch(() => {
        constants = null;
      });
    }
    return constants;
  };

  const capitalJson = async () => {
    const [totals, holderCount, { floorPriceWeiPerToken }] = await Promise.all([
      ctx.store.distribute.totals(),
      ctx.store.distribute.holderCount("capital"),
      constantsOf(),
    ]);
    const supply = totals?.capitalSupply ?? 0n;
    const poolWei = totals?.poolWei ?? 0n;
    const balancePerTokenWei = supply === 0n ? 0n : (poolWei * E18) / supply;
    return {
      supply,
      poolWei,
      balancePerTokenWei,
      pricePerTokenWei: balancePerTokenWei > floorPriceWeiPerToken ? balancePerTokenWei : floorPriceWeiPerToken,
      floorPriceWeiPerToken,
      holderCount,
    };
  };

  app.get(
    "/api/v1/distribute",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary:
          "The Distribute Protocol at a glance: addresses, periods, capital, reputation, project and poll counts",
      },
    },
    async () => {
      const d = distributeOf(ctx);
      const [chainNow, periods, capital, totals, { initialReputation }, counts, pollCount] = await Promise.all([
        ctx.chainNow(),
        periodsOf(ctx),
        capitalJson(),
        ctx.store.distribute.totals(),
        constantsOf(),
        ctx.store.distribute.projectCounts(),
        ctx.store.distribute.pollCount(),
      ]);
      return {
        addresses: { ...d, currency: ctx.deployment.addresses.token },
        chainNow,
        periods,
        capital,
        reputation: {
          supply: totals?.reputationSupply ?? 0n,
          registeredCount: Number(totals?.registeredCount ?? 0n),
          initialReputation,
        },
        projectCounts: Object.fromEntries(PROJECT_STATES.map((s) => [s, counts.get(s) ?? 0])),
        pollCount,
      };
    },
  );

  app.get<{ Querystring: { buyTokens?: string; sellTokens?: string } }>(
    "/api/v1/distribute/capital/quote",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "What buying (buyTokens) or selling (sellTokens) capital tokens costs or pays now (DS1)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { buyTokens: uintSchema, sellTokens: uintSchema },
        },
      },
    },
    async (request) => {
      const d = distributeOf(ctx);
      const { buyTokens, sellTokens } = request.query;
      if ((buyTokens === undefined) === (sellTokens === undefined)) {
        throw new InvalidFieldError("querystring.buyTokens", "give exactly one of buyTokens and sellTokens");
      }
      const side = buyTokens !== undefined ? "buy" : "sell";
      const field = side === "buy" ? "buyTokens" : "sellTokens";
      const tokens = uintFrom((buyTokens ?? sellTokens) as string, `querystring.${field}`, 112, 1n);
      const [capital, amountWei] = await Promise.all([
        capitalJson(),
        ctx.client.readContract({
          address: d.capitalToken,
          abi: CapitalTokenAbi,
          functionName: side === "buy" ? "quoteBuy" : "quoteSell",
          args: [tokens],
        }),
      ]);
      return {
        side,
        tokens,
        costWei: side === "buy" ? amountWei : null,
        refundWei: side === "sell" ? amountWei : null,
        averagePriceWeiPerToken: (amountWei * E18) / tokens,
        capital,
      };
    },
  );

  app.get<{ Querystring: PageQuery }>(
    "/api/v1/distribute/capital/history",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "Purchases, sales, pool funding and spending, newest first (DS1)",
        querystring: { type: "object", additionalProperties: false, properties: pageQuerySchema },
      },
    },
    async (request) => {
      distributeOf(ctx);
      const events = await ctx.store.distribute.capitalEvents(pageFrom(request.query));
      return {
        events: events.map((e) => ({
          kind: e.kind,
          account: e.account,
          tokens: e.tokens,
          amountWei: e.amountWei,
          poolWei: e.poolWei,
          supply: e.supply,
          timestamp: e.timestamp,
          transactionHash: e.transactionHash,
        })),
      };
    },
  );

  app.get<{ Params: { address: string } }>(
    "/api/v1/distribute/reputation/:address",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "An account's reputation and registration, registered or not (DS2)",
        params: { type: "object", properties: { address: addressSchema }, required: ["address"] },
      },
    },
    async (request) => {
      distributeOf(ctx);
      const address = getAddress(request.params.address);
      const [registration, reputation] = await Promise.all([
        ctx.store.distribute.registration(address),
        ctx.store.distribute.balanceOf("reputation", address),
      ]);
      return {
        address,
        registered: registration !== null,
        identityHash: registration?.identityHash ?? null,
        registeredAt: registration?.registeredAt ?? null,
        reputation,
      };
    },
  );
}
