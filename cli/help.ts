// Help text shared by the commands.
import type { Command } from "commander";
import { parseAddress, parseId } from "./parse.ts";

/** Appends an "Examples:" section to a command's --help. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText("after", `\nExamples:\n${examples.map((example) => `  $ ${example}`).join("\n")}\n`);
}

/** --generator ADDRESS or --request ID: the two ways to name a generator. */
export function withGeneratorFlags(command: Command): Command {
  return command
    .option("--generator <address>", "the generator's address", parseAddress)
    .option("--request <id>", "or the request whose generator it is", parseId);
}
