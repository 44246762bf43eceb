// `--demo` seeds a community on first start, through real transactions, and only on first start.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { resolveNodeOptions } from "../node/options.ts";
import { startNode } from "../node/start.ts";
import { apiClient } from "./support/apiClient.ts";

describe("node --demo", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "drex-demo-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const options = resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", demo: true }, {});

  it("DX1–DX9: seeds requests in every stage, an active generator with purchases and a funded one; a restart keeps it", async () => {
    const node = await startNode(options);
    const api = apiClient(node.apiUrl);
    const { requests } = (await api.get("/api/v1/requests")).body;
    assert.deepEqual(requests.map((r: { status: string }) => r.status).sort(), [
      "Active",
      "Bidding",
      "Financing",
      "Funded",
    ]);
    const { generators } = (await api.get("/api/v1/generators")).body;
    assert.equal(generators.length, 2);
    const active = generators.find((g: { active: boolean }) => g.active);
    assert.equal(active.unitsSold, "70");
    assert.ok(BigInt(active.priceWeiPerUnit) > 0n);
    assert.ok(BigInt(active.claimedWei) > 0n);
    const totals = (await api.get("/api/v1/status")).body.totals;
    await node.close();

    const again = await startNode(options);
    assert.deepEqual((await apiClient(again.apiUrl).get("/api/v1/status")).body.totals, totals);
    await again.close();
  });
});
