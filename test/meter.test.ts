// The meter end to end on an in-process chain (MX2, MX8): the energy modules deployed through the SDK, devices approved
// by the Technical DAO's members through the real Governor, readings signed with EIP-712 by the devices' own keys,
// checked and stored by the node, committed as one Merkle root per period and verified against the chain.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { network } from "hardhat";
import { pino } from "pino";
import { Registry } from "prom-client";
import { type Address, encodeFunctionData, type Hex, keccak256, stringToHex, toHex } from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { buildApp } from "../node/api/app.ts";
import type { ApiContext } from "../node/api/context.ts";
import { ChainClock } from "../node/meter/chainClock.ts";
import {
  ENCODED_READING_BYTES,
  encodeReading,
  leafOf,
  readingDigestOf,
  readingsDomainSeparator,
} from "../node/meter/codec.ts";
import { RegistryDeviceView } from "../node/meter/devices.ts";
import { keccak256Bytes } from "../node/meter/keccak.ts";
import { MAX_CLOCK_SKEW_SECONDS, Meter, type ReadingResult } from "../node/meter/Meter.ts";
import { ReadingStore } from "../node/meter/ReadingStore.ts";
import { DeviceRegistryAbi } from "../sdk/abi/DeviceRegistry.ts";
import { ReadingCommitmentsAbi } from "../sdk/abi/ReadingCommitments.ts";
import { TechnicalDAOAbi } from "../sdk/abi/TechnicalDAO.ts";
import { type DeployEnergyReturnType, deployEnergy } from "../sdk/energy/deployEnergy.ts";
import { verifyMerkleProof } from "../sdk/energy/merkle.ts";
import { type Reading, readingDigest, readingLeaf, signReading, signReadingBatch } from "../sdk/energy/readings.ts";
import { simulateAndWrite } from "../sdk/internal/writeContract.ts";
import type { DrexWalletClient } from "../sdk/types.ts";

const VOTING_DELAY = 1;
const VOTING_PERIOD = 100;
const RATED_W = 5_000n;
/** 2026-06-01T00:00:00Z, an hour boundary: commit period HOUR. */
const T0 = 1_780_272_000n;
const HOUR = T0 / 3_600n;
const STEP = 900n; // four readings an hour

function reading(device: Address, sequence: bigint, overrides: Partial<Reading> = {}): Reading {
  const periodStart = T0 + (sequence - 1n) * STEP;
  return {
    device,
    sequence,
    periodStart,
    periodEnd: periodStart + STEP,
    producedWh: 1_000n + sequence,
    sentWh: 900n + sequence,
    receivedWh: 0n,
    heartbeats: 15,
    ...overrides,
  };
}

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The same signature in its other form (n - s, the other v): valid math, but refused by the contract's ECDSA. */
function highS(signature: Hex): Hex {
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130), 16);
  return `${signature.slice(0, 66)}${(CURVE_ORDER - s).toString(16).padStart(64, "0")}${(55 - v).toString(16)}` as Hex;
}

const codes = (results: ReadingResult[]) => results.map((r) => (r.status === "accepted" ? "accepted" : r.code));

describe("the meter: signed readings checked, stored and committed (MX2, MX8)", () => {
  let energy: DeployEnergyReturnType;
  let chainId: number;
  let committer: DrexWalletClient;
  let reader: DrexWalletClient;
  let dir: string;
  let meter: Meter;
  /** Runs calls through the Technical DAO: proposed, voted by two of the three members, executed. */
  let daoExecute: (calls: readonly { target: Address; data: Hex }[], description: string) => Promise<void>;
  const keyA = privateKeyToAccount(generatePrivateKey());
  const keyB = privateKeyToAccount(generatePrivateKey());
  const keySuspended = privateKeyToAccount(generatePrivateKey());
  const keyUnknown = privateKeyToAccount(generatePrivateKey());

  const sign = (account: PrivateKeyAccount, r: Reading) =>
    signReading(account, { chainId, verifyingContract: energy.readingCommitments, reading: r });

  before(async () => {
    const { viem, networkHelpers } = await network.create();
    const wallets: DrexWalletClient[] = await viem.getWalletClients();
    const [deployer, committerWallet, operator, m1, m2, m3] = wallets;
    if (!deployer || !committerWallet || !operator || !m1 || !m2 || !m3) throw new Error("too few accounts");
    committer = committerWallet;
    reader = deployer;
    chainId = deployer.chain.id;
    energy = await deployEnergy(deployer, {
      members: [m1.account.address, m2.account.address, m3.account.address],
      votingDelaySeconds: VOTING_DELAY,
      votingPeriodSeconds: VOTING_PERIOD,
      quorumPercent: 50n,
      committer: committer.account.address,
      reward: { rewardWeiPerWh: 10n ** 14n, poolRecipient: deployer.account.address, poolBps: 2_000, vaultBps: 1_000 },
    });
    await networkHelpers.time.increase(1); // members' votes are checkpointed before the proposal
    daoExecute = async (calls, description) => {
      const proposal = [
        calls.map((c) => c.target),
        calls.map(() => 0n),
        calls.map((c) => c.data),
        keccak256(stringToHex(description)),
      ] as const;
      const dao = { address: energy.dao, abi: TechnicalDAOAbi } as const;
      await simulateAndWrite(m1, {
        ...dao,
        functionName: "propose",
        args: [proposal[0], proposal[1], proposal[2], description],
      });
      const id = await readContract(reader, { ...dao, functionName: "hashProposal", args: proposal });
      await networkHelpers.time.increase(VOTING_DELAY + 1);
      await simulateAndWrite(m1, { ...dao, functionName: "castVote", args: [id, 1] });
      await simulateAndWrite(m2, { ...dao, functionName: "castVote", args: [id, 1] });
      await networkHelpers.time.increase(VOTING_PERIOD + 1);
      await simulateAndWrite(m3, { ...dao, functionName: "execute", args: proposal });
    };

    for (const key of [keyA, keyB, keySuspended]) {
      await simulateAndWrite(operator, {
        address: energy.deviceRegistry,
        abi: DeviceRegistryAbi,
        functionName: "applyForDevice",
        args: [
          {
            key: key.address,
            kind: 0,
            ratedPowerW: RATED_W,
            maxLossBps: 500,
            location: "Oaxaca, MX",
            poolData: "pool=maxgreen",
            hardwareStatus: "ok",
          },
        ],
      });
    }
    // One proposal through the Governor: approve the three devices, then suspend the third.
    const call = (data: Hex) => ({ target: energy.deviceRegistry, data });
    const calls = [
      call(encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "approveDevice", args: [1n] })),
      call(encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "approveDevice", args: [2n] })),
      call(encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "approveDevice", args: [3n] })),
      call(encodeFunctionData({ abi: DeviceRegistryAbi, functionName: "suspendDevice", args: [3n, "meter tampered"] })),
    ];
    const targets = calls.map((c) => c.target);
    const values = calls.map(() => 0n);
    const calldatas = calls.map((c) => c.data);
    const description = "Approve the first three generators; suspend the third";
    const dao = { address: energy.dao, abi: TechnicalDAOAbi } as const;
    await simulateAndWrite(m1, { ...dao, functionName: "propose", args: [targets, values, calldatas, description] });
    const id = await readContract(reader, {
      ...dao,
      functionName: "hashProposal",
      args: [targets, values, calldatas, keccak256(stringToHex(description))],
    });
    await networkHelpers.time.increase(VOTING_DELAY + 1);
    await simulateAndWrite(m1, { ...dao, functionName: "castVote", args: [id, 1] });
    await simulateAndWrite(m2, { ...dao, functionName: "castVote", args: [id, 1] });
    await networkHelpers.time.increase(VOTING_PERIOD + 1);
    await simulateAndWrite(m3, {
      ...dao,
      functionName: "execute",
      args: [targets, values, calldatas, keccak256(stringToHex(description))],
    });

    dir = mkdtempSync(join(tmpdir(), "drex-meter-"));
    meter = new Meter({
      store: ReadingStore.open(dir),
      devices: await RegistryDeviceView.load(reader, energy.deviceRegistry),
      chainId,
      readingCommitments: energy.readingCommitments,
      committer,
      workers: 2,
    });
  });

  after(async () => {
    await meter?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("MX2: the devices were approved and suspended through the Governor", async () => {
    const status = (id: bigint) =>
      readContract(reader, {
        address: energy.deviceRegistry,
        abi: DeviceRegistryAbi,
        functionName: "statusOf",
        args: [id],
      });
    assert.deepEqual([await status(1n), await status(2n), await status(3n)], [2, 2, 3]);
  });

  it("MX2: the SDK's and the meter's digest and leaf are the contract's, and the contract accepts the signature", async () => {
    const r = reading(keyA.address, 1n);
    const contract = { address: energy.readingCommitments, abi: ReadingCommitmentsAbi } as const;
    const onChainDigest = await readContract(reader, { ...contract, functionName: "readingDigest", args: [r] });
    assert.equal(readingDigest(chainId, energy.readingCommitments, r), onChainDigest);
    assert.equal(readingLeaf(r), await readContract(reader, { ...contract, functionName: "readingLeaf", args: [r] }));
    const encoded = new Uint8Array(ENCODED_READING_BYTES);
    encodeReading(r, encoded, 0);
    const separator = readingsDomainSeparator(chainId, energy.readingCommitments);
    assert.equal(toHex(readingDigestOf(separator, encoded, 0)), onChainDigest);
    assert.equal(toHex(leafOf(encoded, 0)), readingLeaf(r));
    const signature = await sign(keyA, r);
    assert.equal(
      await readContract(reader, { ...contract, functionName: "isSignedByDevice", args: [r, signature] }),
      true,
    );
  });

  it("MX2 MX8: accepts readings signed one by one and a batch under one signature, across devices", async () => {
    const singles = [reading(keyA.address, 1n), reading(keyA.address, 2n)];
    const results = await meter.ingest(
      await Promise.all(singles.map(async (r) => ({ reading: r, signature: await sign(keyA, r) }))),
    );
    assert.deepEqual(codes(results), ["accepted", "accepted"]);
    const batch = [1n, 2n, 3n].map((s) => reading(keyB.address, s));
    const signature = await signReadingBatch(keyB, {
      chainId,
      verifyingContract: energy.readingCommitments,
      readings: batch,
    });
    assert.deepEqual(codes(await meter.ingest({ device: keyB.address, readings: batch, signature })), [
      "accepted",
      "accepted",
      "accepted",
    ]);
    assert.equal(meter.store.count(), 5);
    assert.equal(meter.store.get(keyB.address, 2n)?.batch?.count, 3);
  });

  it("MX2 MX8: every refused reading gets its code and reason, and nothing of it is stored", async () => {
    const before = meter.store.count();
    const a3 = reading(keyA.address, 3n);
    const forged = { reading: { ...a3, producedWh: a3.producedWh + 1n }, signature: await sign(keyA, a3) };
    const otherKey = { reading: a3, signature: await sign(keyB, a3) };
    const a1 = reading(keyA.address, 1n);
    const replayed = { reading: a1, signature: await sign(keyA, a1) };
    const rewritten = reading(keyA.address, 2n, { producedWh: 7n });
    const backwards = reading(keyA.address, 4n, { periodStart: T0, periodEnd: T0 + STEP });
    const impossible = reading(keyA.address, 5n, { producedWh: 1_251n }); // 5 kW for 900 s is 1,250 Wh
    const suspended = reading(keySuspended.address, 1n);
    const unknown = reading(keyUnknown.address, 1n);
    const results = await meter.ingest([
      forged,
      otherKey,
      replayed,
      { reading: rewritten, signature: await sign(keyA, rewritten) },
      { reading: backwards, signature: await sign(keyA, backwards) },
      { reading: impossible, signature: await sign(keyA, impossible) },
      { reading: suspended, signature: await sign(keySuspended, suspended) },
      { reading: unknown, signature: await sign(keyUnknown, unknown) },
      { reading: a3, signature: "0x1234" },
      { reading: a3, signature: highS(await sign(keyA, a3)) },
    ]);
    assert.deepEqual(codes(results), [
      "bad_signature",
      "bad_signature",
      "duplicate",
      "sequence_not_increasing",
      "counter_decreased",
      "energy_exceeds_rating",
      "device_inactive",
      "unknown_device",
      "bad_signature",
      "bad_signature",
    ]);
    for (const r of results) {
      assert.ok(r.status === "refused" && r.reason.length > 10, `a sentence for ${JSON.stringify(r)}`);
    }
    // A batch signed by another key, and a batch replayed: refused whole.
    const b4 = [reading(keyB.address, 4n)];
    const wrongSigner = await signReadingBatch(keyB, {
      chainId,
      verifyingContract: energy.readingCommitments,
      readings: b4,
    });
    assert.deepEqual(
      codes(
        await meter.ingest({ device: keyA.address, readings: [reading(keyA.address, 3n)], signature: wrongSigner }),
      ),
      ["bad_signature"],
    );
    const replay = [1n, 2n, 3n].map((s) => reading(keyB.address, s));
    const replaySignature = await signReadingBatch(keyB, {
      chainId,
      verifyingContract: energy.readingCommitments,
      readings: replay,
    });
    assert.deepEqual(
      codes(await meter.ingest({ device: keyB.address, readings: replay, signature: replaySignature })),
      ["duplicate", "duplicate", "duplicate"],
    );
    assert.equal(meter.store.count(), before, "nothing refused was stored");
    assert.equal(meter.store.get(keyA.address, 3n), null);
    assert.equal(meter.store.get(keyA.address, 5n), null);
    assert.equal(meter.store.get(keySuspended.address, 1n), null);
  });

  it("MX2: accepted readings survive reopening the store, and the device's last reading is remembered", async () => {
    const count = meter.store.count();
    await meter.close();
    meter = new Meter({
      store: ReadingStore.open(dir),
      devices: await RegistryDeviceView.load(reader, energy.deviceRegistry),
      chainId,
      readingCommitments: energy.readingCommitments,
      committer,
      workers: 2,
    });
    assert.equal(meter.store.count(), count);
    assert.deepEqual(meter.store.get(keyA.address, 2n)?.reading, reading(keyA.address, 2n));
    const a2 = reading(keyA.address, 2n);
    assert.deepEqual(codes(await meter.ingest([{ reading: a2, signature: await sign(keyA, a2) }])), ["duplicate"]);
  });

  it("MX2 MX8: a period is committed as one root; a reading's proof verifies off-chain and on-chain, a tampered one fails", async () => {
    assert.equal(meter.proofOf(keyA.address, 1n), null, "no proof before the commit");
    const commit = await meter.commitPeriod(HOUR);
    assert.equal(commit.readingCount, 5);
    const contract = { address: energy.readingCommitments, abi: ReadingCommitmentsAbi } as const;
    assert.equal(await readContract(reader, { ...contract, functionName: "rootOf", args: [HOUR] }), commit.root);
    for (const [key, sequence] of [
      [keyA.address, 1n],
      [keyA.address, 2n],
      [keyB.address, 3n],
    ] as const) {
      const proof = meter.proofOf(key, sequence);
      assert.ok(proof, `a proof of ${key} ${sequence}`);
      assert.equal(proof.periodId, HOUR);
      assert.equal(proof.root, commit.root);
      assert.ok(verifyMerkleProof(proof.root, readingLeaf(proof.reading), proof.proof));
      assert.equal(
        await readContract(reader, {
          ...contract,
          functionName: "verifyReading",
          args: [HOUR, proof.reading, proof.proof],
        }),
        true,
      );
      const tampered = { ...proof.reading, sentWh: proof.reading.sentWh + 1n };
      assert.equal(verifyMerkleProof(proof.root, readingLeaf(tampered), proof.proof), false);
      assert.equal(
        await readContract(reader, { ...contract, functionName: "verifyReading", args: [HOUR, tampered, proof.proof] }),
        false,
      );
    }
    // Committing again answers the same; a late reading for the committed hour is refused.
    assert.deepEqual(await meter.commitPeriod(HOUR), { ...commit });
    const late = reading(keyA.address, 3n);
    const results = await meter.ingest([{ reading: late, signature: await sign(keyA, late) }]);
    assert.deepEqual(codes(results), ["period_committed"]);
  });

  it("MX2: the meter's keccak256 is viem's", () => {
    for (const size of [0, 1, 31, 32, 64, 66, 135, 136, 137, 256, 271, 272, 288, 1_000]) {
      const data = new Uint8Array(randomBytes(size));
      assert.equal(toHex(keccak256Bytes(data)), keccak256(data), `${size} bytes`);
    }
  });

  it("MX2 MX8: the HTTP API takes single readings and batches, refuses malformed input, serves committed proofs", async () => {
    const ctx = { metrics: new Registry(), webRoot: null, devSigner: null, meter } as unknown as ApiContext;
    const app = await buildApp(ctx, pino({ level: "silent" }));
    try {
      const strings = (r: Reading) => ({
        sequence: r.sequence.toString(),
        periodStart: r.periodStart.toString(),
        periodEnd: r.periodEnd.toString(),
        producedWh: r.producedWh.toString(),
        sentWh: r.sentWh.toString(),
        receivedWh: r.receivedWh.toString(),
        heartbeats: r.heartbeats.toString(),
      });
      const a5 = reading(keyA.address, 5n);
      const body = { reading: { device: keyA.address, ...strings(a5) }, signature: await sign(keyA, a5) };
      const first = await app.inject({ method: "POST", url: "/api/v1/readings", payload: body });
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { status: "accepted", periodId: (HOUR + 1n).toString() });
      const again = await app.inject({ method: "POST", url: "/api/v1/readings", payload: body });
      assert.equal(again.json().code, "duplicate");

      const malformed = await app.inject({
        method: "POST",
        url: "/api/v1/readings",
        payload: { ...body, reading: { ...body.reading, sequence: 6 } },
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.field, "body.reading.sequence");
      const tooBig = await app.inject({
        method: "POST",
        url: "/api/v1/readings",
        payload: { ...body, reading: { ...body.reading, sequence: (1n << 64n).toString() } },
      });
      assert.equal(tooBig.statusCode, 400);

      const batch = [5n, 6n].map((s) => reading(keyB.address, s));
      const signature = await signReadingBatch(keyB, {
        chainId,
        verifyingContract: energy.readingCommitments,
        readings: batch,
      });
      const batchAnswer = await app.inject({
        method: "POST",
        url: "/api/v1/readings/batch",
        payload: { device: keyB.address, readings: batch.map(strings), signature },
      });
      assert.equal(batchAnswer.statusCode, 200, batchAnswer.body);
      assert.equal(batchAnswer.json().accepted, 2);

      const served = await app.inject({ method: "GET", url: `/api/v1/readings/${keyA.address}/1` });
      assert.equal(served.statusCode, 200, served.body);
      const proof = meter.proofOf(keyA.address, 1n);
      assert.deepEqual(served.json().proof, proof?.proof);
      assert.equal(served.json().root, proof?.root);
      assert.equal(served.json().reading.producedWh, "1001");
      assert.equal((await app.inject({ method: "GET", url: `/api/v1/readings/${keyA.address}/5` })).statusCode, 404);
      assert.equal((await app.inject({ method: "GET", url: `/api/v1/readings/${keyA.address}/x` })).statusCode, 400);
    } finally {
      await app.close();
    }
  });

  it("MX2: the meter's clock outside the embedded chain is the chain's last read time, moved on by the wall clock", async () => {
    let chainSeconds = T0;
    const clock = await ChainClock.start(async () => chainSeconds);
    assert.ok(clock.now() >= T0 && clock.now() < T0 + 60n, `${clock.now()} follows ${T0}`);
    chainSeconds = T0 + 7_200n; // the chain moved on: blocks, or a jump in time
    await clock.sync();
    assert.ok(clock.now() >= T0 + 7_200n && clock.now() < T0 + 7_260n);
  });

  it("MX2: a reading whose interval ends more than 300 s past the node's clock is refused as future_reading, and not stored", async () => {
    const now = T0 + 10n * 3_600n;
    const futureDir = mkdtempSync(join(tmpdir(), "drex-meter-future-"));
    const clocked = new Meter({
      store: ReadingStore.open(futureDir),
      devices: await RegistryDeviceView.load(reader, energy.deviceRegistry),
      chainId,
      readingCommitments: energy.readingCommitments,
      workers: 1,
      now: () => now,
    });
    try {
      const ahead = (sequence: bigint, periodEnd: bigint) =>
        reading(keyA.address, sequence, { periodStart: periodEnd - STEP, periodEnd });
      const tooFar = ahead(1n, now + MAX_CLOCK_SKEW_SECONDS + 1n);
      const [single] = await clocked.ingest([{ reading: tooFar, signature: await sign(keyA, tooFar) }]);
      assert.equal(single?.status === "refused" && single.code, "future_reading");
      assert.match(single?.status === "refused" ? single.reason : "", /more than 300 s after the node's time/);
      const batch = [ahead(1n, now), ahead(2n, now + 86_400n)];
      const signature = await signReadingBatch(keyA, {
        chainId,
        verifyingContract: energy.readingCommitments,
        readings: batch,
      });
      assert.deepEqual(codes(await clocked.ingest({ device: keyA.address, readings: batch, signature })), [
        "accepted",
        "future_reading",
      ]);
      assert.equal(clocked.store.count(), 1);
      assert.equal(clocked.store.get(keyA.address, 2n), null, "the future reading is not stored");
      // Within the allowed skew, and not held against the device: the next reading is taken.
      const edge = reading(keyA.address, 2n, {
        periodStart: now,
        periodEnd: now + MAX_CLOCK_SKEW_SECONDS,
        producedWh: 100n,
        sentWh: 90n,
      });
      assert.deepEqual(codes(await clocked.ingest([{ reading: edge, signature: await sign(keyA, edge) }])), [
        "accepted",
      ]);
    } finally {
      await clocked.close();
      rmSync(futureDir, { recursive: true, force: true });
    }
  });

  it("MX2: after the DAO gives a device a new key, readings signed by its old key are refused; the new key's are taken", async () => {
    const newKey = privateKeyToAccount(generatePrivateKey());
    await daoExecute(
      [
        {
          target: energy.deviceRegistry,
          data: encodeFunctionData({
            abi: DeviceRegistryAbi,
            functionName: "setDeviceKey",
            args: [1n, newKey.address],
          }),
        },
      ],
      "Device 1's meter was replaced: its new key",
    );
    await meter.devices.refresh();
    const before = meter.store.count();
    const last = reading(keyA.address, 100n, { periodStart: T0 + 100n * STEP, periodEnd: T0 + 101n * STEP });
    const [old] = await meter.ingest([{ reading: last, signature: await sign(keyA, last) }]);
    assert.equal(old?.status === "refused" && old.code, "unknown_device");
    const batch = [reading(keyA.address, 101n, { periodStart: T0 + 101n * STEP, periodEnd: T0 + 102n * STEP })];
    const batchSignature = await signReadingBatch(keyA, {
      chainId,
      verifyingContract: energy.readingCommitments,
      readings: batch,
    });
    assert.deepEqual(codes(await meter.ingest({ device: keyA.address, readings: batch, signature: batchSignature })), [
      "unknown_device",
    ]);
    assert.equal(meter.store.count(), before, "nothing signed by the old key is stored");
    const fresh = reading(newKey.address, 1n, { periodStart: T0 + 100n * STEP, periodEnd: T0 + 101n * STEP });
    assert.deepEqual(codes(await meter.ingest([{ reading: fresh, signature: await sign(newKey, fresh) }])), [
      "accepted",
    ]);
    // The old key's readings stay stored as they were.
    assert.deepEqual(meter.store.get(keyA.address, 1n)?.reading, reading(keyA.address, 1n));
  });
});
