// Parsers for flag and argument values. Each throws commander's InvalidArgumentError with the reason, which commander
// prints after the flag's name ("option '--amount <SOLAR>' argument '-5' is invalid. …") and turns into exit code 2
// before the command runs: bad input never reaches the chain.
import { InvalidArgumentError } from "commander";
import { type Address, getAddress, type Hex, isAddress, parseEther } from "viem";
import { MILLI_UNITS_PER_UNIT, parseSolar, SECONDS_PER_DAY } from "../sdk/format.ts";

/** A positive amount of SOLAR, "12000", "12,000.5" or "0.25 SOLAR", in base units. */
export function parsePositiveSolar(text: string): bigint {
  let amountWei: bigint;
  try {
    amountWei = parseSolar(text);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message} (write it like 12000 or 0.25).`);
  }
  if (amountWei <= 0n) throw new InvalidArgumentError("The amount must be more than 0 SOLAR.");
  return amountWei;
}

/** An amount of SOLAR that may be 0 (a price vote of 0 makes the energy free). */
export function parseSolarOrZero(text: string): bigint {
  let amountWei: bigint;
  try {
    amountWei = parseSolar(text);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message} (write it like 0.25).`);
  }
  if (amountWei < 0n) throw new InvalidArgumentError("It must not be negative.");
  return amountWei;
}

/** A whole number of base units (wei), 0 allowed. */
export function parseWei(text: string): bigint {
  if (!/^\d+$/.test(text.trim()))
    throw new InvalidArgumentError("Give a whole number of wei, like 250000000000000000.");
  return BigInt(text.trim());
}

/** A whole number of base units (wei), more than 0. */
export function parsePositiveWei(text: string): bigint {
  const wei = parseWei(text);
  if (wei === 0n) throw new InvalidArgumentError("It must be more than 0 wei.");
  return wei;
}

/** An amount of ether, "0.5", in wei; more than 0. */
export function parsePositiveEther(text: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(text.trim())) throw new InvalidArgumentError("Give an amount of ETH like 0.5.");
  const wei = parseEther(text.trim());
  if (wei === 0n) throw new InvalidArgumentError("The amount must be more than 0 ETH.");
  return wei;
}

/** A request or bid id: a whole number from 1. */
export function parseId(text: string): bigint {
  if (!/^\d+$/.test(text.trim()) || BigInt(text.trim()) === 0n) {
    throw new InvalidArgumentError("An id is a whole number from 1.");
  }
  return BigInt(text.trim());
}

/** A whole number of at least 1, as a bigint (units, shares, watts, seconds). */
export function parsePositiveWhole(text: string): bigint {
  if (!/^\d+$/.test(text.trim()) || BigInt(text.trim()) === 0n) {
    throw new InvalidArgumentError("It must be a whole number of at least 1.");
  }
  return BigInt(text.trim());
}

/** Whole days, as seconds. */
export function parseDaysAsSeconds(text: string): bigint {
  return parsePositiveWhole(text) * SECONDS_PER_DAY;
}

/** An amount of units with up to three decimals, "2.5", as milli-units (2500). */
export function parseMilliUnits(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError("Give units with at most 3 decimals, like 2.5.");
  const milliUnits = BigInt(match[1] ?? "0") * MILLI_UNITS_PER_UNIT + BigInt((match[2] ?? "").padEnd(3, "0") || "0");
  if (milliUnits === 0n) throw new InvalidArgumentError("It must be more than 0.");
  return milliUnits;
}

/** An account or contract address, checksummed. */
export function parseAddress(text: string): Address {
  const trimmed = text.trim();
  if (!isAddress(trimmed, { strict: false })) {
    throw new InvalidArgumentError("It is not an address (0x followed by 40 hex digits).");
  }
  return getAddress(trimmed);
}

/** A 65-byte ECDSA signature (r, s, v) as 0x-prefixed hex, as a device signs its readings. */
export function parseSignature(text: string): Hex {
  const trimmed = text.trim();
  if (!/^0x[0-9a-fA-F]{130}$/.test(trimmed)) {
    throw new InvalidArgumentError("A signature is 65 bytes of hex: 0x followed by 130 hex digits.");
  }
  return trimmed.toLowerCase() as Hex;
}

/** A TCP port, 1 to 65535. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port < 1 || port > 65_535) {
    throw new InvalidArgumentError("A port is a whole number from 1 to 65535.");
  }
  return port;
}

/** A whole number from 0 (block confirmations). */
export function parseNonNegativeInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError("It must be a whole number, 0 or more.");
  }
  return value;
}

/** An http(s) URL, without a trailing slash. */
export function parseHttpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new InvalidArgumentError("It is not a URL (like http://127.0.0.1:8545).");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError("Only http:// and https:// URLs are supported.");
  }
  return text.trim().replace(/\/+$/, "");
}

/** Text that must not be empty (a location, a unit type). */
export function parseNonEmpty(text: string): string {
  if (text.trim() === "") throw new InvalidArgumentError("It must not be empty.");
  return text;
}

/** Energy as "1500", "1500 Wh", "1.5 kWh" or "0.002 MWh", in whole watt-hours; 0 allowed. */
export function parseEnergyWh(text: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?\s*(wh|kwh|mwh)?$/i.exec(text.trim().replaceAll(",", ""));
  if (!match) throw new InvalidArgumentError("Give energy like 1500, 1500 Wh or 1.5 kWh.");
  const unit = (match[3] ?? "wh").toLowerCase();
  const decimals = unit === "mwh" ? 6 : unit === "kwh" ? 3 : 0;
  const fraction = match[2] ?? "";
  if (fraction.replace(/0+$/, "").length > decimals) {
    throw new InvalidArgumentError("It must come to a whole number of Wh.");
  }
  return BigInt(match[1] ?? "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** Energy of more than 0 Wh (see parseEnergyWh). */
export function parsePositiveEnergyWh(text: string): bigint {
  const wh = parseEnergyWh(text);
  if (wh === 0n) throw new InvalidArgumentError("It must be more than 0 Wh.");
  return wh;
}

/** Power as "5000", "5000 W" or "5 kW", in whole watts, more than 0. */
export function parsePowerW(text: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?\s*(w|kw|mw)?$/i.exec(text.trim().replaceAll(",", ""));
  if (!match) throw new InvalidArgumentError("Give power like 5000, 5000 W or 5 kW.");
  const unit = (match[3] ?? "w").toLowerCase();
  const decimals = unit === "mw" ? 6 : unit === "kw" ? 3 : 0;
  const fraction = match[2] ?? "";
  if (fraction.replace(/0+$/, "").length > decimals) throw new InvalidArgumentError("It must come to whole watts.");
  const watts = BigInt(match[1] ?? "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  if (watts === 0n) throw new InvalidArgumentError("It must be more than 0 W.");
  return watts;
}

/** An amount of an 18-decimal token (Energy, Reward, Solar, pool shares), "12.5" or "1,000", in base units; 0 allowed. */
export function parseTokenWei(text: string): bigint {
  const cleaned = text.trim().replaceAll(",", "");
  const match = /^(\d+)(?:\.(\d{1,18}))?$/.exec(cleaned);
  if (!match) throw new InvalidArgumentError("Give an amount of tokens like 12.5 (at most 18 decimals).");
  return BigInt(match[1] ?? "0") * 10n ** 18n + BigInt((match[2] ?? "").padEnd(18, "0"));
}

/** An amount of tokens of more than 0 (see parseTokenWei). */
export function parsePositiveTokenWei(text: string): bigint {
  const wei = parseTokenWei(text);
  if (wei === 0n) throw new InvalidArgumentError("It must be more than 0.");
  return wei;
}

/** Basis points, 0 to 10,000 (100%). */
export function parseBps(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value > 10_000) {
    throw new InvalidArgumentError("Give basis points, a whole number from 0 to 10000 (100%).");
  }
  return value;
}

/** A UTC month as YYYYMM, 200001 to 999912. */
export function parseMonth(text: string): number {
  const value = Number(text.trim());
  if (!/^\d{6}$/.test(text.trim()) || value < 200_001 || value % 100 < 1 || value % 100 > 12) {
    throw new InvalidArgumentError("Give a month as YYYYMM, like 202611.");
  }
  return value;
}

/** A whole number from 0, as a bigint (readings, gaps, period ids). */
export function parseWhole(text: string): bigint {
  if (!/^\d+$/.test(text.trim())) throw new InvalidArgumentError("It must be a whole number, 0 or more.");
  return BigInt(text.trim());
}

const DURATION_UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

/** A duration as "3d", "6h", "90m", "45s", "2w" or a combination like "1d12h", in seconds, more than 0. */
export function parseDurationSeconds(text: string): bigint {
  const cleaned = text.trim().toLowerCase().replaceAll(" ", "");
  if (!/^(\d+[smhdw])+$/.test(cleaned)) {
    throw new InvalidArgumentError("Give a duration like 3d, 6h, 90m or 1d12h (s, m, h, d, w).");
  }
  let seconds = 0n;
  for (const [, amount, unit] of cleaned.matchAll(/(\d+)([smhdw])/g)) {
    seconds += BigInt(amount ?? "0") * (DURATION_UNIT_SECONDS[unit ?? "s"] ?? 1n);
  }
  if (seconds === 0n) throw new InvalidArgumentError("It must be longer than 0 seconds.");
  return seconds;
}

/** A moment: an ISO time ("2026-11-27T10:00Z"), or "+3d" from the chain's latest block (resolved by the command). */
export type MomentSpec = { atUnixSeconds: bigint } | { afterSeconds: bigint };

export function parseMoment(text: string): MomentSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith("+")) return { afterSeconds: parseDurationSeconds(trimmed.slice(1)) };
  // Only full dates: Date.parse also reads forms like "3" or "May 5" that are more likely typos than times.
  const millis = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new InvalidArgumentError("Give an ISO time like 2026-11-27T10:00Z, or a duration from now like +3d or +6h.");
  }
  return { atUnixSeconds: BigInt(Math.floor(millis / 1000)) };
}
