// The node end to end in one process: the embedded chain, the indexer and the HTTP API, driven only through the API
// the way the web app and other clients use it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Address, createPublicClient, encodeFunctionData, type Hex, http, maxUint256 } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import { proposalIdOf } from "../sdk/actions/dao/proposalCalls.ts";
import { parseSolar } from "../sdk/format.ts";
import { apiClient } from "./support/apiClient.ts";
import { approvedGeneratorDeviceViaApi, signedUsageFields } from "./support/apiScenario.ts";

const DAY = 86_400;

describe("node HTTP API over the embedded chain", () => {
  let node: RunningNode;
  let dataDir: string;
  let api: ReturnType<typeof apiClient>;
  let chain: ReturnType<typeof createPublicClient>;
  const dev = devAccounts();
  const address = (i: number) => dev[i]?.account.address as Address;
  const consumer = address(1);
  const provider = address(2);
  const provider2 = address(3);
  const [f1, f2, f3] = [address(4), address(5), address(6)];
  const buyer = address(7);
  const newOwner = address(8);
  const device = address(9);
  let requestId: string;
  let generator: Address;
  let deviceId: bigint;
  /** The reading the generator accepted, as the reportUsage action's body. */
  let acceptedReading: Record<string, string>;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-node-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    api = apiClient(node.apiUrl);
    // No cached block number: the tests compare heights a few milliseconds apart.
    chain = createPublicClient({ transport: http(node.rpcUrl), cacheTime: 0 });
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ok = (answer: { status: number; body: any }) => {
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };

  it("serves health, status, metrics, the deployment and the OpenAPI document with its docs", async () => {
    assert.equal(ok(await api.get("/healthz")).ok, true);
    const status = ok(await api.get("/api/v1/status"));
    assert.equal(status.mode, "embedded");
    assert.equal(status.chainId, 31337);
    assert.equal(ok(await api.get("/api/v1/deployment")).addresses.marketplace, node.deployment.addresses.marketplace);
    const openapi = ok(await api.get("/api/v1/openapi.json"));
    assert.equal(openapi.openapi, "3.0.3");
    for (const path of [
      "/api/v1/requests",
      "/api/v1/generators/{address}",
      "/api/v1/accounts/{address}",
      "/api/v1/transactions",
      "/api/v1/actions/buyEnergy",
      "/api/v1/events",
    ]) {
      assert.ok(openapi.paths[path], `OpenAPI lists ${path}`);
    }
    const docs = await fetch(`${node.apiUrl}/api/v1/docs/`);
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger/i);
    const metrics = await api.get("/metrics");
    assert.match(String(metrics.body), /drex_http_request_duration_seconds/);
    assert.match(String(metrics.body), /drex_indexer_block/);
  });

  it("lists the labelled development accounts, funded with ether and Solar Tokens", async () => {
    const { accounts } = ok(await api.get("/api/v1/dev/accounts"));
    assert.equal(accounts.length, 10);
    assert.match(accounts[0].label, /operator/);
    assert.ok(accounts.every((a: any) => a.developmentOnly === true && BigInt(a.etherWei) > 0n));
    assert.equal(accounts[1].solarWei, parseSolar("50000").toString());
  });

  it("DX1, DX2: a request and two bids appear in the index with the status the contract reports", async () => {
    ok(
      await api.devAct(consumer, "createRequest", {
        location: "Kisumu, Kenya",
        wattageW: "5000",
        reason: "clinic fridge",
      }),
    );
    const { requests } = ok(await api.get(`/api/v1/requests?creator=${consumer}`));
    assert.equal(requests.length, 1);
    requestId = requests[0].requestId;
    assert.equal(requests[0].status, "Bidding");
    assert.equal(requests[0].utilityKind, "electricity");
    const bid = {
      requestId,
      unitType: "5 kW PV + 10 kWh LFP",
      installationCostWei: parseSolar("12000").toString(),
      installationSeconds: String(21 * DAY),
      insurance: "2 years",
    };
    ok(await api.devAct(provider, "placeBid", bid));
    ok(await api.devAct(provider2, "placeBid", { ...bid, installationCostWei: parseSolar("15000").toString() }));
    const detail = ok(await api.get(`/api/v1/requests/${requestId}`));
    assert.equal(detail.bids.length, 2);
    assert.deepEqual(
      detail.bids.map((b: any) => b.provider),
      [provider, provider2],
    );
  });

  it("DX3, DX4, DX5: acceptance, three financiers and the generator with 10,000 shares", async () => {
    ok(await api.post("/api/v1/dev/time", { seconds: String(7 * DAY + 1) }));
    const detail = ok(await api.get(`/api/v1/requests/${requestId}`));
    assert.equal(detail.status, "AwaitingAcceptance");
    ok(await api.devAct(consumer, "acceptBid", { requestId, bidId: detail.bids[0].bidId }));
    const marketplace = node.deployment.addresses.marketplace;
    for (const [financier, solar] of [
      [f1, "6000"],
      [f2, "4000"],
      [f3, "2000"],
    ] as const) {
      ok(await api.devAct(financier, "approve", { spender: marketplace, amountWei: parseSolar(solar).toString() }));
      ok(await api.devAct(financier, "fund", { requestId, amountWei: parseSolar(solar).toString() }));
    }
    const funded = ok(await api.get(`/api/v1/requests/${requestId}`));
    assert.equal(funded.status, "Funded");
    assert.equal(funded.raisedWei, parseSolar("12000").toString());
    generator = funded.generator;
    const g = ok(await api.get(`/api/v1/generators/${generator}`));
    assert.deepEqual(Object.fromEntries(g.holdings.map((h: any) => [h.owner, h.shares])), {
      [f1]: "5001",
      [f2]: "3333",
      [f3]: "1666",
    });
  });

  /** Encodes an action and has a development account send it; answers what the relay answered. */
  const relayAction = async (from: Address, action: string, fields: Record<string, string>) => {
    const prepared = ok(await api.post(`/api/v1/actions/${action}`, fields));
    return api.post("/api/v1/dev/transactions", { from, to: prepared.to, data: prepared.data });
  };

  it("DX8: a device key the Technical DAO never approved is refused with a 422 naming the reason; nothing is mined", async () => {
    const before = await chain.getBlockNumber();
    const refused = await relayAction(provider, "registerDevice", { generator, deviceKey: device });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, "contract_revert");
    assert.equal(refused.body.error.name, "UnknownDeviceKey");
    assert.equal(refused.body.error.args.key, device);
    assert.match(refused.body.error.sentence, /no device has the key/i);
    assert.equal(await chain.getBlockNumber(), before);
  });

  it("DX8, MX1: the provider's device, approved by the Technical DAO, is registered; the generator shows its id and key", async () => {
    deviceId = await approvedGeneratorDeviceViaApi(node.apiUrl, { operator: provider, key: device });
    const unregistered = ok(await api.get(`/api/v1/generators/${generator}`));
    assert.equal(unregistered.deviceId, null);
    assert.equal(unregistered.deviceKey, null);

    ok(await api.devAct(provider, "registerDevice", { generator, deviceKey: device }));
    const g = ok(await api.get(`/api/v1/generators/${generator}`));
    assert.equal(g.deviceId, deviceId.toString());
    assert.equal(g.deviceKey, device);
    const state = await chain.readContract({ address: generator, abi: GeneratorAbi, functionName: "state" });
    assert.equal(state.deviceId, deviceId);
    const { generators } = ok(await api.get("/api/v1/generators"));
    assert.equal(generators.find((x: any) => x.address === generator)?.deviceId, deviceId.toString());
    const { activity } = ok(await api.get(`/api/v1/activity?address=${generator}&limit=1`));
    assert.equal(activity[0].eventName, "DeviceRegistered");
    assert.equal(activity[0].args.deviceId, deviceId.toString());
  });

  it("DX6, DX7, DX8, DX9: votes, activation, a purchase signed by the buyer's own wallet, a signed usage reading, a claim", async () => {
    ok(await api.devAct(f1, "votePrice", { generator, priceWeiPerUnit: parseSolar("0.2").toString() }));
    ok(await api.devAct(f2, "votePrice", { generator, priceWeiPerUnit: parseSolar("0.3").toString() }));
    ok(await api.devAct(consumer, "approve", { spender: generator, amountWei: parseSolar("100").toString() }));
    ok(await api.devAct(consumer, "activate", { generator, initialTokenWei: parseSolar("100").toString() }));

    // The buyer signs with their own key; the node only relays.
    const buyerAccount = dev[7]?.account;
    assert.ok(buyerAccount);
    const sign = async (to: Address, data: Hex) => {
      const nonce = await chain.getTransactionCount({ address: buyer, blockTag: "pending" });
      return buyerAccount.signTransaction({
        chainId: 31337,
        type: "eip1559",
        to,
        data,
        nonce,
        gas: 300_000n,
        maxFeePerGas: 10_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
    };
    const approval = await sign(
      node.deployment.addresses.token,
      encodeFunctionData({ abi: SolarTokenAbi, functionName: "approve", args: [generator, maxUint256] }),
    );
    assert.equal(ok(await api.post("/api/v1/transactions", { rawTransaction: approval })).status, "success");
    const price = await chain.readContract({ address: generator, abi: GeneratorAbi, functionName: "getAvg" });
    const purchase = await sign(
      generator,
      encodeFunctionData({ abi: GeneratorAbi, functionName: "buyEnergy", args: [10n, price] }),
    );
    const relayed = ok(await api.post("/api/v1/transactions", { rawTransaction: purchase }));
    assert.equal(relayed.status, "success");
    assert.equal(ok(await api.get(`/api/v1/transactions/${relayed.hash}`)).indexed, true);

    // The device signs its reading of the buyer's meter; anyone relays it (here the new owner-to-be).
    const { timestamp: readAt } = await chain.getBlock();
    acceptedReading = await signedUsageFields({
      chainId: node.deployment.chainId,
      generator,
      consumer: buyer,
      deliveredMilliUnits: 2_500n,
      readAt,
    });
    assert.equal(ok(await api.devAct(newOwner, "reportUsage", acceptedReading)).status, "success");
    ok(await api.devAct(f1, "claimRevenue", { generator }));
    ok(await api.devAct(f1, "transferShares", { generator, to: newOwner, shares: "1000" }));

    const g = ok(await api.get(`/api/v1/generators/${generator}`));
    assert.equal(g.active, true);
    // The transfer moved voting weight, so the price is the contract's average now, not the one paid above.
    const priceNow = await chain.readContract({ address: generator, abi: GeneratorAbi, functionName: "getAvg" });
    assert.notEqual(priceNow, price);
    assert.equal(g.priceWeiPerUnit, priceNow.toString());
    assert.equal(g.unitsSold, "10");
    assert.equal(g.usageMilliUnits, "2500");
    for (const h of g.holdings) {
      const onChain = await chain.readContract({
        address: generator,
        abi: GeneratorAbi,
        functionName: "balanceOf",
        args: [h.owner],
      });
      assert.equal(h.shares, onChain.toString(), `shares of ${h.owner}`);
    }
    const account = ok(await api.get(`/api/v1/accounts/${f2}`));
    const claimable = await chain.readContract({
      address: generator,
      abi: GeneratorAbi,
      functionName: "claimableRevenue",
      args: [f2],
    });
    assert.equal(account.claimableWei, claimable.toString());
    assert.ok(claimable > 0n);
    const buyerAccountView = ok(await api.get(`/api/v1/accounts/${buyer}`));
    const credit = await chain.readContract({
      address: generator,
      abi: GeneratorAbi,
      functionName: "creditOf",
      args: [buyer],
    });
    assert.equal(
      buyerAccountView.credits.find((c: any) => c.generator === generator)?.creditMilliUnits,
      credit.toString(),
    );
    const { activity } = ok(await api.get("/api/v1/activity?limit=20"));
    assert.ok(activity.some((a: any) => a.eventName === "EnergyPurchased" && a.args.buyer === buyer));
    const usage = activity.find((a: any) => a.eventName === "UsageReported");
    assert.deepEqual(usage?.args, {
      consumer: buyer,
      milliUnits: "2500",
      creditMilliUnits: credit.toString(),
      deliveredMilliUnits: "2500",
      readAt: readAt.toString(),
    });
  });

  it("DX8: a usage reading signed by another key, or sent again, is refused with a 422 naming the reason; nothing is mined", async () => {
    const before = await chain.getBlockNumber();
    const { timestamp } = await chain.getBlock();
    const forged = await signedUsageFields({
      chainId: node.deployment.chainId,
      generator,
      consumer: buyer,
      deliveredMilliUnits: 5_000n,
      readAt: timestamp,
      signer: dev[7]?.account,
    });
    const refused = await relayAction(buyer, "reportUsage", forged);
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, "contract_revert");
    assert.equal(refused.body.error.name, "NotSignedByDevice");
    assert.equal(refused.body.error.args.signer, buyer);
    assert.equal(refused.body.error.args.deviceKey, device);
    assert.match(refused.body.error.sentence, /not by the generator's device/);

    const replayed = await relayAction(buyer, "reportUsage", acceptedReading);
    assert.equal(replayed.status, 422, JSON.stringify(replayed.body));
    assert.equal(replayed.body.error.name, "StaleUsage");
    assert.match(replayed.body.error.sentence, /not after/);
    assert.equal(await chain.getBlockNumber(), before);
  });

  it("DX8, MX1: after the Technical DAO gives the device a new key, the generator shows it and only that key's readings count", async () => {
    const energy = node.deployment.energy;
    assert.ok(energy, "the embedded node deploys the energy modules");
    const newKey = privateKeyToAccount(generatePrivateKey());
    const calls = {
      targets: [energy.deviceRegistry],
      values: [0n],
      calldatas: [
        encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "setDeviceKey", args: [deviceId, newKey.address] }),
      ],
      description: `Give device ${deviceId} a new key: the meter was replaced`,
    };
    const proposalId = proposalIdOf(calls).toString();
    const members = [address(0), address(4), address(5)];
    ok(await api.post("/api/v1/dev/time", { seconds: "1" }));
    const proposed = await api.post("/api/v1/dev/transactions", {
      from: members[0],
      to: energy.dao,
      data: encodeFunctionData({
        abi: TechnicalDAOAbi,
        functionName: "propose",
        args: [calls.targets, calls.values, calls.calldatas, calls.description],
      }),
    });
    assert.equal(ok(proposed).status, "success");
    ok(await api.post("/api/v1/dev/time", { seconds: "1" }));
    for (const member of members) ok(await api.devAct(member, "castVote", { proposalId, support: "for" }));
    ok(await api.post("/api/v1/dev/time", { seconds: "3601" }));
    ok(await api.devAct(members[0] as Address, "executeProposal", { proposalId }));

    const g = ok(await api.get(`/api/v1/generators/${generator}`));
    assert.equal(g.deviceId, deviceId.toString());
    assert.equal(g.deviceKey, newKey.address, "the device's current key, not the one registered");
    const state = await chain.readContract({ address: generator, abi: GeneratorAbi, functionName: "state" });
    assert.equal(g.deviceKey, state.deviceKey);

    const { timestamp } = await chain.getBlock();
    const reading = { chainId: node.deployment.chainId, generator, consumer: buyer, readAt: timestamp };
    const oldKey = await relayAction(
      buyer,
      "reportUsage",
      await signedUsageFields({ ...reading, deliveredMilliUnits: 3_000n }),
    );
    assert.equal(oldKey.status, 422);
    assert.equal(oldKey.body.error.name, "NotSignedByDevice");
    const fresh = await signedUsageFields({ ...reading, deliveredMilliUnits: 3_000n, signer: newKey });
    assert.equal(ok(await api.devAct(buyer, "reportUsage", fresh)).status, "success");
    assert.equal(ok(await api.get(`/api/v1/generators/${generator}`)).usageMilliUnits, "3000");
  });

  it("DX8: a purchase the contract refuses is answered 422 with the custom error, its arguments and a sentence; nothing is mined", async () => {
    const before = await chain.getBlockNumber();
    const prepared = ok(
      await api.post("/api/v1/actions/buyEnergy", { generator, units: "5", maxPriceWeiPerUnit: "1" }),
    );
    const refused = await api.post("/api/v1/dev/transactions", { from: buyer, to: prepared.to, data: prepared.data });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, "contract_revert");
    assert.equal(refused.body.error.name, "PriceAboveLimit");
    assert.equal(refused.body.error.args.maxPriceWeiPerUnit, "1");
    assert.match(refused.body.error.sentence, /price/i);
    assert.equal(await chain.getBlockNumber(), before);
  });

  it("streams new activity over Server-Sent Events", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const response = await fetch(`${node.apiUrl}/api/v1/events`, { signal: controller.signal });
    assert.equal(response.headers.get("content-type"), "text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const received = (async () => {
      let text = "";
      while (!text.includes("event: activity")) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();
    ok(await api.devAct(consumer, "createRequest", { location: "Kisumu market", wattageW: "8000" }));
    const text = await received;
    controller.abort();
    assert.match(text, /event: activity\ndata: .*"eventName":"RequestCreated"/);
  });

  it("answers bad input with a 400 naming the field and the reason, unknown ids with 404", async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ["POST", "/api/v1/actions/createRequest", { wattageW: "5000" }, 400, /body\.location/],
      ["POST", "/api/v1/actions/createRequest", { location: "x", wattageW: "-5" }, 400, /body\.wattageW/],
      [
        "POST",
        "/api/v1/actions/createRequest",
        { location: "x", wattageW: (2n ** 64n).toString() },
        400,
        /body\.wattageW.*uint64/,
      ],
      ["POST", "/api/v1/actions/fund", { requestId: "1", amountWei: "0" }, 400, /body\.amountWei/],
      [
        "POST",
        "/api/v1/actions/buyEnergy",
        { generator: "0x123", units: "1", maxPriceWeiPerUnit: "1" },
        400,
        /body\.generator/,
      ],
      ["POST", "/api/v1/actions/claimRevenue", { generator, extra: 1 }, 400, /body/],
      ["POST", "/api/v1/transactions", { rawTransaction: "0x1234" }, 400, /body\.rawTransaction/],
      ["POST", "/api/v1/transactions", "{not json", 400, /body/],
      [
        "POST",
        "/api/v1/dev/transactions",
        { from: "0x000000000000000000000000000000000000dEaD", to: generator },
        400,
        /body\.from/,
      ],
      ["GET", "/api/v1/requests?limit=100000", undefined, 400, /querystring\.limit/],
      ["GET", "/api/v1/requests/abc", undefined, 400, /params\.requestId/],
      ["GET", "/api/v1/requests/999999", undefined, 404, /request 999999/],
      ["GET", "/api/v1/generators/0x000000000000000000000000000000000000dEaD", undefined, 404, /generator/],
      ["GET", "/api/v1/nowhere", undefined, 404, /no route/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const answer = await api.call(method, path, body);
      assert.equal(answer.status, status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`);
      assert.match(JSON.stringify(answer.body.error), message, `${method} ${path}`);
    }
  });
});
