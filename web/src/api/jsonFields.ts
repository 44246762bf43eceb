// Reading one field of the API's JSON with its type checked. Amounts, energies, ids and times arrive as decimal
// strings and become bigint here, so none is ever a JavaScript number; a field of the wrong type fails loudly, naming
// the field, instead of showing wrong figures. The screens' decoders (decode.ts, energyDecode.ts,
// distributeDecode.ts) are built from these.
import type { Address } from "./types.ts";

export type Json = Record<string, unknown>;

export class UnexpectedAnswerError extends Error {
  override name = "UnexpectedAnswerError";
  constructor(what: string) {
    super(`The node sent an answer this app does not understand (${what}).`);
  }
}

export function obj(value: unknown, what = "object"): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UnexpectedAnswerError(what);
  return value as Json;
}

export function list<T>(value: unknown, item: (v: unknown) => T, what: string): T[] {
  if (!Array.isArray(value)) throw new UnexpectedAnswerError(what);
  return value.map(item);
}

export const isAbsent = (o: Json, key: string): boolean => o[key] === null || o[key] === undefined;

export function big(o: Json, key: string): bigint {
  const v = o[key];
  if (typeof v === "string" && /^-?[0-9]+$/.test(v)) return BigInt(v);
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  throw new UnexpectedAnswerError(key);
}

export const bigOrNull = (o: Json, key: string): bigint | null => (isAbsent(o, key) ? null : big(o, key));

/** A small count or basis points: a safe integer, as a number or a short decimal string. */
export function num(o: Json, key: string): number {
  const v = o[key];
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "string" && /^[0-9]{1,15}$/.test(v)) return Number(v);
  throw new UnexpectedAnswerError(key);
}

export const numOrNull = (o: Json, key: string): number | null => (isAbsent(o, key) ? null : num(o, key));

export function str(o: Json, key: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new UnexpectedAnswerError(key);
  return v;
}

export const strOrNull = (o: Json, key: string): string | null => (isAbsent(o, key) ? null : str(o, key));

export function bool(o: Json, key: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") throw new UnexpectedAnswerError(key);
  return v;
}

export const boolOrNull = (o: Json, key: string): boolean | null => (isAbsent(o, key) ? null : bool(o, key));

export function isAddress(v: unknown): v is Address {
  return typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v);
}

export function addr(o: Json, key: string): Address {
  const v = o[key];
  if (!isAddress(v)) throw new UnexpectedAnswerError(key);
  return v;
}

export const addrOrNull = (o: Json, key: string): Address | null => (isAbsent(o, key) ? null : addr(o, key));

export function oneOf<T extends string>(o: Json, key: string, values: readonly T[]): T {
  const v = str(o, key);
  const found = values.find((x) => x === v);
  if (found === undefined) throw new UnexpectedAnswerError(key);
  return found;
}

/** A JSON object of strings (event details, decoded call arguments); other values are shown as JSON. */
export function textRecord(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const o = obj(value, what);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
