// The meter inside the node: the embedded chain's first start deploys the energy modules, the development DAO
// approves a device through its Governor, the device's signed readings go in over HTTP, and the node commits the
// finished period on its own and serves each reading's proof, which the contract accepts.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import mqtt from "mqtt";
import {
  type Address,
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
import { ReadingCommitmentsAbi } from "../sdk/abi/ReadingCommitments.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import type { EnergyAddresses } from "../sdk/energy/deployEnergy.ts";
import { type Reading, signReading } from "../sdk/energy/readings.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import { apiClient } from "./support/apiClient.ts";

const HOUR = 3_600n;

describe("node meter gateway", () => {
  let node: RunningNode;
  let dataDir: string;
  let energy: EnergyAddresses;
  const device = privateKeyToAccount(generatePrivateKey());

  let mqttReachable = false;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-node-meter-"));
    mqttReachable = await reachable(1883);
    node = await startNode(
      resolveNodeOptions(
        {
          dataDir,
          port: 0,
          rpcPort: 0,
          logLevel: "silent",
          meterHousekeepingMs: 200,
          mqttUrl: mqttReachable ? MQTT_URL : null,
        },
        {},
      ),
    );
    assert.ok(node.deployment.energy, "the first start deploys the energy modules");
    energy = node.deployment.energy;
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

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

  it("MX1, MX9: the development Technical DAO approves a device through its Governor", async () => {
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
          location: "Kisumu, Kenya",
          poolData: "",
          hardwareStatus: "ok",
        },
      ],
    });
    const targets = [energy.deviceRegistry] as const;
    const calldatas = [
      encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "approveDevice", args: [1n] }),
    ] as const;
    const description = "Approve the Kisumu clinic's meter";
    const dao = { address: energy.dao, abi: TechnicalDAOAbi } as const;
    await api.post("/api/v1/dev/time", { seconds: "1" });
    await simulateAndWrite(wallet(0), {
      ...dao,
      functionName: "propose",
      args: [[...targets], [0n], [...calldatas], description],
    });
    const proposalId = await createPublicClient({ transport: http(node.rpcUrl) }).readContract({
      ...dao,
      functionName: "hashProposal",
      args: [[...targets], [0n], [...calldatas], keccak256(stringToHex(description))],
    });
    await api.post("/api/v1/dev/time", { seconds: "1" });
    await simulateAndWrite(wallet(0), { ...dao, functionName: "castVote", args: [proposalId, 1] });
    await simulateAndWrite(wallet(4), { ...dao, functionName: "castVote", args: [proposalId, 1] });
    await api.post("/api/v1/dev/time", { seconds: "3601" });
    await simulateAndWrite(wallet(5), {
      ...dao,
      functionName: "execute",
      args: [[...targets], [0n], [...calldatas], keccak256(stringToHex(description))],
    });
    const status = await createPublicClient({ transport: http(node.rpcUrl) }).readContract({
      address: energy.deviceRegistry,
      abi: DeviceRegistryAbi,
      functionName: "statusOf",
      args: [1n],
    });
    assert.equal(status, 2, "Active");
  });

  it("MX2, MX8: signed readings over HTTP are accepted, the node commits the period, and the proof verifies on-chain", async () => {
    const api = apiClient(node.apiUrl);
    const now = BigInt((await api.get("/api/v1/status")).body.chainTimeSeconds);
    const periodStart = (now / HOUR - 2n) * HOUR; // a period that has closed
    const reading = (sequence: bigint, offsetSeconds: bigint): Reading => ({
      device: device.address,
      sequence,
      periodStart: periodStart + offsetSeconds,
      periodEnd: periodStart + offsetSeconds + 600n,
      producedWh: 500n,
      sentWh: 450n,
      receivedWh: 0n,
      heartbeats: 10,
    });
    const body = async (r: Reading) => ({
      reading: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "device" ? v : String(v)])),
      signature: await signReading(device, {
        chainId: 31337,
        verifyingContract: energy.readingCommitments,
        reading: r,
      }),
    });
    // The device view refreshes on the housekeeping round; wait until the approved device is known.
    let first = await api.post("/api/v1/readings", await body(reading(1n, 0n)));
    for (let i = 0; i < 50 && first.body.code === "unknown_device"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      first = await api.post("/api/v1/readings", await body(reading(1n, 0n)));
    }
    assert.equal(first.body.status, "accepted", JSON.stringify(first.body));
    const second = await api.post("/api/v1/readings", await body(reading(2n, 600n)));
    assert.equal(second.body.status, "accepted", JSON.stringify(second.body));
    const impossible = await api.post(
      "/api/v1/readings",
      await body({ ...reading(3n, 1200n), producedWh: 1_000_000n }),
    );
    assert.equal(impossible.body.code, "energy_exceeds_rating");

    let proof = await api.get(`/api/v1/readings/${device.address}/2`);
    for (let i = 0; i < 100 && proof.status === 404; i++) {
      await new Promise((r) => setTimeout(r, 100));
      proof = await api.get(`/api/v1/readings/${device.address}/2`);
    }
    assert.equal(proof.status, 200, JSON.stringify(proof.body));
    const onChain = await createPublicClient({ transport: http(node.rpcUrl) }).readContract({
      address: energy.readingCommitments,
      abi: ReadingCommitmentsAbi,
      functionName: "verifyReading",
      args: [BigInt(proof.body.periodId), reading(2n, 600n), proof.body.proof as Hex[]],
    });
    assert.equal(onChain, true);
    assert.equal((await api.get(`/api/v1/readings/${device.address as Address}/3`)).status, 404);
  });

  it("MX2: readings over MQTT are answered on the device's results topic, accepted or refused with a reason", async (t) => {
    if (!mqttReachable) {
      t.skip(`no MQTT broker at ${MQTT_URL}: the MQTT gateway is not exercised`);
      return;
    }
    const api = apiClient(node.apiUrl);
    const now = BigInt((await api.get("/api/v1/status")).body.chainTimeSeconds);
    const r: Reading = {
      device: device.address,
      sequence: 10n,
      periodStart: (now / HOUR) * HOUR,
      periodEnd: (now / HOUR) * HOUR + 60n,
      producedWh: 50n,
      sentWh: 40n,
      receivedWh: 0n,
      heartbeats: 1,
    };
    const signature = await signReading(device, {
      chainId: 31337,
      verifyingContract: energy.readingCommitments,
      reading: r,
    });
    const topic = `drex/devices/${device.address}/readings`;
    const client = await mqtt.connectAsync(MQTT_URL);
    const answers: { results: { status: string; code?: string }[] }[] = [];
    client.on("message", (_topic, payload) => answers.push(JSON.parse(payload.toString())));
    await client.subscribeAsync(`${topic}/results`, { qos: 1 });
    const next = async () => {
      for (let i = 0; i < 100 && answers.length === 0; i++) await new Promise((done) => setTimeout(done, 50));
      return answers.shift();
    };
    const reading = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));
    await client.publishAsync(topic, JSON.stringify({ reading, signature }), { qos: 1 });
    assert.equal((await next())?.results[0]?.status, "accepted");
    await client.publishAsync(topic, JSON.stringify({ reading, signature }), { qos: 1 });
    assert.equal((await next())?.results[0]?.code, "duplicate");
    await client.publishAsync(topic, "not json", { qos: 1 });
    assert.equal((await next())?.results[0]?.code, "invalid_reading");
    await client.endAsync();
  });
});

const MQTT_URL = "mqtt://127.0.0.1:1883";

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 500 });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
