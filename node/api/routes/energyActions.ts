// The measured-energy operations (MX1, MX3–MX7, MX9) as unsigned transactions, merged into the ACTIONS table: the
// API checks the input and encodes the call; the user's wallet (or a development account) signs it.
import { type Address, encodeFunctionData, getAddress, type Hex, keccak256, stringToHex } from "viem";
import { ConstantProductPoolAbi } from "../../../sdk/abi/ConstantProductPool.ts";
import { DeviceRegistryAbi } from "../../../sdk/abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi } from "../../../sdk/abi/EnergyPayments.ts";
import { PoolFactoryAbi } from "../../../sdk/abi/PoolFactory.ts";
import { StorageNodeAbi } from "../../../sdk/abi/StorageNode.ts";
import { TechnicalDAOAbi } from "../../../sdk/abi/TechnicalDAO.ts";
import {
  findProposalRecord,
  type ProposalCalls,
  uniqueDescription,
  VOTE_SUPPORT,
  type VoteSupportName,
} from "../../../sdk/actions/dao/proposalCalls.ts";
import {
  DEVICE_DECISIONS,
  type DeviceDecision,
  deviceDecisionCall,
} from "../../../sdk/actions/dao/proposeDeviceDecision.ts";
import {
  PAYMENT_DECISIONS,
  type PaymentDecision,
  paymentDecisionCall,
} from "../../../sdk/actions/dao/proposePaymentDecision.ts";
import { DEVICE_KINDS, type DeviceKindName } from "../../../sdk/actions/operator/applyDevice.ts";
import { DEFAULT_POOL_DEADLINE_SECONDS } from "../../../sdk/actions/pool/deadline.ts";
import type { EnergyAddresses } from "../../../sdk/energy/deployEnergy.ts";
import { InvalidParameterError } from "../../../sdk/errors.ts";
import type { ApiContext } from "../context.ts";
import { addressSchema, InvalidFieldError, NotFoundError, uintFrom, uintSchema } from "../schemas.ts";
import type { Action } from "./actions.ts";

type Body = Record<string, string>;
type Encoded = { to: Address; data: Hex };

const text = (maxLength: number, minLength = 0) => ({ type: "string", minLength, maxLength });
const oneOf = (values: readonly string[]) => ({ type: "string", enum: [...values] });
const uint = (body: Body, field: string, bits = 256, minimum = 0n) =>
  uintFrom(body[field] as string, `body.${field}`, bits, minimum);
const optionalUint = (body: Body, field: string, fallback: bigint) =>
  body[field] === undefined ? fallback : uint(body, field);
const smallUint = (body: Body, field: string, bits: number, minimum = 0n) => Number(uint(body, field, bits, minimum));

/** The registry's and the contracts' texts are at most 512 bytes. */
const TEXT_BYTES = 512;

function energyOf(ctx: ApiContext): EnergyAddresses {
  if (ctx.deployment.energy === null) throw new NotFoundError("the measured-energy modules of this deployment");
  return ctx.deployment.energy;
}

function call(to: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]): Encoded {
  return { to, data: encodeFunctionData({ abi, functionName, args } as never) };
}

/** The SDK's refusals of a parameter, as a 400 naming the body field. */
function asFieldError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidParameterError)
      throw new InvalidFieldError(`body.${error.parameter}`, error.shortMessage);
    throw error;
  }
}

async function requireDevice(ctx: ApiContext, deviceId: bigint): Promise<void> {
  const status = await ctx.client.readContract({
    address: energyOf(ctx).deviceRegistry,
    abi: DeviceRegistryAbi,
    functionName: "statusOf",
    args: [deviceId],
  });
  if (status === 0) throw new NotFoundError(`device ${deviceId}`);
}

/** A pool operation's recipient: `to`, else `from` (the API cannot see who will sign). */
function recipientOf(body: Body): Address {
  const recipient = body.to ?? body.from;
  if (recipient === undefined) {
    throw new InvalidFieldError("body.to", "is required unless from (the signing account) is given");
  }
  return getAddress(recipient);
}

async function deadlineOf(body: Body, ctx: ApiContext): Promise<bigint> {
  return body.deadline === undefined ? (await ctx.chainNow()) + DEFAULT_POOL_DEADLINE_SECONDS : uint(body, "deadline");
}

async function proposal(ctx: ApiContext, target: Address, calldata: Hex, description: string): Promise<Encoded> {
  return call(energyOf(ctx).dao, TechnicalDAOAbi, "propose", [[target], [0n], [calldata], description]);
}

// A proposal's calls never change once proposed, so each is looked up in the chain's logs once per node.
const proposalCache = new WeakMap<ApiContext, Map<bigint, ProposalCalls>>();

async function proposalCalls(ctx: ApiContext, proposalId: bigint): Promise<ProposalCalls> {
  let cache = proposalCache.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    proposalCache.set(ctx, cache);
  }
  const cached = cache.get(proposalId);
  if (cached !== undefined) return cached;
  const record = await findProposalRecord(ctx.client, energyOf(ctx).dao, proposalId, ctx.deployment.fromBlock);
  if (record === null) throw new NotFoundError(`proposal ${proposalId}`);
  const calls = {
    targets: record.targets,
    values: record.values,
    calldatas: record.calldatas,
    description: record.description,
  };
  cache.set(proposalId, calls);
  return calls;
}

const poolFields = { to: addressSchema, from: addressSchema, deadline: uintSchema };

export const ENERGY_ACTIONS: Record<string, Action> = {
  applyDevice: {
    summary: "Operator: apply for a clean-energy device (MX1)",
    fields: {
      key: addressSchema,
      kind: oneOf(DEVICE_KINDS),
      ratedPowerW: uintSchema,
      maxLossBps: uintSchema,
      location: text(TEXT_BYTES, 1),
      poolData: text(TEXT_BYTES),
      hardwareStatus: text(TEXT_BYTES),
    },
    optional: ["poolData", "hardwareStatus"],
    encode: (b, ctx) => {
      const maxLossBps = smallUint(b, "maxLossBps", 16);
      if (maxLossBps > 10_000) throw new InvalidFieldError("body.maxLossBps", "must be at most 10000 (100%)");
      return call(energyOf(ctx).deviceRegistry, DeviceRegistryAbi, "applyForDevice", [
        {
          key: getAddress(b.key as string),
          kind: DEVICE_KINDS.indexOf(b.kind as DeviceKindName),
          ratedPowerW: uint(b, "ratedPowerW", 64, 1n),
          maxLossBps,
          location: b.location,
          poolData: b.poolData ?? "",
          hardwareStatus: b.hardwareStatus ?? "",
        },
      ]);
    },
  },
  updateDeviceAttributes: {
    summary: "Operator: update a device's pool data and hardware status (MX1)",
    fields: { deviceId: uintSchema, poolData: text(TEXT_BYTES), hardwareStatus: text(TEXT_BYTES) },
    encode: (b, ctx) =>
      call(energyOf(ctx).deviceRegistry, DeviceRegistryAbi, "updateAttributes", [
        uint(b, "deviceId", 256, 1n),
        b.poolData,
        b.hardwareStatus,
      ]),
  },
  proposeDeviceDecision: {
    summary:
      "DAO member: propose to approve, reject, suspend, reinstate or revoke a device (MX1); the default description " +
      '("Approve device 3", with ": reason") gets " (#2)", … when an identical proposal exists',
    fields: {
      deviceId: uintSchema,
      decision: oneOf(DEVICE_DECISIONS),
      reason: text(TEXT_BYTES),
      description: text(4096, 1),
    },
    optional: ["reason", "description"],
    encode: async (b, ctx) => {
      const energy = energyOf(ctx);
      const deviceId = uint(b, "deviceId", 256, 1n);
      const proposed = asFieldError(() =>
        deviceDecisionCall({
          deviceRegistry: energy.deviceRegistry,
          deviceId,
          decision: b.decision as DeviceDecision,
          reason: b.reason,
        }),
      );
      await requireDevice(ctx, deviceId);
      const description = b.description ?? (await defaultDescription(ctx, proposed));
      return proposal(ctx, proposed.target, proposed.calldata, description);
    },
  },
  proposePaymentDecision: {
    summary: "DAO member: propose to approve (mint, MX5) or refuse a payment request (MX4)",
    fields: { requestId: uintSchema, decision: oneOf(PAYMENT_DECISIONS), reason: text(TEXT_BYTES) },
    optional: ["reason"],
    encode: async (b, ctx) => {
      const energy = energyOf(ctx);
      const requestId = uint(b, "requestId", 256, 1n);
      const proposed = asFieldError(() =>
        paymentDecisionCall({
          energyPayments: energy.energyPayments,
          requestId,
          decision: b.decision as PaymentDecision,
          reason: b.reason,
        }),
      );
      const count = await ctx.client.readContract({
        address: energy.energyPayments,
        abi: EnergyPaymentsAbi,
        functionName: "paymentRequestCount",
      });
      if (requestId > count) throw new NotFoundError(`payment request ${requestId}`);
      return proposal(ctx, proposed.target, proposed.calldata, await defaultDescription(ctx, proposed));
    },
  },
  castVote: {
    summary: "DAO member: vote for, against or abstain on an active proposal (MX1, MX4, MX9)",
    fields: { proposalId: uintSchema, support: oneOf(VOTE_SUPPORT), reason: text(TEXT_BYTES) },
    optional: ["reason"],
    encode: (b, ctx) => {
      const support = VOTE_SUPPORT.indexOf(b.support as VoteSupportName);
      const proposalId = uint(b, "proposalId");
      return b.reason
        ? call(energyOf(ctx).dao, TechnicalDAOAbi, "castVoteWithReason", [proposalId, support, b.reason])
        : call(energyOf(ctx).dao, TechnicalDAOAbi, "castVote", [proposalId, support]);
    },
  },
  executeProposal: {
    summary: "Anyone: execute a proposal that passed; its calls are read from its ProposalCreated log",
    fields: { proposalId: uintSchema },
    encode: async (b, ctx) => {
      const calls = await proposalCalls(ctx, uint(b, "proposalId"));
      return call(energyOf(ctx).dao, TechnicalDAOAbi, "execute", [
        calls.targets,
        calls.values,
        calls.calldatas,
        keccak256(stringToHex(calls.description)),
      ]);
    },
  },
  requestPayment: {
    summary: "Operator: request payment for a device's energy in a month, with the node's integrity figures (MX4)",
    fields: {
      deviceId: uintSchema,
      period: { type: "string", pattern: "^[0-9]{6}$", description: "the UTC month, YYYYMM" },
      firstRootPeriodId: uintSchema,
      lastRootPeriodId: uintSchema,
      sentWh: uintSchema,
      readingCount: uintSchema,
      gaps: uintSchema,
      uptimeBps: uintSchema,
      lossWh: uintSchema,
    },
    encode: (b, ctx) => {
      const period = Number(b.period);
      const month = period % 100;
      if (period < 200_001 || month < 1 || month > 12) {
        throw new InvalidFieldError("body.period", "must be a month YYYYMM from 200001 to 999912");
      }
      const uptimeBps = smallUint(b, "uptimeBps", 16);
      if (uptimeBps > 10_000) throw new InvalidFieldError("body.uptimeBps", "must be at most 10000 (100%)");
      return call(energyOf(ctx).energyPayments, EnergyPaymentsAbi, "requestPayment", [
        {
          deviceId: uint(b, "deviceId", 256, 1n),
          period,
          firstRootPeriodId: uint(b, "firstRootPeriodId", 64),
          lastRootPeriodId: uint(b, "lastRootPeriodId", 64),
          sentWh: uint(b, "sentWh", 64, 1n),
          readingCount: smallUint(b, "readingCount", 32),
          gaps: smallUint(b, "gaps", 32),
          uptimeBps,
          lossWh: uint(b, "lossWh", 64),
        },
      ]);
    },
  },
  requestStore: {
    summary: "Device key or operator: ask a storage node to store energy the device sent (MX7)",
    fields: { nodeId: uintSchema, depositorId: uintSchema, sentWh: uintSchema },
    encode: (b, ctx) =>
      call(energyOf(ctx).storageNode, StorageNodeAbi, "requestStore", [
        uint(b, "nodeId", 256, 1n),
        uint(b, "depositorId", 256, 1n),
        uint(b, "sentWh", 64, 1n),
      ]),
  },
  confirmStore: {
    summary: "Storage node key: confirm the energy received; the loss is computed and checked (MX3, MX7)",
    fields: { storeId: uintSchema, receivedWh: uintSchema },
    encode: (b, ctx) =>
      call(energyOf(ctx).storageNode, StorageNodeAbi, "confirmStore", [
        uint(b, "storeId", 256, 1n),
        uint(b, "receivedWh", 64),
      ]),
  },
  requestTakeOut: {
    summary: "Device key or operator: ask for stored energy back (MX7)",
    fields: { nodeId: uintSchema, depositorId: uintSchema, wh: uintSchema },
    encode: (b, ctx) =>
      call(energyOf(ctx).storageNode, StorageNodeAbi, "requestTakeOut", [
        uint(b, "nodeId", 256, 1n),
        uint(b, "depositorId", 256, 1n),
        uint(b, "wh", 64, 1n),
      ]),
  },
  completeTakeOut: {
    summary: "Storage node key: report the energy sent back on a take-out (MX7)",
    fields: { takeOutId: uintSchema, deliveredWh: uintSchema },
    encode: (b, ctx) =>
      call(energyOf(ctx).storageNode, StorageNodeAbi, "completeTakeOut", [
        uint(b, "takeOutId", 256, 1n),
        uint(b, "deliveredWh", 64),
      ]),
  },
  approveToken: {
    summary: "Anyone: let a contract (a pool) take an ERC-20 (Energy, Reward or Solar Token)",
    fields: { token: addressSchema, spender: addressSchema, amountWei: uintSchema },
    encode: (b) =>
      call(getAddress(b.token as string), ConstantProductPoolAbi, "approve", [
        getAddress(b.spender as string),
        uint(b, "amountWei"),
      ]),
  },
  createPool: {
    summary: "Anyone: create the liquidity pool of a pair that has none (MX6)",
    fields: { tokenA: addressSchema, tokenB: addressSchema },
    encode: (b, ctx) => {
      const [tokenA, tokenB] = [getAddress(b.tokenA as string), getAddress(b.tokenB as string)];
      if (tokenA === tokenB) throw new InvalidFieldError("body.tokenB", "must differ from tokenA");
      return call(energyOf(ctx).poolFactory, PoolFactoryAbi, "createPool", [tokenA, tokenB]);
    },
  },
  addLiquidity: {
    summary: "Liquidity provider: deposit both tokens (approve the pool first); shares go to `to`, else `from` (MX6)",
    fields: {
      pool: addressSchema,
      amount0Wei: uintSchema,
      amount1Wei: uintSchema,
      amount0MinWei: uintSchema,
      amount1MinWei: uintSchema,
      ...poolFields,
    },
    optional: ["amount0MinWei", "amount1MinWei", "to", "from", "deadline"],
    encode: async (b, ctx) =>
      call(getAddress(b.pool as string), ConstantProductPoolAbi, "addLiquidity", [
        uint(b, "amount0Wei"),
        uint(b, "amount1Wei"),
        optionalUint(b, "amount0MinWei", 0n),
        optionalUint(b, "amount1MinWei", 0n),
        recipientOf(b),
        await deadlineOf(b, ctx),
      ]),
  },
  removeLiquidity: {
    summary: "Liquidity provider: redeem shares for both tokens, fees included; to `to`, else `from` (MX6)",
    fields: {
      pool: addressSchema,
      shares: uintSchema,
      amount0MinWei: uintSchema,
      amount1MinWei: uintSchema,
      ...poolFields,
    },
    optional: ["amount0MinWei", "amount1MinWei", "to", "from", "deadline"],
    encode: async (b, ctx) =>
      call(getAddress(b.pool as string), ConstantProductPoolAbi, "removeLiquidity", [
        uint(b, "shares", 256, 1n),
        optionalUint(b, "amount0MinWei", 0n),
        optionalUint(b, "amount1MinWei", 0n),
        recipientOf(b),
        await deadlineOf(b, ctx),
      ]),
  },
  swap: {
    summary:
      "Anyone: swap an exact amount for at least minAmountOutWei (approve the pool first); to `to`, else `from` (MX6)",
    fields: {
      pool: addressSchema,
      tokenIn: addressSchema,
      amountInWei: uintSchema,
      minAmountOutWei: uintSchema,
      ...poolFields,
    },
    optional: ["to", "from", "deadline"],
    encode: async (b, ctx) =>
      call(getAddress(b.pool as string), ConstantProductPoolAbi, "swapExactIn", [
        getAddress(b.tokenIn as string),
        uint(b, "amountInWei", 256, 1n),
        uint(b, "minAmountOutWei"),
        recipientOf(b),
        await deadlineOf(b, ctx),
      ]),
  },
};

function defaultDescription(ctx: ApiContext, proposed: { target: Address; calldata: Hex; defaultDescription: string }) {
  return uniqueDescription(
    ctx.client,
    energyOf(ctx).dao,
    { targets: [proposed.target], values: [0n], calldatas: [proposed.calldata] },
    proposed.defaultDescription,
  );
}
