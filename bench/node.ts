// The node's figures: cold start, purchases relayed through the API, API reads under load from a second process,
// and a restart with a chain of 100,000 transactions. Each run starts real node processes on fresh data folders.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Hex } from "viem";
import { readDeployment } from "../node/deployment.ts";
import { activeGeneratorViaApi } from "../test/support/apiScenario.ts";
import { freePort, type NodeProcess, startNodeProcess, waitUntilHealthy } from "../test/support/nodeProcess.ts";
import { approveBuyers, relayAll, signPurchases } from "../test/support/purchases.ts";

/** Each figure's promise: at most `max` or at least `min`. */
export const NODE_TARGETS: Record<string, { max?: number; min?: number }> = {
  "node.coldStartMs": { max: 15_000 },
  "api.purchasesPerSec": { min: 300 },
  "api.readsPerSec": { min: 3_000 },
  "api.readP99Ms": { max: 25 },
  "node.restartMs.100kTx": { max: 60_000 },
};

const REPO = fileURLToPath(new URL("..", import.meta.url));
const PURCHASES = 3_000;
const RESTART_TRANSACTIONS = Number(process.env.DREX_BENCH_RESTART_TX ?? 100_000);

export async function benchNode(onProgress: (message: string) => void = console.log): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "drex-bench-"));
    dirs.push(dir);
    return dir;
  };
  try {
    onProgress("node: cold start through npm start");
    figures["node.coldStartMs"] = Math.round(await coldStartThroughNpm(tempDir()));

    const dataDir = tempDir();
    let node = await startNodeProcess(["--data-dir", dataDir, "--log-level", "warn"]);
    const deployment = readDeployment(join(dataDir, "deployment.json"));
    const generator = await activeGeneratorViaApi(node.apiUrl, deployment.addresses.marketplace);
    await approveBuyers(node.apiUrl, generator);

    onProgress(`node: ${PURCHASES} signed purchases relayed through the API`);
    const raws = await signPurchases(node.rpcUrl, generator, PURCHASES);
    const started = performance.now();
    const outcomes = await relayAll(node.apiUrl, raws, 64);
    const seconds = (performance.now() - started) / 1000;
    if (outcomes.length !== PURCHASES || outcomes.some((o) => o.status !== 200)) {
      throw new Error(`only ${outcomes.filter((o) => o.status === 200).length} of ${PURCHASES} purchases went through`);
    }
    figures["api.purchasesPerSec"] = Math.round(PURCHASES / seconds);

    onProgress("node: API reads under autocannon from a second process (10 s)");
    const read = await readLoad(node.apiUrl, generator, "1");
    figures["api.readsPerSec"] = Math.round(read.requestsPerSec);
    figures["api.readP99Ms"] = read.p99Ms;

    onProgress(`node: building a chain of ${RESTART_TRANSACTIONS} transactions`);
    await fillChain(node, generator, RESTART_TRANSACTIONS - PURCHASES, onProgress);
    await node.kill("SIGTERM");
    onProgress("node: restarting on that chain");
    node = await startNodeProcess(["--data-dir", dataDir, "--log-level", "warn"], { timeoutMs: 300_000 });
    figures[`node.restartMs.${RESTART_TRANSACTIONS === 100_000 ? "100k" : RESTART_TRANSACTIONS}Tx`] = Math.round(
      node.readyMs,
    );
    await node.kill("SIGTERM");
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** `npm start` on an empty data folder until /healthz answers: the first-run experience, deployment included. */
async function coldStartThroughNpm(dataDir: string): Promise<number> {
  const port = await freePort();
  const rpcPort = await freePort();
  const started = performance.now();
  const child = spawn(
    "npm",
    [
      "start",
      "--",
      "--data-dir",
      dataDir,
      "--port",
      String(port),
      "--rpc-port",
      String(rpcPort),
      "--log-level",
      "warn",
    ],
    {
      cwd: REPO,
      stdio: "ignore",
      detached: true,
    },
  );
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}`, 120_000);
    return performance.now() - started;
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  }
}

async function readLoad(apiUrl: string, generator: string, requestId: string) {
  const { stdout } = await promisify(execFile)(process.execPath, [
    join(REPO, "bench/readLoad.ts"),
    apiUrl,
    generator,
    requestId,
    "10",
    "32",
  ]);
  const result = JSON.parse(stdout) as { requestsPerSec: number; p99Ms: number; non2xx: number; errors: number };
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`read load saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result;
}

/** Purchases sent straight to the JSON-RPC endpoint in batches: the fastest way to a long real history. */
async function fillChain(
  node: NodeProcess,
  generator: `0x${string}`,
  count: number,
  onProgress: (m: string) => void,
): Promise<void> {
  const BATCH = 2_000;
  for (let done = 0; done < count; done += BATCH) {
    const raws = await signPurchases(node.rpcUrl, generator, Math.min(BATCH, count - done));
    const response = await fetch(node.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        raws.map((raw: Hex, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] })),
      ),
    });
    const answers = (await response.json()) as { error?: { message: string } }[];
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`filling the chain: ${failed.error?.message}`);
    if ((done / BATCH) % 5 === 0) onProgress(`  ${done + raws.length} / ${count}`);
  }
}
