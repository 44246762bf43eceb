// Where a command's words go. Results go to stdout: readable lines by default, one JSON document with --json
// (bigints as decimal strings, so no amount ever loses a wei to a float). Progress goes to stderr and is silent with
// --json, so a script's stdout holds nothing but the result.

export type Output = {
  readonly json: boolean;
  /** Prints the command's result: `value` as JSON with --json, otherwise the lines `readable` returns. */
  result(value: unknown, readable: () => string | string[]): void;
  /** A line about something under way ("sending…"), on stderr; nothing with --json. */
  progress(text: string): void;
};

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, readable) {
      if (json) {
        process.stdout.write(`${toJson(value)}\n`);
        return;
      }
      const lines = readable();
      process.stdout.write(`${typeof lines === "string" ? lines : lines.join("\n")}\n`);
    },
    progress(text) {
      if (!json) process.stderr.write(`${text}\n`);
    },
  };
}

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** Key–value lines with the keys padded to one column: [["chain", "31337"], …] → "  chain  31337". */
export function table(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${indent}${key.padEnd(width)}  ${value}`);
}

/** Unix seconds → "2026-11-27T10:00:00Z". */
export function formatTime(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(".000Z", "Z");
}
