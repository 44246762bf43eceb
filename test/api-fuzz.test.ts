// Property test of the HTTP API: thousands of malformed bodies, query strings and paths, none of which may get a
// 500 or write anything (the chain's height, the journal and the index stay as they were).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { apiClient } from "./support/apiClient.ts";

const RUNS = Number(process.env.DREX_FUZZ_RUNS ?? 3000);

/** Values that break any field of the API: wrong types, broken patterns, out of range, oversized. */
const INVALID_VALUES: unknown[] = [
  123,
  -1,
  1.5,
  true,
  null,
  [],
  {},
  "",
  "-1",
  "0x",
  "0xZZ",
  "1e3",
  " 1",
  `1${"0".repeat(80)}`,
  "x".repeat(70_000),
  "0x000000000000000000000000000000000000dEaD0",
];

describe("API fuzz", () => {
  let node: RunningNode;
  let dataDir: string;
  let api: ReturnType<typeof apiClient>;
  /** Each writing endpoint with a body that would succeed; the fuzzer breaks one field at a time. */
  let templates: { path: string; body: Record<string, unknown> }[];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-fuzz-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    api = apiClient(node.apiUrl);
    const { accounts } = (await api.get("/api/v1/dev/accounts")).body;
    const from = accounts[1].address;
    const { marketplace, token } = node.deployment.addresses;
    const g = marketplace; // any address will do for encoding-only actions
    templates = [
      { path: "/api/v1/dev/transactions", body: { from, to: token, data: "0x", valueWei: "0" } },
      { path: "/api/v1/dev/time", body: { seconds: "60" } },
      { path: "/api/v1/transactions", body: { rawTransaction: "0x02f8" } },
      { path: "/api/v1/actions/createRequest", body: { location: "Kisumu", wattageW: "5000", reason: "r" } },
      {
        path: "/api/v1/actions/placeBid",
        body: { requestId: "1", unitType: "u", installationCostWei: "1", installationSeconds: "1", insurance: "" },
      },
      { path: "/api/v1/actions/fund", body: { requestId: "1", amountWei: "1" } },
      { path: "/api/v1/actions/buyEnergy", body: { generator: g, units: "1", maxPriceWeiPerUnit: "1" } },
      { path: "/api/v1/actions/transferShares", body: { generator: g, to: g, shares: "1" } },
      {
        path: "/api/v1/actions/reportUsage",
        body: { generator: g, consumer: g, deliveredMilliUnits: "1", readAt: "1", signature: `0x${"11".repeat(65)}` },
      },
      { path: "/api/v1/actions/votePrice", body: { generator: g, priceWeiPerUnit: "1" } },
    ];
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const snapshot = async () => {
    const status = (await api.get("/api/v1/status")).body;
    return {
      blockNumber: status.blockNumber,
      eventCount: status.totals.eventCount,
      journalBytes: statSync(join(dataDir, "journal.jsonl")).size,
    };
  };

  it("no malformed body, query or path gets a 500, and nothing is written", async () => {
    const before = await snapshot();
    const brokenBody = fc
      .record({
        template: fc.integer({ min: 0, max: templates.length - 1 }),
        mutation: fc.oneof(
          fc.record({
            kind: fc.constant("replace" as const),
            field: fc.nat(),
            value: fc.constantFrom(...INVALID_VALUES),
          }),
          fc.record({ kind: fc.constant("remove" as const), field: fc.nat() }),
          fc.record({
            kind: fc.constant("extra" as const),
            name: fc.string({ minLength: 1, maxLength: 12 }),
            value: fc.jsonValue(),
          }),
        ),
      })
      .map(({ template, mutation }) => {
        const t = templates[template] as (typeof templates)[number];
        const body: Record<string, unknown> = { ...t.body };
        const fields = Object.keys(body);
        const field = fields[("field" in mutation ? mutation.field : 0) % fields.length] as string;
        if (mutation.kind === "replace") body[field] = mutation.value;
        else if (mutation.kind === "remove") delete body[field];
        else if (!(mutation.name in body)) body[mutation.name] = mutation.value;
        else body[field] = null;
        return { method: "POST", path: t.path, body: JSON.stringify(body) };
      });
    const randomJson = fc.record({
      method: fc.constant("POST"),
      path: fc.constantFrom(...templates.map((t) => t.path), "/api/v1/requests", "/api/v1/healthz"),
      body: fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 200 }),
      ),
    });
    const segment = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("0", "-1", "0x", "1".repeat(90), "..", "%00", "null"),
    );
    const randomPath = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
      path: fc
        .tuple(
          fc.constantFrom(
            "/api/v1/requests/",
            "/api/v1/generators/",
            "/api/v1/accounts/",
            "/api/v1/transactions/",
            "/api/v1/actions/",
            "/api/v1/",
            "/",
          ),
          segment,
        )
        .map(([prefix, s]) => prefix + encodeURIComponent(s)),
      body: fc.constant(undefined),
    });
    const randomQuery = fc.record({
      method: fc.constant("GET"),
      path: fc
        .tuple(
          fc.constantFrom("/api/v1/requests", "/api/v1/generators", "/api/v1/activity"),
          fc.constantFrom("limit", "offset", "phase", "creator", "provider", "active", "before", "address", "x"),
          segment,
        )
        .map(([path, key, value]) => `${path}?${key}=${encodeURIComponent(value)}`),
      body: fc.constant(undefined),
    });

    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(brokenBody, randomJson, randomPath, randomQuery), async ({ method, path, body }) => {
        requests++;
        const answer = await api.call(method, path, body);
        assert.ok(
          answer.status < 500,
          `${method} ${path} ${String(body).slice(0, 200)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
        );
        if (answer.status >= 400) assert.equal(typeof answer.body?.error?.message, "string");
      }),
      { numRuns: RUNS },
    );
    assert.ok(requests >= RUNS);
    assert.deepEqual(await snapshot(), before);
  });
});
