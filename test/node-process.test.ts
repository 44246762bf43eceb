// The node as its own process: killed with SIGKILL in the middle of a burst of purchases it must lose none it
// answered for, and a second node pointed at the first one's JSON-RPC (--rpc-url) serves the same chain.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type Address, createPublicClient, custom, type Hex, http } from "viem";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { EmbeddedChain } from "../node/chain/embeddedChain.ts";
import { readDeployment } from "../node/deployment.ts";
import { Indexer } from "../node/indexer/Indexer.ts";
import { openStore } from "../node/store/openStore.ts";
import { apiClient } from "./support/apiClient.ts";
import { activeGeneratorViaApi } from "./support/apiScenario.ts";
import { type NodeProcess, startNodeProcess } from "./support/nodeProcess.ts";
import { approveBuyers, relayAll, signPurchases } from "./support/purchases.ts";

const dirs: string[] = [];
const processes: NodeProcess[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `drex-${name}-`));
  dirs.push(dir);
  return dir;
};
after(async () => {
  for (const p of processes) await p.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const spawnNode = async (args: string[]) => {
  const p = await startNodeProcess([...args, "--log-level", "warn"]);
  processes.push(p);
  return p;
};

describe("node process", () => {
  it("DX8: SIGKILL during 500 purchases loses none the API answered for; the index equals a rebuild", async () => {
    const dataDir = tempDir("kill");
    const first = await spawnNode(["--data-dir", dataDir]);
    const deployment = readDeployment(join(dataDir, "deployment.json"));
    const generator = await activeGeneratorViaApi(first.apiUrl, deployment.addresses.marketplace);
    await approveBuyers(first.apiUrl, generator);
    const raws = await signPurchases(first.rpcUrl, generator, 500);

    let killed = false;
    const burst = relayAll(first.apiUrl, raws, 32, (answered) => {
      if (answered >= 150 && !killed) {
        killed = true;
        first.child.kill("SIGKILL");
      }
    });
    const answered = await burst;
    await first.kill("SIGKILL");
    assert.ok(killed, "the node was killed mid-burst");
    assert.ok(answered.length >= 150 && answered.length < 500, `answered ${answered.length}`);
    assert.ok(answered.every((a) => a.status === 200));

    const second = await spawnNode(["--data-dir", dataDir]);
    const chain = createPublicClient({ transport: http(second.rpcUrl) });
    const api = apiClient(second.apiUrl);
    const head = await chain.getBlockNumber();
    for (let i = 0; i < 100 && BigInt((await api.get("/api/v1/status")).body.indexedBlock) < head; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const { hash } of answered) {
      const receipt = await chain.getTransactionReceipt({ hash });
      assert.equal(receipt.status, "success", `purchase ${hash} is on the chain`);
    }
    const indexedPurchases = new Set<Hex>();
    for (let before = ""; ; ) {
      const { activity } = (await api.get(`/api/v1/activity?address=${generator}&limit=500${before}`)).body;
      for (const a of activity as { id: string; eventName: string; transactionHash: Hex }[]) {
        if (a.eventName === "EnergyPurchased") indexedPurchases.add(a.transactionHash);
      }
      if (activity.length < 500) break;
      before = `&before=${activity[activity.length - 1].id}`;
    }
    for (const { hash } of answered) assert.ok(indexedPurchases.has(hash), `purchase ${hash} is in the index`);
    await second.kill("SIGTERM");

    // The index the node kept through the crash equals one built from scratch from the same chain.
    const { chain: replayed } = await EmbeddedChain.open({ dataDir });
    const client = createPublicClient({ transport: customTransport(replayed) });
    const kept = await openStore({ databaseUrl: null, dataDir });
    const rebuiltDir = tempDir("rebuild");
    const rebuilt = await openStore({ databaseUrl: null, dataDir: rebuiltDir });
    const indexer = new Indexer({ client, deployment, store: rebuilt, confirmations: 0 });
    await indexer.catchUp();
    assert.deepEqual(await rebuilt.dump(), await kept.dump());
    await Promise.all([kept.close(), rebuilt.close(), replayed.close()]);
  });

  it("runs against a second node's JSON-RPC endpoint with --rpc-url: relays writes there and indexes its chain", async () => {
    const upstreamDir = tempDir("upstream");
    const upstream = await spawnNode(["--data-dir", upstreamDir]);
    const downstream = await spawnNode([
      "--data-dir",
      tempDir("downstream"),
      "--rpc-url",
      upstream.rpcUrl,
      "--deployment",
      join(upstreamDir, "deployment.json"),
      "--confirmations",
      "0",
    ]);
    const up = apiClient(upstream.apiUrl);
    const down = apiClient(downstream.apiUrl);
    assert.equal((await down.get("/api/v1/status")).body.mode, "external");
    assert.equal((await down.get("/api/v1/dev/accounts")).status, 404, "no server-side keys in external mode");

    const consumer = devAccounts()[1];
    assert.ok(consumer);
    const prepared = (await down.post("/api/v1/actions/createRequest", { location: "Kisumu", wattageW: "3000" })).body;
    const chain = createPublicClient({ transport: http(upstream.rpcUrl) });
    const raw = await consumer.account.signTransaction({
      chainId: 31337,
      type: "eip1559",
      to: prepared.to as Address,
      data: prepared.data as Hex,
      nonce: await chain.getTransactionCount({ address: consumer.account.address, blockTag: "pending" }),
      gas: 500_000n,
      maxFeePerGas: 50_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    const relayed = await down.post("/api/v1/transactions", { rawTransaction: raw });
    assert.equal(relayed.status, 200, JSON.stringify(relayed.body));
    assert.equal(relayed.body.status, "success");
    assert.equal((await chain.getTransactionReceipt({ hash: relayed.body.hash })).status, "success");

    const waitFor = async (client: ReturnType<typeof apiClient>) => {
      for (let i = 0; i < 100; i++) {
        const { requests } = (await client.get("/api/v1/requests")).body;
        if (requests.length > 0) return requests;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the request never reached the index");
    };
    assert.deepEqual(await waitFor(down), await waitFor(up));
  });
});

function customTransport(chain: EmbeddedChain) {
  return custom({ request: (args: { method: string; params?: unknown }) => chain.provider.request(args as never) });
}
