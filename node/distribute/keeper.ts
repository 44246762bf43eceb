// The Distribute Protocol's keeper: every time-dependent transition (DS3 expiry, DS4 task-list settlement, DS5 claims
// running out, DS6 validation ending, DS7 polls ending) happens only when someone calls it, so the node calls them.
// Each round reads the contracts' views, works out at chain time what is due, and sends only those calls: an idle
// node mines nothing. A failed call is logged and tried again next round.
import type { Abi, Hex, PublicClient } from "viem";
import { estimateContractGas, simulateContract, writeContract } from "viem/actions";
import { DistributeProjectsAbi } from "../../sdk/abi/DistributeProjects.ts";
import { DistributeTasksAbi } from "../../sdk/abi/DistributeTasks.ts";
import type { DistributeAddresses } from "../../sdk/distribute/deployDistribute.ts";
import { projectStateName, taskStatusName } from "../../sdk/distribute/protocol.ts";
import { toContractRevertError } from "../../sdk/errors.ts";
import type { DrexWalletClient } from "../../sdk/types.ts";

type KeeperLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
};

export type KeeperParameters = {
  client: PublicClient;
  /** Signs the transitions; pays their gas. */
  signer: DrexWalletClient;
  distribute: DistributeAddresses;
  /** The timestamp the next block will carry (embedded) or the latest block's (external). */
  chainNow: () => Promise<bigint>;
  log: KeeperLog;
};

/** One transition the keeper found due and what became of it. */
export type KeeperCall = {
  functionName: "advance" | "advanceTasks";
  projectId: bigint;
  /** Why it was due, in words for the log. */
  reason: string;
  hash: Hex | null;
  error: string | null;
};

/** States a project never leaves: the keeper stops looking at it. */
const FINISHED = new Set(["Complete", "Failed", "Expired"]);
/** Gas the estimate may be short by when the block's state differs a little from the estimate's. */
const GAS_MARGIN_PERCENT = 20n;

export class DistributeKeeper {
  readonly #p: KeeperParameters;
  readonly #finished = new Set<bigint>();
  #running: Promise<KeeperCall[]> | null = null;

  constructor(parameters: KeeperParameters) {
    this.#p = parameters;
  }

  /** One round; a round asked for while one runs joins it rather than sending the same calls twice. */
  round(): Promise<KeeperCall[]> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #round(): Promise<KeeperCall[]> {
    const { client, distribute } = this.#p;
    const now = await this.#p.chainNow();
    const count = await client.readContract({
      address: distribute.projects,
      abi: DistributeProjectsAbi,
      functionName: "projectCount",
    });
    const calls: KeeperCall[] = [];
    for (let projectId = 1n; projectId <= count; projectId++) {
      if (this.#finished.has(projectId)) continue;
      const due = await this.#dueFor(projectId, now);
      if (due) calls.push(await this.#send(due.functionName, projectId, due.reason));
    }
    return calls;
  }

  /** The call due for a project at `now`, if any, from its state and deadlines (and its tasks' while Active). */
  async #dueFor(
    projectId: bigint,
    now: bigint,
  ): Promise<{ functionName: KeeperCall["functionName"]; reason: string } | null> {
    const { client, distribute } = this.#p;
    const project = await client.readContract({
      address: distribute.projects,
      abi: DistributeProjectsAbi,
      functionName: "getProject",
      args: [projectId],
    });
    const state = projectStateName(project.state);
    if (FINISHED.has(state)) {
      this.#finished.add(projectId);
      return null;
    }
    if (state === "Proposed" && now > BigInt(project.stakingDeadline)) {
      return { functionName: "advance", reason: "staking deadline passed" };
    }
    if (state === "Staked" && now > BigInt(project.phaseDeadline)) {
      return { functionName: "advance", reason: "task-list period over" };
    }
    if (state !== "Active") return null;
    const dueTasks: string[] = [];
    for (let taskIndex = 0n; taskIndex < BigInt(project.taskCount); taskIndex++) {
      const task = await client.readContract({
        address: distribute.tasks,
        abi: DistributeTasksAbi,
        functionName: "getTask",
        args: [projectId, taskIndex],
      });
      const status = taskStatusName(task.state.status);
      // As DistributeTasks._due: an open task when the claim period ends, a claim, validation or poll at its end.
      const deadline =
        status === "Open"
          ? BigInt(project.phaseDeadline)
          : status === "Claimed" || status === "Validating" || status === "Voting"
            ? BigInt(task.state.deadline)
            : null;
      if (deadline !== null && now > deadline) dueTasks.push(`task ${taskIndex} ${status.toLowerCase()}`);
    }
    return dueTasks.length > 0 ? { functionName: "advanceTasks", reason: dueTasks.join(", ") } : null;
  }

  async #send(functionName: KeeperCall["functionName"], projectId: bigint, reason: string): Promise<KeeperCall> {
    const { client, signer, distribute, log } = this.#p;
    const target: { address: Hex; abi: Abi; functionName: string; args: readonly unknown[] } =
      functionName === "advance"
        ? { address: distribute.projects, abi: DistributeProjectsAbi, functionName, args: [projectId] }
        : { address: distribute.tasks, abi: DistributeTasksAbi, functionName, args: [projectId] };
    try {
      // Against the pending block: the chain's clock has moved on since the latest block, and the transition is
      // due by the time the next block carries.
      const call = { ...target, account: signer.account, blockTag: "pending" as const };
      await simulateContract(client, call);
      const gas = await estimateContractGas(client, call);
      const hash = await writeContract(signer, {
        ...target,
        gas: gas + (gas * GAS_MARGIN_PERCENT) / 100n,
        account: signer.account,
        chain: signer.chain,
      });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
      log.info(
        { projectId: projectId.toString(), functionName, reason, hash, gasUsed: receipt.gasUsed.toString() },
        `keeper: ${functionName}(${projectId}) — ${reason}`,
      );
      return { functionName, projectId, reason, hash, error: null };
    } catch (error) {
      const revert = toContractRevertError(error);
      const message = revert?.sentence ?? (error as Error).message;
      log.warn(
        { projectId: projectId.toString(), functionName, reason, err: message },
        `keeper: ${functionName}(${projectId}) failed; trying again next round`,
      );
      return { functionName, projectId, reason, hash: null, error: message };
    }
  }
}

/** Runs a keeper round every `intervalMs`, never two at once; returns the function that stops it. */
export function startKeeper(keeper: DistributeKeeper, intervalMs: number, log: KeeperLog): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = keeper.round().catch((error: unknown) => {
      log.warn({ err: (error as Error).message }, "keeper: the round failed; trying again next round");
    });
  };
  const timer = setInterval(tick, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}
