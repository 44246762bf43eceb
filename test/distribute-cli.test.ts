// The Distribute Protocol's commands of `drex`, run as a user runs them: child processes against an embedded node (its
// JSON-RPC endpoint for the chain, its API for the deployment), the keeper off so every transition is a command. One
// project from purchase to withdrawal, one of its tasks contested and decided by a commit-reveal vote whose salt lives
// in the vote file; then bad input refused before anything is sent.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type Hex, keccak256, stringToHex } from "viem";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { EMBEDDED_DISTRIBUTE_PERIODS as PERIODS } from "../node/seed/deployEmbedded.ts";
import { parseSolar } from "../sdk/format.ts";
import { checkLedger, type DistributeNode, startDistributeNode } from "./support/distributeNode.ts";

const CLI = fileURLToPath(new URL("../cli/drex.ts", import.meta.url));
const E18 = 10n ** 18n;
const REGISTRAR = 0;
const ALICE = 1;
const BOB = 2;
const W1 = 3;
const W2 = 4;
const key = (index: number): Hex => devAccounts()[index]?.privateKey as Hex;

type CliRun = { code: number | null; stdout: string; stderr: string };
type Json = Record<string, unknown>;

describe("drex: the Distribute Protocol from the command line", () => {
  let f: DistributeNode;
  let home: string;
  let projectId: string;
  let pollId: string;
  const voteFile = () => join(home, ".drex", "votes.json");

  before(async () => {
    f = await startDistributeNode({ keeperIntervalMs: 0 }, "drex-distribute-cli-");
    home = mkdtempSync(join(tmpdir(), "drex-distribute-cli-home-"));
  });
  after(async () => {
    await f?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** Runs `drex` against the node, signing with development account `signer` when given; HOME is a test folder. */
  function drex(args: readonly string[], signer?: number): Promise<CliRun> {
    const { DREX_PRIVATE_KEY: _key, DREX_KEYSTORE_PASSWORD: _password, ...inherited } = process.env;
    const env = {
      ...inherited,
      HOME: home,
      DREX_RPC_URL: f.node.rpcUrl,
      ...(signer === undefined ? {} : { DREX_PRIVATE_KEY: key(signer) }),
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args, "--node", f.node.apiUrl], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
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

  async function drexJson<T = Json>(args: readonly string[], signer?: number): Promise<T> {
    const run = await drex([...args, "--json"], signer);
    assert.equal(run.code, 0, `drex ${args.join(" ")} failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  }

  it("DS1: capital buy as two accounts at the quoted prices, with --max-cost and --slippage-bps; capital show", async () => {
    const quote = await drexJson(["capital", "quote", "--amount", "600"]);
    assert.equal(
      quote.buyCostWei,
      parseSolar("12").toString(),
      "DS1: the whole market at the launch price pays double",
    );
    const alice = await drexJson(["capital", "buy", "--amount", "600", "--max-cost", "12"], ALICE);
    assert.equal(alice.costWei, parseSolar("12").toString());
    assert.equal(alice.maxCostWei, parseSolar("12").toString(), "--max-cost is the limit sent");
    const bob = await drex(["capital", "buy", "--amount", "400", "--slippage-bps", "0"], BOB);
    assert.equal(bob.code, 0, bob.stderr);
    assert.match(bob.stdout, /Bought 400 capital tokens for 11\.2 SOLAR/, "DS1: the README's worked example");
    assert.match(bob.stderr, /buying 400 capital tokens…/, "progress on stderr");
    const shown = await drexJson(["capital", "show"]);
    assert.equal(shown.poolWei, parseSolar("23.2").toString());
    assert.equal(shown.supply, (1_000n * E18).toString());
    assert.equal(shown.priceWeiPerToken, parseSolar("0.0232").toString(), "the pool's balance per token");
  });

  it("DS2: the registrar registers identities (hashed); reputation show reads them back", async () => {
    for (const i of [W1, W2]) {
      const registered = await drexJson(
        ["reputation", "register", "--account", f.address(i), "--identity", `did:example:${i}`],
        REGISTRAR,
      );
      assert.equal(registered.initialReputation, (100n * E18).toString());
      assert.equal(registered.identityHash, keccak256(stringToHex(`did:example:${i}`)));
    }
    const shown = await drexJson(["reputation", "show", f.address(W1)]);
    assert.equal(shown.registered, true);
    assert.equal(shown.reputation, (100n * E18).toString());
    const refused = await drex(
      ["reputation", "register", "--account", f.address(BOB), "--identity", "did:example:1"],
      ALICE,
    );
    assert.equal(refused.code, 1, "DS2: only the registrar registers");
    assert.match(refused.stderr, /does not hold the registrar role/);
  });

  it("DS3: project propose with a relative deadline, early advance refused with the sentence, staked to both bars", async () => {
    const proposed = await drexJson(["project", "propose", "--cost", "2", "--staking-deadline", "+3d"], ALICE);
    projectId = proposed.projectId as string;
    const sinceChainTime = BigInt(proposed.stakingDeadline as string) - 3n * 86_400n;
    const now = await f.now();
    assert.ok(sinceChainTime <= now && sinceChainTime > now - 60n, "+3d counts from the chain's time");
    const early = await drex(["project", "advance", projectId], BOB);
    assert.equal(early.code, 1);
    assert.match(early.stderr, new RegExp(`Nothing is due for project #${projectId} yet \\(it is proposed\\)`));

    const tokens = await drexJson(["project", "stake", projectId, "--tokens", "100"], ALICE);
    assert.equal(tokens.tokensStaked, proposed.tokenBar, "DS3: a stake is clipped to what the bar needs");
    assert.equal(tokens.projectStaked, false);
    const rep = await drexJson(["project", "stake", projectId, "--reputation", "50"], W1);
    assert.equal(rep.reputationStaked, proposed.reputationBar);
    assert.equal(rep.projectStaked, true, "DS4: both bars met");
    const shown = await drexJson(["project", "show", projectId], W1);
    assert.equal(shown.state, "Staked");
    assert.equal((shown.stake as Json).reputation, proposed.reputationBar, "the signer's own stake");
    const listed = await drexJson<Json[]>(["project", "list", "--state", "Staked"]);
    assert.deepEqual(
      listed.map((p) => p.projectId),
      [projectId],
    );
  });

  it("DS4: a task list put forward and backed wins when its period ends (dev clock moved)", async () => {
    const list = await drexJson(
      ["project", "task-list", projectId, "--task", "Survey the roofs:60%:1d", "--task", "Install: panels:40%:12h"],
      ALICE,
    );
    assert.equal(list.listId, "0");
    const tasks = list.tasks as Json[];
    assert.equal(tasks[1]?.description, "Install: panels", "a description may hold colons");
    assert.equal(tasks[1]?.weightingBps, 4_000);
    assert.equal(tasks[1]?.durationSeconds, 43_200);
    for (const i of [ALICE, W1]) {
      const backed = await drexJson(["project", "back", projectId, "0"], i);
      assert.equal(backed.listId, "0");
    }
    await f.advanceTime(BigInt(PERIODS.taskListSeconds) + 1n);
    const advanced = await drexJson(["project", "advance", projectId], BOB);
    assert.equal(advanced.state, "Active");
  });

  it("DS5, DS6: tasks claimed, submitted and validated; one unopposed, one contested and sent to a vote", async () => {
    for (const [i, taskIndex] of [
      [W1, "0"],
      [W2, "1"],
    ] as const) {
      const claimed = await drexJson(["task", "claim", projectId, taskIndex], i);
      assert.ok(BigInt(claimed.reputationPosted as string) > 0n, "DS5: requisite reputation posted");
      const submitted = await drexJson(["task", "submit", projectId, taskIndex, "--evidence", "photos of the roof"], i);
      assert.equal(submitted.evidenceHash, keccak256(stringToHex("photos of the roof")));
    }
    await drexJson(["task", "validate", projectId, "0", "--approve", "--amount", "1"], BOB);
    await drexJson(["task", "validate", projectId, "1", "--approve", "--amount", "1"], BOB);
    const rejected = await drexJson(["task", "validate", projectId, "1", "--reject", "--amount", "2"], ALICE);
    assert.equal(rejected.approve, false);
    assert.equal(rejected.slot, "0");
    await f.advanceTime(BigInt(PERIODS.validationSeconds) + 1n);
    const advanced = await drexJson<{
      resolved: { taskIndex: string; validated: boolean }[];
      votesStarted: { taskIndex: string; pollId: string }[];
      projectState: string;
    }>(["task", "advance", projectId], BOB);
    assert.deepEqual(advanced.resolved, [{ taskIndex: "0", validated: true }], "DS6: unopposed validation stands");
    assert.equal(advanced.votesStarted[0]?.taskIndex, "1", "DS7: opposed validators send task 1 to a vote");
    pollId = advanced.votesStarted[0]?.pollId as string;
    assert.equal(advanced.projectState, "Active");
  });

  it("DS7: vote commit keeps the salt in ~/.drex/votes.json (0600, not printed); reveal reads and forgets it", async () => {
    const deposited = await drexJson(["vote", "deposit", "--tokens", "100"], BOB);
    assert.equal(deposited.tokens, (100n * E18).toString());
    const committed = await drex(["vote", "commit", "--poll", pollId, "--approve"], BOB);
    assert.equal(committed.code, 0, committed.stderr);
    assert.equal(statSync(voteFile()).mode & 0o777, 0o600, "the vote file is its owner's only");
    const saved = JSON.parse(readFileSync(voteFile(), "utf8")) as { votes: Record<string, Json> };
    const entry = saved.votes[`31337:${f.distribute.voting.toLowerCase()}:${f.address(BOB).toLowerCase()}:${pollId}`];
    assert.ok(entry, "keyed by chain, voting contract, voter and poll");
    assert.equal(entry.approve, true);
    assert.equal(entry.tokens, (100n * E18).toString(), "the whole deposit by default");
    assert.ok(typeof entry.transaction === "string", "the commitment's transaction recorded");
    assert.ok(!committed.stdout.includes(entry.salt as string), "the salt is not printed");
    assert.match(committed.stdout, new RegExp(`Committed approving votes on poll #${pollId}`));

    const early = await drex(["vote", "reveal"], BOB);
    assert.equal(early.code, 1, "DS7: not in the reveal period yet");
    assert.match(early.stderr, new RegExp(`poll #${pollId} opens for reveals after`));
    await f.advanceTime(BigInt(PERIODS.commitSeconds) + 1n);
    const revealed = await drexJson<{ revealed: { pollId: string; approve: boolean; tokens: string }[] }>(
      ["vote", "reveal"],
      BOB,
    );
    assert.deepEqual(revealed.revealed, [{ pollId, approve: true, tokens: (100n * E18).toString(), reputation: "0" }]);
    const after = JSON.parse(readFileSync(voteFile(), "utf8")) as { votes: Record<string, Json> };
    assert.deepEqual(after.votes, {}, "revealed votes are forgotten");

    await f.advanceTime(BigInt(PERIODS.revealSeconds) + 1n);
    const settled = await drexJson<{ resolved: { taskIndex: string; validated: boolean }[]; projectState: string }>(
      ["task", "advance", projectId],
      BOB,
    );
    assert.deepEqual(settled.resolved, [{ taskIndex: "1", validated: true }], "DS7: the approving vote wins");
    assert.equal(settled.projectState, "Complete", "DS8: every task validated");
  });

  it("DS8: stakers withdraw stake and reward from the complete project; the voter withdraws the deposit", async () => {
    for (const i of [ALICE, W1]) {
      const withdrawn = await drexJson(["project", "withdraw", projectId], i);
      assert.ok(BigInt(withdrawn.rewardWei as string) > 0n, "DS8: a share of the stakers' reward");
    }
    const votes = await drexJson(["vote", "withdraw"], BOB);
    assert.equal(votes.tokens, (100n * E18).toString());
    const again = await drex(["project", "withdraw", projectId], ALICE);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /has nothing to withdraw from project/);
    const ledger = await checkLedger(f, [0, 1, 2, 3, 4]);
    assert.equal(ledger.protocolReputation, 0n, "every stake and claim is back with its owner");
  });

  it("DS1, DS3, DS4, DS6, DS7: bad flags exit 2 naming the flag, and no block is mined", async () => {
    const saltFile = join(home, "other-votes.json");
    const refusals: [string[], RegExp][] = [
      [
        ["project", "task-list", projectId, "--task", "a:50%:1d", "--task", "b:40%:1d"],
        /--task: the weights add up to 90%/,
      ],
      [["project", "task-list", projectId, "--task", "a:0%:1d"], /--task <spec>.*more than 0%/],
      [["project", "task-list", projectId, "--task", "a:100%:soon"], /--task <spec>.*duration/],
      [["capital", "buy", "--amount", "-5"], /--amount <tokens>.*'-5' is invalid/],
      [["capital", "buy", "--amount", "1", "--max-cost", "1", "--slippage-bps", "5"], /--max-cost/],
      [["vote", "deposit", "--tokens", "-1"], /--tokens <amount>.*'-1' is invalid/],
      [["project", "stake", projectId, "--tokens", "-3"], /--tokens <amount>/],
      [["project", "stake", "999", "--tokens", "3"], /projectId: there is no project #999/],
      [
        ["project", "propose", "--cost", "1", "--staking-deadline", "2000-01-01T00:00Z"],
        /--staking-deadline: .*not after/,
      ],
      [["task", "validate", projectId, "0", "--amount", "1"], /--approve/],
      [["vote", "reveal", "--poll", "999"], /--poll: .*no vote of .* on poll #999/],
      [["vote", "reveal", "--poll", pollId, "--salt-file", saltFile], /--poll: .*other-votes\.json holds no vote/],
      [["vote", "commit", "--poll", "999", "--approve"], /--poll: there is no poll #999/],
    ];
    const before = await f.publicClient.getBlockNumber();
    for (const [args, message] of refusals) {
      const run = await drex(args, BOB);
      assert.equal(run.code, 2, `drex ${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(" "));
      assert.equal(run.stdout, "");
    }
    assert.equal(await f.publicClient.getBlockNumber(), before, "nothing was sent");
    assert.equal(existsSync(saltFile), false, "a refused reveal writes no vote file");
  });
});
