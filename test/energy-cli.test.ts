// The measured-energy commands of `drex`, run as a user runs them: child processes against an embedded node (its
// JSON-RPC endpoint for the chain, its API for the deployment and the integrity figures). The tests run in order on
// one chain: a device approved by the Technical DAO, payments requested and approved, a pool funded and used.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type Address, createPublicClient, encodeFunctionData, type Hex, http, keccak256, stringToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { EnergyPaymentsAbi } from "../sdk/abi/EnergyPayments.ts";
import { EnergyTokenAbi } from "../sdk/abi/EnergyToken.ts";
import { ReadingCommitmentsAbi } from "../sdk/abi/ReadingCommitments.ts";
import type { EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import { apiClient } from "./support/apiClient.ts";

const CLI = fileURLToPath(new URL("../cli/drex.ts", import.meta.url));
const HOUR = 3_600;
const key = (index: number): Hex => devAccounts()[index]?.privateKey as Hex;
const address = (index: number): Address => devAccounts()[index]?.account.address as Address;
const OPERATOR = 2;
const MEMBERS = [0, 4, 5];

type CliRun = { code: number | null; stdout: string; stderr: string };

describe("drex: measured energy from the command line", () => {
  let node: RunningNode;
  let dataDir: string;
  let energy: EnergyAddresses;
  let api: ReturnType<typeof apiClient>;
  let deviceId: string;
  const chain = () => createPublicClient({ transport: http(node.rpcUrl) });
  const blockNumber = () => chain().getBlockNumber();

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-energy-cli-"));
    node = await startNode(resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent" }, {}));
    assert.ok(node.deployment.energy);
    energy = node.deployment.energy;
    api = apiClient(node.apiUrl);
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `drex` against the node, signing with development account `signer` when given. */
  function drex(args: readonly string[], signer?: number): Promise<CliRun> {
    const { DREX_PRIVATE_KEY: _key, DREX_KEYSTORE_PASSWORD: _password, ...inherited } = process.env;
    const env = {
      ...inherited,
      DREX_RPC_URL: node.rpcUrl,
      ...(signer === undefined ? {} : { DREX_PRIVATE_KEY: key(signer) }),
    };
    const withNode = args.includes("--node") ? args : [...args, "--node", node.apiUrl];
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...withNode], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function drexJson<T = Record<string, string>>(args: readonly string[], signer?: number): Promise<T> {
    const run = await drex([...args, "--json"], signer);
    assert.equal(run.code, 0, `drex ${args.join(" ")} failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  }

  const advance = async (seconds: number) => {
    const answer = await api.post("/api/v1/dev/time", { seconds: String(seconds) });
    assert.equal(answer.status, 200);
  };

  /** Proposes with member 0, the three members vote for, the vote ends, a stranger executes. */
  async function pass(proposeArgs: string[]): Promise<string> {
    await advance(1); // members' votes count from the second before the proposal
    const { proposalId, description } = await drexJson(proposeArgs, 0);
    assert.ok(description);
    await advance(1);
    for (const member of MEMBERS) {
      const vote = await drexJson(["dao", "vote", proposalId as string, "--support", "for"], member);
      assert.equal(vote.weight, "1");
    }
    await advance(HOUR + 1);
    await drexJson(["dao", "execute", proposalId as string], 7);
    const shown = await drexJson(["dao", "show", proposalId as string]);
    assert.equal(shown.state, "executed");
    assert.equal(shown.forVotes, "3");
    return proposalId as string;
  }

  async function commitRoots(periodIds: readonly bigint[]): Promise<void> {
    for (const periodId of periodIds) {
      const data = encodeFunctionData({
        abi: ReadingCommitmentsAbi,
        functionName: "commitRoot",
        args: [periodId, keccak256(stringToHex(`cli root ${periodId}`)), 10],
      });
      const sent = await api.post("/api/v1/dev/transactions", {
        from: address(0),
        to: energy.readingCommitments,
        data,
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
    }
  }

  it("MX1, MX9: drex device apply, then dao propose-device, three votes and execute make the device active", async () => {
    const applied = await drexJson(
      [
        "device",
        "apply",
        "--key",
        privateKeyToAccount(generatePrivateKey()).address,
        "--kind",
        "generator",
        "--rated-power",
        "5 kW",
        "--location",
        "Kisumu, Kenya",
      ],
      OPERATOR,
    );
    deviceId = applied.deviceId as string;
    assert.equal(applied.operator, address(OPERATOR));
    assert.equal((await drexJson(["device", "show", deviceId])).status, "applied");

    await pass(["dao", "propose-device", deviceId, "--decision", "approve"]);
    const shown = await drexJson(["device", "show", deviceId]);
    assert.equal(shown.status, "active");
    assert.equal(shown.ratedPowerW, "5000");
    const listed = await drexJson<{ deviceId: string }[]>(["device", "list", "--status", "active"]);
    assert.ok(listed.some((d) => d.deviceId === deviceId));

    const readable = await drex(["device", "show", deviceId]);
    assert.match(readable.stdout, /status\s+active/);
  });

  it("MX4: drex payment request takes the node's integrity figures, and each flag overrides one", async () => {
    await commitRoots([3_000n, 3_001n, 3_002n]);
    // A stand-in node: the real node's deployment, and integrity figures of its own.
    const deployment = (await api.get("/api/v1/deployment")).body;
    const integrityPaths: string[] = [];
    const server: Server = createServer((request, response) => {
      const send = (body: unknown) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url === "/api/v1/deployment") return send(deployment);
      integrityPaths.push(request.url ?? "");
      return send({
        deviceId,
        month: 202610,
        fromPeriodId: "0",
        toPeriodId: "0",
        firstRootPeriodId: "3000",
        lastRootPeriodId: "3001",
        readingCount: 24,
        gaps: 1,
        uptimeBps: 9400,
        producedWh: "60000",
        sentWh: "55000",
        receivedWh: "0",
        uncommittedReadings: 0,
        lossWh: "700",
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const fakeNode = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const requested = await drexJson(
        ["payment", "request", "--device", deviceId, "--month", "202610", "--sent", "50kWh", "--node", fakeNode],
        OPERATOR,
      );
      assert.deepEqual(integrityPaths, [`/api/v1/energy/devices/${deviceId}/integrity?month=202610`]);
      assert.deepEqual(requested.overridden, ["sentWh"]);
      const request = await chain().readContract({
        address: energy.energyPayments,
        abi: EnergyPaymentsAbi,
        functionName: "getPaymentRequest",
        args: [BigInt(requested.requestId as string)],
      });
      assert.equal(request.sentWh, 50_000n, "the flag");
      assert.equal(request.lossWh, 700n, "the node's figure");
      assert.equal(request.readingCount, 24);
      assert.equal(request.gaps, 1);
      assert.equal(request.uptimeBps, 9400);
      assert.equal(request.firstRootPeriodId, 3_000n);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("MX4, MX5: every figure given as a flag is claimed as given; dao propose-payment approves and mints", async () => {
    const requested = await drexJson(
      [
        "payment",
        "request",
        "--device",
        deviceId,
        "--month",
        "202611",
        "--first-root",
        "3002",
        "--last-root",
        "3002",
        "--sent",
        "60 kWh",
        "--reading-count",
        "30",
        "--gaps",
        "0",
        "--uptime-bps",
        "9900",
        "--loss",
        "0.5kWh",
      ],
      OPERATOR,
    );
    assert.equal((requested.overridden as unknown as string[]).length, 7);
    assert.equal(requested.sentWh, "60000");
    assert.equal(requested.lossWh, "500");
    await pass(["dao", "propose-payment", requested.requestId as string, "--decision", "approve"]);
    const energyWei = await chain().readContract({
      address: energy.energyToken,
      abi: EnergyTokenAbi,
      functionName: "balanceOf",
      args: [address(OPERATOR)],
    });
    assert.equal(energyWei, 60_000n * 10n ** 15n);
  });

  it("MX6: drex pool create/add/swap/show on the Reward/Energy pool with the minted tokens", async () => {
    const exists = await drex(["pool", "show", "--pool", "reward/energy", "--json"]);
    if (exists.code !== 0) {
      assert.equal(exists.code, 2, exists.stderr);
      const created = await drexJson(["pool", "create", "--token-a", "reward", "--token-b", "energy"], OPERATOR);
      assert.ok(created.pool);
    }
    const added = await drexJson(
      ["pool", "add", "--pool", "reward/energy", "--amount0", "10", "--amount1", "10"],
      OPERATOR,
    );
    assert.ok(BigInt(added.shares as string) > 0n);
    const before = await drexJson(
      ["pool", "show", "--pool", "reward/energy", "--quote-in", "reward", "--quote-amount", "1"],
      OPERATOR,
    );
    const swapped = await drexJson(
      ["pool", "swap", "--pool", "reward/energy", "--token-in", "reward", "--amount", "1", "--slippage-bps", "100"],
      OPERATOR,
    );
    assert.equal(swapped.amountOutWei, before.quoteOutWei);
    assert.equal(swapped.minAmountOutWei, ((BigInt(before.quoteOutWei as string) * 9_900n) / 10_000n).toString());
    const greedy = await drex(
      ["pool", "swap", "--pool", "reward/energy", "--token-in", "reward", "--amount", "1", "--min-out", "1000"],
      OPERATOR,
    );
    assert.equal(greedy.code, 1);
    assert.match(greedy.stderr, /InsufficientOutput/);
  });

  it("MX1, MX4, MX6, MX7: bad flags exit 2 naming the flag, and nothing is sent", async () => {
    const refusals: [string[], RegExp][] = [
      [
        ["device", "apply", "--key", address(9), "--kind", "windmill", "--rated-power", "5", "--location", "x"],
        /--kind/,
      ],
      [["device", "apply", "--key", "0x12", "--kind", "meter", "--rated-power", "5", "--location", "x"], /--key/],
      [
        ["device", "apply", "--key", address(9), "--kind", "meter", "--rated-power", "1.5 W", "--location", "x"],
        /--rated-power/,
      ],
      [["dao", "vote", "1", "--support", "yes"], /--support/],
      [["dao", "propose-device", "1", "--decision", "reject"], /--reason/],
      [["dao", "propose-device", "999", "--decision", "approve"], /deviceId: there is no device #999/],
      [["payment", "request", "--device", "1", "--month", "202613"], /--month/],
      [["payment", "request", "--device", "1", "--month", "202611", "--uptime-bps", "10001"], /--uptime-bps/],
      [["storage", "store", "--storage-node", "1", "--depositor", "2", "--sent", "-5"], /--sent/],
      [["storage", "confirm", "1", "--received", "1.0001 kWh"], /--received/],
      [
        [
          "pool",
          "swap",
          "--pool",
          "reward/energy",
          "--token-in",
          "reward",
          "--amount",
          "1",
          "--min-out",
          "1",
          "--slippage-bps",
          "5",
        ],
        /--min-out/,
      ],
      [["pool", "add", "--pool", "nowhere", "--amount0", "1", "--amount1", "1"], /--pool/],
    ];
    const before = await blockNumber();
    for (const [args, message] of refusals) {
      const run = await drex(args, OPERATOR);
      assert.equal(run.code, 2, `drex ${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(" "));
      assert.equal(run.stdout, "");
    }
    assert.equal(await blockNumber(), before);
  });
});
