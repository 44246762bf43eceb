// What the energy routes share (MX1–MX9): the rows as JSON, proposals with their state at chain time, and payment
// requests with the integrity checks the DAO votes on, measured from this node's readings and the index.
import type { Address } from "viem";
import { decodeActions } from "../../indexer/proposalActions.ts";
import { effectiveProposalState, type ProposalState, quorumAt } from "../../indexer/proposalState.ts";
import {
  claimPeriodRange,
  monthPeriodRange,
  type PeriodFigures,
  type RangeFigures,
  rangeFigures,
} from "../../meter/integrity.ts";
import { SECONDS_PER_PERIOD } from "../../meter/Meter.ts";
import type { ReadingStore } from "../../meter/ReadingStore.ts";
import type { DaoCheckpointRecord, DeviceRecord, PaymentRecord, ProposalRecord } from "../../store/energyViews.ts";
import type { ApiContext } from "../context.ts";

/** The node cannot answer this: no energy modules in its deployment, or no readings kept here. Answered 503. */
export class NotAvailableError extends Error {
  override name = "NotAvailableError";
}

export const ENERGY_TAG = "energy";

export const deviceIdSchema = { type: "string", pattern: "^[0-9]{1,18}$", description: "a device id" } as const;

/** The device's JSON row. */
export function deviceJson(d: DeviceRecord) {
  return {
    deviceId: d.deviceId,
    operator: d.operator,
    key: d.key,
    keys: keysOf(d),
    kind: d.kind,
    status: d.status,
    ratedPowerW: d.ratedPowerW,
    maxLossBps: d.maxLossBps,
    location: d.location,
    poolData: d.poolData,
    hardwareStatus: d.hardwareStatus,
    appliedAt: d.appliedAt,
    updatedAt: d.updatedAt,
    statusReason: d.statusReason,
  };
}

export const keysOf = (d: DeviceRecord): Address[] => JSON.parse(d.keys) as Address[];

export function periodJson(p: PeriodFigures) {
  return { ...p, periodStart: p.periodId * SECONDS_PER_PERIOD };
}

/** The DAO's indexed history a proposal's quorum is judged by, read once per request. */
export type DaoHistory = { memberCounts: DaoCheckpointRecord[]; quorumNumerators: DaoCheckpointRecord[] };

export async function daoHistory(ctx: ApiContext): Promise<DaoHistory> {
  const [memberCounts, quorumNumerators] = await Promise.all([
    ctx.store.energy.checkpoints("memberCount"),
    ctx.store.energy.checkpoints("quorumNumerator"),
  ]);
  return { memberCounts, quorumNumerators };
}

export type ProposalJson = Awaited<ReturnType<typeof proposalJson>>;

export async function proposalJson(ctx: ApiContext, p: ProposalRecord, dao: DaoHistory, nowSeconds: bigint) {
  const quorum = quorumAt(dao.memberCounts, dao.quorumNumerators, p.voteStart);
  const targets = JSON.parse(p.targets) as string[];
  const calldatas = JSON.parse(p.calldatas) as string[];
  const votes = await ctx.store.energy.votesOn(p.proposalId);
  return {
    proposalId: p.proposalId,
    proposer: p.proposer,
    description: p.description,
    descriptionHash: p.descriptionHash,
    targets,
    values: JSON.parse(p.values) as string[],
    calldatas,
    actions: decodeActions(ctx.deployment.energy, targets, calldatas),
    subject:
      p.subjectKind === "device"
        ? { kind: "device" as const, deviceId: p.subjectId }
        : p.subjectKind === "payment"
          ? { kind: "payment" as const, requestId: p.subjectId }
          : null,
    state: effectiveProposalState(p, quorum, nowSeconds) as ProposalState,
    voteStart: p.voteStart,
    voteEnd: p.voteEnd,
    forVotes: p.forVotes,
    againstVotes: p.againstVotes,
    abstainVotes: p.abstainVotes,
    quorum,
    createdAt: p.createdAt,
    votes: votes.map((v) => ({ voter: v.voter, support: v.support, weight: v.weight, reason: v.reason })),
  };
}

export type IntegrityCheck = {
  name: "readingCount" | "gaps" | "uptime" | "loss" | "hardwareStatus" | "deviceActive" | "rootsCommitted" | "sentWh";
  claimed: string | null;
  measured: string;
  ok: boolean;
  note: string;
};

const FAULTY_HARDWARE = /fault|fail|error|offline|degraded/i;
export const MIN_UPTIME_BPS = 9_000;
const NO_READINGS = "no readings on this node";

/** The first and the end (exclusive) second of a YYYYMM month. */
export function monthSeconds(month: number): { fromSeconds: bigint; toSeconds: bigint } {
  const { fromPeriodId, toPeriodId } = monthPeriodRange(month);
  return { fromSeconds: fromPeriodId * SECONDS_PER_PERIOD, toSeconds: (toPeriodId + 1n) * SECONDS_PER_PERIOD };
}

/** A device's readings over the hours of a month its claim made at `asOfSeconds` answers for (claimPeriodRange). */
export function claimFigures(
  readings: ReadingStore,
  device: DeviceRecord,
  month: number,
  asOfSeconds: bigint,
): RangeFigures {
  const keys = keysOf(device);
  const { fromPeriodId, toPeriodId } = claimPeriodRange(readings, keys, month, asOfSeconds) ?? monthPeriodRange(month);
  return rangeFigures(readings, keys, fromPeriodId, toPeriodId);
}

/** Σ loss of the device's confirmed stores (as the depositor) requested in the month. */
export async function monthLossWh(ctx: ApiContext, deviceId: bigint, month: number): Promise<bigint> {
  const { fromSeconds, toSeconds } = monthSeconds(month);
  const stores = await ctx.store.energy.storesOf(deviceId, fromSeconds, toSeconds);
  return stores.reduce((sum, s) => sum + (s.lossWh ?? 0n), 0n);
}

/** What the DAO checks before it votes on a payment request (MX4, MX8), claimed against measured. */
export async function paymentChecks(
  ctx: ApiContext,
  p: PaymentRecord,
  device: DeviceRecord | null,
): Promise<IntegrityCheck[]> {
  const checks: IntegrityCheck[] = [];
  const readings = ctx.meter?.store;
  let measured = null;
  if (readings !== undefined && device !== null) {
    measured = claimFigures(readings, device, p.period, p.requestedAt);
  }
  const readingCount = Number(p.readingCount);
  const gaps = Number(p.gaps);
  if (measured === null) {
    for (const [name, claimed] of [
      ["readingCount", String(readingCount)],
      ["gaps", String(gaps)],
      ["uptime", String(p.uptimeBps)],
    ] as const) {
      checks.push({ name, claimed, measured: "unknown", ok: false, note: NO_READINGS });
    }
  } else {
    checks.push({
      name: "readingCount",
      claimed: String(readingCount),
      measured: String(measured.readingCount),
      ok: readingCount === measured.readingCount,
      note: `readings of the device's keys in ${p.period}`,
    });
    checks.push({
      name: "gaps",
      claimed: String(gaps),
      measured: String(measured.gaps),
      ok: gaps === measured.gaps && gaps * 100 <= readingCount,
      note: "equal to the missing sequence numbers, and at most 1% of the readings",
    });
    checks.push({
      name: "uptime",
      claimed: String(p.uptimeBps),
      measured: String(measured.uptimeBps),
      ok: measured.uptimeBps >= MIN_UPTIME_BPS && p.uptimeBps <= measured.uptimeBps,
      note: `heartbeats must cover at least ${MIN_UPTIME_BPS} bps of the month's hours since the device's first reading, up to the request, and no more is claimed than measured`,
    });
  }
  const indexedLossWh = await monthLossWh(ctx, p.deviceId, p.period);
  const maxLossBps = BigInt(device?.maxLossBps ?? 0);
  const lossWh = p.lossWh > indexedLossWh ? p.lossWh : indexedLossWh;
  checks.push({
    name: "loss",
    claimed: p.lossWh.toString(),
    measured: indexedLossWh.toString(),
    ok: lossWh * 10_000n <= maxLossBps * p.sentWh,
    note: `at most the declared ${maxLossBps} bps of the energy sent; measured from the storage node's confirmations`,
  });
  checks.push({
    name: "hardwareStatus",
    claimed: null,
    measured: device?.hardwareStatus ?? "unknown device",
    ok: device !== null && !FAULTY_HARDWARE.test(device.hardwareStatus),
    note: "the device's hardware status reports no fault",
  });
  checks.push({
    name: "deviceActive",
    claimed: null,
    measured: device?.status ?? "unknown device",
    ok: device?.status === "active",
    note: "only an active device is paid",
  });
  const [firstRoot, lastRoot] = await Promise.all([
    ctx.store.energy.readingRoot(p.firstRootPeriodId),
    ctx.store.energy.readingRoot(p.lastRootPeriodId),
  ]);
  checks.push({
    name: "rootsCommitted",
    claimed: `${p.firstRootPeriodId}..${p.lastRootPeriodId}`,
    measured: [firstRoot, lastRoot].map((r) => (r === null ? "uncommitted" : "committed")).join(".."),
    ok: firstRoot !== null && lastRoot !== null,
    note: "both ends of the claimed readings roots are committed on-chain",
  });
  checks.push({
    name: "sentWh",
    claimed: p.sentWh.toString(),
    measured: measured === null ? "unknown" : measured.sentWh.toString(),
    ok: measured !== null && p.sentWh <= measured.sentWh,
    note: measured === null ? NO_READINGS : "no more than the readings' energy sent in the month",
  });
  return checks;
}

export async function paymentJson(ctx: ApiContext, p: PaymentRecord, device?: DeviceRecord | null) {
  const subject = device === undefined ? await ctx.store.energy.getDevice(p.deviceId) : device;
  const [checks, proposals] = await Promise.all([
    paymentChecks(ctx, p, subject),
    ctx.store.energy.listProposals({ kind: "payment", id: p.requestId }),
  ]);
  return {
    requestId: p.requestId,
    deviceId: p.deviceId,
    operator: p.operator,
    period: p.period,
    firstRootPeriodId: p.firstRootPeriodId,
    lastRootPeriodId: p.lastRootPeriodId,
    sentWh: p.sentWh,
    readingCount: Number(p.readingCount),
    gaps: Number(p.gaps),
    uptimeBps: p.uptimeBps,
    lossWh: p.lossWh,
    status: p.status,
    refusalReason: p.refusalReason,
    requestedAt: p.requestedAt,
    energyWei: p.energyWei,
    operatorRewardWei: p.operatorRewardWei,
    poolRewardWei: p.poolRewardWei,
    vaultRewardWei: p.vaultRewardWei,
    checks,
    checksPassed: checks.every((c) => c.ok),
    proposals: proposals.map((x) => x.proposalId.toString()),
  };
}
