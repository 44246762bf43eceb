// Projects (DS3, DS4, DS8) and their tasks (DS5, DS6): the list, one project with its stakers, task lists and tasks,
// one task with its validations, and a project's history of events.
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ProjectState } from "../../store/distributeViews.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, NotFoundError, type PageQuery, pageFrom, pageQuerySchema } from "../schemas.ts";
import {
  DISTRIBUTE_TAG,
  distributeOf,
  projectIdSchema,
  projectJson,
  taskIndexSchema,
  taskJson,
  taskListJson,
} from "./distributeShared.ts";

const PROJECT_STATES: ProjectState[] = ["proposed", "staked", "active", "complete", "failed", "expired"];

export function registerDistributeProjectRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const projectOf = async (projectIdText: string) => {
    distributeOf(ctx);
    const projectId = BigInt(projectIdText);
    const project = await ctx.store.distribute.getProject(projectId);
    if (project === null) throw new NotFoundError(`project ${projectId}`);
    return project;
  };

  app.get<{ Querystring: PageQuery & { state?: ProjectState; proposer?: string; staker?: string } }>(
    "/api/v1/distribute/projects",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "Projects, newest first, by state, proposer or staker (DS3, DS4, DS8)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            ...pageQuerySchema,
            state: { type: "string", enum: PROJECT_STATES },
            proposer: addressSchema,
            staker: addressSchema,
          },
        },
      },
    },
    async (request) => {
      distributeOf(ctx);
      const { state, proposer, staker } = request.query;
      const [projects, now] = await Promise.all([
        ctx.store.distribute.listProjects({
          ...(state === undefined ? {} : { state }),
          ...(proposer === undefined ? {} : { proposer: getAddress(proposer) }),
          ...(staker === undefined ? {} : { staker: getAddress(staker) }),
          page: pageFrom(request.query),
        }),
        ctx.chainNow(),
      ]);
      return { projects: projects.map((p) => projectJson(p, now)) };
    },
  );

  app.get<{ Params: { projectId: string } }>(
    "/api/v1/distribute/projects/:projectId",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "One project with its stakers, task lists and their backing, and its tasks once active",
        params: { type: "object", properties: { projectId: projectIdSchema }, required: ["projectId"] },
      },
    },
    async (request) => {
      const project = await projectOf(request.params.projectId);
      const [stakes, lists, tasks, validations, now] = await Promise.all([
        ctx.store.distribute.stakesIn(project.projectId),
        ctx.store.distribute.taskLists(project.projectId),
        ctx.store.distribute.tasksOf(project.projectId),
        ctx.store.distribute.validationsOf(project.projectId),
        ctx.chainNow(),
      ]);
      return {
        ...projectJson(project, now),
        stakers: stakes.map((s) => ({
          staker: s.staker,
          tokens: s.tokens,
          reputation: s.reputation,
          backedListId: s.backedListId,
          withdrawn: s.withdrawn,
          rewardWei: s.rewardWei,
        })),
        taskLists: taskListJson(ctx, project, lists),
        tasks: tasks.map((t) => taskJson(ctx, project, t, validations, now)),
      };
    },
  );

  app.get<{ Params: { projectId: string; taskIndex: string } }>(
    "/api/v1/distribute/projects/:projectId/tasks/:taskIndex",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "One task: claimer, deadline, evidence, validations for and against, poll (DS5, DS6)",
        params: {
          type: "object",
          properties: { projectId: projectIdSchema, taskIndex: taskIndexSchema },
          required: ["projectId", "taskIndex"],
        },
      },
    },
    async (request) => {
      const project = await projectOf(request.params.projectId);
      const taskIndex = Number(request.params.taskIndex);
      const task = await ctx.store.distribute.getTask(project.projectId, taskIndex);
      if (task === null) throw new NotFoundError(`task ${taskIndex} of project ${project.projectId}`);
      const [validations, now] = await Promise.all([
        ctx.store.distribute.validationsOf(project.projectId, taskIndex),
        ctx.chainNow(),
      ]);
      return taskJson(ctx, project, task, validations, now);
    },
  );

  app.get<{ Params: { projectId: string }; Querystring: PageQuery }>(
    "/api/v1/distribute/projects/:projectId/history",
    {
      schema: {
        tags: [DISTRIBUTE_TAG],
        summary: "A project's events, oldest first",
        params: { type: "object", properties: { projectId: projectIdSchema }, required: ["projectId"] },
        querystring: { type: "object", additionalProperties: false, properties: pageQuerySchema },
      },
    },
    async (request) => {
      const project = await projectOf(request.params.projectId);
      const events = await ctx.store.distribute.projectHistory(project.projectId, pageFrom(request.query));
      return {
        events: events.map((e) => ({
          id: e.id,
          kind: e.kind,
          blockNumber: e.blockNumber,
          timestamp: e.timestamp,
          transactionHash: e.transactionHash,
          actor: e.actor,
          taskIndex: e.taskIndex,
          details: JSON.parse(e.details) as Record<string, string>,
        })),
      };
    },
  );
}
