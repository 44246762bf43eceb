// The `drex` command tree: one group of commands per role, each command in the file of its group.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { registerConsumerCommands } from "./commands/consumer.ts";
import { registerDaoCommands } from "./commands/dao.ts";
import { registerDeployCommand } from "./commands/deploy.ts";
import { registerDeviceCommands } from "./commands/device.ts";
import { registerDistributeCapitalCommands } from "./commands/distributeCapital.ts";
import { registerDistributeProjectCommands } from "./commands/distributeProject.ts";
import { registerDistributeTaskCommands } from "./commands/distributeTask.ts";
import { registerDistributeVoteCommands } from "./commands/distributeVote.ts";
import { registerEnergyDeviceCommands } from "./commands/energyDevice.ts";
import { registerFinancierCommands } from "./commands/financier.ts";
import { registerKeystoreCommands } from "./commands/keystore.ts";
import { registerMarketCommands } from "./commands/market.ts";
import { registerPaymentCommands } from "./commands/payment.ts";
import { registerPoolCommands } from "./commands/pool.ts";
import { registerProviderCommands } from "./commands/provider.ts";
import { registerRequestCommand } from "./commands/request.ts";
import { registerSimulateCommand } from "./commands/simulate.ts";
import { registerStartCommand } from "./commands/start.ts";
import { registerStatusCommand } from "./commands/status.ts";
import { registerStorageCommands } from "./commands/storage.ts";
import { registerTokenCommands } from "./commands/token.ts";
import { registerVerifyReadingCommand } from "./commands/verifyReading.ts";

export function buildProgram(): Command {
  const program = new Command("drex")
    .description(
      "D-REX from the command line: run a node, deploy, and act as consumer, provider, financier or device.\n" +
        "Keys come from DREX_PRIVATE_KEY or --keystore FILE; the chain from --rpc-url or DREX_RPC_URL.",
    )
    .version(packageVersion(), "-V, --version")
    // Set before the commands are added, so that every command inherits them.
    .exitOverride()
    .showSuggestionAfterError()
    // Flags belong to the command they follow: `drex vote` has flags of its own and subcommands with the same flags.
    .enablePositionalOptions();
  withExamplesOfProgram(program);

  program.commandsGroup("Node:");
  registerStartCommand(program);
  registerStatusCommand(program);
  registerDeployCommand(program);
  registerKeystoreCommands(program);

  program.commandsGroup("Consumer:");
  registerRequestCommand(program);
  registerConsumerCommands(program);

  program.commandsGroup("Provider:");
  registerProviderCommands(program);

  program.commandsGroup("Financier and owner:");
  registerFinancierCommands(program);

  program.commandsGroup("Device:");
  registerDeviceCommands(program);
  registerSimulateCommand(program);

  program.commandsGroup("Solar Token:");
  registerTokenCommands(program);

  program.commandsGroup("Measured energy (MaxCoin Green):");
  for (const register of [
    registerEnergyDeviceCommands,
    registerDaoCommands,
    registerPaymentCommands,
    registerStorageCommands,
    registerPoolCommands,
  ]) {
    register(program);
  }

  program.commandsGroup("Distribute Protocol:");
  for (const register of [
    registerDistributeCapitalCommands,
    registerDistributeProjectCommands,
    registerDistributeTaskCommands,
    registerDistributeVoteCommands,
  ]) {
    register(program);
  }

  program.commandsGroup("Reads:");
  registerMarketCommands(program);
  registerVerifyReadingCommand(program);

  return program;
}

function withExamplesOfProgram(program: Command): void {
  program.addHelpText(
    "after",
    [
      "",
      "Examples:",
      "  $ drex start --demo",
      "  $ drex status",
      "  $ DREX_PRIVATE_KEY=0x… drex fund --request 1 --amount 6000",
      "  $ drex requests --json",
      "",
      "Every command takes --help. Exit codes: 0 done, 1 failed (the chain refused, a node is down), 2 bad input.",
    ].join("\n"),
  );
}

function packageVersion(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
