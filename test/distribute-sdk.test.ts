// The Distribute Protocol through the SDK on a real node: one full lifecycle per outcome (DS8) — complete, failed at
// staking, failed by validation and vote (commit and reveal by several voters, two polls in one transaction each),
// expired — checking after each step that every capital token and unit of reputation is held by a person or by the
// protocol's contracts, and that no Solar Token enters or leaves the community and its pool. The keeper is off:
// every transition is called here.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EMBEDDED_DISTRIBUTE_PERIODS as PERIODS } from "../node/seed/deployEmbedded.ts";
import { DistributeVotingAbi } from "../sdk/abi/DistributeVoting.ts";
import { SolarTokenAbi } from "../sdk/abi/SolarToken.ts";
import { advanceProject } from "../sdk/actions/distribute/advanceProject.ts";
import { advanceTasks } from "../sdk/actions/distribute/advanceTasks.ts";
import { backTaskList } from "../sdk/actions/distribute/backTaskList.ts";
import { buyCapital } from "../sdk/actions/distribute/buyCapital.ts";
import { claimTask } from "../sdk/actions/distribute/claimTask.ts";
import { commitVotes } from "../sdk/actions/distribute/commitVotes.ts";
import { depositVotes } from "../sdk/actions/distribute/depositVotes.ts";
import { getDistributeAccount } from "../sdk/actions/distribute/getDistributeAccount.ts";
import { getPoll } from "../sdk/actions/distribute/getPoll.ts";
import { getProject } from "../sdk/actions/distribute/getProject.ts";
import { getTask } from "../sdk/actions/distribute/getTask.ts";
import { getVoter } from "../sdk/actions/distribute/getVoter.ts";
import { propose } from "../sdk/actions/distribute/propose.ts";
import { proposeTaskList } from "../sdk/actions/distribute/proposeTaskList.ts";
import { quoteCapital } from "../sdk/actions/distribute/quoteCapital.ts";
import { registerReputation } from "../sdk/actions/distribute/registerReputation.ts";
import { revealVotes } from "../sdk/actions/distribute/revealVotes.ts";
import { sellCapital } from "../sdk/actions/distribute/sellCapital.ts";
import { stakeReputation } from "../sdk/actions/distribute/stakeReputation.ts";
import { stakeTokens } from "../sdk/actions/distribute/stakeTokens.ts";
import { submitTask } from "../sdk/actions/distribute/submitTask.ts";
import { unstakeReputation } from "../sdk/actions/distribute/unstakeReputation.ts";
import { validateTask } from "../sdk/actions/distribute/validateTask.ts";
import { withdrawStake } from "../sdk/actions/distribute/withdrawStake.ts";
import { withdrawVotes } from "../sdk/actions/distribute/withdrawVotes.ts";
import { voteSecret } from "../sdk/distribute/protocol.ts";
import { ContractRevertError } from "../sdk/errors.ts";
import { parseSolar } from "../sdk/format.ts";
import { checkLedger, type DistributeNode, startDistributeNode } from "./support/distributeNode.ts";

const E18 = 10n ** 18n;
const DAY = 86_400n;
const EVERYONE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
// Token holders and reputation holders among the development accounts; 0 is the registrar.
const ALICE = 1;
const BOB = 2;
const W1 = 3;
const W2 = 4;
const W3 = 5;
const CAROL = 6;
const DAVE = 7;
const ERIN = 8;

describe("Distribute Protocol through the SDK", () => {
  let f: DistributeNode;
  let solarWei: bigint;
  const ledger = async () => {
    const l = await checkLedger(f, EVERYONE);
    assert.equal(l.solarWei, solarWei, "no Solar Token entered or left the community and its pool");
    return l;
  };
  const tokensOf = async (i: number) => (await ledger()).tokens[i] as bigint;
  const reputationOf = async (i: number) => (await ledger()).reputation[i] as bigint;
  const stakedProject = async () => {
    const { poolWei } = await ledger();
    const proposed = await propose(f.wallet(ALICE), {
      distribute: f.distribute,
      costWei: poolWei / 10n,
      stakingDeadline: (await f.now()) + 7n * DAY,
    });
    const aliceTokens = (proposed.tokenBar * 6n) / 10n;
    await stakeTokens(f.wallet(ALICE), {
      distribute: f.distribute,
      projectId: proposed.projectId,
      tokens: aliceTokens,
    });
    await stakeTokens(f.wallet(BOB), {
      distribute: f.distribute,
      projectId: proposed.projectId,
      tokens: proposed.tokenBar,
    });
    await stakeReputation(f.wallet(W1), {
      distribute: f.distribute,
      projectId: proposed.projectId,
      reputation: (proposed.reputationBar * 2n) / 3n,
    });
    const last = await stakeReputation(f.wallet(W2), {
      distribute: f.distribute,
      projectId: proposed.projectId,
      reputation: proposed.reputationBar,
    });
    assert.equal(last.projectStaked, true, "DS4: both bars met");
    return proposed;
  };

  before(async () => {
    f = await startDistributeNode({ keeperIntervalMs: 0 }, "drex-distribute-sdk-");
    solarWei = (await checkLedger(f, EVERYONE)).solarWei;
  });
  after(async () => {
    await f?.close();
  });

  it("DS1: capital tokens are bought at the quoted price and sold back for a share of the pool", async () => {
    const quote = await quoteCapital(f.publicClient, { distribute: f.distribute, tokens: 600n * E18 });
    assert.equal(quote.buyCostWei, parseSolar("12"), "DS1: the whole market at the launch price pays double");
    const alice = await buyCapital(f.wallet(ALICE), { distribute: f.distribute, tokens: 600n * E18 });
    assert.equal(alice.costWei, parseSolar("12"));
    assert.equal(alice.maxCostWei, parseSolar("12.12"), "1% slippage allowed by default");
    const bob = await buyCapital(f.wallet(BOB), { distribute: f.distribute, tokens: 400n * E18 });
    assert.equal(bob.costWei, parseSolar("11.2"), "DS1: the README's worked example");
    for (const i of [CAROL, DAVE, ERIN]) {
      await buyCapital(f.wallet(i), { distribute: f.distribute, tokens: 50n * E18 });
    }
    const before = await ledger();
    const sold = await sellCapital(f.wallet(ERIN), { distribute: f.distribute, tokens: 10n * E18 });
    assert.equal(sold.refundWei, (10n * E18 * before.poolWei) / before.tokenSupply, "DS1: a proportional share");
    assert.equal((await ledger()).poolWei, before.poolWei - sold.refundWei);
  });

  it("DS2: the registrar attests identities; each account gets its first reputation once", async () => {
    for (const i of [W1, W2, W3, ALICE]) {
      const r = await registerReputation(f.wallet(0), {
        distribute: f.distribute,
        account: f.address(i),
        identity: `did:example:${i}`,
      });
      assert.equal(r.initialReputation, 100n * E18);
    }
    await assert.rejects(
      registerReputation(f.wallet(0), {
        distribute: f.distribute,
        account: f.address(CAROL),
        identity: "did:example:3",
      }),
      (error: unknown) => error instanceof ContractRevertError && error.errorName === "IdentityAlreadyRegistered",
    );
    const w1 = await getDistributeAccount(f.publicClient, { distribute: f.distribute, account: f.address(W1) });
    assert.equal(w1.registered, true);
    assert.equal(w1.reputation, 100n * E18);
    await ledger();
  });

  it("DS3, DS4, DS5, DS6, DS8: a project is staked, planned, worked, validated and completes", async () => {
    const poolBefore = (await ledger()).poolWei;
    const aliceSolarBefore = await f.publicClient.readContract({
      address: f.solar,
      abi: SolarTokenAbi,
      functionName: "balanceOf",
      args: [f.address(ALICE)],
    });
    const proposed = await stakedProject();
    const id = proposed.projectId;
    const costWei = poolBefore / 10n;
    let project = await getProject(f.publicClient, { distribute: f.distribute, projectId: id, staker: f.address(W1) });
    assert.equal(project.state, "Staked");
    assert.equal(project.stake?.reputation, (proposed.reputationBar * 2n) / 3n);
    assert.equal(
      (await ledger()).poolWei,
      poolBefore - costWei - 2n * (costWei / 100n),
      "DS4: cost and rewards reserved",
    );
    const aliceSolar = await f.publicClient.readContract({
      address: f.solar,
      abi: SolarTokenAbi,
      functionName: "balanceOf",
      args: [f.address(ALICE)],
    });
    assert.equal(aliceSolar - aliceSolarBefore, costWei / 100n, "DS4: the proposer earns 1% of the cost");

    const list = await proposeTaskList(f.wallet(BOB), {
      distribute: f.distribute,
      projectId: id,
      tasks: [
        { description: "Survey the roofs", weightingBps: 5_000, durationSeconds: Number(DAY) },
        { description: "Install the panels", weightingBps: 5_000, durationSeconds: Number(DAY) },
      ],
    });
    for (const i of [ALICE, BOB, W1, W2]) {
      await backTaskList(f.wallet(i), { distribute: f.distribute, projectId: id, listId: list.listId });
    }
    await ledger();
    await f.advanceTime(BigInt(PERIODS.taskListSeconds) + 1n);
    const advanced = await advanceProject(f.wallet(CAROL), { distribute: f.distribute, projectId: id });
    assert.equal(advanced.state, "Active", "DS5: the backed list wins");

    const w1Before = await reputationOf(W1);
    const claim = await claimTask(f.wallet(W1), { distribute: f.distribute, projectId: id, taskIndex: 0n });
    assert.equal(claim.reputationPosted, (proposed.reputationBar + 1n) / 2n, "DS5: staked reputation × weighting");
    await submitTask(f.wallet(W1), { distribute: f.distribute, projectId: id, taskIndex: 0n, evidence: "photos" });
    await claimTask(f.wallet(W3), { distribute: f.distribute, projectId: id, taskIndex: 1n });
    await submitTask(f.wallet(W3), { distribute: f.distribute, projectId: id, taskIndex: 1n, evidence: "invoice" });
    for (const taskIndex of [0n, 1n]) {
      const v = await validateTask(f.wallet(CAROL), {
        distribute: f.distribute,
        projectId: id,
        taskIndex,
        approve: true,
        tokens: E18,
      });
      assert.equal(v.slot, 0n);
    }
    await ledger();
    await f.advanceTime(BigInt(PERIODS.validationSeconds) + 1n);
    const settled = await advanceTasks(f.wallet(DAVE), { distribute: f.distribute, projectId: id });
    assert.deepEqual(
      settled.resolved.map((r) => r.validated),
      [true, true],
      "DS6: unopposed validations stand",
    );
    project = await getProject(f.publicClient, { distribute: f.distribute, projectId: id });
    assert.equal(project.state, "Complete", "DS8: every task validated");
    assert.equal(await reputationOf(W1), w1Before + claim.reputationPosted, "DS5: twice the posted reputation back");
    const task = await getTask(f.publicClient, { distribute: f.distribute, projectId: id, taskIndex: 0n });
    assert.equal(task.status, "Validated");

    let rewards = 0n;
    for (const i of [ALICE, BOB, W1, W2]) {
      const w = await withdrawStake(f.wallet(i), { distribute: f.distribute, projectId: id });
      rewards += w.rewardWei;
    }
    assert.ok(rewards > 0n && rewards <= costWei / 100n, "DS8: stakers share the 1% reward");
    const l = await ledger();
    assert.equal(l.protocolReputation, 0n, "every stake and claim is back with its owner");
  });

  it("DS4: task lists without a clear majority fail the project and burn every stake", async () => {
    const proposed = await stakedProject();
    const id = proposed.projectId;
    const lists: bigint[] = [];
    for (const [i, n] of [
      [ALICE, 1],
      [BOB, 2],
      [W1, 4],
    ] as const) {
      const tasks = Array.from({ length: n }, (_, k) => ({
        description: `task ${k} of ${n}`,
        weightingBps: 10_000 / n,
        durationSeconds: Number(DAY),
      }));
      lists.push((await proposeTaskList(f.wallet(i), { distribute: f.distribute, projectId: id, tasks })).listId);
    }
    // Alice's 60% of the tokens weighs 30%; Bob's 40% plus W2's third of the reputation 36.7%; W1 33.3%.
    await backTaskList(f.wallet(ALICE), { distribute: f.distribute, projectId: id, listId: lists[0] as bigint });
    await backTaskList(f.wallet(BOB), { distribute: f.distribute, projectId: id, listId: lists[1] as bigint });
    await backTaskList(f.wallet(W2), { distribute: f.distribute, projectId: id, listId: lists[1] as bigint });
    await backTaskList(f.wallet(W1), { distribute: f.distribute, projectId: id, listId: lists[2] as bigint });
    const before = await ledger();
    await f.advanceTime(BigInt(PERIODS.taskListSeconds) + 1n);
    const advanced = await advanceProject(f.wallet(CAROL), { distribute: f.distribute, projectId: id });
    assert.equal(advanced.state, "Failed", "DS4: no list backed by more than half");
    const after = await ledger();
    assert.equal(after.tokenSupply, before.tokenSupply - proposed.tokenBar, "DS4: staked tokens burned");
    assert.equal(after.reputationSupply, before.reputationSupply - proposed.reputationBar, "and staked reputation");
    assert.equal(after.protocolTokens, before.protocolTokens - proposed.tokenBar);
    await assert.rejects(
      withdrawStake(f.wallet(ALICE), { distribute: f.distribute, projectId: id }),
      (error: unknown) => error instanceof ContractRevertError && error.errorName === "StakeForfeited",
    );
  });

  it("DS6, DS7, DS8: contested tasks go to commit-reveal votes; one rejected leaves too little validated", async () => {
    const proposed = await stakedProject();
    const id = proposed.projectId;
    const list = await proposeTaskList(f.wallet(ALICE), {
      distribute: f.distribute,
      projectId: id,
      tasks: [
        { description: "Wire the feeder", weightingBps: 6_000, durationSeconds: Number(DAY) },
        { description: "Meter the homes", weightingBps: 4_000, durationSeconds: Number(DAY) },
      ],
    });
    for (const i of [ALICE, BOB, W1, W2]) {
      await backTaskList(f.wallet(i), { distribute: f.distribute, projectId: id, listId: list.listId });
    }
    await f.advanceTime(BigInt(PERIODS.taskListSeconds) + 1n);
    await advanceProject(f.wallet(CAROL), { distribute: f.distribute, projectId: id });
    for (const [i, taskIndex] of [
      [W1, 0n],
      [W3, 1n],
    ] as const) {
      await claimTask(f.wallet(i), { distribute: f.distribute, projectId: id, taskIndex });
      await submitTask(f.wallet(i), { distribute: f.distribute, projectId: id, taskIndex, evidence: "done" });
    }
    // Both tasks contested: Carol and Dave approve, Erin rejects.
    const validations = [
      [CAROL, 0n, true, 10n],
      [DAVE, 0n, true, 5n],
      [ERIN, 0n, false, 20n],
      [CAROL, 1n, true, 4n],
      [ERIN, 1n, false, 2n],
    ] as const;
    for (const [i, taskIndex, approve, tokens] of validations) {
      await validateTask(f.wallet(i), {
        distribute: f.distribute,
        projectId: id,
        taskIndex,
        approve,
        tokens: tokens * E18,
      });
    }
    const erinBefore = await tokensOf(ERIN);
    const carolBefore = await tokensOf(CAROL);
    await f.advanceTime(BigInt(PERIODS.validationSeconds) + 1n);
    const started = await advanceTasks(f.wallet(DAVE), { distribute: f.distribute, projectId: id });
    assert.equal(started.votesStarted.length, 2, "DS7: opposed validators send both tasks to a vote");
    const [poll0, poll1] = started.votesStarted.map((v) => v.pollId) as [bigint, bigint];

    // DS7: three voters, each committing to both polls in one transaction and revealing both in one.
    // Alice: 100 tokens rejecting task 0, approving task 1; W2 and W3 with reputation, W3 approving both.
    const ballots = [
      { voter: ALICE, tokens: 100n * E18, reputation: 0n, choices: [false, true] },
      { voter: W2, tokens: 0n, reputation: 30n * E18, choices: [false, true] },
      { voter: W3, tokens: 0n, reputation: 50n * E18, choices: [true, true] },
    ];
    const salts = new Map<number, Awaited<ReturnType<typeof commitVotes>>["votes"]>();
    for (const b of ballots) {
      await depositVotes(f.wallet(b.voter), { distribute: f.distribute, tokens: b.tokens, reputation: b.reputation });
      const committed = await commitVotes(f.wallet(b.voter), {
        distribute: f.distribute,
        votes: [poll0, poll1].map((pollId, k) => ({
          pollId,
          approve: b.choices[k] as boolean,
          tokens: b.tokens,
          reputation: b.reputation,
        })),
      });
      for (const v of committed.votes) {
        assert.equal(v.secret, voteSecret(v.pollId, f.address(b.voter), v.approve, v.salt), "secret as voteSecret");
      }
      const onChain = await f.publicClient.readContract({
        address: f.distribute.voting,
        abi: DistributeVotingAbi,
        functionName: "voteSecret",
        args: [poll0, f.address(b.voter), b.choices[0] as boolean, committed.votes[0]?.salt ?? "0x"],
      });
      assert.equal(committed.votes[0]?.secret, onChain, "DS7: the SDK's secret is the contract's");
      salts.set(b.voter, committed.votes);
    }
    await ledger();
    await f.advanceTime(BigInt(PERIODS.commitSeconds) + 1n);
    for (const b of ballots) {
      const revealed = await revealVotes(f.wallet(b.voter), {
        distribute: f.distribute,
        votes: (salts.get(b.voter) ?? []).map(({ pollId, approve, salt }) => ({ pollId, approve, salt })),
      });
      assert.equal(revealed.revealed.length, 2, "both polls revealed in one transaction");
    }
    await f.advanceTime(BigInt(PERIODS.revealSeconds) + 1n);
    const p0 = await getPoll(f.publicClient, { distribute: f.distribute, pollId: poll0 });
    const p1 = await getPoll(f.publicClient, { distribute: f.distribute, pollId: poll1 });
    assert.equal(p0.ended && !p0.approved, true, "DS7: all the tokens and 3/8 of the reputation reject task 0");
    assert.equal(p1.ended && p1.approved, true, "DS7: everyone approves task 1");
    const settled = await advanceTasks(f.wallet(DAVE), { distribute: f.distribute, projectId: id });
    assert.deepEqual(
      settled.resolved.map((r) => [r.taskIndex, r.validated]),
      [
        [0n, false],
        [1n, true],
      ],
    );
    const project = await getProject(f.publicClient, { distribute: f.distribute, projectId: id });
    assert.equal(project.state, "Failed", "DS8: 40% validated is not enough");
    assert.equal(
      await tokensOf(ERIN),
      erinBefore + 20n * E18 + 15n * E18,
      "DS7: right on task 0 (stake back and the wrong side's), wrong on 1",
    );
    assert.equal(await tokensOf(CAROL), carolBefore + 4n * E18 + 2n * E18, "wrong on task 0, right on task 1");

    for (const b of ballots) {
      const voter = await getVoter(f.publicClient, { distribute: f.distribute, voter: f.address(b.voter) });
      assert.equal(voter.unlockedTokens, b.tokens, "DS7: the ended polls hold nothing");
      const w = await withdrawVotes(f.wallet(b.voter), { distribute: f.distribute });
      assert.deepEqual([w.tokens, w.reputation], [b.tokens, b.reputation], "DS7: voters get their deposits back");
    }
    const l = await ledger();
    assert.equal(l.protocolTokens, 0n, "nothing left in the protocol's contracts");
  });

  it("DS3, DS8: a project one bar short at its deadline expires: stakes back, collateral burned", async () => {
    const { poolWei } = await ledger();
    const proposed = await propose(f.wallet(W3), {
      distribute: f.distribute,
      costWei: poolWei / 10n,
      stakingDeadline: (await f.now()) + 7n * DAY,
      collateralInReputation: true,
    });
    const id = proposed.projectId;
    await stakeTokens(f.wallet(ALICE), { distribute: f.distribute, projectId: id, tokens: proposed.tokenBar });
    await stakeReputation(f.wallet(W1), { distribute: f.distribute, projectId: id, reputation: 10n * E18 });
    await unstakeReputation(f.wallet(W1), { distribute: f.distribute, projectId: id, reputation: 4n * E18 });
    const before = await ledger();
    await assert.rejects(
      advanceProject(f.wallet(ERIN), { distribute: f.distribute, projectId: id }),
      (error: unknown) => error instanceof ContractRevertError && error.errorName === "NothingDue",
    );
    await f.advanceTime(7n * DAY + 1n);
    const advanced = await advanceProject(f.wallet(ERIN), { distribute: f.distribute, projectId: id });
    assert.equal(advanced.state, "Expired", "DS3: expired");
    const expired = await ledger();
    assert.equal(expired.reputationSupply, before.reputationSupply - proposed.collateral, "DS3: collateral burned");
    await withdrawStake(f.wallet(ALICE), { distribute: f.distribute, projectId: id });
    const w1 = await withdrawStake(f.wallet(W1), { distribute: f.distribute, projectId: id });
    assert.equal(w1.reputation, 6n * E18, "DS3: stakes returned");
    const l = await ledger();
    assert.equal(l.tokens[ALICE], (before.tokens[ALICE] ?? 0n) + proposed.tokenBar, "alice's tokens back");
  });
});
