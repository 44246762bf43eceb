// Readings as they travel in JSON, over HTTP and MQTT alike: every number a decimal string, checked against the
// width its EIP-712 field has; and a reading's result as the node answers it.
import type { Address } from "viem";
import type { Reading } from "../../sdk/energy/readings.ts";
import type { ReadingResult } from "./Meter.ts";

/** The reading's uint64 fields; `heartbeats` is the one uint32. */
export const READING_VALUE_FIELDS = [
  "sequence",
  "periodStart",
  "periodEnd",
  "producedWh",
  "sentWh",
  "receivedWh",
] as const;

const UINT64_MAX = (1n << 64n) - 1n;
const UINT32_MAX = (1n << 32n) - 1n;

/** A field of a reading that is missing, not a decimal string, or too large. */
export class ReadingFieldError extends Error {
  override name = "ReadingFieldError";
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field} ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** The reading of `device` in `body`; `field` names where it sits in the message, for the errors. */
export function readingFromJson(device: Address, body: unknown, field: string): Reading {
  if (typeof body !== "object" || body === null) throw new ReadingFieldError(field, "must be an object");
  const values = body as Record<string, unknown>;
  const uint = (name: string, max: bigint): bigint => {
    const value = values[name];
    if (typeof value !== "string" || !/^[0-9]{1,20}$/.test(value)) {
      throw new ReadingFieldError(`${field}.${name}`, "must be a whole number as a decimal string");
    }
    const n = BigInt(value);
    if (n > max) throw new ReadingFieldError(`${field}.${name}`, `must be at most ${max}`);
    return n;
  };
  const reading = { device } as Reading;
  for (const name of READING_VALUE_FIELDS) reading[name] = uint(name, UINT64_MAX);
  reading.heartbeats = Number(uint("heartbeats", UINT32_MAX));
  return reading;
}

export function readingResultJson(result: ReadingResult) {
  return result.status === "accepted"
    ? { status: "accepted", periodId: result.periodId.toString() }
    : { status: "refused", code: result.code, reason: result.reason };
}
