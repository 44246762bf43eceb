// JSON-schema pieces shared by the routes. Amounts travel as decimal strings so that no client rounds them; each
// route checks the range its contract argument allows (see `uintFrom`).

export const addressSchema = {
  type: "string",
  pattern: "^0x[0-9a-fA-F]{40}$",
  description: "an address, 0x and 40 hex digits",
} as const;
export const uintSchema = {
  type: "string",
  pattern: "^[0-9]{1,78}$",
  description: "a whole number as a decimal string",
} as const;
export const hexSchema = {
  type: "string",
  pattern: "^0x([0-9a-fA-F]{2})*$",
  description: "hex bytes, 0x-prefixed",
} as const;

/** Query values arrive as strings and are checked as strings: the API coerces nothing (see `pageFrom`). */
export const pageQuerySchema = {
  limit: { type: "string", pattern: "^[0-9]{1,6}$", description: "1 to 500, default 50" },
  offset: { type: "string", pattern: "^[0-9]{1,7}$", description: "0 to 1,000,000, default 0" },
} as const;

export const booleanQuerySchema = { type: "string", enum: ["true", "false"] } as const;

export type PageQuery = { limit?: string; offset?: string };

export const MAX_PAGE_LIMIT = 500;
export const MAX_PAGE_OFFSET = 1_000_000;

export function pageFrom(query: PageQuery): { limit: number; offset: number } {
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  if (limit < 1 || limit > MAX_PAGE_LIMIT)
    throw new InvalidFieldError("querystring.limit", `must be from 1 to ${MAX_PAGE_LIMIT}`);
  if (offset > MAX_PAGE_OFFSET) throw new InvalidFieldError("querystring.offset", `must be at most ${MAX_PAGE_OFFSET}`);
  return { limit, offset };
}

/** Thrown by handlers for input that passed the schema but not a finer rule: answered 400 with the field named. */
export class InvalidFieldError extends Error {
  override name = "InvalidFieldError";
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** Thrown for an id or address that names nothing: answered 404. */
export class NotFoundError extends Error {
  override name = "NotFoundError";
  readonly resource: string;
  constructor(resource: string) {
    super(`${resource} not found`);
    this.resource = resource;
  }
}

/** A decimal string as a bigint that fits `bits` bits. */
export function uintFrom(value: string, field: string, bits = 256, minimum = 0n): bigint {
  const n = BigInt(value);
  const max = (1n << BigInt(bits)) - 1n;
  if (n > max) throw new InvalidFieldError(field, `must be at most ${max} (uint${bits})`);
  if (n < minimum) throw new InvalidFieldError(field, `must be at least ${minimum}`);
  return n;
}
