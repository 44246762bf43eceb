// Full-transaction gas of the Distribute Protocol's hot paths (DS3, DS5, DS7) and of a whole 10-task project (DS8),
// measured on the in-process chain as receipts report it, as bench/gas.ts does for the marketplace.
//
// Each budgeted figure is what a second user pays: the project, poll or task already exists and the contracts already
// hold balances (someone else staked, claimed or voted first), while the user's own record (stake, claim, lock) is
// new. Each scenario runs on a fresh chain with the same community, so one measurement cannot warm another.
import { network } from "hardhat";
import { type Address, type Hash, keccak256, maxUint256, parseEther, toHex } from "viem";
import { deployDistribute } from "../sdk/distribute/deployDistribute.ts";

/** Budgets from the project's requirements: each figure must be at or below its budget. */
export const DISTRIBUTE_GAS_BUDGETS: Record<string, number> = {
  "gas.stake": 90_000,
  "gas.stakeReputation": 90_000,
  "gas.claimTask": 100_000,
  "gas.commitVote": 80_000,
  "gas.revealVote": 60_000,
};

// The periods and amounts of contracts/test/distribute/DistributeFixture.sol, so both measurements compare.
const FLOOR_PRICE_WEI_PER_TOKEN = 10n ** 16n;
const INITIAL_REPUTATION = parseEther("100");
const TASK_LIST_SECONDS = 3 * 86_400;
const ACTIVE_SECONDS = 30 * 86_400;
const VALIDATION_SECONDS = 2 * 86_400;
const COMMIT_SECONDS = 2 * 86_400;
const REVEAL_SECONDS = 2 * 86_400;
const TASK_SECONDS = 5 * 86_400;
/** 10% of the community's pool of 23.2 SOLAR: bars of 100 tokens and 30 reputation. */
const COST_WEI = parseEther("2.32");

/** `count` tasks of equal weighting (the first takes the remainder), each allowed TASK_SECONDS. */
function equalTasks(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    descriptionHash: keccak256(toHex(`task ${i}`)),
    weightingBps: Math.floor(10_000 / count) + (i === 0 ? 10_000 % count : 0),
    durationSeconds: TASK_SECONDS,
  }));
}

/**
 * A fresh chain with the protocol deployed by `deployDistribute` (the Solar Token as the pool currency, the deployer
 * as admin and registrar, the periods of the Solidity tests), and the Solidity tests' community: alice 600 and bob 400
 * capital tokens (pool 23.2 SOLAR), carol 50, each with standing approvals; w1, w2, w3 registered with 100 reputation
 * each.
 */
async function community() {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [deployer, alice, bob, carol, erin, w1, w2, w3] = await viem.getWalletClients();
  if (!deployer || !alice || !bob || !carol || !erin || !w1 || !w2 || !w3) throw new Error("too few accounts");
  const admin = deployer.account.address;

  const currency = await viem.deployContract("SolarToken", [10n ** 36n, admin]);
  const addresses = await deployDistribute(deployer, {
    currency: currency.address,
    floorPriceWeiPerToken: FLOOR_PRICE_WEI_PER_TOKEN,
    initialReputation: INITIAL_REPUTATION,
    registrar: admin,
    periods: {
      taskListSeconds: TASK_LIST_SECONDS,
      activeSeconds: ACTIVE_SECONDS,
      validationSeconds: VALIDATION_SECONDS,
      commitSeconds: COMMIT_SECONDS,
      revealSeconds: REVEAL_SECONDS,
    },
  });
  const capital = await viem.getContractAt("CapitalToken", addresses.capitalToken);
  const reputation = await viem.getContractAt("Reputation", addresses.reputation);
  const voting = await viem.getContractAt("DistributeVoting", addresses.voting);
  const projects = await viem.getContractAt("DistributeProjects", addresses.projects);
  const tasks = await viem.getContractAt("DistributeTasks", addresses.tasks);

  for (const [holder, tokens] of [
    [alice, parseEther("600")],
    [bob, parseEther("400")],
    [carol, parseEther("50")],
  ] as const) {
    const account = holder.account;
    await currency.write.mint([account.address, parseEther("1000")]);
    await currency.write.approve([capital.address, maxUint256], { account });
    for (const spender of [projects.address, tasks.address, voting.address]) {
      await capital.write.approve([spender, maxUint256], { account });
    }
    await capital.write.buy([tokens, maxUint256], { account });
  }
  for (const worker of [w1, w2, w3]) {
    await reputation.write.register([worker.account.address, keccak256(worker.account.address)]);
  }

  /** Sends a transaction and returns its receipt's gasUsed. */
  const gasOf = async (hash: Promise<Hash>): Promise<number> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return Number(receipt.gasUsed);
  };
  const nextProjectId = async () => (await projects.read.projectCount()) + 1n;
  const stakingDeadline = async () => (await publicClient.getBlock()).timestamp + 7n * 86_400n;
  const later = (seconds: number) => networkHelpers.time.increase(seconds + 1);
  return {
    gasOf,
    nextProjectId,
    stakingDeadline,
    later,
    deployer,
    people: { alice, bob, carol, erin, w1, w2, w3 },
    contracts: { voting, projects, tasks },
  };
}

/**
 * Measures, each on its own fresh chain:
 *  - `gas.stake`: `stakeTokens` by bob on a project alice proposed and staked first; `gas.stakeReputation`: the same
 *    with reputation, w2 after w1;
 *  - `gas.claimTask`: `claimTask` by w3 on an active 10-task project where w1 claimed another task first;
 *  - `gas.commitVote`, `gas.revealVote`: bob's commitment and reveal on a poll where alice committed and revealed
 *    first (both deposited beforehand);
 *  - `gas.lifecycle.10tasks`: every transaction of a 10-task project, proposal to the last stake withdrawn (no
 *    budget; reported).
 */
export async function measureDistributeGas(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};

  {
    const { gasOf, nextProjectId, stakingDeadline, people, contracts } = await community();
    const { alice, bob, w1, w2 } = people;
    const { projects } = contracts;
    const id = await nextProjectId();
    await projects.write.propose([COST_WEI, await stakingDeadline(), false], { account: alice.account });
    await projects.write.stakeTokens([id, parseEther("10")], { account: alice.account });
    figures["gas.stake"] = await gasOf(projects.write.stakeTokens([id, parseEther("40")], { account: bob.account }));
    await projects.write.stakeReputation([id, parseEther("5")], { account: w1.account });
    figures["gas.stakeReputation"] = await gasOf(
      projects.write.stakeReputation([id, parseEther("10")], { account: w2.account }),
    );
  }

  {
    const { gasOf, nextProjectId, stakingDeadline, later, people, contracts } = await community();
    const { alice, bob, w1, w2, w3 } = people;
    const { projects, tasks } = contracts;
    const id = await nextProjectId();
    await projects.write.propose([COST_WEI, await stakingDeadline(), false], { account: alice.account });
    await projects.write.stakeTokens([id, parseEther("60")], { account: alice.account });
    await projects.write.stakeTokens([id, parseEther("40")], { account: bob.account });
    await projects.write.stakeReputation([id, parseEther("20")], { account: w1.account });
    await projects.write.stakeReputation([id, parseEther("10")], { account: w2.account });
    await projects.write.proposeTaskList([id, equalTasks(10)], { account: alice.account });
    for (const staker of [alice, bob, w1, w2]) {
      await projects.write.backTaskList([id, 0n], { account: staker.account });
    }
    await later(TASK_LIST_SECONDS);
    await projects.write.advance([id]);
    await tasks.write.claimTask([id, 0n], { account: w1.account });
    figures["gas.claimTask"] = await gasOf(tasks.write.claimTask([id, 1n], { account: w3.account }));
  }

  {
    const { gasOf, later, deployer, people, contracts } = await community();
    const { alice, bob } = people;
    const { voting } = contracts;
    // A poll of its own: the deployer, as admin, may open one as the tasks contract does for a disputed task.
    await voting.write.grantRole([await voting.read.POLL_CREATOR_ROLE(), deployer.account.address]);
    const pollId = (await voting.read.pollCount()) + 1n;
    await voting.write.startPoll([BigInt(COMMIT_SECONDS), BigInt(REVEAL_SECONDS)]);
    const salt = keccak256(toHex("salt"));
    const tokens = parseEther("100");
    for (const voter of [alice, bob]) await voting.write.deposit([tokens, 0n], { account: voter.account });
    const secretOf = (voter: Address) => voting.read.voteSecret([pollId, voter, true, salt]);
    await voting.write.commitVote([pollId, await secretOf(alice.account.address), tokens, 0n], {
      account: alice.account,
    });
    figures["gas.commitVote"] = await gasOf(
      voting.write.commitVote([pollId, await secretOf(bob.account.address), tokens, 0n], { account: bob.account }),
    );
    await later(COMMIT_SECONDS);
    await voting.write.revealVote([pollId, true, salt], { account: alice.account });
    figures["gas.revealVote"] = await gasOf(voting.write.revealVote([pollId, true, salt], { account: bob.account }));
  }

  {
    const { gasOf, nextProjectId, stakingDeadline, later, people, contracts } = await community();
    const { alice, bob, carol, erin, w1, w2, w3 } = people;
    const { projects, tasks } = contracts;
    let total = 0;
    const add = async (hash: Promise<Hash>) => {
      total += await gasOf(hash);
    };
    const id = await nextProjectId();
    await add(projects.write.propose([COST_WEI, await stakingDeadline(), false], { account: alice.account }));
    await add(projects.write.stakeTokens([id, parseEther("60")], { account: alice.account }));
    await add(projects.write.stakeTokens([id, parseEther("40")], { account: bob.account }));
    await add(projects.write.stakeReputation([id, parseEther("20")], { account: w1.account }));
    await add(projects.write.stakeReputation([id, parseEther("10")], { account: w2.account }));
    await add(projects.write.proposeTaskList([id, equalTasks(10)], { account: bob.account }));
    const stakers = [alice, bob, w1, w2];
    for (const staker of stakers) await add(projects.write.backTaskList([id, 0n], { account: staker.account }));
    await later(TASK_LIST_SECONDS);
    await add(projects.write.advance([id], { account: erin.account }));
    const claimers = [w1, w1, w1, w1, w2, w2, w2, w3, w3, w3];
    for (const [i, claimer] of claimers.entries()) {
      const index = BigInt(i);
      await add(tasks.write.claimTask([id, index], { account: claimer.account }));
      await add(tasks.write.submitTask([id, index, toHex(i + 1, { size: 32 })], { account: claimer.account }));
      await add(tasks.write.validate([id, index, true, parseEther("1")], { account: carol.account }));
    }
    await later(VALIDATION_SECONDS);
    // One call settles all ten tasks and completes the project, as the keeper makes it.
    await add(tasks.write.advanceTasks([id], { account: erin.account }));
    const project = await projects.read.getProject([id]);
    if (project.state !== 4) throw new Error(`the 10-task project ended in state ${project.state}, not Complete`);
    for (const staker of stakers) await add(projects.write.withdrawStake([id], { account: staker.account }));
    figures["gas.lifecycle.10tasks"] = total;
  }
  return figures;
}

if (import.meta.main) {
  const figures = await measureDistributeGas();
  for (const [figure, value] of Object.entries(figures)) {
    const budget = DISTRIBUTE_GAS_BUDGETS[figure];
    const verdict = budget === undefined ? "" : `≤ ${budget}  ${value <= budget ? "ok" : "MISSED"}`;
    console.log(`${figure.padEnd(28)} ${String(value).padStart(8)}  ${verdict}`);
  }
}
