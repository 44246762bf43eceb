// Checks a form makes before anything is sent, with the contracts' own limits, so that a mistake is explained next
// to the field instead of costing a refused transaction. Each check returns the message to show, or null.
import { formatSolar, groupThousands, parseSolar, SOLAR_DECIMALS } from "../../../sdk/format.ts";

export type Check = (value: string) => string | null;

export const maxUint = (bits: number): bigint => (1n << BigInt(bits)) - 1n;

const encoder = new TextEncoder();

/** Free text the contracts store, limited in bytes (UTF-8), as they count it. */
export function checkText(
  value: string,
  options: { what: string; required: boolean; maxBytes: number },
): string | null {
  const trimmed = value.trim();
  if (options.required && trimmed === "") return `Enter ${options.what}.`;
  const bytes = encoder.encode(value).length;
  if (bytes > options.maxBytes) return `Too long: at most ${options.maxBytes} bytes (this is ${bytes}).`;
  return null;
}

export function checkAddress(value: string): string | null {
  const v = value.trim();
  if (v === "") return "Enter an address.";
  if (!/^0x[0-9a-fA-F]{40}$/.test(v)) return "An address is 0x followed by 40 hexadecimal digits (0–9, a–f).";
  if (/^0x0{40}$/.test(v)) return "The zero address cannot be used.";
  return null;
}

/**
 * A whole number within [min, max]: wattage, days, shares, units. `unit` names what is counted in the messages.
 */
export function checkWholeNumber(value: string, options: { min: bigint; max: bigint; unit: string }): string | null {
  const v = value.trim();
  if (v === "") return `Enter a number of ${options.unit}.`;
  if (/^-/.test(v)) return "The number cannot be negative.";
  if (/^[0-9]+[.,][0-9]*$/.test(v)) return "Enter a whole number, without decimals.";
  if (!/^[0-9]+$/.test(v))
    return `Enter a whole number of ${options.unit}, such as ${groupThousands(options.min.toString())}.`;
  const n = BigInt(v);
  if (n < options.min) return `Enter at least ${groupThousands(options.min.toString())} ${options.unit}.`;
  if (n > options.max) return `Too large: at most ${groupThousands(options.max.toString())} ${options.unit}.`;
  return null;
}

/**
 * An amount of SOLAR as people write it ("12.5"), at most 18 decimals, more than zero, at most `maxWei`
 * (with `maxReason` saying why, e.g. "left to fund").
 */
export function checkSolarAmount(
  value: string,
  options: { maxWei: bigint; maxReason?: string; allowZero?: boolean },
): string | null {
  const v = value.trim().replaceAll(",", "");
  if (v === "") return "Enter an amount of SOLAR.";
  if (/^-/.test(v)) return "The amount cannot be negative.";
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v)) return "Write the amount as a decimal number, such as 12.5.";
  const fraction = v.split(".")[1] ?? "";
  if (fraction.length > SOLAR_DECIMALS) return `SOLAR has at most ${SOLAR_DECIMALS} decimal places.`;
  const wei = parseSolar(v);
  if (wei === 0n && !options.allowZero) return "The amount must be more than 0.";
  if (wei > options.maxWei) {
    return `Too large: at most ${formatSolar(options.maxWei)}${options.maxReason ? ` ${options.maxReason}` : ""}.`;
  }
  return null;
}

/** Only after `checkSolarAmount` passed. */
export function solarInputToWei(value: string): bigint {
  return parseSolar(value.trim().replaceAll(",", ""));
}
