// Energy, tokens, basis points, months and readings periods as people read them. Exact, from bigint: a figure the
// DAO checks against a claim must print its last watt-hour.
import { formatSolar, groupThousands } from "../../../../sdk/format.ts";
import type { DeviceKind, DeviceStatus, ProposalState } from "../../api/energyTypes.ts";

export const SECONDS_PER_PERIOD = 3600n;
export const BPS = 10_000n;

/** 12345n → "12,345 Wh". */
export function formatWh(wh: bigint): string {
  return `${groupThousands(wh.toString())} Wh`;
}

/** 9512n → "95.12%". */
export function formatBps(bps: bigint): string {
  const negative = bps < 0n;
  const abs = negative ? -bps : bps;
  return `${negative ? "-" : ""}${groupThousands((abs / 100n).toString())}.${(abs % 100n).toString().padStart(2, "0")}%`;
}

/** An 18-decimal token amount with its symbol: 1500000000000000000n, "DREX-KWH" → "1.5 DREX-KWH". */
export function formatToken(amountWei: bigint, symbol: string): string {
  return `${formatSolar(amountWei, { symbol: false })} ${symbol}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** 202607n → "July 2026". */
export function formatMonth(yyyymm: bigint): string {
  const month = Number(yyyymm % 100n);
  const name = MONTHS[month - 1];
  return name ? `${name} ${yyyymm / 100n}` : yyyymm.toString();
}

/** The UTC month (YYYYMM) a unix time falls in. */
export function monthOf(unixSeconds: bigint): bigint {
  const date = new Date(Number(unixSeconds) * 1000);
  return BigInt(date.getUTCFullYear() * 100 + date.getUTCMonth() + 1);
}

/** An hour of readings (periodId) as its UTC start: "2026-07-14 13:00 UTC". */
export function formatPeriod(periodId: bigint): string {
  return `${new Date(Number(periodId * SECONDS_PER_PERIOD) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatTime(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toLocaleString();
}

const KIND_LABELS: Record<DeviceKind, string> = {
  generator: "generator",
  storageNode: "storage node",
  meter: "meter",
};

export function kindLabel(kind: DeviceKind): string {
  return KIND_LABELS[kind];
}

const STATUS_MEANINGS: Record<DeviceStatus, string> = {
  applied: "awaiting the DAO's decision",
  active: "approved; its soulbound token exists",
  suspended: "suspended by the DAO: no payments, no storage",
  revoked: "revoked by the DAO for good",
  rejected: "the DAO rejected the application",
};

export function statusMeaning(status: DeviceStatus): string {
  return STATUS_MEANINGS[status];
}

const STATE_MEANINGS: Record<ProposalState, string> = {
  pending: "voting has not opened yet",
  active: "members are voting",
  canceled: "cancelled",
  defeated: "defeated: not enough votes for it",
  succeeded: "passed: anyone may execute it",
  queued: "queued",
  expired: "expired",
  executed: "executed",
};

export function proposalStateMeaning(state: ProposalState): string {
  return STATE_MEANINGS[state];
}

/** A long id (a proposal's hash-sized number) shortened for reading; the whole id stays in the title. */
export function shortId(id: bigint): string {
  const text = id.toString();
  return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}
