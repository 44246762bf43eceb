// Formatting of Solar Token amounts, ownership shares and energy for people. Amounts are exact by default:
// a ledger that balances to the last wei must print the last wei.
import { formatUnits, parseUnits } from "viem";

/** Solar Token has 18 decimals: 1 SOLAR = 10^18 base units ("wei"). */
export const SOLAR_DECIMALS = 18;
export const SOLAR_SYMBOL = "SOLAR";
/** Every generator issues exactly this many ownership shares: 10,000 shares = 100.00%. */
export const TOTAL_SHARES = 10_000n;
/** Energy credit is kept in thousandths of a unit (Wh for kWh). */
export const MILLI_UNITS_PER_UNIT = 1000n;

export const SECONDS_PER_DAY = 86_400n;

export type FormatSolarOptions = {
  /** Most fraction digits to show; the rest is cut off (towards zero). Default: all 18, trailing zeros trimmed. */
  maxDecimals?: number;
  /** Append " SOLAR". Default true. */
  symbol?: boolean;
};

/** 12500500000000000000000n → "12,500.5 SOLAR". */
export function formatSolar(amountWei: bigint, options: FormatSolarOptions = {}): string {
  const negative = amountWei < 0n;
  let text = formatUnits(negative ? -amountWei : amountWei, SOLAR_DECIMALS);
  const [whole = "0", fraction = ""] = text.split(".");
  const maxDecimals = options.maxDecimals ?? SOLAR_DECIMALS;
  const shownFraction = fraction.slice(0, maxDecimals).replace(/0+$/, "");
  text = groupThousands(whole) + (shownFraction === "" ? "" : `.${shownFraction}`);
  if (negative) text = `-${text}`;
  return options.symbol === false ? text : `${text} ${SOLAR_SYMBOL}`;
}

/** "12,500.5" or "12500.5 SOLAR" → base units. Throws on anything that is not a plain decimal number. */
export function parseSolar(text: string): bigint {
  const cleaned = text
    .replace(new RegExp(`\\s*${SOLAR_SYMBOL}$`, "i"), "")
    .replaceAll(",", "")
    .trim();
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) throw new Error(`"${text}" is not an amount of SOLAR`);
  const fraction = cleaned.split(".")[1] ?? "";
  if (fraction.length > SOLAR_DECIMALS) throw new Error(`"${text}" has more than ${SOLAR_DECIMALS} decimals`);
  return parseUnits(cleaned, SOLAR_DECIMALS);
}

/** 1234n → "12.34%" (of a generator's 10,000 shares). */
export function formatSharePercent(shares: bigint): string {
  const negative = shares < 0n;
  const abs = negative ? -shares : shares;
  const whole = abs / 100n;
  const hundredths = abs % 100n;
  return `${negative ? "-" : ""}${groupThousands(whole.toString())}.${hundredths.toString().padStart(2, "0")}%`;
}

/** 1234n → "1,234 shares (12.34%)". */
export function formatShares(shares: bigint): string {
  const word = shares === 1n ? "share" : "shares";
  return `${groupThousands(shares.toString())} ${word} (${formatSharePercent(shares)})`;
}

/** 2500n, "kWh" → "2.5 kWh". */
export function formatMilliUnits(milliUnits: bigint, unit: string): string {
  const whole = milliUnits / MILLI_UNITS_PER_UNIT;
  const fraction = (milliUnits % MILLI_UNITS_PER_UNIT).toString().padStart(3, "0").replace(/0+$/, "");
  return `${groupThousands(whole.toString())}${fraction === "" ? "" : `.${fraction}`} ${unit}`;
}

/** A price per unit: 250000000000000000n, "kWh" → "0.25 SOLAR/kWh". */
export function formatPrice(priceWeiPerUnit: bigint, unit: string): string {
  return `${formatSolar(priceWeiPerUnit)}/${unit}`;
}

/** A duration in seconds as days, hours and minutes: 694800n → "8 d 1 h". */
export function formatDuration(seconds: bigint): string {
  const days = seconds / SECONDS_PER_DAY;
  const hours = (seconds % SECONDS_PER_DAY) / 3600n;
  const minutes = (seconds % 3600n) / 60n;
  const parts: string[] = [];
  if (days > 0n) parts.push(`${days} d`);
  if (hours > 0n) parts.push(`${hours} h`);
  if (minutes > 0n || parts.length === 0) parts.push(`${minutes} min`);
  return parts.join(" ");
}

/** Digits grouped by thousands with commas: "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
