// JSON for the API: bigint amounts become decimal strings (JSON numbers lose precision past 2^53).

export function bigintToString(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, bigintToString);
}
