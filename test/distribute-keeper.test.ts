// The node's keeper makes the Distribute Protocol's time-dependent transitions on its own: a project past its staking
// deadline expires, a staked project's task lists are settled when their period ends, and a claim that runs out is
// lost and the task reopened. With nothing due it sends nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DistributeKeeper } from "../node/distribute/keeper.ts";
import { EMBEDDED_DISTRIBUTE_PERIODS as PERIODS } from "../node/seed/deployEmbedded.ts";
import { backTaskList } from "../sdk/actions/distribute/backTaskList.ts";
import { buyCapital } from "../sdk/actions/distribute/buyCapital.ts";
import { claimTask } from "../sdk/actions/distribute/claimTask.ts";
import { getProject } from "../sdk/actions/distribute/getProject.ts";
import { getTask } from "../sdk/actions/distribute/getTask.ts";
import { propose } from "../sdk/actions/distribute/propose.ts";
import { proposeTaskList } from "../sdk/actions/distribute/proposeTaskList.ts";
import { registerReputation } from "../sdk/actions/distribute/registerReputation.ts";
import { stakeReputation } from "../sdk/actions/distribute/stakeReputation.ts";
import { stakeTokens } from "../sdk/actions/distribute/stakeTokens.ts";
import { withdrawStake } from "../sdk/actions/distribute/withdrawStake.ts";
import { checkLedger, type DistributeNode, startDistributeNode } from "./support/distributeNode.ts";

const E18 = 10n ** 18n;
const DAY = 86_400n;
const HOUR = 3_600;
const EVERYONE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
const ALICE = 1;
const BOB = 2;
const W1 = 3;
const W2 = 4;

/** Waits for a condition the keeper brings about, checking every 50 ms; fails after `timeoutMs`. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`the keeper did not bring about: ${what} (last: ${String(value)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("Distribute Protocol keeper", () => {
  let f: DistributeNode;
  const state = (projectId: bigint) => async () =>
    (await getProject(f.publicClient, { distribute: f.distribute, projectId })).state;

  before(async () => {
    f = await startDistributeNode({ keeperIntervalMs: 100 }, "drex-distribute-keeper-");
    await buyCapital(f.wallet(ALICE), { distribute: f.distribute, tokens: 600n * E18 });
    await buyCapital(f.wallet(BOB), { distribute: f.distribute, tokens: 400n * E18 });
    for (const i of [W1, W2]) {
      await registerReputation(f.wallet(0), {
        distribute: f.distribute,
        account: f.address(i),
        identity: `did:k:${i}`,
      });
    }
  });
  after(async () => {
    await f?.close();
  });

  it("DS3, DS8: a project past its staking deadline is expired by the keeper: stakes returned, collateral burned", async () => {
    const { poolWei } = await checkLedger(f, EVERYONE);
    const proposed = await propose(f.wallet(W1), {
      distribute: f.distribute,
      costWei: poolWei / 10n,
      stakingDeadline: (await f.now()) + DAY,
      collateralInReputation: true,
    });
    const id = proposed.projectId;
    await stakeTokens(f.wallet(ALICE), { distribute: f.distribute, projectId: id, tokens: 50n * E18 });
    await stakeReputation(f.wallet(W2), { distribute: f.distribute, projectId: id, reputation: 10n * E18 });
    const before = await checkLedger(f, EVERYONE);
    assert.equal(await state(id)(), "Proposed");

    await f.advanceTime(DAY + 1n);
    await until(state(id), (s) => s === "Expired", `project ${id} expired`);
    const expired = await checkLedger(f, EVERYONE);
    assert.equal(expired.reputationSupply, before.reputationSupply - proposed.collateral, "DS3: collateral burned");
    await withdrawStake(f.wallet(ALICE), { distribute: f.distribute, projectId: id });
    await withdrawStake(f.wallet(W2), { distribute: f.distribute, projectId: id });
    const after = await checkLedger(f, EVERYONE);
    assert.equal(after.tokens[ALICE], (before.tokens[ALICE] ?? 0n) + 50n * E18, "DS3: token stake returned");
    assert.equal(after.reputation[W2], (before.reputation[W2] ?? 0n) + 10n * E18, "DS3: reputation stake returned");
    assert.equal(after.protocolTokens + after.protocolReputation, 0n);
  });

  it("DS4, DS5: the keeper settles the task lists, then reopens a task whose claim ran out", async () => {
    const { poolWei } = await checkLedger(f, EVERYONE);
    const proposed = await propose(f.wallet(ALICE), {
      distribute: f.distribute,
      costWei: poolWei / 10n,
      stakingDeadline: (await f.now()) + 7n * DAY,
    });
    const id = proposed.projectId;
    await stakeTokens(f.wallet(ALICE), { distribute: f.distribute, projectId: id, tokens: proposed.tokenBar });
    await stakeReputation(f.wallet(W1), {
      distribute: f.distribute,
      projectId: id,
      reputation: proposed.reputationBar,
    });
    assert.equal(await state(id)(), "Staked");
    const list = await proposeTaskList(f.wallet(ALICE), {
      distribute: f.distribute,
      projectId: id,
      tasks: [
        { description: "Dig the trench", weightingBps: 7_000, durationSeconds: HOUR },
        { description: "Lay the cable", weightingBps: 3_000, durationSeconds: HOUR },
      ],
    });
    for (const i of [ALICE, W1]) {
      await backTaskList(f.wallet(i), { distribute: f.distribute, projectId: id, listId: list.listId });
    }
    await f.advanceTime(BigInt(PERIODS.taskListSeconds) + 1n);
    await until(state(id), (s) => s === "Active", `project ${id} active`);

    const claim = await claimTask(f.wallet(W2), { distribute: f.distribute, projectId: id, taskIndex: 0n });
    const before = await checkLedger(f, EVERYONE);
    const task = () => getTask(f.publicClient, { distribute: f.distribute, projectId: id, taskIndex: 0n });
    assert.equal((await task()).status, "Claimed");
    await f.advanceTime(BigInt(HOUR) + 1n);
    const reopened = await until(task, (t) => t.status === "Open", "the overdue claim lost and the task reopened");
    assert.equal(reopened.claimer, "0x0000000000000000000000000000000000000000", "DS5: nobody holds the task now");
    const after = await checkLedger(f, EVERYONE);
    assert.equal(
      after.reputationSupply,
      before.reputationSupply - claim.reputationPosted,
      "DS5: the posted reputation lost",
    );
    assert.equal(after.reputation[W2], before.reputation[W2], "the claimer got nothing back");
    assert.equal(await state(id)(), "Active", "the project carries on: the task can be claimed again");
  });

  it("DS3–DS7: with nothing due a keeper round sends nothing and mines no block", async () => {
    const keeper = new DistributeKeeper({
      client: f.publicClient,
      signer: f.wallet(9),
      distribute: f.distribute,
      chainNow: f.now,
      log: { info() {}, warn() {}, debug() {} },
    });
    const blockBefore = await f.publicClient.getBlockNumber();
    assert.deepEqual(await keeper.round(), []);
    assert.deepEqual(await keeper.round(), [], "a second round finds nothing either");
    assert.equal(await f.publicClient.getBlockNumber(), blockBefore, "no empty transactions");
  });
});
