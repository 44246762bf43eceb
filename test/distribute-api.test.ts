// The Distribute Protocol through the node's API (DS1–DS8), on the embedded chain: a project's whole lifecycle driven
// only through POST /api/v1/actions (signed by development accounts, the clock moved with POST /api/v1/dev/time), the
// reads checked at each step — capital bought at the quoted price, reputation registered, proposed, staked, a task
// list backed, active, claimed, submitted, validated, a contested task decided by a commit-reveal vote, complete,
// stakes withdrawn — and the 400s and 404s.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { Registry } from "prom-client";
import { type Address, encodeAbiParameters, type Hex, keccak256, maxUint256 } from "viem";
import { buildApp } from "../node/api/app.ts";
import type { ApiContext } from "../node/api/context.ts";
import { devAccounts } from "../node/chain/devAccounts.ts";
import { resolveNodeOptions } from "../node/options.ts";
import { type RunningNode, startNode } from "../node/start.ts";
import type { DistributeAddresses } from "../sdk/distribute/deployDistribute.ts";
import { type ApiAnswer, apiClient } from "./support/apiClient.ts";

const E18 = 10n ** 18n;
const HOUR = 3_600n;
const DAY = 86_400n;

const address = (index: number): Address => {
  const dev = devAccounts()[index];
  assert.ok(dev);
  return dev.account.address;
};
const OPERATOR = 0;
const DAVE = 1;
const ALICE = 4;
const BOB = 5;
const CAROL = 6;
const EVE = 7;

describe("node Distribute API", () => {
  let node: RunningNode;
  let dataDir: string;
  let d: DistributeAddresses;
  let api: ReturnType<typeof apiClient>;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "drex-distribute-api-"));
    node = await startNode(
      resolveNodeOptions(
        // The keeper stays off: every time-dependent step here goes through the actions.
        { dataDir, port: 0, rpcPort: 0, logLevel: "silent", mqttUrl: null, keeperIntervalMs: 0 },
        {},
      ),
    );
    assert.ok(node.deployment.distribute);
    d = node.deployment.distribute;
    api = apiClient(node.apiUrl);
  });
  after(async () => {
    await node?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Encodes an action, has development account `from` sign it, and expects it mined successfully. */
  async function act(from: number, action: string, body: Record<string, unknown>): Promise<ApiAnswer> {
    const prepared = await api.post(`/api/v1/actions/${action}`, body);
    assert.equal(prepared.status, 200, `${action}: ${JSON.stringify(prepared.body)}`);
    const sent = await api.post("/api/v1/dev/transactions", {
      from: address(from),
      to: prepared.body.to,
      data: prepared.body.data,
    });
    assert.equal(sent.status, 200, `${action} sent: ${JSON.stringify(sent.body)}`);
    assert.equal(sent.body.status, "success", action);
    return sent;
  }
  const advance = async (seconds: bigint) => {
    const moved = await api.post("/api/v1/dev/time", { seconds: seconds.toString() });
    assert.equal(moved.status, 200);
  };
  const get = async (path: string) => {
    const answer = await api.get(path);
    assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const project = () => get("/api/v1/distribute/projects/1");

  it("DS1, DS2: capital bought at the quoted price, reputation registered", async () => {
    const quote = await get(`/api/v1/distribute/capital/quote?buyTokens=${600n * E18}`);
    // The worked example: 600 tokens at the launch price of 0.01, none in existence, cost double: 12.
    assert.equal(quote.costWei, (12n * E18).toString());
    assert.equal(quote.refundWei, null);
    assert.equal(quote.capital.supply, "0");
    for (const [who, tokens] of [
      [ALICE, 600n],
      [BOB, 400n],
      [CAROL, 100n],
      [EVE, 100n],
    ] as const) {
      await act(who, "approveToken", {
        token: node.deployment.addresses.token,
        spender: d.capitalToken,
        amountWei: maxUint256.toString(),
      });
      const { costWei } = await get(`/api/v1/distribute/capital/quote?buyTokens=${tokens * E18}`);
      await act(who, "buyCapital", { tokens: (tokens * E18).toString(), maxCostWei: costWei });
      for (const spender of [d.projects, d.tasks, d.voting]) {
        await act(who, "approveToken", { token: d.capitalToken, spender, amountWei: maxUint256.toString() });
      }
    }
    const overview = await get("/api/v1/distribute");
    assert.equal(overview.capital.supply, (1_200n * E18).toString());
    assert.equal(overview.capital.holderCount, 4);
    assert.equal(overview.addresses.currency, node.deployment.addresses.token);
    assert.equal(overview.periods.validationSeconds, 6 * 3_600);
    const sale = await get(`/api/v1/distribute/capital/quote?sellTokens=${10n * E18}`);
    await act(BOB, "sellCapital", { tokens: (10n * E18).toString(), minRefundWei: sale.refundWei });
    const history = await get("/api/v1/distribute/capital/history");
    assert.deepEqual(
      history.events.map((e: { kind: string }) => e.kind),
      ["sold", "bought", "bought", "bought", "bought"],
    );
    assert.equal(history.events[0].amountWei, sale.refundWei);

    for (const who of [ALICE, BOB, CAROL, DAVE]) {
      await act(OPERATOR, "registerReputation", { account: address(who), identity: `did:example:${who}` });
    }
    const registered = await get(`/api/v1/distribute/reputation/${address(DAVE)}`);
    assert.equal(registered.registered, true);
    assert.equal(registered.reputation, (100n * E18).toString());
    const stranger = await get(`/api/v1/distribute/reputation/${address(EVE)}`);
    assert.deepEqual([stranger.registered, stranger.reputation, stranger.identityHash], [false, "0", null]);
    assert.equal((await get("/api/v1/distribute")).reputation.registeredCount, 4);
  });

  it("DS3, DS4: proposed, staked to both bars, a task list backed, active", async () => {
    await act(ALICE, "propose", { costWei: E18.toString(), stakingSeconds: DAY.toString() });
    let p = await project();
    assert.equal(p.state, "proposed");
    assert.equal(p.proposer, address(ALICE));
    assert.equal(p.tokensStaked, "0");
    assert.ok(BigInt(p.tokenBar) > 0n && BigInt(p.reputationBar) > 0n);
    assert.equal((await get("/api/v1/distribute/projects?state=proposed")).projects.length, 1);

    await act(CAROL, "stakeTokens", { projectId: "1", tokens: (1_000n * E18).toString() });
    p = await project();
    assert.equal(p.tokensStaked, p.tokenBar, "clipped to the bar");
    assert.equal(p.tokenProgressBps, 10_000);
    assert.equal(p.state, "proposed");
    await act(BOB, "stakeReputation", { projectId: "1", reputation: (100n * E18).toString() });
    p = await project();
    assert.equal(p.state, "staked");
    assert.ok(p.taskListDeadline !== null);
    assert.equal(p.reservedWei, ((E18 * 101n) / 100n).toString());
    assert.deepEqual(p.stakers.map((s: { staker: string }) => s.staker).sort(), [address(BOB), address(CAROL)].sort());

    await act(CAROL, "proposeTaskList", {
      projectId: "1",
      tasks: [
        { description: "Design the array", weightingBps: 6_000, durationSeconds: Number(DAY) },
        { description: "Build it", weightingBps: 4_000, durationSeconds: Number(DAY) },
      ],
    });
    await act(CAROL, "backTaskList", { projectId: "1", listId: 0 });
    await act(BOB, "backTaskList", { projectId: "1", listId: 0 });
    p = await project();
    assert.equal(p.taskLists.length, 1);
    assert.equal(p.taskLists[0].backingBps, 10_000);
    assert.equal(p.taskLists[0].tasks[0].description, "Design the array");
    assert.equal(p.taskLists[0].tasks[1].weightingBps, 4_000);
    assert.equal(p.due, false);

    await advance(DAY + 1n);
    assert.equal((await project()).due, true);
    await act(EVE, "advanceProject", { projectId: "1" });
    p = await project();
    assert.equal(p.state, "active");
    assert.equal(p.winningListId, 0);
    assert.equal(p.taskLists[0].winning, true);
    assert.deepEqual(
      p.tasks.map((t: { status: string }) => t.status),
      ["open", "open"],
    );
    assert.equal(p.tasks[0].requisiteReputation, ((BigInt(p.reputationStaked) * 6_000n + 9_999n) / 10_000n).toString());
  });

  it("DS5, DS6: tasks claimed, submitted and validated; an opposed task goes to a poll", async () => {
    await act(DAVE, "claimTask", { projectId: "1", taskIndex: 0 });
    await act(ALICE, "claimTask", { projectId: "1", taskIndex: 1 });
    let task = await get("/api/v1/distribute/projects/1/tasks/0");
    assert.equal(task.status, "claimed");
    assert.equal(task.claimer, address(DAVE));
    assert.equal(task.deadline !== null, true);
    await act(DAVE, "submitTask", { projectId: "1", taskIndex: 0, evidence: "drawings at ipfs://design" });
    await act(ALICE, "submitTask", { projectId: "1", taskIndex: 1, evidence: "photos of the array" });
    task = await get("/api/v1/distribute/projects/1/tasks/0");
    assert.equal(task.status, "validating");
    assert.equal(task.evidence, "drawings at ipfs://design");
    await act(EVE, "validateTask", { projectId: "1", taskIndex: 0, approve: true, tokens: (5n * E18).toString() });
    await act(EVE, "validateTask", { projectId: "1", taskIndex: 1, approve: true, tokens: (5n * E18).toString() });
    await act(BOB, "validateTask", { projectId: "1", taskIndex: 1, approve: false, tokens: (3n * E18).toString() });
    task = await get("/api/v1/distribute/projects/1/tasks/1");
    assert.deepEqual(
      [task.approvals.length, task.rejections.length, task.rejections[0].validator, task.rejections[0].slot],
      [1, 1, address(BOB), 0],
    );
    const claims = (await get(`/api/v1/distribute/accounts/${address(DAVE)}`)).claims;
    assert.deepEqual(
      claims.map((c: { taskIndex: number; status: string }) => [c.taskIndex, c.status]),
      [[0, "validating"]],
    );

    await advance(6n * HOUR + 1n);
    await act(EVE, "advanceTasks", { projectId: "1" });
    const tasks = (await project()).tasks;
    assert.deepEqual(
      tasks.map((t: { status: string }) => t.status),
      ["validated", "voting"],
    );
    assert.equal(tasks[1].pollId, "1");
    const open = await get("/api/v1/distribute/polls?phase=commit");
    assert.equal(open.polls.length, 1);
    assert.deepEqual([open.polls[0].projectId, open.polls[0].taskIndex], ["1", 1]);
  });

  it("DS7, DS8: a commit-reveal vote approves the task; the project completes; stakes and deposits come back", async () => {
    await act(CAROL, "depositVotes", { tokens: (50n * E18).toString(), reputation: (20n * E18).toString() });
    await act(DAVE, "depositVotes", { tokens: "0", reputation: (30n * E18).toString() });
    const carolSalt: Hex = `0x${"11".repeat(32)}`;
    const daveSalt: Hex = `0x${"22".repeat(32)}`;
    // Carol lets the API compute her secret; Dave computes his own, as the web app does.
    await act(CAROL, "commitVote", {
      pollId: "1",
      tokens: (50n * E18).toString(),
      reputation: (20n * E18).toString(),
      voter: address(CAROL),
      approve: true,
      salt: carolSalt,
    });
    const daveSecret = keccak256(
      encodeAbiParameters(
        [{ type: "uint256" }, { type: "address" }, { type: "bool" }, { type: "bytes32" }],
        [1n, address(DAVE), false, daveSalt],
      ),
    );
    await act(DAVE, "commitVotes", {
      votes: [{ pollId: "1", tokens: "0", reputation: (30n * E18).toString(), secret: daveSecret }],
    });
    let poll = await get("/api/v1/distribute/polls/1");
    assert.deepEqual([poll.phase, poll.commitCount, poll.approved], ["commit", 2, null]);
    const carol = await get(`/api/v1/distribute/accounts/${address(CAROL)}`);
    assert.equal(carol.voting.lockedTokens, (50n * E18).toString());
    assert.equal(carol.voting.withdrawableTokens, "0");
    assert.deepEqual(carol.voting.openPollIds, ["1"]);
    assert.equal(carol.openPolls[0].lock.status, "committed");

    await advance(6n * HOUR + 1n);
    assert.equal((await get("/api/v1/distribute/polls/1")).phase, "reveal");
    await act(CAROL, "revealVotes", { votes: [{ pollId: "1", approve: true, salt: carolSalt }] });
    await act(DAVE, "revealVote", { pollId: "1", approve: false, salt: daveSalt });
    poll = await get("/api/v1/distribute/polls/1");
    assert.deepEqual(poll.approvals, { tokens: (50n * E18).toString(), reputation: (20n * E18).toString() });
    assert.deepEqual(poll.rejections, { tokens: "0", reputation: (30n * E18).toString() });
    assert.equal(poll.revealCount, 2);
    assert.deepEqual(
      poll.voters.map((v: { voter: string; approve: boolean }) => [v.voter, v.approve]).sort(),
      [
        [address(CAROL), true],
        [address(DAVE), false],
      ].sort(),
    );

    await advance(6n * HOUR + 1n);
    poll = await get("/api/v1/distribute/polls/1");
    // Tokens: all for (share 1); reputation: 20 for against 30 (0.4 vs 0.6); 1.4 > 0.6.
    assert.deepEqual([poll.phase, poll.approved], ["ended", true]);
    await act(EVE, "advanceTasks", { projectId: "1" });
    let p = await project();
    assert.equal(p.state, "complete");
    assert.equal(p.completedBps, 10_000);
    assert.equal(p.paidWei, E18.toString());
    const contested = p.tasks[1];
    assert.equal(contested.status, "validated");
    assert.equal(contested.rejections[0].forfeited, true);
    assert.equal(contested.approvals[0].rewardTokens, (3n * E18).toString());

    await act(BOB, "withdrawStake", { projectId: "1" });
    await act(CAROL, "withdrawStake", { projectId: "1" });
    p = await project();
    for (const staker of p.stakers) {
      assert.equal(staker.withdrawn, true);
      assert.ok(BigInt(staker.rewardWei) > 0n, "a share of the stakers' reward");
    }
    await act(CAROL, "withdrawVotes", { voter: address(CAROL), tokens: (10n * E18).toString(), reputation: "0" });
    await act(DAVE, "releasePoll", { pollId: "1" });
    const carolAfter = await get(`/api/v1/distribute/accounts/${address(CAROL)}`);
    assert.equal(carolAfter.voting.depositedTokens, (40n * E18).toString());
    assert.deepEqual(carolAfter.voting.openPollIds, []);
    assert.equal(carolAfter.stakes[0].projectState, "complete");
    const dave = await get(`/api/v1/distribute/accounts/${address(DAVE)}`);
    assert.equal(dave.voting.locks[0].status, "released");

    const history = await get("/api/v1/distribute/projects/1/history?limit=500");
    const kinds = history.events.map((e: { kind: string }) => e.kind);
    assert.equal(kinds[0], "projectProposed");
    for (const kind of [
      "projectStaked",
      "projectActivated",
      "taskVoteStarted",
      "validatorsForfeited",
      "projectCompleted",
    ]) {
      assert.ok(kinds.includes(kind), kind);
    }
    assert.equal(kinds.at(-1), "stakeWithdrawn");
  });

  it("DS1-DS8: bad input is a 400 naming the field, an unknown id a 404", async () => {
    const fieldOf = (answer: ApiAnswer) => [answer.status, answer.body.error?.field];
    assert.deepEqual(fieldOf(await api.get("/api/v1/distribute/capital/quote")), [400, "querystring.buyTokens"]);
    assert.deepEqual(fieldOf(await api.get("/api/v1/distribute/capital/quote?buyTokens=1&sellTokens=1")), [
      400,
      "querystring.buyTokens",
    ]);
    assert.deepEqual(fieldOf(await api.get("/api/v1/distribute/capital/quote?buyTokens=-1")), [
      400,
      "querystring.buyTokens",
    ]);
    assert.deepEqual(fieldOf(await api.get("/api/v1/distribute/projects?state=lost")), [400, "querystring.state"]);
    assert.deepEqual(fieldOf(await api.get("/api/v1/distribute/accounts/0x1234")), [400, "params.address"]);
    assert.deepEqual(
      fieldOf(
        await api.post("/api/v1/actions/proposeTaskList", {
          projectId: "1",
          tasks: [{ description: "half", weightingBps: 5_000, durationSeconds: 60 }],
        }),
      ),
      [400, "body.tasks"],
    );
    assert.deepEqual(
      fieldOf(
        await api.post("/api/v1/actions/proposeTaskList", {
          projectId: "1",
          tasks: [{ weightingBps: 10_000, durationSeconds: 60 }],
        }),
      ),
      [400, "body.tasks.0.description"],
    );
    assert.deepEqual(
      fieldOf(
        await api.post("/api/v1/actions/commitVote", { pollId: "1", tokens: "1", reputation: "0", approve: true }),
      ),
      [400, "body.voter"],
    );
    assert.deepEqual(fieldOf(await api.post("/api/v1/actions/propose", { costWei: "1" })), [
      400,
      "body.stakingDeadline",
    ]);
    assert.deepEqual(
      fieldOf(
        await api.post("/api/v1/actions/validateTask", { projectId: "1", taskIndex: 0, approve: "yes", tokens: "1" }),
      ),
      [400, "body.approve"],
    );
    assert.deepEqual(fieldOf(await api.post("/api/v1/actions/buyCapital", { tokens: "0", maxCostWei: "1" })), [
      400,
      "body.tokens",
    ]);
    for (const path of [
      "/api/v1/distribute/projects/99",
      "/api/v1/distribute/projects/1/tasks/7",
      "/api/v1/distribute/projects/99/history",
      "/api/v1/distribute/polls/99",
    ]) {
      const answer = await api.get(path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.error.code, "not_found");
    }
    const openapi = await get("/api/v1/openapi.json");
    assert.ok(openapi.paths["/api/v1/distribute/projects/{projectId}"]?.get.tags.includes("distribute"));
    assert.ok(openapi.paths["/api/v1/actions/commitVotes"]);
  });

  it("DS1-DS8: a deployment without the Distribute Protocol answers 503 not_available", async () => {
    const ctx = {
      metrics: new Registry(),
      webRoot: null,
      devSigner: null,
      deployment: { ...node.deployment, distribute: null },
    } as unknown as ApiContext;
    const app = await buildApp(ctx, pino({ level: "silent" }));
    try {
      for (const [method, url, payload] of [
        ["GET", "/api/v1/distribute", undefined],
        ["GET", "/api/v1/distribute/projects", undefined],
        ["GET", "/api/v1/distribute/projects/1", undefined],
        ["GET", `/api/v1/distribute/accounts/${address(ALICE)}`, undefined],
        ["GET", "/api/v1/distribute/polls/1", undefined],
        ["POST", "/api/v1/actions/releasePoll", { pollId: "1" }],
      ] as const) {
        const answer = await app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
        assert.equal(answer.statusCode, 503, url);
        assert.equal(answer.json().error.code, "not_available");
      }
    } finally {
      await app.close();
    }
  });
});
