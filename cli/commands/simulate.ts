// `drex simulate-devices`: a fleet of simulated solar devices (MX2, MX8) sending signed readings to a node, over HTTP
// or MQTT, hours of device time in seconds or in real time; with --register, the fleet is first applied for and
// approved by the embedded node's development DAO.
import { type Command, InvalidArgumentError, Option } from "commander";
import { createWalletClient } from "viem";
import { devAccounts } from "../../node/chain/devAccounts.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";
import { createFleet, DEFAULT_SEED, type FleetDevice } from "../../simulator/fleet.ts";
import { registerFleet } from "../../simulator/register.ts";
import { type RunProgress, runSimulation, type SimulationClock, type SimulationSummary } from "../../simulator/run.ts";
import { httpTransport, mqttTransport, type ReadingTransport } from "../../simulator/transport.ts";
import { type ChainConnection, connectChain, DEFAULT_RPC_URL } from "../chain.ts";
import { loadDeployment } from "../deploymentSource.ts";
import { CliError, networkReason, UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { createOutput, formatTime, type Output, table } from "../output.ts";
import { parseHttpUrl } from "../parse.ts";

const DEFAULT_NODE_URL = "http://127.0.0.1:8080";
const DEFAULT_HOURS = 24;
/** Development accounts: the operator of the simulated devices, and the development DAO's members. */
const OPERATOR_ACCOUNT = 2;
const DAO_MEMBER_ACCOUNTS = [0, 4, 5] as const;
/** How long the fleet keeps trying while the node has not yet re-read the registry after the approval. */
const WAIT_FOR_DEVICES_MS = 120_000;

type SimulateFlags = {
  count: number;
  storageNodes: number;
  node: string;
  mqttUrl?: string;
  rpcUrl: string;
  hours?: number;
  realtime?: boolean;
  latitude?: number;
  longitude?: number;
  seed: string;
  register?: boolean;
  intervalMinutes: number;
  start?: bigint;
  batch?: boolean;
  json?: boolean;
};

function parseCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1 || value > 10_000) {
    throw new InvalidArgumentError("Give a whole number from 1 to 10,000.");
  }
  return value;
}

function parseCountOrZero(text: string): number {
  return text.trim() === "0" ? 0 : parseCount(text);
}

function parseHours(text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(value > 0) || value > 24 * 366) {
    throw new InvalidArgumentError("Give hours of device time, more than 0 (like 2 or 0.5), at most a year.");
  }
  return value;
}

function parseMinutes(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 1_440) {
    throw new InvalidArgumentError("Give whole minutes from 1 to 1440.");
  }
  return value;
}

const parseDegrees = (limit: number) => (text: string) => {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new InvalidArgumentError(`Give degrees from -${limit} to ${limit} (north and east positive).`);
  }
  return value;
};

function parseStart(text: string): bigint {
  if (/^\d+$/.test(text.trim())) return BigInt(text.trim());
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new InvalidArgumentError("Give Unix seconds or a date and time like 2026-06-01T00:00Z.");
  return BigInt(Math.floor(ms / 1000));
}

export function registerSimulateCommand(program: Command): void {
  const command = program
    .command("simulate-devices")
    .description(
      "Simulate solar devices that sign readings and send them to a node: hours of readings in seconds, or in real time.",
    )
    .requiredOption("--count <n>", "generators in the fleet", parseCount)
    .option("--storage-nodes <n>", "storage nodes in the fleet besides the generators", parseCountOrZero, 0)
    .option("--node <url>", "the node's HTTP API (readings, time, addresses)", parseHttpUrl, DEFAULT_NODE_URL)
    .option("--mqtt-url <url>", "send readings over this MQTT broker instead of HTTP (mqtt://host:1883)")
    .addOption(
      new Option("--rpc-url <url>", "with --register: the embedded chain's JSON-RPC endpoint")
        .env("DREX_RPC_URL")
        .default(DEFAULT_RPC_URL)
        .argParser(parseHttpUrl),
    )
    .option(
      "--hours <h>",
      `device time to simulate (default ${DEFAULT_HOURS}; with --realtime: how long to run)`,
      parseHours,
    )
    .option("--realtime", "send each reading when its interval ends, instead of as fast as possible")
    .option("--latitude <deg>", "where the panels are (default Kisumu, Kenya)", parseDegrees(90))
    .option("--longitude <deg>", "east positive", parseDegrees(180))
    .option("--seed <text>", "the same seed gives the same device keys and readings", DEFAULT_SEED)
    .option("--register", "apply for the devices and have the development DAO approve them (embedded node only)")
    .option("--interval-minutes <m>", "device time per reading", parseMinutes, 15)
    .option("--start <time>", "the first interval's start (Unix seconds or ISO time); default: see below", parseStart)
    .option("--batch", "sign each device's readings of an hour with one batch signature")
    .option("--json", "print the summary as JSON");
  command.addHelpText(
    "after",
    [
      "",
      "Device time: as fast as possible on the embedded node, it starts at the node's time and the node's clock is",
      "moved forward with it (an hour at a time), so the node commits each hour after its last readings are in;",
      "on another node, the last --hours before its time are replayed. With --realtime it starts now.",
      `Device keys come from --seed; --register makes development account ${OPERATOR_ACCOUNT} their operator.`,
    ].join("\n"),
  );
  withExamples(command, [
    "drex simulate-devices --count 3 --hours 2 --register",
    "drex simulate-devices --count 20 --storage-nodes 2 --hours 24 --batch --latitude 45 --longitude 7.6",
    "drex simulate-devices --count 5 --realtime --mqtt-url mqtt://127.0.0.1:1883",
  ]).action(async (flags: SimulateFlags) => simulate(flags));
}

async function simulate(flags: SimulateFlags): Promise<void> {
  const output = createOutput(flags.json === true);
  const deployment = await loadDeployment({ node: flags.node });
  const energy = deployment.energy;
  if (!energy) throw new CliError(`the node at ${flags.node} has no measured-energy contracts deployed`);
  const status = await nodeStatus(flags.node);
  const embedded = status.mode === "embedded";
  const clock: SimulationClock = {
    now: async () => BigInt((await nodeStatus(flags.node)).chainTimeSeconds),
    ...(embedded ? { advance: (seconds: bigint) => moveNodeClock(flags.node, seconds) } : {}),
  };
  const fleet = createFleet({
    count: flags.count,
    storageNodes: flags.storageNodes,
    seed: flags.seed,
    ...(flags.latitude === undefined ? {} : { latitudeDeg: flags.latitude }),
    ...(flags.longitude === undefined ? {} : { longitudeDeg: flags.longitude }),
  });
  output.progress(`${fleet.length} devices (seed "${flags.seed}"), first key ${fleet[0]?.account.address}`);

  if (flags.register) {
    if (!embedded)
      throw new UsageError("--register", "needs the embedded node: its development DAO approves the devices");
    await register(flags, fleet, energy, deployment.chainId, output);
  }

  const transport: ReadingTransport = flags.mqttUrl ? await openMqtt(flags.mqttUrl) : httpTransport(flags.node);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once("SIGINT", stop);
  let summary: SimulationSummary;
  try {
    output.progress(`sending readings over ${transport.name}`);
    summary = await runSimulation({
      devices: fleet,
      seed: flags.seed,
      chainId: deployment.chainId,
      readingCommitments: energy.readingCommitments,
      transport,
      clock,
      intervalSeconds: BigInt(flags.intervalMinutes * 60),
      pace: flags.realtime ? "realtime" : "fast",
      ...(flags.hours !== undefined || !flags.realtime
        ? { durationSeconds: BigInt(Math.round((flags.hours ?? DEFAULT_HOURS) * 3_600)) }
        : {}),
      ...(flags.start === undefined ? {} : { start: flags.start }),
      batch: flags.batch === true,
      waitForDevicesMs: flags.register ? WAIT_FOR_DEVICES_MS : 0,
      onProgress: (p) => output.progress(progressLine(p)),
      signal: abort.signal,
    });
  } finally {
    process.off("SIGINT", stop);
    await transport.close();
  }
  output.result(
    { node: flags.node, seed: flags.seed, deviceKeys: fleet.map((d) => d.account.address), ...summary },
    () => summaryLines(summary),
  );
  if (summary.sent > 0 && summary.accepted === 0) process.exitCode = 1;
}

async function register(
  flags: SimulateFlags,
  fleet: readonly FleetDevice[],
  energy: { deviceRegistry: `0x${string}`; dao: `0x${string}` },
  chainId: number,
  output: Output,
): Promise<void> {
  const connection = await connectChain(flags.rpcUrl, output);
  if (connection.chain.id !== chainId) {
    throw new CliError(
      `${flags.rpcUrl} is chain ${connection.chain.id}, but the node serves chain ${chainId}: check --rpc-url`,
    );
  }
  const wallet = (index: number) => devWallet(connection, index);
  const result = await registerFleet({
    deviceRegistry: energy.deviceRegistry,
    dao: energy.dao,
    devices: fleet,
    operator: wallet(OPERATOR_ACCOUNT),
    members: DAO_MEMBER_ACCOUNTS.map(wallet),
    increaseTime: (seconds) => moveNodeClock(flags.node, seconds),
    onStep: (text) => output.progress(text),
  });
  output.progress(
    result.proposalId === null
      ? `all ${fleet.length} devices were active already (ids ${result.deviceIds.join(", ")})`
      : `${result.approved} devices approved by proposal ${result.proposalId} (ids ${result.deviceIds.join(", ")})`,
  );
}

function devWallet(connection: ChainConnection, index: number): DrexWalletClient {
  const dev = devAccounts()[index];
  if (!dev) throw new Error(`no development account ${index}`);
  // The embedded chain mines at once: poll receipts often.
  return createWalletClient({
    account: dev.account,
    chain: connection.chain,
    transport: connection.transport,
    pollingInterval: 50,
  });
}

async function openMqtt(url: string): Promise<ReadingTransport> {
  try {
    return await mqttTransport(url);
  } catch (error) {
    throw new CliError(`cannot reach the MQTT broker at ${url} (${networkReason(error)})`);
  }
}

type NodeStatus = { mode: string; chainTimeSeconds: string };

async function nodeStatus(nodeUrl: string): Promise<NodeStatus> {
  const body = (await nodeRequest(nodeUrl, "GET", "/api/v1/status")) as Partial<NodeStatus>;
  if (typeof body.chainTimeSeconds !== "string" || typeof body.mode !== "string") {
    throw new CliError(`${nodeUrl}/api/v1/status did not say the node's mode and time`);
  }
  return body as NodeStatus;
}

async function moveNodeClock(nodeUrl: string, seconds: bigint): Promise<void> {
  if (seconds > 0n) await nodeRequest(nodeUrl, "POST", "/api/v1/dev/time", { seconds: seconds.toString() });
}

async function nodeRequest(nodeUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${nodeUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new CliError(`cannot reach the D-REX node at ${nodeUrl} (${networkReason(error)})`);
  }
  const text = await response.text();
  if (!response.ok) throw new CliError(`${nodeUrl}${path} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

function refusals(p: RunProgress): string {
  const codes = Object.entries(p.refusedByCode).map(([code, n]) => `${code} ${n}`);
  return codes.length === 0 ? "" : ` (${codes.join(", ")})`;
}

function progressLine(p: RunProgress): string {
  return `${formatTime(p.simulatedTo)}  ${p.devices} devices  ${p.sent} readings sent, ${p.accepted} accepted, ${p.refused} refused${refusals(p)}`;
}

/** Watt-hours as kWh with three decimals, exactly. */
function kwh(wh: bigint): string {
  return `${wh / 1_000n}.${(wh % 1_000n).toString().padStart(3, "0")} kWh`;
}

function summaryLines(s: SimulationSummary): string[] {
  const minutes = s.intervalSeconds / 60n;
  const pace =
    s.pace === "realtime" ? "in real time" : s.advancedClock ? "fast, the node's clock moved along" : "fast, replayed";
  return [
    `Simulated ${s.devices} devices from ${formatTime(s.from)} to ${formatTime(s.to)} (${minutes}-minute readings, ${pace}).`,
    ...table([
      ["readings sent", s.sent.toLocaleString("en-US")],
      ["accepted", s.accepted.toLocaleString("en-US")],
      ["refused", `${s.refused.toLocaleString("en-US")}${refusals(s)}`],
      ["produced", kwh(s.producedWh)],
      ["sent", kwh(s.sentWh)],
      ["received", kwh(s.receivedWh)],
    ]),
    ...Object.entries(s.refusalExamples).map(([code, reason]) => `  ${code}: ${reason}`),
  ];
}
