// The embedded chain keeps its blocks: replaying the journal gives the same chain, block hash for block hash.
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type Hex, parseEther } from "viem";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { EmbeddedChain } from "../node/chain/embeddedChain.ts";
import { EmbeddedRpcHandler } from "../node/chain/rpcServer.ts";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "drex-chain-"));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function transfers(chain: EmbeddedChain, count: number): Promise<Hex[]> {
  const [from, to] = devAccounts();
  if (!from || !to) throw new Error("dev accounts missing");
  const nonce = Number(
    await chain.provider.request({ method: "eth_getTransactionCount", params: [from.account.address, "pending"] }),
  );
  const raws: Hex[] = [];
  for (let i = 0; i < count; i++) {
    raws.push(
      await from.account.signTransaction({
        chainId: chain.chainId,
        type: "eip1559",
        to: to.account.address,
        value: parseEther("0.001"),
        nonce: nonce + i,
        gas: 21_000n,
        maxFeePerGas: 100_000_000_000n,
        maxPriorityFeePerGas: 1n,
      }),
    );
  }
  return raws;
}

const blockHashes = async (chain: EmbeddedChain) => {
  const hashes: string[] = [];
  for (let n = 0n; n <= chain.blockNumber; n++) {
    const block = (await chain.provider.request({
      method: "eth_getBlockByNumber",
      params: [`0x${n.toString(16)}`, false],
    })) as {
      hash: string;
    };
    hashes.push(block.hash);
  }
  return hashes;
};

describe("embedded chain", () => {
  it("test_open_replaysJournal: a reopened chain has the same blocks, balances and clock", async () => {
    const dataDir = tempDir();
    const first = (await EmbeddedChain.open({ dataDir })).chain;
    const mined = await Promise.all((await transfers(first, 25)).map((raw) => first.submit(raw)));
    assert.ok(mined.every((m) => m.status === "success"));
    await first.increaseTime(30n * 86_400n);
    await Promise.all((await transfers(first, 5)).map((raw) => first.submit(raw)));
    const before = { hashes: await blockHashes(first), number: first.blockNumber };
    const receiver = devAccounts()[1]?.account.address as Hex;
    const balanceBefore = await first.provider.request({ method: "eth_getBalance", params: [receiver, "latest"] });
    const clockBefore = first.nextTimestampSeconds();
    await first.close();

    const { chain: second, created } = await EmbeddedChain.open({ dataDir });
    assert.equal(created, false);
    assert.equal(second.blockNumber, before.number);
    assert.deepEqual(await blockHashes(second), before.hashes);
    assert.equal(
      await second.provider.request({ method: "eth_getBalance", params: [receiver, "latest"] }),
      balanceBefore,
    );
    // The thirty days of development time travel survive the restart.
    assert.ok(second.nextTimestampSeconds() >= clockBefore);
    await second.close();
  });

  it("test_open_tornLastLine: a half-written journal line from a crash is cut off and the chain opens", async () => {
    const dataDir = tempDir();
    const first = (await EmbeddedChain.open({ dataDir })).chain;
    await Promise.all((await transfers(first, 3)).map((raw) => first.submit(raw)));
    const number = first.blockNumber;
    await first.close();
    const journal = join(dataDir, "journal.jsonl");
    const intact = readFileSync(journal, "utf8");
    appendFileSync(journal, '{"b":"99","t":"1","h":"0xab');
    const { chain: second } = await EmbeddedChain.open({ dataDir });
    assert.equal(second.blockNumber, number);
    assert.equal(readFileSync(journal, "utf8"), intact);
    await Promise.all((await transfers(second, 2)).map((raw) => second.submit(raw)));
    assert.equal(second.blockNumber, number + 1n);
    await second.close();
  });

  it("test_submit_batchesIntoOneBlock: transactions that arrive together are mined together", async () => {
    const { chain } = await EmbeddedChain.open({ dataDir: tempDir() });
    const mined = await Promise.all((await transfers(chain, 40)).map((raw) => chain.submit(raw)));
    assert.equal(new Set(mined.map((m) => m.blockNumber)).size, 1);
    await chain.close();
  });

  it("test_submit_refusedTransaction: a transaction EDR refuses rejects its sender and mines nothing", async () => {
    const { chain } = await EmbeddedChain.open({ dataDir: tempDir() });
    const [raw] = await transfers(chain, 1);
    await chain.submit(raw as Hex);
    const number = chain.blockNumber;
    await assert.rejects(chain.submit(raw as Hex), { name: "ChainRejectedTransactionError" });
    await chain.settled();
    assert.equal(chain.blockNumber, number);
    await chain.close();
  });

  it("test_rpc_refusesJournalBypass: hardhat_* and evm_snapshot are refused, dev accounts sign eth_sendTransaction", async () => {
    const { chain } = await EmbeddedChain.open({ dataDir: tempDir() });
    const rpc = new EmbeddedRpcHandler(chain);
    const [a, b] = devAccounts();
    const refused = await rpc.handle({ id: 1, method: "hardhat_setBalance", params: [a?.account.address, "0x1"] });
    assert.equal(refused.error?.code, -32601);
    assert.match(refused.error?.message ?? "", /journal/);
    assert.equal((await rpc.handle({ id: 2, method: "evm_snapshot", params: [] })).error?.code, -32601);
    const sent = await rpc.handle({
      id: 3,
      method: "eth_sendTransaction",
      params: [{ from: a?.account.address, to: b?.account.address, value: "0x1" }],
    });
    assert.match(String(sent.result), /^0x[0-9a-f]{64}$/);
    const stranger = await rpc.handle({
      id: 4,
      method: "eth_sendTransaction",
      params: [{ from: "0x000000000000000000000000000000000000dEaD", to: b?.account.address, value: "0x1" }],
    });
    assert.match(stranger.error?.message ?? "", /not a development account/);
    await chain.close();
  });
});
