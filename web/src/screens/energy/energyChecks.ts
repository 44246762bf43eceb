// The energy forms' checks, with the contracts' own limits (DeviceRegistry, EnergyPayments, StorageNode,
// ConstantProductPool), so a mistake is explained next to the field before anything is sent.
import { groupThousands, parseSolar } from "../../../../sdk/format.ts";
import { checkWholeNumber, maxUint } from "../../forms/validate.ts";
import { formatToken } from "./energyFormat.ts";

/** DeviceRegistry.MAX_TEXT_BYTES and EnergyPayments.MAX_REASON_BYTES. */
export const MAX_TEXT_BYTES = 512;
/** DeviceRegistry.MAX_RATED_POWER_W. */
export const MAX_RATED_POWER_W = 1_000_000_000n;
export const MAX_UINT64 = maxUint(64);
export const MAX_UINT32 = maxUint(32);
export const TOKEN_DECIMALS = 18;

/** A percentage with at most `decimals` places, within [0, max]: a maximum loss, an uptime, a slippage. */
export function checkPercent(value: string, options: { max: number; decimals: number; what: string }): string | null {
  const v = value.trim();
  if (v === "") return `Enter ${options.what} in percent.`;
  if (/^-/.test(v)) return "The percentage cannot be negative.";
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v)) return "Write a percentage as a number, such as 2.5.";
  if ((v.split(".")[1] ?? "").length > options.decimals) {
    return `At most ${options.decimals} decimal places.`;
  }
  if (Number(v) > options.max) return `Too large: at most ${options.max}%.`;
  return null;
}

/** Only after `checkPercent` passed: "2.5" → 250 basis points. */
export function percentToBps(value: string): bigint {
  const [whole = "0", fraction = ""] = value.trim().split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
}

/** Basis points as the percentage a field shows: 250n → "2.5". */
export function bpsToPercentInput(bps: bigint): string {
  const fraction = (bps % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${bps / 100n}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Watt-hours: a whole number that fits the contracts' uint64. */
export function checkWh(
  value: string,
  options: { min?: bigint; max?: bigint; maxReason?: string } = {},
): string | null {
  const max = options.max ?? MAX_UINT64;
  const error = checkWholeNumber(value, { min: options.min ?? 0n, max: MAX_UINT64, unit: "Wh" });
  if (error) return error;
  if (BigInt(value.trim()) > max) {
    return `Too large: at most ${groupThousands(max.toString())} Wh${options.maxReason ? ` ${options.maxReason}` : ""}.`;
  }
  return null;
}

/** A device, store or take-out id: a whole number from 1. */
export function checkId(value: string, what: string): string | null {
  const v = value.trim();
  if (v === "") return `Enter the ${what} id.`;
  if (/^-/.test(v)) return "An id cannot be negative.";
  if (!/^[0-9]+$/.test(v)) return `A ${what} id is a whole number, such as 1.`;
  if (BigInt(v) < 1n) return "Ids count from 1.";
  if (BigInt(v) > MAX_UINT64) return `Too large: no ${what} has that id.`;
  return null;
}

/** A month as YYYYMM (202607) or YYYY-MM (2026-07), as EnergyPayments accepts it: 200001 to 999912. */
export function checkMonth(value: string): string | null {
  const v = value.trim();
  if (v === "") return "Enter the month, such as 2026-07.";
  const m = /^([0-9]{4})-?([0-9]{2})$/.exec(v);
  if (!m) return "Write the month as YYYY-MM, such as 2026-07.";
  const month = Number(m[2]);
  if (month < 1 || month > 12) return "The month must be from 01 to 12.";
  if (Number(m[1]) < 2000) return "The month must be in the year 2000 or later.";
  return null;
}

/** Only after `checkMonth` passed. */
export function monthInputToYyyymm(value: string): bigint {
  return BigInt(value.trim().replace("-", ""));
}

export function yyyymmToInput(yyyymm: bigint): string {
  return `${yyyymm / 100n}-${(yyyymm % 100n).toString().padStart(2, "0")}`;
}

/**
 * An amount of an 18-decimal token as people write it ("12.5"), more than zero unless allowed, at most `maxWei`
 * (with `maxReason`, e.g. "(your balance)").
 */
export function checkTokenAmount(
  value: string,
  options: { symbol: string; maxWei: bigint; maxReason?: string; allowZero?: boolean },
): string | null {
  const v = value.trim().replaceAll(",", "");
  if (v === "") return `Enter an amount of ${options.symbol}.`;
  if (/^-/.test(v)) return "The amount cannot be negative.";
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v)) return "Write the amount as a decimal number, such as 12.5.";
  if ((v.split(".")[1] ?? "").length > TOKEN_DECIMALS) return `At most ${TOKEN_DECIMALS} decimal places.`;
  const wei = parseSolar(v);
  if (wei === 0n && !options.allowZero) return "The amount must be more than 0.";
  if (wei > options.maxWei) {
    return `Too large: at most ${formatToken(options.maxWei, options.symbol)}${options.maxReason ? ` ${options.maxReason}` : ""}.`;
  }
  return null;
}

/** Only after `checkTokenAmount` passed. */
export function tokenInputToWei(value: string): bigint {
  return parseSolar(value.trim().replaceAll(",", ""));
}

/** The wei an input stands for, or null while it is not (yet) a valid amount: for live quotes. */
export function tokenInputOrNull(value: string): bigint | null {
  const v = value.trim().replaceAll(",", "");
  if (!/^[0-9]+(\.[0-9]{1,18})?$/.test(v)) return null;
  return parseSolar(v);
}
