// The measured-energy actions of the HTTP API, as the web app uses them: POST /api/v1/actions/{name} encodes the
// call, a development account signs it through POST /api/v1/dev/transactions, and the chain says what happened. One
// embedded node; the tests run in order: devices approved by the Technical DAO, a payment approved and minted,
// storage, then a pool funded with the minted tokens.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type Abi,
  type Address,
  createPublicClient,
  decodeFunctionData,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  parseEventLogs,
  stringToHex,
  zeroAddress,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { ConstantProductPoolAbi } from "../sdk/abi/ConstantProductPool.ts";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { EnergyPaymentsAbi } from "../sdk/abi/EnergyPayments.ts";
import { EnergyTokenAbi } from "../sdk/abi/EnergyToken.ts";
import { PoolFactoryAbi } from "../sdk/abi/PoolFactory.ts";
import { ReadingCommitmentsAbi } from "../sdk/abi/ReadingCommitments.ts";
import { StorageNodeAbi } from "../sdk/abi/StorageNode.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import type { EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import { type ApiAnswer, apiClient } from "./support/apiClient.ts";

const HOUR = 3_600;
const TOKEN = 10n ** 18n;
const a = (index: number) => devAccounts()[index]?.account.address as Address;
const OPERATOR = 2; // a provider development account, not a DAO member
const MEMBERS = [0, 4, 5]; // the development Technical DAO

describe("energy actions over the API", () => {
  let node: RunningNode;
  let dataDir: string;
  let energy: EnergyAddresses;
  let api: ReturnType<typeof apiClient>;
  const chain = () => createPublicClient({ transport: http(node.rpcUrl) });

  let generatorId: bigint;
  let storageNodeId: bigint;
  let storageNodeKeyIndex: number;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-energy-actions-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    assert.ok(node.deployment.energy, "the embedded node deploys the energy modules");
    energy = node.deployment.energy;
    api = apiClient(node.apiUrl);
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Encodes, signs with development account `from`, and returns the events of the mined transaction. */
  async function act<const abi extends Abi>(from: number, action: string, fields: Record<string, string>, abi: abi) {
    const answer = await api.devAct(a(from), action, fields);
    assert.equal(answer.status, 200, `${action}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.status, "success", `${action} mined`);
    const receipt = await chain().getTransactionReceipt({ hash: answer.body.hash as Hex });
    return parseEventLogs({ abi, logs: receipt.logs });
  }

  async function encode(action: string, fields: Record<string, string>): Promise<ApiAnswer> {
    return api.post(`/api/v1/actions/${action}`, fields);
  }

  /** Proposes with development account 0, has the three members vote for, waits out the vote and executes. */
  async function passProposal(propose: { action: string; fields: Record<string, string> }): Promise<bigint> {
    // Votes count from the second before the proposal: a member admitted at deployment needs that second past.
    await api.post("/api/v1/dev/time", { seconds: "1" });
    const [created] = (await act(0, propose.action, propose.fields, TechnicalDAOAbi)).filter(
      (e) => e.eventName === "ProposalCreated",
    );
    assert.ok(created?.eventName === "ProposalCreated");
    const proposalId = created.args.proposalId;
    await api.post("/api/v1/dev/time", { seconds: "1" }); // voting opens after the snapshot second
    for (const member of MEMBERS) {
      await act(member, "castVote", { proposalId: proposalId.toString(), support: "for" }, TechnicalDAOAbi);
    }
    await api.post("/api/v1/dev/time", { seconds: String(HOUR + 1) });
    const executed = await act(7, "executeProposal", { proposalId: proposalId.toString() }, TechnicalDAOAbi);
    assert.ok(executed.some((e) => e.eventName === "ProposalExecuted"));
    return proposalId;
  }

  const statusOf = (deviceId: bigint) =>
    chain().readContract({
      address: energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "statusOf",
      args: [deviceId],
    });

  it("MX1, MX9: devices applied for through the API are approved by a Technical DAO proposal, 3 votes and execution", async () => {
    const applied = await act(
      OPERATOR,
      "applyDevice",
      {
        key: privateKeyToAccount(generatePrivateKey()).address,
        kind: "generator",
        ratedPowerW: "5000",
        maxLossBps: "500",
        location: "Kisumu, Kenya",
        hardwareStatus: "ok",
      },
      DeviceRegistryAbi,
    );
    const generatorApplied = applied.find((e) => e.eventName === "DeviceApplied");
    assert.ok(generatorApplied?.eventName === "DeviceApplied");
    generatorId = generatorApplied.args.deviceId;
    assert.equal(generatorApplied.args.operator, a(OPERATOR));
    assert.equal(await statusOf(generatorId), 1, "Applied");

    // The storage node signs its confirmations with its device key: a development account no device holds yet.
    const free = [];
    for (const index of [8, 7, 6, 3]) {
      const taken = await chain().readContract({
        address: energy.deviceRegistry,
        abi: DeviceRegistryAbi,
        functionName: "deviceIdOf",
        args: [a(index)],
      });
      if (taken === 0n) free.push(index);
    }
    storageNodeKeyIndex = free[0] as number;
    assert.ok(storageNodeKeyIndex !== undefined, "a development account is free to be a device key");
    const storage = (
      await act(
        OPERATOR,
        "applyDevice",
        {
          key: a(storageNodeKeyIndex),
          kind: "storageNode",
          ratedPowerW: "20000",
          maxLossBps: "300",
          location: "Kisumu depot",
        },
        DeviceRegistryAbi,
      )
    ).find((e) => e.eventName === "DeviceApplied");
    assert.ok(storage?.eventName === "DeviceApplied");
    storageNodeId = storage.args.deviceId;
    assert.equal(storage.args.kind, 1, "StorageNode");

    const proposalId = await passProposal({
      action: "proposeDeviceDecision",
      fields: { deviceId: generatorId.toString(), decision: "approve" },
    });
    assert.equal(await statusOf(generatorId), 2, "Active");
    const description = (
      await chain().getContractEvents({
        address: energy.dao,
        abi: TechnicalDAOAbi,
        eventName: "ProposalCreated",
        fromBlock: 0n,
        strict: true,
      })
    ).find((e) => e.args.proposalId === proposalId)?.args.description;
    assert.equal(description, `Approve device ${generatorId}`);

    // The same call again gets a description of its own: the Governor would refuse an identical proposal.
    const again = await encode("proposeDeviceDecision", { deviceId: generatorId.toString(), decision: "approve" });
    assert.equal(again.status, 200);
    const { args } = decodeFunctionData({ abi: TechnicalDAOAbi, data: again.body.data as Hex });
    assert.equal(args?.[3], `Approve device ${generatorId} (#2)`);

    await passProposal({
      action: "proposeDeviceDecision",
      fields: { deviceId: storageNodeId.toString(), decision: "approve", reason: "inspected on site" },
    });
    assert.equal(await statusOf(storageNodeId), 2, "Active");
  });

  it("MX1: the operator updates the attributes; a suspension without a reason is refused (400 naming it)", async () => {
    await act(
      OPERATOR,
      "updateDeviceAttributes",
      { deviceId: generatorId.toString(), poolData: "pool.example:3333", hardwareStatus: "inverter replaced" },
      DeviceRegistryAbi,
    );
    const device = await chain().readContract({
      address: energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "getDevice",
      args: [generatorId],
    });
    assert.equal(device.hardwareStatus, "inverter replaced");
    assert.equal(device.poolData, "pool.example:3333");

    const noReason = await encode("proposeDeviceDecision", { deviceId: generatorId.toString(), decision: "suspend" });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.field, "body.reason");
  });

  it("MX4, MX5: a payment request on committed roots is approved by the DAO and mints Energy and Reward Tokens", async () => {
    // The node's committer (development account 0) commits two roots for hours long past, which no reading uses.
    for (const periodId of [1_000n, 1_001n]) {
      const data = encodeFunctionData({
        abi: ReadingCommitmentsAbi,
        functionName: "commitRoot",
        args: [periodId, keccak256(stringToHex(`root ${periodId}`)), 10],
      });
      const sent = await api.post("/api/v1/dev/transactions", { from: a(0), to: energy.readingCommitments, data });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
    }
    const sentWh = 100_000n; // 100 kWh
    const requested = (
      await act(
        OPERATOR,
        "requestPayment",
        {
          deviceId: generatorId.toString(),
          period: "202611",
          firstRootPeriodId: "1000",
          lastRootPeriodId: "1001",
          sentWh: sentWh.toString(),
          readingCount: "20",
          gaps: "0",
          uptimeBps: "9800",
          lossWh: "1200",
        },
        EnergyPaymentsAbi,
      )
    ).find((e) => e.eventName === "PaymentRequested");
    assert.ok(requested?.eventName === "PaymentRequested");
    const requestId = requested.args.requestId;
    assert.equal(requested.args.sentWh, sentWh);

    const refusal = await encode("proposePaymentDecision", { requestId: requestId.toString(), decision: "refuse" });
    assert.equal(refusal.status, 400);
    assert.equal(refusal.body.error.field, "body.reason");
    assert.equal((await encode("proposePaymentDecision", { requestId: "999", decision: "approve" })).status, 404);

    await passProposal({
      action: "proposePaymentDecision",
      fields: { requestId: requestId.toString(), decision: "approve" },
    });
    const request = await chain().readContract({
      address: energy.energyPayments,
      abi: EnergyPaymentsAbi,
      functionName: "getPaymentRequest",
      args: [requestId],
    });
    assert.equal(request.status, 2, "Approved");
    const energyWei = await chain().readContract({
      address: energy.energyToken,
      abi: EnergyTokenAbi,
      functionName: "balanceOf",
      args: [a(OPERATOR)],
    });
    assert.equal(energyWei, sentWh * 10n ** 15n, "one Energy Token per kWh");
    const rewardWei = await chain().readContract({
      address: energy.rewardToken,
      abi: EnergyTokenAbi,
      functionName: "balanceOf",
      args: [a(OPERATOR)],
    });
    assert.ok(rewardWei > 0n, "the operator's part of the reward");
  });

  it("MX7, MX3: a device stores energy at a node, the node's key confirms with the loss, then a take-out", async () => {
    const stored = (
      await act(
        OPERATOR,
        "requestStore",
        { nodeId: storageNodeId.toString(), depositorId: generatorId.toString(), sentWh: "10000" },
        StorageNodeAbi,
      )
    ).find((e) => e.eventName === "StoreRequested");
    assert.ok(stored?.eventName === "StoreRequested");
    const confirmed = await act(
      storageNodeKeyIndex,
      "confirmStore",
      { storeId: stored.args.storeId.toString(), receivedWh: "9000" },
      StorageNodeAbi,
    );
    const confirmation = confirmed.find((e) => e.eventName === "StoreConfirmed");
    assert.ok(confirmation?.eventName === "StoreConfirmed");
    assert.equal(confirmation.args.lossWh, 1000n);
    assert.ok(
      confirmed.some((e) => e.eventName === "ExcessiveLoss"),
      "10% lost is above the generator's declared 5%",
    );

    const takeOut = (
      await act(
        OPERATOR,
        "requestTakeOut",
        { nodeId: storageNodeId.toString(), depositorId: generatorId.toString(), wh: "4000" },
        StorageNodeAbi,
      )
    ).find((e) => e.eventName === "TakeOutRequested");
    assert.ok(takeOut?.eventName === "TakeOutRequested");
    await act(
      storageNodeKeyIndex,
      "completeTakeOut",
      { takeOutId: takeOut.args.takeOutId.toString(), deliveredWh: "3500" },
      StorageNodeAbi,
    );
    const holding = await chain().readContract({
      address: energy.storageNode,
      abi: StorageNodeAbi,
      functionName: "holdingOf",
      args: [storageNodeId, generatorId],
    });
    assert.equal(holding.storedWh, 9000n - 4000n + 500n);
    assert.equal(holding.pendingTakeOutWh, 0n);
  });

  it("MX6: the Reward/Energy pool takes liquidity; a swap asking too much is refused with the pool's InsufficientOutput", async () => {
    let pool = await chain().readContract({
      address: energy.poolFactory,
      abi: PoolFactoryAbi,
      functionName: "getPool",
      args: [energy.rewardToken, energy.energyToken],
    });
    if (pool === zeroAddress) {
      const created = (
        await act(OPERATOR, "createPool", { tokenA: energy.rewardToken, tokenB: energy.energyToken }, PoolFactoryAbi)
      ).find((e) => e.eventName === "PoolCreated");
      assert.ok(created?.eventName === "PoolCreated");
      pool = created.args.pool;
    }
    for (const token of [energy.rewardToken, energy.energyToken]) {
      await act(
        OPERATOR,
        "approveToken",
        { token, spender: pool, amountWei: (50n * TOKEN).toString() },
        ConstantProductPoolAbi,
      );
    }
    const added = (
      await act(
        OPERATOR,
        "addLiquidity",
        { pool, amount0Wei: (20n * TOKEN).toString(), amount1Wei: (20n * TOKEN).toString(), from: a(OPERATOR) },
        ConstantProductPoolAbi,
      )
    ).find((e) => e.eventName === "LiquidityAdded");
    assert.ok(added?.eventName === "LiquidityAdded");
    assert.ok(added.args.shares > 0n);
    assert.equal(added.args.to, a(OPERATOR));

    const amountInWei = TOKEN;
    const quotedWei = await chain().readContract({
      address: pool,
      abi: ConstantProductPoolAbi,
      functionName: "quoteExactIn",
      args: [energy.rewardToken, amountInWei],
    });
    const greedy = await api.devAct(a(OPERATOR), "swap", {
      pool,
      tokenIn: energy.rewardToken,
      amountInWei: amountInWei.toString(),
      minAmountOutWei: (quotedWei + 1n).toString(),
      to: a(OPERATOR),
    });
    assert.equal(greedy.status, 422, JSON.stringify(greedy.body));
    assert.equal(greedy.body.error.name, "InsufficientOutput");
    assert.equal(greedy.body.error.args.amountOut, quotedWei.toString());

    const swapped = (
      await act(
        OPERATOR,
        "swap",
        {
          pool,
          tokenIn: energy.rewardToken,
          amountInWei: amountInWei.toString(),
          minAmountOutWei: quotedWei.toString(),
          to: a(OPERATOR),
        },
        ConstantProductPoolAbi,
      )
    ).find((e) => e.eventName === "Swap");
    assert.ok(swapped?.eventName === "Swap");
    assert.equal(swapped.args.amountOut, quotedWei);

    const removed = (
      await act(
        OPERATOR,
        "removeLiquidity",
        { pool, shares: (added.args.shares / 2n).toString(), to: a(OPERATOR) },
        ConstantProductPoolAbi,
      )
    ).find((e) => e.eventName === "LiquidityRemoved");
    assert.ok(removed?.eventName === "LiquidityRemoved");
    assert.ok(removed.args.amount0 > 0n && removed.args.amount1 > 0n);
  });

  it("MX1, MX6: bad input is a 400 naming the field; unknown proposals are 404; nothing is encoded", async () => {
    const key = privateKeyToAccount(generatePrivateKey()).address;
    const cases: [string, Record<string, string>, string][] = [
      ["applyDevice", { key, kind: "windmill", ratedPowerW: "5000", maxLossBps: "500", location: "x" }, "body.kind"],
      [
        "applyDevice",
        { key, kind: "meter", ratedPowerW: "5000", maxLossBps: "20000", location: "x" },
        "body.maxLossBps",
      ],
      ["applyDevice", { key, kind: "meter", ratedPowerW: "0", maxLossBps: "5", location: "x" }, "body.ratedPowerW"],
      ["proposeDeviceDecision", { deviceId: "1", decision: "promote" }, "body.decision"],
      ["proposePaymentDecision", { requestId: "1", decision: "maybe" }, "body.decision"],
      ["castVote", { proposalId: "1", support: "yes" }, "body.support"],
      ["castVote", { proposalId: "1" }, "body.support"],
      [
        "requestPayment",
        {
          deviceId: "1",
          period: "202613",
          firstRootPeriodId: "1",
          lastRootPeriodId: "2",
          sentWh: "1",
          readingCount: "1",
          gaps: "0",
          uptimeBps: "1",
          lossWh: "0",
        },
        "body.period",
      ],
      ["swap", { pool: energy.poolFactory, tokenIn: key, amountInWei: "1", minAmountOutWei: "1" }, "body.to"],
      [
        "swap",
        { pool: key, tokenIn: key, amountInWei: 1 as unknown as string, minAmountOutWei: "1", to: key },
        "body.amountInWei",
      ],
      ["requestStore", { nodeId: "1", depositorId: "2", sentWh: String(2n ** 64n) }, "body.sentWh"],
      ["createPool", { tokenA: key, tokenB: key }, "body.tokenB"],
    ];
    for (const [action, fields, field] of cases) {
      const answer = await encode(action, fields);
      assert.equal(answer.status, 400, `${action} ${JSON.stringify(fields)}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.field, field, `${action}: ${JSON.stringify(answer.body)}`);
    }
    assert.equal((await encode("executeProposal", { proposalId: "12345" })).status, 404);
    assert.equal((await encode("proposeDeviceDecision", { deviceId: "999", decision: "approve" })).status, 404);
  });
});
