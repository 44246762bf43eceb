// The embedded chain's durable record: an append-only file of JSON lines, one per mined block (its timestamp, hash
// and raw transactions in block order) plus clock changes. The chain is rebuilt by replaying it, so a block counts as
// mined only once its line is on disk (written and fsynced); a torn last line from a crash is cut off on open.
import { closeSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import type { Hash, Hex } from "viem";
import { DrexError } from "../../sdk/errors.ts";

export type JournalBlock = {
  kind: "block";
  number: bigint;
  timestampSeconds: bigint;
  hash: Hash;
  rawTransactions: Hex[];
};

/** The node's clock runs this many seconds ahead of the wall clock (development time travel). */
export type JournalClock = { kind: "clock"; offsetSeconds: bigint };

export type JournalEntry = JournalBlock | JournalClock;

export class JournalCorruptError extends DrexError {
  override name = "JournalCorruptError";
  constructor(path: string, line: number, reason: string) {
    super(`The chain journal is damaged at line ${line}.`, { details: `${path}: ${reason}` });
  }
}

type BlockLine = { b: string; t: string; h: Hash; x: Hex[] };
type ClockLine = { o: string };

/** Reads every complete entry and cuts off a torn last line, so appends continue from a clean end. */
export function readJournal(path: string): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: JournalEntry[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    const end = text.indexOf("\n", offset);
    lineNumber++;
    if (end === -1) {
      // A line without its newline was being written when the process died: it never counted.
      truncateSync(path, Buffer.byteLength(text.slice(0, offset)));
      break;
    }
    const line = text.slice(offset, end);
    offset = end + 1;
    let parsed: BlockLine | ClockLine;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new JournalCorruptError(path, lineNumber, "not JSON");
    }
    if ("o" in parsed) entries.push({ kind: "clock", offsetSeconds: BigInt(parsed.o) });
    else
      entries.push({
        kind: "block",
        number: BigInt(parsed.b),
        timestampSeconds: BigInt(parsed.t),
        hash: parsed.h,
        rawTransactions: parsed.x,
      });
  }
  return entries;
}

export class JournalWriter {
  readonly #fd: number;

  constructor(path: string) {
    this.#fd = openSync(path, "a");
  }

  /** Appends and fsyncs: when this returns the entry survives a crash of the process or the machine. */
  append(entry: JournalEntry): void {
    const line: BlockLine | ClockLine =
      entry.kind === "block"
        ? { b: entry.number.toString(), t: entry.timestampSeconds.toString(), h: entry.hash, x: entry.rawTransactions }
        : { o: entry.offsetSeconds.toString() };
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.#fd);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
