#!/usr/bin/env node
// `drex`: the D-REX command-line tool. Exit codes: 0 done, 1 failed, 2 bad input (nothing was sent).
import { CommanderError } from "commander";
import { describeError, EXIT_USAGE } from "./errors.ts";
import { toJson } from "./output.ts";
import { buildProgram } from "./program.ts";

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}

function report(error: unknown): number {
  // Commander has printed its own message (or the help) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  const described = describeError(error);
  if (process.argv.includes("--json")) {
    process.stderr.write(`${toJson({ error: described.json })}\n`);
  } else {
    process.stderr.write(`error: ${described.lines.join("\n")}\n`);
  }
  return described.exitCode;
}
