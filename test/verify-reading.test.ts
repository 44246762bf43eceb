// `drex verify-reading` against a running node (MX2): a device approved through the development Technical DAO sends
// signed readings, the node commits their period once the chain's clock has moved past it, and the CLI, run as a user
// runs it, checks a reading from the node or from a file: valid, altered, or with a wrong proof.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  stringToHex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import type { EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import { type Reading, signReading } from "../sdk/energy/readings.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import { apiClient } from "./support/apiClient.ts";

const CLI = fileURLToPath(new URL("../cli/drex.ts", import.meta.url));
const HOUR = 3_600n;

type CliRun = { code: number | null; stdout: string; stderr: string };

function drex(args: readonly string[]): Promise<CliRun> {
  const { DREX_PRIVATE_KEY: _key, DREX_RPC_URL: _rpc, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
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

type Verdict = { valid: boolean; failed: string[]; reason: string | null; checks: { name: string; ok: boolean }[] };

describe("drex verify-reading: a committed reading checked off-chain and on-chain (MX2)", () => {
  let node: RunningNode;
  let dataDir: string;
  let energy: EnergyAddresses;
  let hourStart: bigint;
  const device = privateKeyToAccount(generatePrivateKey());
  const files: string[] = [];

  const connection = () => ["--node", node.apiUrl, "--rpc-url", node.rpcUrl];
  const verifyJson = async (args: readonly string[]): Promise<{ run: CliRun; verdict: Verdict }> => {
    const run = await drex(["verify-reading", ...args, ...connection(), "--json"]);
    assert.equal(run.stderr, "", "--json keeps stderr quiet");
    return { run, verdict: JSON.parse(run.stdout) as Verdict };
  };
  const reading = (sequence: bigint, periodStart: bigint, seconds: bigint): Reading => ({
    device: device.address,
    sequence,
    periodStart,
    periodEnd: periodStart + seconds,
    producedWh: 50n,
    sentWh: 45n + sequence,
    receivedWh: 0n,
    heartbeats: Number(seconds / 60n),
  });
  const send = async (r: Reading) => {
    const signature = await signReading(device, {
      chainId: 31337,
      verifyingContract: energy.readingCommitments,
      reading: r,
    });
    const body = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "device" ? v : String(v)]));
    return (await apiClient(node.apiUrl).post("/api/v1/readings", { reading: body, signature })).body as {
      status: string;
      code?: string;
    };
  };
  const proofFile = async (change: (proof: Record<string, unknown>) => void): Promise<string> => {
    const served = await apiClient(node.apiUrl).get(`/api/v1/readings/${device.address}/2`);
    assert.equal(served.status, 200);
    const body = served.body as Record<string, unknown>;
    change(body);
    const path = join(dataDir, `reading-${files.length}.json`);
    writeFileSync(path, JSON.stringify(body));
    files.push(path);
    return path;
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-verify-reading-"));
    node = await startNode(
      resolveNodeOptions({ dataDir, port: 0, rpcPort: 0, logLevel: "silent", meterHousekeepingMs: 100 }, {}),
    );
    assert.ok(node.deployment.energy);
    energy = node.deployment.energy;
    const wallet = (index: number) => {
      const dev = devAccounts()[index];
      assert.ok(dev);
      return createWalletClient({
        account: dev.account,
        chain: {
          id: 31337,
          name: "D-REX",
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: [node.rpcUrl] } },
        },
        transport: http(node.rpcUrl),
        pollingInterval: 20,
      });
    };
    const api = apiClient(node.apiUrl);
    await simulateAndWrite(wallet(2), {
      address: energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "applyForDevice",
      args: [
        {
          key: device.address,
          kind: 0,
          ratedPowerW: 5_000n,
          maxLossBps: 500,
          location: "Arusha, Tanzania",
          poolData: "",
          hardwareStatus: "ok",
        },
      ],
    });
    const proposal = [
      [energy.deviceRegistry],
      [0n],
      [encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "approveDevice", args: [1n] })],
      keccak256(stringToHex("Approve the Arusha school's meter")),
    ] as const;
    const dao = { address: energy.dao, abi: TechnicalDAOAbi } as const;
    await api.post("/api/v1/dev/time", { seconds: "1" });
    await simulateAndWrite(wallet(0), {
      ...dao,
      functionName: "propose",
      args: [[...proposal[0]], [...proposal[1]], [...proposal[2]], "Approve the Arusha school's meter"],
    });
    const proposalId = await createPublicClient({ transport: http(node.rpcUrl) }).readContract({
      ...dao,
      functionName: "hashProposal",
      args: [[...proposal[0]], [...proposal[1]], [...proposal[2]], proposal[3]],
    });
    await api.post("/api/v1/dev/time", { seconds: "1" });
    await simulateAndWrite(wallet(0), { ...dao, functionName: "castVote", args: [proposalId, 1] });
    await simulateAndWrite(wallet(4), { ...dao, functionName: "castVote", args: [proposalId, 1] });
    await api.post("/api/v1/dev/time", { seconds: "3601" });
    await simulateAndWrite(wallet(5), {
      ...dao,
      functionName: "execute",
      args: [[...proposal[0]], [...proposal[1]], [...proposal[2]], proposal[3]],
    });

    // Two minutes of readings at the start of the chain's current hour: never more than the allowed skew ahead.
    const now = BigInt((await api.get("/api/v1/status")).body.chainTimeSeconds);
    hourStart = (now / HOUR) * HOUR;
    // The device view refreshes on the housekeeping round; wait until the approved device is known.
    let first = await send(reading(1n, hourStart, 60n));
    for (let i = 0; i < 50 && first.code === "unknown_device"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      first = await send(reading(1n, hourStart, 60n));
    }
    assert.equal(first.status, "accepted", JSON.stringify(first));
    assert.equal((await send(reading(2n, hourStart + 60n, 60n))).status, "accepted");
    // The period closes once the chain's clock is past its end and the grace for late readings.
    await api.post("/api/v1/dev/time", { seconds: "3901" });
    let proof = await api.get(`/api/v1/readings/${device.address}/2`);
    for (let i = 0; i < 100 && proof.status === 404; i++) {
      await new Promise((r) => setTimeout(r, 100));
      proof = await api.get(`/api/v1/readings/${device.address}/2`);
    }
    assert.equal(proof.status, 200, JSON.stringify(proof.body));
  });

  after(async () => {
    await node?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("MX2: the node's meter judges future readings by the chain's clock, not the wall clock", async () => {
    // The chain is an hour ahead of the wall clock now: a reading of the chain's current hour is taken...
    const now = BigInt((await apiClient(node.apiUrl).get("/api/v1/status")).body.chainTimeSeconds);
    assert.ok(now >= hourStart + HOUR + 300n);
    assert.equal((await send(reading(3n, hourStart + HOUR, 300n))).status, "accepted");
    // ...and one ending more than 300 s past the chain's time is not.
    assert.equal((await send(reading(4n, now + 600n, 60n))).code, "future_reading");
  });

  it("MX2: a committed reading fetched from the node is valid: leaf, proof, root, verifyReading and signature hold", async () => {
    const { run, verdict } = await verifyJson(["--device", device.address, "--sequence", "2"]);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(verdict.valid, true);
    assert.deepEqual(verdict.failed, []);
    assert.deepEqual(
      verdict.checks.map((c) => [c.name, c.ok]),
      [
        ["leaf", true],
        ["period", true],
        ["proof", true],
        ["root", true],
        ["onChain", true],
        ["signature", true],
      ],
    );
    const readable = await drex(["verify-reading", "--device", device.address, "--sequence", "2", ...connection()]);
    assert.equal(readable.code, 0, readable.stderr);
    assert.match(readable.stdout, new RegExp(`^Reading 2 of device ${device.address}, commit period \\d+: VALID\\n`));
    // The same from a file holding what the node served.
    const untouched = await proofFile(() => {});
    const fromFile = await verifyJson(["--file", untouched]);
    assert.equal(fromFile.run.code, 0, fromFile.run.stdout);
    assert.equal(fromFile.verdict.valid, true);
  });

  it("MX2: a reading file with its sentWh changed is invalid: exit 1, naming the checks that failed and why", async () => {
    const tampered = await proofFile((body) => {
      (body.reading as Record<string, string>).sentWh = "4500";
    });
    const { run, verdict } = await verifyJson(["--file", tampered]);
    assert.equal(run.code, 1);
    assert.equal(verdict.valid, false);
    assert.deepEqual(verdict.failed, ["leaf", "proof", "onChain", "signature"]);
    assert.match(verdict.reason ?? "", /the reading was altered/);
    // Without the stated leaf to compare with, the proof is what fails first.
    const bare = await proofFile((body) => {
      (body.reading as Record<string, string>).sentWh = "4500";
      delete body.leaf;
      body.signature = null;
    });
    const second = await verifyJson(["--file", bare]);
    assert.equal(second.run.code, 1);
    assert.deepEqual(second.verdict.failed, ["proof", "onChain"]);
    assert.match(second.verdict.reason ?? "", /the Merkle proof does not lead from the leaf/);
    const readable = await drex(["verify-reading", "--file", bare, ...connection()]);
    assert.equal(readable.code, 1);
    assert.match(readable.stdout, /: INVALID \(proof, onChain\)\n {2}the Merkle proof does not lead/);
  });

  it("MX2: a wrong proof or a root that is not the period's is invalid: exit 1", async () => {
    const wrongProof = await proofFile((body) => {
      body.proof = [keccak256(stringToHex("not a sibling")) as Hex];
    });
    const { run, verdict } = await verifyJson(["--file", wrongProof]);
    assert.equal(run.code, 1);
    assert.deepEqual(verdict.failed, ["proof", "onChain"]);
    const otherPeriod = await proofFile((body) => {
      body.periodId = (BigInt(body.periodId as string) + 1n).toString();
    });
    const moved = await verifyJson(["--file", otherPeriod]);
    assert.equal(moved.run.code, 1);
    assert.deepEqual(moved.verdict.failed, ["period", "root", "onChain"]);
    assert.match(moved.verdict.reason ?? "", /starts in commit period \d+, not in \d+/);
  });

  it("MX2: a reading the node has not committed, or bad flags, are refused with a message", async () => {
    const pending = await drex(["verify-reading", "--device", device.address, "--sequence", "3", ...connection()]);
    assert.equal(pending.code, 1);
    assert.match(
      pending.stderr,
      /has no committed reading 3 of device .*: unknown, or its period is not committed yet/,
    );
    const both = await drex([
      "verify-reading",
      "--file",
      "x.json",
      "--device",
      device.address,
      "--sequence",
      "2",
      ...connection(),
    ]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--file: give --file, or --device and --sequence, not both/);
    assert.equal((await drex(["verify-reading", "--sequence", "x", ...connection()])).code, 2);
  });
});
