// The Distribute Protocol's operations (DS1–DS8) as unsigned transactions, merged into the ACTIONS table: the API
// checks the input and encodes the call; the user's wallet (or a development account) signs it.
import {
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  stringToHex,
} from "viem";
import { CapitalTokenAbi } from "../../../sdk/abi/CapitalToken.ts";
import { DistributeProjectsAbi } from "../../../sdk/abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../../../sdk/abi/DistributeTasks.ts";
import { DistributeVotingAbi } from "../../../sdk/abi/DistributeVoting.ts";
import { ReputationAbi } from "../../../sdk/abi/Reputation.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, InvalidFieldError, uintFrom, uintSchema } from "../schemas.ts";
import type { Action } from "./actions.ts";
import { distributeOf, rememberText } from "./distributeShared.ts";

// Bodies here carry booleans, numbers and arrays besides decimal strings.
type Body = Record<string, unknown>;
type Encoded = { to: Address; data: Hex };
type DistributeAction = Omit<Action, "encode"> & { encode(body: Body, ctx: ApiContext): Encoded | Promise<Encoded> };

const BPS = 10_000;
const MAX_TASKS = 32;
const MAX_BATCH = 64;
const bytes32Schema = { type: "string", pattern: "^0x[0-9a-fA-F]{64}$", description: "32 bytes, 0x-prefixed" } as const;
const text = (maxLength: number, minLength = 1) => ({ type: "string", minLength, maxLength });
const booleanSchema = { type: "boolean" } as const;
const smallIntSchema = (minimum: number, maximum: number) => ({ type: "integer", minimum, maximum }) as const;

const uint = (body: Body, field: string, bits = 256, minimum = 0n) =>
  uintFrom(body[field] as string, `body.${field}`, bits, minimum);
const hashText = (value: string): Hex => keccak256(stringToHex(value));

function call(to: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]): Encoded {
  return { to, data: encodeFunctionData({ abi, functionName, args } as never) };
}
const projects = (ctx: ApiContext, fn: string, args: readonly unknown[]) =>
  call(distributeOf(ctx).projects, DistributeProjectsAbi, fn, args);
const tasks = (ctx: ApiContext, fn: string, args: readonly unknown[]) =>
  call(distributeOf(ctx).tasks, DistributeTasksAbi, fn, args);
const voting = (ctx: ApiContext, fn: string, args: readonly unknown[]) =>
  call(distributeOf(ctx).voting, DistributeVotingAbi, fn, args);

/** Exactly one of a text (hashed here, and remembered so the reads can show it) and its hash. */
function textOrHash(ctx: ApiContext, body: Body, textField: string, hashField: string, path: string): Hex {
  const value = body[textField];
  const hash = body[hashField];
  if ((value === undefined) === (hash === undefined)) {
    throw new InvalidFieldError(`${path}${textField}`, `give exactly one of ${textField} and ${hashField}`);
  }
  if (hash !== undefined) return hash as Hex;
  const hashed = hashText(value as string);
  rememberText(ctx, hashed, value as string);
  return hashed;
}

/** DistributeVoting.voteSecret, as the contract computes it. */
export function voteSecret(pollId: bigint, voter: Address, approve: boolean, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "bool" }, { type: "bytes32" }],
      [pollId, voter, approve, salt],
    ),
  );
}

const commitFields = {
  pollId: uintSchema,
  tokens: uintSchema,
  reputation: uintSchema,
  secret: bytes32Schema,
  voter: addressSchema,
  approve: booleanSchema,
  salt: bytes32Schema,
};

/** One commitment's arguments: the secret given, or computed from voter, choice and salt. */
function commitment(body: Body, path: string): [bigint, Hex, bigint, bigint] {
  const pollId = uintFrom(body.pollId as string, `${path}pollId`, 256, 1n);
  const tokens = uintFrom(body.tokens as string, `${path}tokens`, 112);
  const reputation = uintFrom(body.reputation as string, `${path}reputation`, 112);
  if (tokens === 0n && reputation === 0n) {
    throw new InvalidFieldError(`${path}tokens`, "tokens or reputation must be more than 0");
  }
  const parts = [body.voter, body.approve, body.salt];
  if (body.secret !== undefined) {
    if (parts.some((p) => p !== undefined)) {
      throw new InvalidFieldError(`${path}secret`, "give the secret or voter, approve and salt, not both");
    }
    return [pollId, body.secret as Hex, tokens, reputation];
  }
  const missing = ["voter", "approve", "salt"].find((field) => body[field] === undefined);
  if (missing !== undefined) throw new InvalidFieldError(`${path}${missing}`, "is required without a secret");
  const secret = voteSecret(pollId, getAddress(body.voter as string), body.approve as boolean, body.salt as Hex);
  return [pollId, secret, tokens, reputation];
}

const commitItem = {
  type: "object",
  additionalProperties: false,
  required: ["pollId", "tokens", "reputation"],
  properties: commitFields,
};
const revealItem = {
  type: "object",
  additionalProperties: false,
  required: ["pollId", "approve", "salt"],
  properties: { pollId: uintSchema, approve: booleanSchema, salt: bytes32Schema },
};
const taskItem = {
  type: "object",
  additionalProperties: false,
  required: ["weightingBps", "durationSeconds"],
  properties: {
    description: text(4096),
    descriptionHash: bytes32Schema,
    weightingBps: smallIntSchema(1, BPS),
    durationSeconds: smallIntSchema(1, 2 ** 32 - 1),
  },
};

export const DISTRIBUTE_ACTIONS: Record<string, DistributeAction> = {
  buyCapital: {
    summary: "Anyone: buy capital tokens for at most maxCostWei (DS1); approve the capital token to take SOLAR first",
    fields: { tokens: uintSchema, maxCostWei: uintSchema },
    encode: (b, ctx) =>
      call(distributeOf(ctx).capitalToken, CapitalTokenAbi, "buy", [uint(b, "tokens", 112, 1n), uint(b, "maxCostWei")]),
  },
  sellCapital: {
    summary: "Holder: sell capital tokens for their share of the pool, at least minRefundWei (DS1)",
    fields: { tokens: uintSchema, minRefundWei: uintSchema },
    optional: ["minRefundWei"],
    encode: (b, ctx) =>
      call(distributeOf(ctx).capitalToken, CapitalTokenAbi, "sell", [
        uint(b, "tokens", 112, 1n),
        b.minRefundWei === undefined ? 0n : uint(b, "minRefundWei"),
      ]),
  },
  fundPool: {
    summary: "Anyone: give SOLAR to the collective pool (DS1); approve the capital token first",
    fields: { amountWei: uintSchema },
    encode: (b, ctx) => call(distributeOf(ctx).capitalToken, CapitalTokenAbi, "fund", [uint(b, "amountWei", 256, 1n)]),
  },
  registerReputation: {
    summary: "Registrar: register an account with its identity (hashed here from identity, or identityHash) (DS2)",
    fields: { account: addressSchema, identity: text(512), identityHash: bytes32Schema },
    optional: ["identity", "identityHash"],
    encode: (b, ctx) => {
      const identityHash = textOrHash(ctx, b, "identity", "identityHash", "body.");
      return call(distributeOf(ctx).reputation, ReputationAbi, "register", [
        getAddress(b.account as string),
        identityHash,
      ]);
    },
  },
  propose: {
    summary:
      "Anyone: propose a project costing costWei of the pool, stakeable until stakingDeadline (or for stakingSeconds from now), posting 5% collateral in capital tokens (approve the projects contract) or reputation (DS3)",
    fields: {
      costWei: uintSchema,
      stakingDeadline: uintSchema,
      stakingSeconds: uintSchema,
      collateralInReputation: booleanSchema,
    },
    optional: ["stakingDeadline", "stakingSeconds", "collateralInReputation"],
    encode: async (b, ctx) => {
      if ((b.stakingDeadline === undefined) === (b.stakingSeconds === undefined)) {
        throw new InvalidFieldError("body.stakingDeadline", "give exactly one of stakingDeadline and stakingSeconds");
      }
      const deadline =
        b.stakingDeadline !== undefined
          ? uint(b, "stakingDeadline", 40, 1n)
          : (await ctx.chainNow()) + uint(b, "stakingSeconds", 32, 1n);
      return projects(ctx, "propose", [uint(b, "costWei", 128, 1n), deadline, b.collateralInReputation === true]);
    },
  },
  stakeTokens: {
    summary: "Anyone: stake capital tokens on a proposed project, clipped to what the bar needs (DS3)",
    fields: { projectId: uintSchema, tokens: uintSchema },
    encode: (b, ctx) => projects(ctx, "stakeTokens", [uint(b, "projectId", 64, 1n), uint(b, "tokens", 256, 1n)]),
  },
  stakeReputation: {
    summary: "Registered account: stake reputation on a proposed project, clipped to what the bar needs (DS3)",
    fields: { projectId: uintSchema, reputation: uintSchema },
    encode: (b, ctx) =>
      projects(ctx, "stakeReputation", [uint(b, "projectId", 64, 1n), uint(b, "reputation", 256, 1n)]),
  },
  unstakeTokens: {
    summary: "Staker: take back staked capital tokens while the project is proposed (DS3)",
    fields: { projectId: uintSchema, tokens: uintSchema },
    encode: (b, ctx) => projects(ctx, "unstakeTokens", [uint(b, "projectId", 64, 1n), uint(b, "tokens", 256, 1n)]),
  },
  unstakeReputation: {
    summary: "Staker: take back staked reputation while the project is proposed (DS3)",
    fields: { projectId: uintSchema, reputation: uintSchema },
    encode: (b, ctx) =>
      projects(ctx, "unstakeReputation", [uint(b, "projectId", 64, 1n), uint(b, "reputation", 256, 1n)]),
  },
  proposeTaskList: {
    summary:
      "Staker: put forward a task list for a staked project: each task a description (hashed here) or its hash, a weighting in bps (summing to 10000) and a time allowance (DS4)",
    fields: {
      projectId: uintSchema,
      tasks: { type: "array", minItems: 1, maxItems: MAX_TASKS, items: taskItem },
    },
    encode: (b, ctx) => {
      const items = b.tasks as Body[];
      const specs = items.map((t, i) => ({
        descriptionHash: textOrHash(ctx, t, "description", "descriptionHash", `body.tasks.${i}.`),
        weightingBps: t.weightingBps as number,
        durationSeconds: t.durationSeconds as number,
      }));
      const totalBps = specs.reduce((sum, t) => sum + t.weightingBps, 0);
      if (totalBps !== BPS) {
        throw new InvalidFieldError("body.tasks", `the weightings must sum to 10000 bps, not ${totalBps}`);
      }
      return projects(ctx, "proposeTaskList", [uint(b, "projectId", 64, 1n), specs]);
    },
  },
  backTaskList: {
    summary: "Staker: back a task list with all of one's stake, moving any earlier backing (DS4)",
    fields: { projectId: uintSchema, listId: smallIntSchema(0, 15) },
    encode: (b, ctx) => projects(ctx, "backTaskList", [uint(b, "projectId", 64, 1n), BigInt(b.listId as number)]),
  },
  advanceProject: {
    summary: "Anyone: make a project's transition due by time: expire it, or settle its task lists (DS3, DS4)",
    fields: { projectId: uintSchema },
    encode: (b, ctx) => projects(ctx, "advance", [uint(b, "projectId", 64, 1n)]),
  },
  withdrawStake: {
    summary: "Staker: take back the stake from an expired project, or stake and reward from a complete one (DS8)",
    fields: { projectId: uintSchema },
    encode: (b, ctx) => projects(ctx, "withdrawStake", [uint(b, "projectId", 64, 1n)]),
  },
  claimTask: {
    summary: "Registered account: claim a task of an active project, posting the requisite reputation (DS5)",
    fields: { projectId: uintSchema, taskIndex: smallIntSchema(0, MAX_TASKS - 1) },
    encode: (b, ctx) => tasks(ctx, "claimTask", [uint(b, "projectId", 64, 1n), BigInt(b.taskIndex as number)]),
  },
  submitTask: {
    summary: "Claimer: submit evidence of the work (hashed here) or its hash, opening validation (DS5)",
    fields: {
      projectId: uintSchema,
      taskIndex: smallIntSchema(0, MAX_TASKS - 1),
      evidence: text(4096),
      evidenceHash: bytes32Schema,
    },
    optional: ["evidence", "evidenceHash"],
    encode: (b, ctx) => {
      const evidenceHash = textOrHash(ctx, b, "evidence", "evidenceHash", "body.");
      return tasks(ctx, "submitTask", [uint(b, "projectId", 64, 1n), BigInt(b.taskIndex as number), evidenceHash]);
    },
  },
  validateTask: {
    summary:
      "Capital-token holder: stake tokens for (approve) or against a submitted task (DS6); approve the tasks contract first",
    fields: {
      projectId: uintSchema,
      taskIndex: smallIntSchema(0, MAX_TASKS - 1),
      approve: booleanSchema,
      tokens: uintSchema,
    },
    encode: (b, ctx) =>
      tasks(ctx, "validate", [
        uint(b, "projectId", 64, 1n),
        BigInt(b.taskIndex as number),
        b.approve as boolean,
        uint(b, "tokens", 96, 1n),
      ]),
  },
  advanceTasks: {
    summary: "Anyone: make every step due by time for a project's tasks, or for one task with taskIndex (DS5, DS6)",
    fields: { projectId: uintSchema, taskIndex: smallIntSchema(0, MAX_TASKS - 1) },
    optional: ["taskIndex"],
    encode: (b, ctx) =>
      b.taskIndex === undefined
        ? tasks(ctx, "advanceTasks", [uint(b, "projectId", 64, 1n)])
        : tasks(ctx, "advanceTask", [uint(b, "projectId", 64, 1n), BigInt(b.taskIndex as number)]),
  },
  depositVotes: {
    summary: "Holder: deposit capital tokens (approve the voting contract first) and reputation to vote with (DS7)",
    fields: { tokens: uintSchema, reputation: uintSchema },
    encode: (b, ctx) => {
      const tokens = uint(b, "tokens", 112);
      const reputation = uint(b, "reputation", 112);
      if (tokens === 0n && reputation === 0n) {
        throw new InvalidFieldError("body.tokens", "tokens or reputation must be more than 0");
      }
      return voting(ctx, "deposit", [tokens, reputation]);
    },
  },
  withdrawVotes: {
    summary:
      "Voter: withdraw deposited tokens and reputation no live poll holds; the voter's open polls are looked up (DS7)",
    fields: { voter: addressSchema, tokens: uintSchema, reputation: uintSchema },
    encode: async (b, ctx) => {
      distributeOf(ctx);
      const locks = await ctx.store.distribute.locksOf(getAddress(b.voter as string));
      const open = locks.filter((l) => l.status !== "released").map((l) => l.pollId);
      open.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      return voting(ctx, "withdraw", [uint(b, "tokens", 112), uint(b, "reputation", 112), open]);
    },
  },
  commitVote: {
    summary:
      "Voter: commit a secret vote with a weight of deposited tokens and reputation: the secret, or voter, approve and salt for the API to compute it (DS7)",
    fields: commitFields,
    optional: ["secret", "voter", "approve", "salt"],
    encode: (b, ctx) => voting(ctx, "commitVote", commitment(b, "body.")),
  },
  commitVotes: {
    summary: "Voter: commit several votes in one transaction, each as commitVote's body (DS7)",
    fields: { votes: { type: "array", minItems: 1, maxItems: MAX_BATCH, items: commitItem } },
    encode: (b, ctx) => {
      const votes = (b.votes as Body[]).map((v, i) => commitment(v, `body.votes.${i}.`));
      return voting(ctx, "commitVotes", [
        votes.map((v) => v[0]),
        votes.map((v) => v[1]),
        votes.map((v) => v[2]),
        votes.map((v) => v[3]),
      ]);
    },
  },
  revealVote: {
    summary: "Voter: reveal a committed vote with its choice and salt, in the reveal period (DS7)",
    fields: { pollId: uintSchema, approve: booleanSchema, salt: bytes32Schema },
    encode: (b, ctx) => voting(ctx, "revealVote", [uint(b, "pollId", 256, 1n), b.approve as boolean, b.salt as Hex]),
  },
  revealVotes: {
    summary: "Voter: reveal several votes in one transaction (DS7)",
    fields: { votes: { type: "array", minItems: 1, maxItems: MAX_BATCH, items: revealItem } },
    encode: (b, ctx) => {
      const votes = b.votes as Body[];
      return voting(ctx, "revealVotes", [
        votes.map((v, i) => uintFrom(v.pollId as string, `body.votes.${i}.pollId`, 256, 1n)),
        votes.map((v) => v.approve as boolean),
        votes.map((v) => v.salt as Hex),
      ]);
    },
  },
  releasePoll: {
    summary: "Voter: release one's lock in a poll that has ended (DS7)",
    fields: { pollId: uintSchema },
    encode: (b, ctx) => voting(ctx, "release", [uint(b, "pollId", 256, 1n)]),
  },
};
