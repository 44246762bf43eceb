// `drex status`: is the node up and how far has it indexed (its /healthz and /api/v1/status), or, with --rpc-url,
// what the chain itself says about the deployment.
import type { Command } from "commander";
import { readContract } from "viem/actions";
import { MarketplaceAbi } from "../../sdk/abi/Marketplace.ts";
import { SolarTokenAbi } from "../../sdk/abi/SolarToken.ts";
import { formatSolar } from "../../sdk/format.ts";
import { openChainContext } from "../context.ts";
import { DEFAULT_DEPLOYMENT_FILE } from "../deploymentSource.ts";
import { CliError, networkReason } from "../errors.ts";
import { withExamples } from "../help.ts";
import { createOutput, formatTime, type Output, table } from "../output.ts";
import { parseHttpUrl } from "../parse.ts";

const DEFAULT_NODE_URL = "http://127.0.0.1:8080";

type StatusFlags = { node: string; rpcUrl?: string; deployment: string; json?: boolean };

export function registerStatusCommand(program: Command): void {
  const command = program
    .command("status")
    .description("Show a node's health and indexing status, or with --rpc-url, the chain and the deployment on it.")
    .option("--node <url>", "the node's HTTP API", parseHttpUrl, DEFAULT_NODE_URL)
    .option("--rpc-url <url>", "ask the chain directly instead of a node", parseHttpUrl)
    .option("--deployment <file>", "with --rpc-url: the deployment file", DEFAULT_DEPLOYMENT_FILE)
    .option("--json", "print the result as JSON");
  withExamples(command, [
    "drex status",
    "drex status --node http://10.0.0.5:8080 --json",
    "drex status --rpc-url http://127.0.0.1:8545 --deployment ./data/deployment.json",
  ]).action(async (flags: StatusFlags) => {
    const output = createOutput(flags.json === true);
    if (flags.rpcUrl !== undefined) return chainStatus(flags.rpcUrl, flags.deployment, flags.json === true);
    return nodeStatus(flags.node, output);
  });
}

async function nodeStatus(nodeUrl: string, output: Output): Promise<void> {
  const health = await getJson(nodeUrl, "/healthz");
  const status = await getJson(nodeUrl, "/api/v1/status");
  const healthy = health.ok && status.ok;
  const reason = (health.body as { reason?: unknown } | null)?.reason;
  const verdict = healthy
    ? "healthy"
    : `unhealthy (healthz HTTP ${health.httpStatus}${typeof reason === "string" ? `: ${reason}` : ""})`;
  output.result({ node: nodeUrl, healthy, health: health.body, status: status.body }, () => [
    `D-REX node ${nodeUrl}: ${verdict}`,
    ...table(describeStatusBody(status.body)),
  ]);
  if (!healthy) process.exitCode = 1;
}

type JsonAnswer = { ok: boolean; httpStatus: number; body: unknown };

async function getJson(nodeUrl: string, path: string): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(`${nodeUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new CliError(
      `cannot reach the D-REX node at ${nodeUrl} (${networkReason(error)}): is it running? Start one with \`drex start\`, or pass --node URL`,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A plain-text answer ("ok") is shown as it is.
  }
  return { ok: response.ok, httpStatus: response.status, body };
}

/** The status JSON as rows: the fields every node reports first, then whatever else it says. */
function describeStatusBody(body: unknown): [string, string][] {
  if (typeof body !== "object" || body === null) return [["status", String(body)]];
  const rows: [string, string][] = [];
  const flatten = (prefix: string, value: unknown) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) flatten(prefix === "" ? key : `${prefix}.${key}`, inner);
    } else {
      rows.push([prefix, Array.isArray(value) ? JSON.stringify(value) : String(value)]);
    }
  };
  flatten("", body);
  const first = ["chainId", "mode", "blockNumber", "indexedBlock"];
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  return rows.sort((a, b) => rank(a[0]) - rank(b[0]));
}

async function chainStatus(rpcUrl: string, deployment: string, json: boolean): Promise<void> {
  const context = await openChainContext({ rpcUrl, deployment, json });
  const { marketplace, token } = context.deployment.addresses;
  const [block, requestCount, bidCount, totalSupplyWei] = await Promise.all([
    context.publicClient.getBlock(),
    readContract(context.publicClient, { address: marketplace, abi: MarketplaceAbi, functionName: "requestCount" }),
    readContract(context.publicClient, { address: marketplace, abi: MarketplaceAbi, functionName: "bidCount" }),
    readContract(context.publicClient, { address: token, abi: SolarTokenAbi, functionName: "totalSupply" }),
  ]);
  context.output.result(
    {
      rpcUrl,
      chainId: context.chain.id,
      blockNumber: block.number,
      blockTimestamp: block.timestamp,
      addresses: context.deployment.addresses,
      fromBlock: context.deployment.fromBlock,
      requestCount,
      bidCount,
      totalSupplyWei,
    },
    () => [
      `Chain ${context.chain.id} at ${rpcUrl}`,
      ...table([
        ["block", `${block.number} (${formatTime(block.timestamp)})`],
        ["token", token],
        ["marketplace", marketplace],
        ["generator implementation", context.deployment.addresses.generatorImplementation],
        ["sale", context.deployment.addresses.sale ?? "none"],
        ["deployed in block", context.deployment.fromBlock.toString()],
        ["requests", requestCount.toString()],
        ["bids", bidCount.toString()],
        ["SOLAR supply", formatSolar(totalSupplyWei)],
      ]),
    ],
  );
}
