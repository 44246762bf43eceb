// The Technical DAO (MX1, MX4, MX9): its members and settings, and its proposals with their votes, decoded calls and
// state at chain time.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ProposalState } from "../../indexer/proposalState.ts";
import { valueAt } from "../../indexer/proposalState.ts";
import type { ApiContext } from "../context.ts";
import { NotFoundError, type PageQuery, pageFrom, pageQuerySchema, uintFrom, uintSchema } from "../schemas.ts";
import { daoHistory, ENERGY_TAG, NotAvailableError, proposalJson } from "./energyShared.ts";

const STATES: ProposalState[] = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
];

export function registerEnergyDaoRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/v1/energy/dao",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary:
          "The Technical DAO's members, voting settings, quorum and reward parameters (503 without the energy modules)",
      },
    },
    async () => {
      const energy = ctx.deployment.energy;
      if (energy === null) throw new NotAvailableError("this deployment has no measured-energy modules");
      const now = await ctx.chainNow();
      const [members, delays, periods, numerators, reward] = await Promise.all([
        ctx.store.energy.members(),
        ctx.store.energy.checkpoints("votingDelay"),
        ctx.store.energy.checkpoints("votingPeriod"),
        ctx.store.energy.checkpoints("quorumNumerator"),
        ctx.store.energy.rewardParameters(),
      ]);
      return {
        members: members.map((m) => m.member),
        memberCount: members.length,
        votingDelaySeconds: valueAt(delays, now),
        votingPeriodSeconds: valueAt(periods, now),
        quorumPercent: Number(valueAt(numerators, now)),
        vault: reward?.vault ?? getAddress(energy.dao),
        rewardParameters:
          reward === null
            ? null
            : {
                rewardWeiPerWh: reward.rewardWeiPerWh,
                poolBps: reward.poolBps,
                vaultBps: reward.vaultBps,
                poolRecipient: reward.poolRecipient,
                vault: reward.vault,
              },
      };
    },
  );

  app.get<{ Querystring: PageQuery & { state?: ProposalState } }>(
    "/api/v1/energy/proposals",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "Technical DAO proposals, newest first, filtered by their state at chain time",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { ...pageQuerySchema, state: { type: "string", enum: STATES } },
        },
      },
    },
    async (request) => {
      const page = pageFrom(request.query);
      const [now, dao, all] = await Promise.all([ctx.chainNow(), daoHistory(ctx), ctx.store.energy.listProposals()]);
      // The state depends on the clock, so the filter runs here; a DAO makes a few proposals a day at most.
      const rows = await Promise.all(all.map((p) => proposalJson(ctx, p, dao, now)));
      const state = request.query.state;
      const matching = state === undefined ? rows : rows.filter((p) => p.state === state);
      return { proposals: matching.slice(page.offset, page.offset + page.limit) };
    },
  );

  app.get<{ Params: { proposalId: string } }>(
    "/api/v1/energy/proposals/:proposalId",
    {
      schema: {
        tags: [ENERGY_TAG],
        summary: "One proposal with its votes, decoded calls and state at chain time",
        params: { type: "object", properties: { proposalId: uintSchema }, required: ["proposalId"] },
      },
    },
    async (request) => {
      const proposalId = uintFrom(request.params.proposalId, "params.proposalId");
      const proposal = await ctx.store.energy.getProposal(proposalId);
      if (proposal === null) throw new NotFoundError(`proposal ${proposalId}`);
      const [now, dao] = await Promise.all([ctx.chainNow(), daoHistory(ctx)]);
      return proposalJson(ctx, proposal, dao, now);
    },
  );
}
