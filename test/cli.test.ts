// The `drex` command-line tool, run as a user runs it: child processes against an HTTP JSON-RPC server over an
// in-process Hardhat chain. The lifecycle tests run in order on one chain, each checking the --json output against
// the chain itself.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { network } from "hardhat";
import { type Address, createPublicClient, type Hex, http, isAddressEqual, toHex } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { nodeOptionsFrom } from "../cli/commands/start.ts";
import { decryptKeystore, encryptKeystore, KeystoreError, LIGHT_SCRYPT } from "../cli/keystore.ts";
import { scryptInScript } from "../cli/scrypt.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { GeneratorAbi } from "../sdk/abi/Generator.ts";
import { MarketplaceAbi } from "../sdk/abi/Marketplace.ts";
import { getCredit } from "../sdk/actions/consumer/getCredit.ts";
import { getUsage } from "../sdk/actions/device/getUsage.ts";
import { getGenerator } from "../sdk/actions/generator/getGenerator.ts";
import { getRequest } from "../sdk/actions/market/getRequest.ts";
import { getSolarBalance } from "../sdk/actions/token/getSolarBalance.ts";
import type { DeployedEnergy } from "../sdk/energy/deployEnergy.ts";
import { parseSolar } from "../sdk/format.ts";
import { signUsage } from "../sdk/generator/usage.ts";

const CLI = fileURLToPath(new URL("../cli/drex.ts", import.meta.url));
const DAY = 86_400;
/** The Technical DAO's voting period in these tests: an hour of chain time instead of the default 3 days. */
const VOTING_PERIOD_SECONDS = 3_600;

// Hardhat's default accounts, each with 10,000 ETH.
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const devKey = (index: number): Hex =>
  toHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey as Uint8Array);
const deployer = devKey(0);
const consumer = devKey(1);
const provider = devKey(2);
const provider2 = devKey(3);
const financiers = [devKey(4), devKey(5), devKey(6)] as const;
const stranger = devKey(7);
const device = devKey(9);
const addressOf = (key: Hex): Address => privateKeyToAccount(key).address;

// The Web3 Secret Storage definition's test vectors: password "testpassword".
const SPEC_KEY = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
const SPEC_SCRYPT_KEYSTORE = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};
const SPEC_PBKDF2_KEYSTORE = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
    ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
    kdf: "pbkdf2",
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: "hmac-sha256",
      salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
    },
    mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

type CliRun = { code: number | null; stdout: string; stderr: string };
type RunOptions = { key?: Hex | undefined; env?: Record<string, string> };

let rpcUrl = "";
let workDir = "";
let deploymentFile = "";
let closeServer: () => Promise<void> = async () => {};

/** Runs `drex` with the chain's URL (and a signing key if given) in its environment, nothing else of ours. */
function drex(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const { DREX_PRIVATE_KEY: _key, DREX_KEYSTORE_PASSWORD: _password, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    DREX_RPC_URL: rpcUrl,
    ...(options.key === undefined ? {} : { DREX_PRIVATE_KEY: options.key }),
    ...options.env,
  };
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

/** A chain command with --deployment and --json that must succeed; its parsed output. */
async function drexJson<T = Record<string, string>>(args: readonly string[], key?: Hex): Promise<T> {
  const run = await drex([...args, "--deployment", deploymentFile, "--json"], { key });
  assert.equal(run.code, 0, `drex ${args.join(" ")} failed:\n${run.stderr}`);
  assert.equal(run.stderr, "", "--json keeps stderr quiet");
  return JSON.parse(run.stdout) as T;
}

async function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result: T };
  return body.result;
}

async function advanceTime(seconds: number): Promise<void> {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine");
}

const blockNumber = async (): Promise<bigint> => BigInt(await rpc<string>("eth_blockNumber"));
const chain = () => createPublicClient({ transport: http(rpcUrl) });
const deployment = (file = deploymentFile) =>
  JSON.parse(readFileSync(file, "utf8")) as {
    chainId: number;
    addresses: { token: Address; marketplace: Address; generatorImplementation: Address; sale: Address | null };
    energy: DeployedEnergy | null;
    fromBlock: string;
  };
const deviceModulesOf = (marketplace: Address) =>
  readContract(chain(), { address: marketplace, abi: MarketplaceAbi, functionName: "deviceModules" });
const latestTimestamp = async (): Promise<bigint> =>
  BigInt((await rpc<{ timestamp: string }>("eth_getBlockByNumber", ["latest", false])).timestamp);
const solarOf = (account: Address) => getSolarBalance(chain(), { token: deployment().addresses.token, account });

/** A stand-in node serving the three endpoints the CLI reads. */
async function fakeNode(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.url === "/healthz") return send(200, { status: "ok" });
    if (request.url === "/api/v1/status") {
      return send(200, {
        chainId: 31337,
        mode: "external",
        blockNumber: 42,
        indexedBlock: 40,
        addresses: deployment().addresses,
      });
    }
    if (request.url === "/api/v1/deployment") return send(200, deployment());
    return send(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

before(async () => {
  const server = await network.createServer({}, "127.0.0.1", 0);
  const { address, port } = await server.listen();
  rpcUrl = `http://${address}:${port}`;
  closeServer = () => server.close();
  workDir = mkdtempSync(join(tmpdir(), "drex-cli-"));
  deploymentFile = join(workDir, "deployment.json");
});

after(async () => {
  await closeServer();
  rmSync(workDir, { recursive: true, force: true });
});

describe("drex: the lifecycle through the command line", () => {
  let generator: Address;

  it("DX10, DX8: drex deploy deploys D-REX and the measured-energy modules, links them and writes the deployment file", async () => {
    const out = await drex(
      [
        "deploy",
        "--out",
        deploymentFile,
        "--sale-price-wei-per-token",
        "1000000000000000",
        "--sale-tranche",
        "100000",
        "--voting-period-seconds",
        String(VOTING_PERIOD_SECONDS),
        "--json",
      ],
      { key: deployer },
    );
    assert.equal(out.code, 0, out.stderr);
    const printed = JSON.parse(out.stdout) as {
      chainId: number;
      addresses: Record<string, string>;
      energy: Record<string, unknown>;
      deployer: string;
    };
    const file = deployment();
    assert.equal(file.chainId, 31337);
    assert.deepEqual(printed.addresses, file.addresses);
    assert.equal(printed.deployer, addressOf(deployer));
    for (const address of [file.addresses.token, file.addresses.marketplace, file.addresses.generatorImplementation]) {
      const code = await rpc<string>("eth_getCode", [address, "latest"]);
      assert.ok(code.length > 2, `${address} has code`);
    }
    assert.ok(file.addresses.sale !== null);

    // Without --device-modules the modules are deployed with it, their pools paired with the new token, and linked.
    const energy = file.energy;
    assert.ok(energy !== null, "the deployment file lists the measured-energy modules");
    assert.deepEqual(printed.energy, energy);
    assert.ok(energy.pools !== undefined, "the Reward/Energy and Energy/Solar pools are created");
    const { pools, ...modules } = energy;
    for (const address of [...Object.values(modules), pools.rewardEnergy, pools.energySolar]) {
      const code = await rpc<string>("eth_getCode", [address, "latest"]);
      assert.ok(code.length > 2, `${address} has code`);
    }
    assert.deepEqual(Object.keys(modules).sort(), [
      "dao",
      "deviceRegistry",
      "energyPayments",
      "energyToken",
      "membership",
      "moduleRegistry",
      "poolFactory",
      "readingCommitments",
      "rewardToken",
      "storageNode",
    ]);
    assert.equal(await deviceModulesOf(file.addresses.marketplace), energy.moduleRegistry);
    const dao = await drexJson<{ members: string[]; votingDelaySeconds: string; votingPeriodSeconds: string }>([
      "dao",
      "info",
    ]);
    assert.deepEqual(dao.members, [addressOf(deployer)]);
    assert.equal(String(dao.votingDelaySeconds), "0");
    assert.equal(String(dao.votingPeriodSeconds), String(VOTING_PERIOD_SECONDS));

    // A second deploy to the same file is refused before anything is sent.
    const before = await blockNumber();
    const again = await drex(["deploy", "--out", deploymentFile], { key: deployer });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /--out: .*already exists/);
    assert.equal(await blockNumber(), before);
  });

  it("DX8: drex deploy --device-modules links a new marketplace to existing modules, and refuses what does not fit", async () => {
    const existing = deployment().energy;
    assert.ok(existing !== null);
    const other = join(workDir, "linked.json");
    const refusals: [string[], RegExp][] = [
      [["--device-modules", existing.moduleRegistry, "--dao-member", addressOf(stranger)], /--dao-member: sets up new/],
      [
        ["--device-modules", deployment().addresses.token],
        /--device-modules: .* is not a measured-energy module registry/,
      ],
      [["--dao-member", addressOf(stranger), "--dao-member", addressOf(stranger)], /--dao-member: .* is given twice/],
      [["--pool-bps", "9000", "--vault-bps", "2000"], /--pool-bps: .* come to 11000 bps, over 10000/],
      [["--quorum-percent", "101"], /--quorum-percent: a percentage from 1 to 100/],
      [["--voting-period-seconds", "0"], /--voting-period-seconds <s>.*at least 1/],
    ];
    for (const [args, message] of refusals) {
      const before = await blockNumber();
      const run = await drex(["deploy", "--out", other, ...args], { key: deployer });
      assert.equal(run.code, 2, `drex deploy ${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(await blockNumber(), before, "nothing was sent");
    }

    const out = await drex(["deploy", "--out", other, "--device-modules", existing.moduleRegistry], { key: deployer });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Linked to the existing measured-energy modules \(DX8\):/);
    assert.match(out.stdout, new RegExp(`deviceRegistry +${existing.deviceRegistry}`));
    const linked = deployment(other);
    assert.equal(await deviceModulesOf(linked.addresses.marketplace), existing.moduleRegistry);
    const { pools: _pools, ...modules } = existing;
    assert.deepEqual(linked.energy, modules, "the modules are read from the registry");
  });

  it("DX10: drex mint (the token's owner) gives SOLAR; anyone else is refused with the contract's sentence", async () => {
    for (const key of [consumer, ...financiers]) {
      const minted = await drexJson(["mint", "--to", addressOf(key), "--amount", "20,000"], deployer);
      assert.equal(minted.amountWei, parseSolar("20000").toString());
      assert.equal(await solarOf(addressOf(key)), parseSolar("20000"));
    }
    const refused = await drex(["mint", "--to", addressOf(stranger), "--amount", "1", "--deployment", deploymentFile], {
      key: stranger,
    });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Only the token's owner can do that/);
    assert.match(refused.stderr, /OwnableUnauthorizedAccount\(0x/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /, "no stack trace");
  });

  it("DX1: drex request creates a request whose creator is the signer, electricity/kWh by default", async () => {
    const created = await drexJson(
      ["request", "--location", "Kisumu, Kenya", "--wattage-w", "5000", "--reason", "clinic fridge"],
      consumer,
    );
    assert.equal(created.requestId, "1");
    const request = await getRequest(chain(), { marketplace: deployment().addresses.marketplace, requestId: 1n });
    assert.equal(request.creator, addressOf(consumer));
    assert.equal(request.location, "Kisumu, Kenya");
    assert.equal(request.wattageW, 5000n);
    assert.equal(request.reason, "clinic fridge");
    assert.equal(request.unit, "kWh");
    assert.equal(request.status, "Bidding");
    assert.equal(created.biddingEndsAt, request.biddingEndsAt.toString());
  });

  it("DX2: two providers bid, one withdraws; drex request <id> and drex requests show it", async () => {
    const first = await drexJson(
      [
        "bid",
        "--request",
        "1",
        "--unit-type",
        "5 kW PV + 10 kWh LFP",
        "--cost",
        "12000",
        "--installation-days",
        "21",
        "--insurance",
        "2 years",
      ],
      provider,
    );
    const second = await drexJson(
      ["bid", "--request", "1", "--unit-type", "4 kW PV", "--cost", "11000", "--installation-seconds", "2592000"],
      provider2,
    );
    assert.equal(first.bidId, "1");
    assert.equal(second.bidId, "2");
    await drexJson(["withdraw", "--bid", "2"], provider2);

    const shown = await drexJson<{ bids: { bidId: string; withdrawn: boolean; installationSeconds: number }[] }>([
      "request",
      "1",
    ]);
    assert.deepEqual(
      shown.bids.map((bid) => [bid.bidId, bid.withdrawn, bid.installationSeconds]),
      [
        ["1", false, 21 * DAY],
        ["2", true, 30 * DAY],
      ],
    );
    const open = await drexJson<{ requestId: string; status: string }[]>(["requests"]);
    assert.deepEqual(
      open.map((r) => [r.requestId, r.status]),
      [["1", "Bidding"]],
    );
    const readable = await drex(["request", "1", "--deployment", deploymentFile]);
    assert.match(readable.stdout, /#1 {2}12,000 SOLAR, installed in 21 d/);
    assert.match(readable.stdout, /#2 .*\[withdrawn\]/);
  });

  it("DX3: after the bidding week drex accept opens financing for the accepted cost", async () => {
    const early = await drex(["accept", "--request", "1", "--bid", "1", "--deployment", deploymentFile], {
      key: consumer,
    });
    assert.equal(early.code, 1);
    assert.match(early.stderr, /WrongRequestStatus/);
    await advanceTime(7 * DAY + 1);
    const accepted = await drexJson(["accept", "--request", "1", "--bid", "1"], consumer);
    assert.equal(accepted.targetWei, parseSolar("12000").toString());
    assert.equal(accepted.provider, addressOf(provider));
    const request = await getRequest(chain(), { marketplace: deployment().addresses.marketplace, requestId: 1n });
    assert.equal(request.status, "Financing");
  });

  it("DX4: drex fund by three financiers approves as needed, refuses overfunding before approving, creates the generator", async () => {
    const [a, b, c] = financiers;
    const funded = await drexJson(["fund", "--request", "1", "--amount", "6000"], a);
    assert.equal(funded.raisedWei, parseSolar("6000").toString());
    assert.match(funded.approvalHash ?? "", /^0x[0-9a-f]{64}$/);
    assert.equal(funded.generator, null);

    // 9,000 would pass the 6,000 still needed: refused by simulation, so not even the approval is sent.
    const before = await blockNumber();
    const over = await drex(["fund", "--request", "1", "--amount", "9000", "--deployment", deploymentFile], { key: b });
    assert.equal(over.code, 1);
    assert.match(over.stderr, /That contribution is more than the 6,000 SOLAR still needed\./);
    assert.match(over.stderr, /ExceedsFundingTarget\(1, 9000000000000000000000, 6000000000000000000000\)/);
    assert.equal(await blockNumber(), before);

    await drexJson(["fund", "--request", "1", "--amount", "3600"], b);
    const last = await drexJson(["fund", "--request", "1", "--amount", "2400"], c);
    assert.equal(last.raisedWei, parseSolar("12000").toString());
    const request = await getRequest(chain(), { marketplace: deployment().addresses.marketplace, requestId: 1n });
    assert.equal(request.status, "Funded");
    assert.ok(request.generator !== null);
    assert.equal(last.generator, request.generator);
    generator = request.generator;
    assert.equal(await solarOf(addressOf(a)), parseSolar("14000"));
  });

  it("DX5: drex generator shows the 10,000 shares split pro rata among the financiers", async () => {
    const view = await drexJson<{ totalShares: string; owners: { address: string; shares: string }[] }>([
      "generator",
      generator,
    ]);
    assert.equal(view.totalShares, "10000");
    assert.deepEqual(
      view.owners.map((owner) => [owner.address, owner.shares]),
      [
        [addressOf(financiers[0]), "5000"],
        [addressOf(financiers[1]), "3000"],
        [addressOf(financiers[2]), "2000"],
      ],
    );
    const byRequest = await drexJson<{ address: string }>(["generator", "--request", "1"]);
    assert.equal(byRequest.address, generator);
  });

  it("DX6: drex vote (in SOLAR or wei) sets the stake-weighted price; withdraw-vote takes a vote out", async () => {
    await drexJson(["vote", "--request", "1", "--price", "0.25"], financiers[0]);
    const second = await drexJson(
      ["vote", "--generator", generator, "--price-wei-per-unit", parseSolar("0.5").toString()],
      financiers[1],
    );
    // (5,000 × 0.25 + 3,000 × 0.5) / 8,000 = 0.34375
    assert.equal(second.averagePriceWeiPerUnit, parseSolar("0.34375").toString());
    const withdrawn = await drexJson(["withdraw-vote", "--request", "1"], financiers[1]);
    assert.equal(withdrawn.averagePriceWeiPerUnit, parseSolar("0.25").toString());
    const price = await readContract(chain(), { address: generator, abi: GeneratorAbi, functionName: "getAvg" });
    assert.equal(price, parseSolar("0.25"));
  });

  it("DX7, DX8: the provider's device is approved by the Technical DAO, registered, and the consumer activates", async () => {
    const refused = await drex(
      ["activate", "--request", "1", "--initial-tokens", "1", "--deployment", deploymentFile],
      { key: consumer },
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /has not registered the device key yet/);

    // A key no device in the registry has is refused before anything is sent.
    const before = await blockNumber();
    const unknown = await drex(
      ["register-device", "--request", "1", "--device-key", addressOf(device), "--deployment", deploymentFile],
      { key: provider },
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No device has the key/);
    assert.match(unknown.stderr, /UnknownDeviceKey\(0x/);
    assert.equal(await blockNumber(), before);

    // The provider applies for the device; until the DAO approves it, it cannot be the generator's.
    const applied = await drexJson(
      [
        "device",
        "apply",
        "--key",
        addressOf(device),
        "--kind",
        "generator",
        "--rated-power",
        "5kW",
        "--location",
        "Kisumu",
      ],
      provider,
    );
    const deviceId = applied.deviceId as string;
    const pending = await drex(
      ["register-device", "--request", "1", "--device-key", addressOf(device), "--deployment", deploymentFile],
      { key: provider },
    );
    assert.equal(pending.code, 1);
    assert.match(pending.stderr, new RegExp(`Device #${deviceId} is .*only a device the Technical DAO approved`));

    // The DAO (the deployer alone) passes the approval; anyone executes it once the vote is over.
    const { proposalId } = await drexJson(["dao", "propose-device", deviceId, "--decision", "approve"], deployer);
    await advanceTime(1);
    await drexJson(["dao", "vote", proposalId as string, "--support", "for"], deployer);
    await advanceTime(VOTING_PERIOD_SECONDS + 1);
    await drexJson(["dao", "execute", proposalId as string], stranger);
    const shown = await drexJson(["device", "show", deviceId]);
    assert.equal(shown.status, "active");

    const registered = await drexJson(
      ["register-device", "--request", "1", "--device-key", addressOf(device)],
      provider,
    );
    assert.equal(registered.deviceId, deviceId);
    const providerBefore = await solarOf(addressOf(provider));
    const activated = await drexJson(["activate", "--request", "1", "--initial-tokens", "1"], consumer);
    assert.equal(activated.escrowReleasedWei, parseSolar("12000").toString());
    assert.equal(await solarOf(addressOf(provider)), providerBefore + parseSolar("12000"));
    const view = await getGenerator(chain(), { generator });
    assert.equal(view.phase, "Active");
    assert.equal(view.deviceId, BigInt(deviceId));
    assert.ok(view.deviceKey !== null && isAddressEqual(view.deviceKey, addressOf(device)));
    const readable = await drex(["generator", generator, "--deployment", deploymentFile]);
    assert.match(readable.stdout, new RegExp(`device +#${deviceId}, key ${addressOf(device)}`));
  });

  it("DX8: drex buy pays the voted price; report-usage, signed with the device key, draws the credit down", async () => {
    const bought = await drexJson(["buy", "--request", "1", "--units", "10"], consumer);
    assert.equal(bought.costWei, parseSolar("2.5").toString());
    assert.equal(bought.creditMilliUnits, "10000");

    // A reading signed by any other key is refused by the generator before anything is mined.
    const before = await blockNumber();
    const notDevice = await drex(
      [
        "report-usage",
        "--request",
        "1",
        "--consumer",
        addressOf(consumer),
        "--units",
        "1",
        "--deployment",
        deploymentFile,
      ],
      { key: stranger },
    );
    assert.equal(notDevice.code, 1);
    assert.match(notDevice.stderr, /The usage reading was signed by 0x.*, not by the generator's device \(0x/);
    assert.match(notDevice.stderr, /NotSignedByDevice\(/);
    assert.equal(await blockNumber(), before);

    const reported = await drexJson(
      ["report-usage", "--request", "1", "--consumer", addressOf(consumer), "--units", "2.5"],
      device,
    );
    assert.equal(reported.milliUnits, "2500");
    assert.equal(reported.creditMilliUnits, "7500");
    assert.equal(reported.deliveredMilliUnits, "2500");
    assert.equal(reported.device, addressOf(device));
    assert.equal(await getCredit(chain(), { generator, account: addressOf(consumer) }), 7500n);

    // The meter's cumulative reading: 4 kWh in all draws the 1.5 kWh more.
    const cumulative = await drex(
      [
        "report-usage",
        "--generator",
        generator,
        "--consumer",
        addressOf(consumer),
        "--delivered",
        "4000",
        "--deployment",
        deploymentFile,
      ],
      { key: device },
    );
    assert.equal(cumulative.code, 0, cumulative.stderr);
    const usage = await getUsage(chain(), { generator, consumer: addressOf(consumer) });
    assert.equal(usage.deliveredMilliUnits, 4000n);
    assert.equal(await getCredit(chain(), { generator, account: addressOf(consumer) }), 6000n);
    assert.match(
      cumulative.stdout,
      new RegExp(
        `^Drew 1\\.5 kWh from ${addressOf(consumer)}'s credit; 6 kWh of credit left\\.\n {2}4 kWh delivered to them in all, read at \\d{4}-`,
      ),
    );

    // A reading that does not rise is refused.
    const stale = await drex(
      [
        "report-usage",
        "--request",
        "1",
        "--consumer",
        addressOf(consumer),
        "--delivered",
        "4000",
        "--deployment",
        deploymentFile,
      ],
      { key: device },
    );
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /not more than the 4 kWh already counted/);

    const balance = await drexJson(["balance", addressOf(consumer), "--request", "1"]);
    assert.equal(balance.creditMilliUnits, "6000");
    assert.equal(balance.solarWei, (await solarOf(addressOf(consumer))).toString());
  });

  it("DX8: drex relay-usage sends a reading the device signed elsewhere, from any account, once", async () => {
    const readAt = await latestTimestamp();
    const usage = { consumer: addressOf(consumer), deliveredMilliUnits: 5_000n, readAt };
    const signature = await signUsage(privateKeyToAccount(device), { chainId: 31337, generator, usage });
    const relayArgs = (signed: Hex) => [
      "relay-usage",
      "--request",
      "1",
      "--consumer",
      addressOf(consumer),
      "--delivered",
      "5000",
      "--read-at",
      readAt.toString(),
      "--signature",
      signed,
    ];

    // The same reading signed by another key is refused.
    const forged = await signUsage(privateKeyToAccount(stranger), { chainId: 31337, generator, usage });
    const before = await blockNumber();
    const refused = await drex([...relayArgs(forged), "--deployment", deploymentFile], { key: stranger });
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      new RegExp(`The usage reading was signed by ${addressOf(stranger).slice(0, 6)}.*, not by the generator's device`),
    );
    assert.equal(await blockNumber(), before);

    const relayed = await drexJson(relayArgs(signature), stranger);
    assert.equal(relayed.relayer, addressOf(stranger));
    assert.equal(relayed.milliUnits, "1000");
    assert.equal(relayed.creditMilliUnits, "5000");
    assert.equal(relayed.deliveredMilliUnits, "5000");
    assert.equal(await getCredit(chain(), { generator, account: addressOf(consumer) }), 5000n);

    // Sent again, the same reading is stale.
    const replayed = await drex([...relayArgs(signature), "--deployment", deploymentFile], { key: stranger });
    assert.equal(replayed.code, 1);
    assert.match(replayed.stderr, /StaleUsage\(/);
    assert.equal(await getCredit(chain(), { generator, account: addressOf(consumer) }), 5000n);
  });

  it("DX9: drex claim pays an owner exactly the revenue the generator owed them", async () => {
    const owner = addressOf(financiers[0]);
    const claimableWei = await readContract(chain(), {
      address: generator,
      abi: GeneratorAbi,
      functionName: "claimableRevenue",
      args: [owner],
    });
    // Half of the 1 SOLAR initial token and the 2.5 SOLAR purchase.
    assert.equal(claimableWei, parseSolar("1.75"));
    const before = await solarOf(owner);
    const claimed = await drexJson(["claim", "--request", "1"], financiers[0]);
    assert.equal(claimed.amountWei, claimableWei.toString());
    assert.equal(await solarOf(owner), before + claimableWei);
  });

  it("DX11: drex transfer-shares moves shares to another account and drex portfolio shows them", async () => {
    const moved = await drexJson(
      ["transfer-shares", "--request", "1", "--to", addressOf(financiers[2]), "--shares", "1000"],
      financiers[0],
    );
    assert.equal(moved.shares, "1000");
    const shares = (account: Address) =>
      readContract(chain(), { address: generator, abi: GeneratorAbi, functionName: "balanceOf", args: [account] });
    assert.equal(await shares(addressOf(financiers[0])), 4000n);
    assert.equal(await shares(addressOf(financiers[2])), 3000n);
    const portfolio = await drexJson<{ holdings: { generator: string; shares: string }[] }>(
      ["portfolio"],
      financiers[2],
    );
    assert.deepEqual(
      portfolio.holdings.map((h) => [h.generator, h.shares]),
      [[generator, "3000"]],
    );
  });

  it("DX4: drex refund gives a financier back all they put into a request whose financing failed", async () => {
    const created = await drexJson(["request", "--location", "Kano", "--wattage-w", "800"], consumer);
    assert.equal(created.requestId, "2");
    await drexJson(
      ["bid", "--request", "2", "--unit-type", "1 kW PV", "--cost", "5000", "--installation-days", "10"],
      provider,
    );
    await advanceTime(7 * DAY + 1);
    await drexJson(["accept", "--request", "2", "--bid", "3"], consumer);
    const financier = addressOf(financiers[2]);
    const before = await solarOf(financier);
    await drexJson(["fund", "--request", "2", "--amount", "1000"], financiers[2]);
    assert.equal(await solarOf(financier), before - parseSolar("1000"));

    const early = await drex(["refund", "--request", "2", "--deployment", deploymentFile], { key: financiers[2] });
    assert.equal(early.code, 1);
    assert.match(early.stderr, /RefundNotAvailable/);

    await advanceTime(30 * DAY + 1);
    const portfolio = await drexJson<{ totalRefundableWei: string }>(["portfolio", financier]);
    assert.equal(portfolio.totalRefundableWei, parseSolar("1000").toString());
    const refunded = await drexJson(["refund", "--request", "2"], financiers[2]);
    assert.equal(refunded.amountWei, parseSolar("1000").toString());
    assert.equal(await solarOf(financier), before);
  });

  it("DX10: drex buy-tokens buys SOLAR from the sale; progress goes to stderr, the result to stdout", async () => {
    const before = await solarOf(addressOf(stranger));
    const run = await drex(["buy-tokens", "--amount", "500", "--deployment", deploymentFile], { key: stranger });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Bought 500 SOLAR for 0\.5 ETH\.\n {2}transaction 0x[0-9a-f]{64} \(block \d+/);
    const sale = deployment().addresses.sale ?? "";
    assert.match(
      run.stderr,
      new RegExp(`^sending buy to ${sale}…\nwaiting for 0x[0-9a-f]{64} to be mined…\nmined in block \\d+\n$`),
    );
    assert.equal(await solarOf(addressOf(stranger)), before + parseSolar("500"));
  });

  it("drex cancel withdraws a request that has no accepted bid", async () => {
    const created = await drexJson(["request", "--location", "Mombasa", "--wattage-w", "1000"], consumer);
    await drexJson(["cancel", "--request", created.requestId as string], consumer);
    const request = await getRequest(chain(), {
      marketplace: deployment().addresses.marketplace,
      requestId: BigInt(created.requestId as string),
    });
    assert.equal(request.status, "Cancelled");
  });
});

describe("drex status and --node", () => {
  it("drex status --rpc-url reads chain id, block, addresses and request count from the chain", async () => {
    const run = await drex(["status", "--rpc-url", rpcUrl, "--deployment", deploymentFile, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const status = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.equal(status.chainId, 31337);
    assert.equal(status.blockNumber, (await blockNumber()).toString());
    assert.equal(status.requestCount, "3");
    assert.deepEqual(status.addresses, deployment().addresses);
  });

  it("drex status shows a node's /healthz and /api/v1/status", async () => {
    const node = await fakeNode();
    try {
      const json = await drex(["status", "--node", node.url, "--json"]);
      assert.equal(json.code, 0, json.stderr);
      const shown = JSON.parse(json.stdout) as { healthy: boolean; health: unknown; status: { indexedBlock: number } };
      assert.equal(shown.healthy, true);
      assert.deepEqual(shown.health, { status: "ok" });
      assert.equal(shown.status.indexedBlock, 40);
      const readable = await drex(["status", "--node", node.url]);
      assert.equal(readable.code, 0);
      assert.match(readable.stdout, /healthy/);
      assert.match(readable.stdout, /chainId\s+31337/);
      assert.match(readable.stdout, /indexedBlock\s+40/);
    } finally {
      await node.close();
    }
  });

  it("drex status says plainly when the node is unreachable, and exits 1", async () => {
    const node = await fakeNode();
    await node.close(); // A port nothing listens on any more.
    const run = await drex(["status", "--node", node.url]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot reach the D-REX node at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it("--node takes the contracts' addresses from GET /api/v1/deployment", async () => {
    const node = await fakeNode();
    try {
      const run = await drex(["requests", "--all", "--node", node.url, "--json"]);
      assert.equal(run.code, 0, run.stderr);
      const requests = JSON.parse(run.stdout) as { requestId: string }[];
      assert.deepEqual(
        requests.map((r) => r.requestId),
        ["1", "2", "3"],
      );
    } finally {
      await node.close();
    }
  });
});

describe("drex start", () => {
  it("runs the node until SIGTERM, serves drex status, then stops cleanly with exit code 0", async () => {
    const [port, rpcPort] = [await freePort(), await freePort()];
    const dataDir = join(workDir, "node-data");
    const { DREX_RPC_URL: _rpc, ...env } = process.env;
    const child = spawn(
      process.execPath,
      [
        CLI,
        "start",
        "--data-dir",
        dataDir,
        "--port",
        String(port),
        "--rpc-port",
        String(rpcPort),
        "--log-level",
        "silent",
      ],
      { env, stdio: ["ignore", "ignore", "pipe"] },
    );
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the node did not start:\n${stderr}`)), 60_000);
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("D-REX node running")) {
          clearTimeout(timer);
          resolve();
        }
      });
      exited.then(() => reject(new Error(`the node exited:\n${stderr}`)));
    });
    try {
      const status = await drex(["status", "--node", `http://127.0.0.1:${port}`, "--json"]);
      assert.equal(status.code, 0, status.stderr);
      const shown = JSON.parse(status.stdout) as { healthy: boolean; status: { mode: string; chainId: number } };
      assert.equal(shown.healthy, true);
      assert.equal(shown.status.mode, "embedded");
      assert.equal(shown.status.chainId, 31337);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0, stderr);
  });
});

describe("drex keystore", () => {
  it("decrypts the Web3 Secret Storage scrypt and PBKDF2 test vectors", async () => {
    assert.equal(await decryptKeystore(SPEC_SCRYPT_KEYSTORE, "testpassword"), SPEC_KEY);
    assert.equal(await decryptKeystore(SPEC_PBKDF2_KEYSTORE, "testpassword"), SPEC_KEY);
  });

  it("computes scrypt itself exactly as RFC 7914 and OpenSSL do", () => {
    // RFC 7914 section 12, the third vector.
    const derived = scryptInScript(
      Buffer.from("pleaseletmein"),
      Buffer.from("SodiumChloride"),
      { n: 16384, r: 8, p: 1 },
      64,
    );
    assert.equal(
      derived.toString("hex"),
      "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887",
    );
  });

  it("round-trips a key, and a wrong password gives a clear error", async () => {
    const keystore = await encryptKeystore(SPEC_KEY, "correct horse", LIGHT_SCRYPT);
    assert.equal(keystore.version, 3);
    assert.equal(keystore.crypto.kdf, "scrypt");
    assert.equal(keystore.address, "008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
    assert.equal(await decryptKeystore(JSON.parse(JSON.stringify(keystore)), "correct horse"), SPEC_KEY);
    await assert.rejects(decryptKeystore(keystore, "wrong"), (error: unknown) => {
      assert.ok(error instanceof KeystoreError);
      assert.match(error.message, /wrong password/);
      return true;
    });
  });

  it("drex keystore import, address, and signing with --keystore; a wrong password sends nothing", async () => {
    const file = join(workDir, "financier.json");
    const password = { DREX_KEYSTORE_PASSWORD: "s3cret" };
    const imported = await drex(["keystore", "import", "--out", file, "--light-kdf", "--json"], {
      key: financiers[1],
      env: password,
    });
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal((JSON.parse(imported.stdout) as { address: string }).address, addressOf(financiers[1]));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const address = await drex(["keystore", "address", file]);
    assert.equal(address.stdout.trim(), addressOf(financiers[1]));

    const before = await solarOf(addressOf(stranger));
    const sent = await drex(
      ["send", "--to", addressOf(stranger), "--amount", "5", "--keystore", file, "--deployment", deploymentFile],
      { env: password },
    );
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(await solarOf(addressOf(stranger)), before + parseSolar("5"));

    const blockBefore = await blockNumber();
    const wrong = await drex(
      ["send", "--to", addressOf(stranger), "--amount", "5", "--keystore", file, "--deployment", deploymentFile],
      { env: { DREX_KEYSTORE_PASSWORD: "guess" } },
    );
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong password for this keystore/);
    assert.equal(await blockNumber(), blockBefore);

    const created = await drex(["keystore", "new", "--out", join(workDir, "new.json"), "--light-kdf", "--json"], {
      env: password,
    });
    assert.equal(created.code, 0, created.stderr);
    const newAddress = (JSON.parse(created.stdout) as { address: string }).address;
    const decrypted = await decryptKeystore(JSON.parse(readFileSync(join(workDir, "new.json"), "utf8")), "s3cret");
    assert.equal(privateKeyToAccount(decrypted).address, newAddress);
  });
});

// Every command and the flags its --help must mention.
const HELP: Record<string, readonly string[]> = {
  start: [
    "--data-dir",
    "--host",
    "--port",
    "--rpc-port",
    "--rpc-url",
    "--deployment",
    "--database-url",
    "--confirmations",
    "--demo",
    "--mqtt-url",
    "--keeper-interval-ms",
    "--log-level",
  ],
  status: ["--node", "--rpc-url", "--deployment", "--json"],
  deploy: [
    "--rpc-url",
    "--out",
    "--force",
    "--keystore",
    "--json",
    "--cap",
    "--token-owner",
    "--sale-price-wei-per-token",
    "--sale-tranche",
    "--sale-days",
    "--sale-treasury",
    "--bidding-period-seconds",
    "--acceptance-period-seconds",
    "--financing-period-seconds",
    "--activation-grace-period-seconds",
    "--device-modules",
    "--dao-member",
    "--voting-delay-seconds",
    "--voting-period-seconds",
    "--quorum-percent",
    "--committer",
    "--reward-wei-per-wh",
    "--pool-bps",
    "--vault-bps",
  ],
  keystore: ["new", "import", "address"],
  "keystore new": ["--out", "--light-kdf", "--force", "--json"],
  "keystore import": ["--out", "--light-kdf", "--force", "--json", "DREX_PRIVATE_KEY"],
  "keystore address": ["<file>", "--json"],
  request: ["[id]", "--location", "--wattage-w", "--reason", "--utility-kind", "--unit"],
  cancel: ["--request"],
  accept: ["--request", "--bid"],
  activate: ["--generator", "--request", "--initial-tokens"],
  buy: ["--generator", "--request", "--units", "--max-price", "--max-price-wei-per-unit"],
  bid: ["--request", "--unit-type", "--cost", "--installation-days", "--installation-seconds", "--insurance"],
  withdraw: ["--bid"],
  "register-device": ["--generator", "--request", "--device-key", "drex device apply", "drex dao propose-device"],
  fund: ["--request", "--amount"],
  refund: ["--request"],
  vote: ["--generator", "--request", "--price", "--price-wei-per-unit"],
  "withdraw-vote": ["--generator", "--request"],
  claim: ["--generator", "--request"],
  "transfer-shares": ["--generator", "--request", "--to", "--shares"],
  "report-usage": ["--generator", "--request", "--consumer", "--units", "--milli-units", "--delivered", "DX8"],
  "relay-usage": ["--generator", "--request", "--consumer", "--delivered", "--read-at", "--signature", "DX8"],
  mint: ["--to", "--amount"],
  send: ["--to", "--amount"],
  "buy-tokens": ["--amount", "--pay"],
  sale: [],
  balance: ["[address]", "--generator", "--request"],
  requests: ["--all"],
  generator: ["[address]", "--request"],
  portfolio: ["[address]"],
  "simulate-devices": ["--count", "--node", "--mqtt-url", "--hours", "--realtime", "--register", "--json"],
  "verify-reading": ["--device", "--sequence", "--file", "--node", "--rpc-url", "--contract", "--json"],
  "device apply": [],
  "device update": [],
  "device show": [],
  "device list": [],
  "dao propose-device": [],
  "dao propose-payment": [],
  "dao vote": [],
  "dao execute": [],
  "dao show": [],
  "dao info": [],
  "payment request": [],
  "storage store": [],
  "storage confirm": [],
  "storage take-out": [],
  "storage complete": [],
  "storage holding": [],
  "pool create": [],
  "pool add": [],
  "pool remove": [],
  "pool swap": [],
  "pool show": [],
  "capital buy": [],
  "capital sell": [],
  "capital quote": [],
  "capital show": [],
  "reputation register": [],
  "reputation show": [],
  "project propose": [],
  "project stake": [],
  "project unstake": [],
  "project task-list": [],
  "project back": [],
  "project advance": [],
  "project withdraw": [],
  "project show": [],
  "project list": [],
  "task claim": [],
  "task submit": [],
  "task validate": [],
  "task advance": [],
  "task show": [],
  "vote deposit": [],
  "vote commit": [],
  "vote reveal": [],
  "vote withdraw": [],
  "vote show": [],
};
const CHAIN_FLAGS = ["--rpc-url", "--deployment", "--node", "--keystore", "--json"];
const OWN_FLAGS = new Set([
  "start",
  "status",
  "deploy",
  "keystore",
  "keystore new",
  "keystore import",
  "keystore address",
  "simulate-devices",
  "verify-reading",
]);

describe("drex --help", () => {
  it("drex --help lists every command", async () => {
    const run = await drex(["--help"]);
    assert.equal(run.code, 0);
    for (const command of Object.keys(HELP).filter((name) => !name.includes(" "))) {
      assert.match(run.stdout, new RegExp(`\\n  ${command} `), `drex --help lists ${command}`);
    }
  });

  it("every command's --help exits 0 with a description, its flags and examples", async () => {
    const runs = await Promise.all(
      Object.keys(HELP).map(async (command) => [command, await drex([...command.split(" "), "--help"])] as const),
    );
    for (const [command, run] of runs) {
      assert.equal(run.code, 0, `drex ${command} --help: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^Usage: drex ${command}`), command);
      assert.match(run.stdout, /Examples:\n {2}\$ (\S+=\S+ )?drex /, `${command} has examples`);
      const description = run.stdout.split("\n\n")[1] ?? "";
      assert.ok(description.trim().length > 10, `${command} has a description`);
      const flags = [...(HELP[command] ?? []), ...(OWN_FLAGS.has(command) ? [] : CHAIN_FLAGS)];
      for (const flag of flags) assert.ok(run.stdout.includes(flag), `drex ${command} --help mentions ${flag}`);
    }
  });
});

describe("drex refuses bad input before sending anything", () => {
  const refusals: { name: string; args: string[]; key?: Hex; code: number; message: RegExp }[] = [
    {
      name: "a negative amount",
      args: ["fund", "--request", "1", "--amount", "-5"],
      key: financiers[0],
      code: 2,
      message: /--amount <SOLAR>.*must be more than 0 SOLAR/,
    },
    {
      name: "an amount that is not a number",
      args: ["mint", "--to", addressOf(stranger), "--amount", "lots"],
      key: deployer,
      code: 2,
      message: /--amount <SOLAR>.*"lots" is not an amount of SOLAR/,
    },
    {
      name: "a bad address",
      args: ["transfer-shares", "--request", "1", "--to", "0x1234", "--shares", "1"],
      key: financiers[0],
      code: 2,
      message: /--to <address>.*not an address/,
    },
    {
      name: "an unknown request id",
      args: ["fund", "--request", "999", "--amount", "1"],
      key: financiers[0],
      code: 2,
      message: /--request: there is no request #999/,
    },
    {
      name: "an unknown bid id",
      args: ["withdraw", "--bid", "77"],
      key: provider,
      code: 2,
      message: /--bid: there is no bid #77/,
    },
    {
      name: "a missing key",
      args: ["fund", "--request", "1", "--amount", "1"],
      code: 2,
      message: /no signing key: set DREX_PRIVATE_KEY, or pass --keystore FILE/,
    },
    {
      name: "a missing required flag",
      args: ["bid", "--request", "1", "--cost", "5"],
      key: provider,
      code: 2,
      message: /--unit-type/,
    },
    {
      name: "a zero share count",
      args: ["transfer-shares", "--request", "1", "--to", addressOf(stranger), "--shares", "0"],
      key: financiers[0],
      code: 2,
      message: /--shares <n>.*at least 1/,
    },
    {
      name: "usage given both as a rise and as a cumulative reading",
      args: [
        "report-usage",
        "--request",
        "1",
        "--consumer",
        addressOf(consumer),
        "--units",
        "1",
        "--delivered",
        "9000",
      ],
      key: device,
      code: 2,
      message:
        /--delivered: give the energy delivered since the last reading .* or the cumulative reading .*, not both/,
    },
    {
      name: "a malformed usage signature",
      args: [
        "relay-usage",
        "--request",
        "1",
        "--consumer",
        addressOf(consumer),
        "--delivered",
        "9000",
        "--read-at",
        "1",
        "--signature",
        "0x1234",
      ],
      key: stranger,
      code: 2,
      message: /--signature <hex>.*65 bytes of hex/,
    },
    {
      name: "a deployment file that does not exist",
      args: ["requests", "--deployment", "/nonexistent/deployment.json"],
      code: 1,
      message: /no deployment file at \/nonexistent\/deployment\.json/,
    },
  ];

  for (const refusal of refusals) {
    it(`${refusal.name}: exit ${refusal.code}, the field named, block number unchanged`, async () => {
      const before = await blockNumber();
      const args = refusal.args.includes("--deployment")
        ? refusal.args
        : [...refusal.args, "--deployment", deploymentFile];
      const run = await drex(args, { key: refusal.key });
      assert.equal(run.code, refusal.code, run.stderr);
      assert.match(run.stderr, refusal.message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
      assert.equal(run.stdout, "");
      assert.equal(await blockNumber(), before);
    });
  }

  it("an unreachable chain is said plainly (exit 1)", async () => {
    const closedPort = await freePort();
    const run = await drex(["requests", "--deployment", deploymentFile, "--rpc-url", `http://127.0.0.1:${closedPort}`]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      new RegExp(`cannot reach the JSON-RPC endpoint at http://127.0.0.1:${closedPort} \\(connection refused\\)`),
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it("--json errors are JSON on stderr, with the revert's name and arguments", async () => {
    const run = await drex(["claim", "--request", "1", "--deployment", deploymentFile, "--json"], { key: stranger });
    assert.equal(run.code, 1);
    const { error } = JSON.parse(run.stderr) as { error: { kind: string; errorName: string; message: string } };
    assert.equal(error.kind, "revert");
    assert.equal(error.errorName, "NothingToClaim");
    assert.match(error.message, /has no revenue to claim/);
  });

  it("drex start validates its flags (exit 2) and maps them onto the node's options", async () => {
    for (const [args, message] of [
      [["--port", "0"], /--port <port>.*1 to 65535/],
      [["--rpc-port", "65536"], /--rpc-port <port>.*1 to 65535/],
      [["--confirmations", "-1"], /--confirmations <n>.*0 or more/],
      [["--confirmations", "1.5"], /--confirmations <n>.*0 or more/],
      [["--log-level", "loud"], /--log-level <level>.*fatal, error, warn, info, debug, silent/],
      [["--demo", "--rpc-url", "http://127.0.0.1:1"], /--demo: seeds the embedded chain only/],
    ] as const) {
      const run = await drex(["start", ...args]);
      assert.equal(run.code, 2, `drex start ${args.join(" ")}`);
      assert.match(run.stderr, message);
    }
    const options = resolveNodeOptions(
      nodeOptionsFrom({ dataDir: "/srv/drex", port: 3000, confirmations: 0, demo: true, logLevel: "debug" }),
      {},
    );
    assert.deepEqual(options, {
      dataDir: "/srv/drex",
      host: "127.0.0.1",
      port: 3000,
      rpcPort: 8545,
      rpcUrl: null,
      deploymentFile: null,
      databaseUrl: null,
      confirmations: 0,
      demo: true,
      mqttUrl: null,
      meterHousekeepingMs: 30_000,
      keeperIntervalMs: 5_000,
      keeperKey: null,
      logLevel: "debug",
    });
  });

  it("a request's bad wattage is refused as a bad flag, and an empty keystore file is refused plainly", async () => {
    const wattage = await drex(
      ["request", "--location", "Kisumu", "--wattage-w", "-1", "--deployment", deploymentFile],
      { key: consumer },
    );
    assert.equal(wattage.code, 2);
    assert.match(wattage.stderr, /--wattage-w <watts>/);
    const broken = join(workDir, "broken.json");
    writeFileSync(broken, "{}");
    const run = await drex(["balance", "--keystore", broken, "--deployment", deploymentFile], {
      env: { DREX_KEYSTORE_PASSWORD: "x" },
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is not a v3 keystore: version must be 3/);
  });
});
