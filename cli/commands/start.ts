// `drex start`: runs the D-REX node (chain, contracts, indexer, API) until SIGINT or SIGTERM.
import { type Command, Option } from "commander";
import { type NodeOptions, resolveNodeOptions } from "../../node/options.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { parseHttpUrl, parseNonNegativeInteger, parsePort } from "../parse.ts";

const LOG_LEVELS: readonly NodeOptions["logLevel"][] = ["fatal", "error", "warn", "info", "debug", "silent"];

type StartFlags = {
  dataDir?: string;
  host?: string;
  port?: number;
  rpcPort?: number;
  rpcUrl?: string;
  deployment?: string;
  databaseUrl?: string;
  confirmations?: number;
  demo?: boolean;
  mqttUrl?: string;
  keeperIntervalMs?: number;
  logLevel?: NodeOptions["logLevel"];
};

/** What the node's start function hands back. */
type RunningNode = { close(): Promise<void>; apiUrl: string; rpcUrl: string };

export function registerStartCommand(program: Command): void {
  const command = program
    .command("start")
    .description("Run the D-REX node: the chain (embedded, or --rpc-url), the indexer and the HTTP API.")
    .option("--data-dir <dir>", "where the chain journal, the index and the deployment file live (default ./data)")
    .option("--host <host>", "the address the HTTP servers bind to (default 127.0.0.1)")
    .option("--port <port>", "the HTTP API and web app port (default 8080)", parsePort)
    .option("--rpc-port <port>", "the embedded chain's JSON-RPC port (default 8545)", parsePort)
    .option("--rpc-url <url>", "use this external chain instead of the embedded one (or DREX_RPC_URL)", parseHttpUrl)
    .option("--deployment <file>", "the deployment file (default <data-dir>/deployment.json)")
    .option("--database-url <url>", "index into PostgreSQL instead of SQLite (or DATABASE_URL)")
    .option(
      "--confirmations <n>",
      "blocks an event must be buried under before it is indexed (default 0 embedded, 2 external)",
      parseNonNegativeInteger,
    )
    .option("--demo", "seed a realistic community on first start (embedded chain only)")
    .option("--mqtt-url <url>", "also take meter readings from this MQTT broker (or DREX_MQTT_URL)")
    .option(
      "--keeper-interval-ms <ms>",
      "how often the Distribute Protocol keeper makes the transitions due, 0 for never (default 5000; it signs " +
        "with the operator development account, or on an external chain with DREX_KEEPER_KEY)",
      parseNonNegativeInteger,
    )
    .addOption(new Option("--log-level <level>", "how much the JSON-lines log says").choices(LOG_LEVELS));
  withExamples(command, [
    "drex start",
    "drex start --demo --port 3000",
    "drex start --rpc-url https://rpc.example.org --deployment deployment.json --database-url postgres://localhost/drex",
  ]).action(async (flags: StartFlags) => {
    const options = resolveNodeOptions(nodeOptionsFrom(flags));
    if (options.demo && options.rpcUrl !== null) {
      throw new UsageError(
        "--demo",
        "seeds the embedded chain only, but an external chain is set (--rpc-url or DREX_RPC_URL)",
      );
    }
    await runNode(options);
  });
}

/** The flags as NodeOptions, leaving out what was not given so the defaults and the environment fill it. */
export function nodeOptionsFrom(flags: StartFlags): Partial<NodeOptions> {
  return {
    dataDir: flags.dataDir,
    host: flags.host,
    port: flags.port,
    rpcPort: flags.rpcPort,
    rpcUrl: flags.rpcUrl,
    deploymentFile: flags.deployment,
    databaseUrl: flags.databaseUrl,
    confirmations: flags.confirmations,
    demo: flags.demo,
    mqttUrl: flags.mqttUrl,
    keeperIntervalMs: flags.keeperIntervalMs,
    logLevel: flags.logLevel,
  };
}

async function runNode(options: NodeOptions): Promise<void> {
  // Loaded only here: every other command starts without the node's weight (the chain, the database, the server).
  const { startNode } = await import("../../node/start.ts");
  const node: RunningNode = await startNode(options);
  process.stderr.write(`D-REX node running: API ${node.apiUrl}, JSON-RPC ${node.rpcUrl}. Ctrl-C stops it.\n`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting for a clean stop\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`${signal}: stopping…\n`);
    node.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error: the node did not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
