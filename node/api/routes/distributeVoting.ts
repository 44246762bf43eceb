// Polls (DS7) and an account's whole side of the Distribute Protocol: capital, reputation, stakes, claims,
// validations, its vote deposit with what the live polls lock, and the polls open now.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ApiContext } from "../context.ts";
import { addressSchema, NotFoundError, type PageQuery, pageFrom, pageQuerySchema } from "../schemas.ts";
import { DISTRIBUTE_TAG, distributeOf, lockJson, phaseOf, pollIdSchema, pollJson } from "./distributeShared.ts";

const OPEN_POLLS = { limit: 500, offset: 0 };

export function registerDistributeVotingRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Querystring: PageQuery & { phase?: "commit" | "reveal" | "ended" } }>(
    "/api/v1/distribute/polls",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "Polls, newest first, by phase at chain time, with their revealed tallies (DS7)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { ...pageQuerySchema, phase: { type: "string", enum: ["commit", "reveal", "ended"] } },
        },
      },
    },
    async (request) => {
      distributeOf(ctx);
      const { phase } = request.query;
      const page = pageFrom(request.query);
      const now = await ctx.chainNow();
      if (phase === undefined || phase === "ended") {
        const polls = await ctx.store.distribute.listPolls(phase === undefined ? { page } : { endedAt: now, page });
        return { polls: polls.map((p) => pollJson(p, now)) };
      }
      // Open polls are few (their windows are hours): filter the open ones by phase here.
      const open = await ctx.store.distribute.listPolls({ openAt: now, page: OPEN_POLLS });
      const polls = open.filter((p) => phaseOf(p, now) === phase).slice(page.offset, page.offset + page.limit);
      return { polls: polls.map((p) => pollJson(p, now)) };
    },
  );

  app.get<{ Params: { pollId: string } }>(
    "/api/v1/distribute/polls/:pollId",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "One poll with its voters' committed weight and, once revealed, their choice (DS7)",
        params: { type: "object", properties: { pollId: pollIdSchema }, required: ["pollId"] },
      },
    },
    async (request) => {
      distributeOf(ctx);
      const pollId = BigInt(request.params.pollId);
      const poll = await ctx.store.distribute.getPoll(pollId);
      if (poll === null) throw new NotFoundError(`poll ${pollId}`);
      const [locks, now] = await Promise.all([ctx.store.distribute.locksIn(pollId), ctx.chainNow()]);
      return { ...pollJson(poll, now), voters: locks.map((l) => ({ voter: l.voter, ...lockJson(l) })) };
    },
  );

  app.get<{ Params: { address: string } }>(
    "/api/v1/distribute/accounts/:address",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary:
          "An account's capital tokens, reputation, stakes, claimed tasks, validations, vote deposit and locks, and the polls open now",
        params: { type: "object", properties: { address: addressSchema }, required: ["address"] },
      },
    },
    async (request) => {
      distributeOf(ctx);
      const address = getAddress(request.params.address);
      const d = ctx.store.distribute;
      const [account, capitalTokens, reputation, registration, stakes, proposed, claims, validations, voter, locks] =
        await Promise.all([
          ctx.store.getAccount(address),
          d.balanceOf("capital", address),
          d.balanceOf("reputation", address),
          d.registration(address),
          d.stakesBy(address),
          d.listProjects({ proposer: address, page: { limit: 500, offset: 0 } }),
          d.tasksClaimedBy(address),
          d.validationsBy(address),
          d.voter(address),
          d.locksOf(address),
        ]);
      const now = await ctx.chainNow();
      const projectIds = [
        ...new Set([
          ...stakes.map((s) => s.projectId),
          ...claims.map((c) => c.projectId),
          ...validations.map((v) => v.projectId),
        ]),
      ];
      const projects = new Map(
        (await Promise.all(projectIds.map((id) => d.getProject(id)))).map((p, i) => [projectIds[i], p]),
      );
      const taskStatus = new Map<string, string>();
      for (const id of [...new Set(validations.map((v) => v.projectId))]) {
        for (const t of await d.tasksOf(id)) taskStatus.set(`${id}|${t.taskIndex}`, t.status);
      }
      const polls = new Map(
        (await Promise.all(locks.map((l) => d.getPoll(l.pollId)))).map((p, i) => [locks[i]?.pollId, p]),
      );
      const openLocks = locks.filter((l) => l.status !== "released");
      // What a live poll holds: the largest weight committed to a poll that has not ended (never a sum).
      let lockedTokens = 0n;
      let lockedReputation = 0n;
      for (const l of openLocks) {
        const poll = polls.get(l.pollId);
        if (poll === null || poll === undefined || phaseOf(poll, now) === "ended") continue;
        if (l.tokens > lockedTokens) lockedTokens = l.tokens;
        if (l.reputation > lockedReputation) lockedReputation = l.reputation;
      }
      const depositedTokens = voter?.depositedTokens ?? 0n;
      const depositedReputation = voter?.depositedReputation ?? 0n;
      const openPolls = await d.listPolls({ openAt: now, page: OPEN_POLLS });
      const lockIn = new Map(locks.map((l) => [l.pollId, l]));
      return {
        address,
        currencyWei: account.solarWei,
        capitalTokens,
        reputation,
        registered: registration !== null,
        identityHash: registration?.identityHash ?? null,
        stakes: stakes.map((s) => ({
          projectId: s.projectId,
          projectState: projects.get(s.projectId)?.state ?? null,
          tokens: s.tokens,
          reputation: s.reputation,
          backedListId: s.backedListId,
          withdrawn: s.withdrawn,
          rewardWei: s.rewardWei,
        })),
        proposals: proposed.map((p) => p.projectId),
        claims: claims.map((t) => ({
          projectId: t.projectId,
          taskIndex: t.taskIndex,
          status: t.status,
          deadline: t.deadline,
          reputationPosted: t.reputationPosted,
        })),
        validations: validations.map((v) => ({
          projectId: v.projectId,
          taskIndex: v.taskIndex,
          approve: v.approve,
          slot: v.slot,
          stake: v.stake,
          taskStatus: taskStatus.get(`${v.projectId}|${v.taskIndex}`) ?? null,
          paidStake: v.paidStake,
          rewardTokens: v.rewardTokens,
        })),
        voting: {
          depositedTokens,
          depositedReputation,
          lockedTokens,
          lockedReputation,
          withdrawableTokens: depositedTokens - lockedTokens,
          withdrawableReputation: depositedReputation - lockedReputation,
          openPollIds: openLocks.map((l) => l.pollId),
          locks: locks.map((l) => {
            const poll = polls.get(l.pollId);
            return { pollId: l.pollId, phase: poll ? phaseOf(poll, now) : null, ...lockJson(l) };
          }),
        },
        openPolls: openPolls.map((p) => {
          const lock = lockIn.get(p.pollId);
          return { ...pollJson(p, now), lock: lock === undefined ? null : lockJson(lock) };
        }),
      };
    },
  );
}
