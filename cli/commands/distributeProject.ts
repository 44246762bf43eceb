// `drex project`: a project's life through the Distribute Protocol: proposal with collateral, staking to both bars
// (DS3), task lists put forward and backed, the transition when their period ends (DS4), the stakers' withdrawal once
// it is over (DS8), and reads.
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DistributeProjectsAbi } from "../../sdk/abi/DistributeProjects.ts";
import { advanceProject } from "../../sdk/actions/distribute/advanceProject.ts";
import { backTaskList } from "../../sdk/actions/distribute/backTaskList.ts";
import type { ProjectView } from "../../sdk/actions/distribute/getProject.ts";
import { getTask } from "../../sdk/actions/distribute/getTask.ts";
import { propose } from "../../sdk/actions/distribute/propose.ts";
import { proposeTaskList, type TaskInput } from "../../sdk/actions/distribute/proposeTaskList.ts";
import { stakeReputation } from "../../sdk/actions/distribute/stakeReputation.ts";
import { stakeTokens } from "../../sdk/actions/distribute/stakeTokens.ts";
import { unstakeReputation } from "../../sdk/actions/distribute/unstakeReputation.ts";
import { unstakeTokens } from "../../sdk/actions/distribute/unstakeTokens.ts";
import { withdrawStake } from "../../sdk/actions/distribute/withdrawStake.ts";
import { PROJECT_STATES, type ProjectStateName, WEIGHTING_BPS_TOTAL } from "../../sdk/distribute/protocol.ts";
import { formatSolar } from "../../sdk/format.ts";
import type { WriteResult } from "../../sdk/types.ts";
import {
  type ChainContext,
  type ChainFlags,
  openChainContext,
  openSigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { hasSigner, loadSigner } from "../keys.ts";
import { table } from "../output.ts";
import {
  type MomentSpec,
  parseAddress,
  parseDurationSeconds,
  parseId,
  parseMoment,
  parsePositiveSolar,
  parsePositiveTokenWei,
  parsePositiveWhole,
  parseWhole,
} from "../parse.ts";
import {
  capital,
  distributeOf,
  formatAmount,
  formatBps,
  formatUnixTime,
  reputation,
  requireProject,
  resolveMoment,
} from "./distributeShared.ts";

const MAX_UINT32 = 2n ** 32n - 1n;

/**
 * One task as "description:weight%:allowance", like "Survey the roofs:60%:3d". The description may hold colons: the
 * weight and the allowance are the last two parts.
 */
export function parseTaskSpec(text: string): TaskInput {
  const parts = text.split(":");
  if (parts.length < 3) {
    throw new InvalidArgumentError('Give a task as "description:weight%:allowance", like "Survey the roofs:60%:3d".');
  }
  const allowance = parts.pop() ?? "";
  const weight = (parts.pop() ?? "").trim();
  const description = parts.join(":").trim();
  if (description === "") throw new InvalidArgumentError("The task's description must not be empty.");
  const match = /^(\d+)(?:\.(\d{1,2}))?\s*%?$/.exec(weight);
  if (!match) throw new InvalidArgumentError(`"${weight}" is not a weight: give a percentage like 60% or 12.5%.`);
  const weightingBps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0") || "0");
  if (weightingBps <= 0 || weightingBps > WEIGHTING_BPS_TOTAL) {
    throw new InvalidArgumentError("A task's weight is more than 0% and at most 100%.");
  }
  const durationSeconds = parseDurationSeconds(allowance);
  if (durationSeconds > MAX_UINT32) throw new InvalidArgumentError("The time allowance is too long.");
  return { description, weightingBps, durationSeconds: Number(durationSeconds) };
}

const collectTasks = (text: string, previous: TaskInput[]) => [...previous, parseTaskSpec(text)];

type StakeFlags = ChainFlags & { tokens?: bigint; reputation?: bigint };

function requireSomeStake(flags: StakeFlags): void {
  if (flags.tokens === undefined && flags.reputation === undefined) {
    throw new UsageError("--tokens", "give --tokens, --reputation or both");
  }
}

/** The account a read is about when none is named: the signer's, when there is one. */
async function signerIfAny(flags: ChainFlags): Promise<Address | undefined> {
  if (!hasSigner({ keystore: flags.keystore })) return undefined;
  return (await loadSigner({ keystore: flags.keystore })).address;
}

async function taskListsOf(context: ChainContext, project: ProjectView) {
  const projects = distributeOf(context).projects;
  return Promise.all(
    Array.from({ length: project.listCount }, async (_, i) => {
      const list = await readContract(context.publicClient, {
        address: projects,
        abi: DistributeProjectsAbi,
        functionName: "getTaskList",
        args: [project.projectId, BigInt(i)],
      });
      return {
        listId: BigInt(i),
        submitter: list.submitter,
        backingTokens: list.backingTokens,
        backingReputation: list.backingReputation,
        tasks: list.tasks.map((t) => ({ ...t })),
      };
    }),
  );
}

async function tasksOf(context: ChainContext, project: ProjectView) {
  if (project.taskCount === 0) return [];
  const distribute = distributeOf(context);
  return Promise.all(
    Array.from({ length: project.taskCount }, (_, i) =>
      getTask(context.publicClient, { distribute, projectId: project.projectId, taskIndex: BigInt(i) }),
    ),
  );
}

function projectRows(p: ProjectView): [string, string][] {
  const rows: [string, string][] = [
    ["state", p.state],
    ["proposer", p.proposer],
    ["cost", formatSolar(p.costWei)],
    ["tokens staked", `${formatAmount(p.tokensStaked)} of ${formatAmount(p.tokenBar)}`],
    ["reputation staked", `${formatAmount(p.reputationStaked)} of ${formatAmount(p.reputationBar)}`],
    ["collateral", p.collateralInReputation ? reputation(p.collateral) : capital(p.collateral)],
    ["staking deadline", formatUnixTime(p.stakingDeadline)],
  ];
  if (p.state === "Staked") rows.push(["task lists until", formatUnixTime(p.phaseDeadline)]);
  if (p.state === "Active") rows.push(["claims until", formatUnixTime(p.phaseDeadline)]);
  if (p.taskCount > 0) {
    rows.push(["tasks", `${p.settledTasks} of ${p.taskCount} settled, ${formatBps(p.completedBps)} validated`]);
  }
  if (p.stake) {
    const backed = p.stake.backedListId === null ? "" : `, backing list ${p.stake.backedListId}`;
    rows.push(["your stake", `${capital(p.stake.tokens)}, ${reputation(p.stake.reputation)}${backed}`]);
  }
  return rows;
}

function stakeLine(kind: string, result: WriteResult & { staked?: bigint; total: bigint }, amount: string): string {
  return `  ${kind}: ${amount}, ${formatAmount(result.total)} staked on the project in all`;
}

export function registerDistributeProjectCommands(program: Command): void {
  const group = program
    .command("project")
    .description(
      "Distribute projects: propose, stake, put forward and back task lists, advance, withdraw, show (DS3, DS4, DS8).",
    );
  withExamples(group, [
    "drex project propose --cost 2 --staking-deadline +3d",
    "drex project stake 1 --tokens 50 --reputation 20",
    "drex project list",
  ]);

  withExamples(
    withChainFlags(
      group
        .command("propose")
        .description(
          "Propose a project that asks the pool for --cost, posting 5% collateral (in capital tokens, approved " +
            "first, or in reputation). It needs stakes of both kinds up to its bars by the staking deadline.",
        )
        .requiredOption("--cost <SOLAR>", "what the project asks of the pool", parsePositiveSolar)
        .requiredOption(
          "--staking-deadline <time>",
          "the last moment to stake: an ISO time, or from the chain's time like +3d or +6h",
          parseMoment,
        )
        .addOption(
          new Option("--collateral <kind>", "what the collateral is posted in")
            .choices(["tokens", "reputation"])
            .default("tokens"),
        ),
    ),
    [
      "drex project propose --cost 2 --staking-deadline +3d",
      "drex project propose --cost 2.5 --staking-deadline 2026-12-01T12:00Z --collateral reputation --json",
    ],
  ).action(
    async (flags: ChainFlags & { cost: bigint; stakingDeadline: MomentSpec; collateral: "tokens" | "reputation" }) => {
      const context = await openSigningContext(flags);
      const stakingDeadline = await resolveMoment(context, flags.stakingDeadline, "--staking-deadline");
      context.output.progress(`proposing a project costing ${formatSolar(flags.cost)}…`);
      const result = await propose(context.wallet, {
        distribute: distributeOf(context),
        costWei: flags.cost,
        stakingDeadline,
        collateralInReputation: flags.collateral === "reputation",
      });
      const collateral = result.collateralInReputation ? reputation(result.collateral) : capital(result.collateral);
      context.output.result(
        {
          projectId: result.projectId,
          proposer: context.account,
          costWei: flags.cost,
          stakingDeadline,
          tokenBar: result.tokenBar,
          reputationBar: result.reputationBar,
          collateral: result.collateral,
          collateralInReputation: result.collateralInReputation,
          ...txFields(result),
        },
        () => [
          `Proposed project #${result.projectId}, costing ${formatSolar(flags.cost)}; collateral ${collateral}.`,
          `  it needs ${capital(result.tokenBar)} and ${reputation(result.reputationBar)} staked by ${formatUnixTime(stakingDeadline)}`,
          txLine(result),
        ],
      );
    },
  );

  withExamples(
    withChainFlags(
      group
        .command("stake")
        .description(
          "Stake capital tokens (approved first), reputation or both on a proposed project; the contract takes only " +
            "what its bar still needs.",
        )
        .argument("<projectId>", "the project", parseId)
        .option("--tokens <amount>", "capital tokens to stake", parsePositiveTokenWei)
        .option("--reputation <amount>", "reputation to stake", parsePositiveTokenWei),
    ),
    ["drex project stake 1 --tokens 50", "drex project stake 1 --reputation 20 --json"],
  ).action(async (projectId: bigint, flags: StakeFlags) => {
    requireSomeStake(flags);
    const context = await openSigningContext(flags);
    await requireProject(context, projectId, "projectId");
    const distribute = distributeOf(context);
    const lines: string[] = [];
    const shown: Record<string, unknown> = { projectId, staker: context.account, projectStaked: false };
    if (flags.tokens !== undefined) {
      context.output.progress(`staking ${capital(flags.tokens)} on project #${projectId}…`);
      const r = await stakeTokens(context.wallet, { distribute, projectId, tokens: flags.tokens });
      Object.assign(shown, { tokensStaked: r.staked, tokensTotal: r.total, tokens: txFields(r) });
      shown.projectStaked = r.projectStaked;
      lines.push(stakeLine("tokens", r, capital(r.staked)), txLine(r));
    }
    if (flags.reputation !== undefined) {
      context.output.progress(`staking ${reputation(flags.reputation)} on project #${projectId}…`);
      const r = await stakeReputation(context.wallet, { distribute, projectId, reputation: flags.reputation });
      Object.assign(shown, { reputationStaked: r.staked, reputationTotal: r.total, reputation: txFields(r) });
      shown.projectStaked = shown.projectStaked === true || r.projectStaked;
      lines.push(stakeLine("reputation", r, reputation(r.staked)), txLine(r));
    }
    context.output.result(shown, () => [
      shown.projectStaked === true
        ? `Staked on project #${projectId}: both bars are met, the project is staked (its budget is reserved).`
        : `Staked on project #${projectId}.`,
      ...lines,
    ]);
  });

  withExamples(
    withChainFlags(
      group
        .command("unstake")
        .description("Take back staked capital tokens or reputation while the project is still proposed.")
        .argument("<projectId>", "the project", parseId)
        .option("--tokens <amount>", "capital tokens to take back", parsePositiveTokenWei)
        .option("--reputation <amount>", "reputation to take back", parsePositiveTokenWei),
    ),
    ["drex project unstake 1 --tokens 10", "drex project unstake 1 --reputation 5 --json"],
  ).action(async (projectId: bigint, flags: StakeFlags) => {
    requireSomeStake(flags);
    const context = await openSigningContext(flags);
    await requireProject(context, projectId, "projectId");
    const distribute = distributeOf(context);
    const lines: string[] = [];
    const shown: Record<string, unknown> = { projectId, staker: context.account };
    if (flags.tokens !== undefined) {
      const r = await unstakeTokens(context.wallet, { distribute, projectId, tokens: flags.tokens });
      Object.assign(shown, { tokensUnstaked: flags.tokens, tokensTotal: r.total, tokens: txFields(r) });
      lines.push(stakeLine("tokens back", r, capital(flags.tokens)), txLine(r));
    }
    if (flags.reputation !== undefined) {
      const r = await unstakeReputation(context.wallet, { distribute, projectId, reputation: flags.reputation });
      Object.assign(shown, { reputationUnstaked: flags.reputation, reputationTotal: r.total, reputation: txFields(r) });
      lines.push(stakeLine("reputation back", r, reputation(flags.reputation)), txLine(r));
    }
    context.output.result(shown, () => [`Unstaked from project #${projectId}.`, ...lines]);
  });

  withExamples(
    withChainFlags(
      group
        .command("task-list")
        .description(
          "Put forward a task list for a staked project (a staker only). Each --task is " +
            '"description:weight%:allowance"; the weights must add up to 100%. The descriptions are hashed on-chain.',
        )
        .argument("<projectId>", "the project", parseId)
        .option("--task <spec>", 'a task, like "Survey the roofs:60%:3d" (repeat for each task)', collectTasks, []),
    ),
    ['drex project task-list 1 --task "Survey the roofs:60%:3d" --task "Install the panels:40%:1w"'],
  ).action(async (projectId: bigint, flags: ChainFlags & { task: TaskInput[] }) => {
    if (flags.task.length === 0) throw new UsageError("--task", "give at least one task");
    const totalBps = flags.task.reduce((sum, t) => sum + t.weightingBps, 0);
    if (totalBps !== WEIGHTING_BPS_TOTAL) {
      throw new UsageError("--task", `the weights add up to ${formatBps(totalBps)}, not 100%`);
    }
    const context = await openSigningContext(flags);
    await requireProject(context, projectId, "projectId");
    context.output.progress(`putting forward ${flags.task.length} tasks for project #${projectId}…`);
    const result = await proposeTaskList(context.wallet, {
      distribute: distributeOf(context),
      projectId,
      tasks: flags.task,
    });
    const tasks = flags.task.map((t, i) => ({ ...t, descriptionHash: result.descriptionHashes[i] }));
    context.output.result({ projectId, listId: result.listId, tasks, ...txFields(result) }, () => [
      `Put forward task list ${result.listId} for project #${projectId}:`,
      ...tasks.map((t, i) => `  ${i}. ${t.description} (${formatBps(t.weightingBps)}, ${t.durationSeconds} s)`),
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      group
        .command("back")
        .description("Back a task list with all your stake (a staker only), moving any earlier backing.")
        .argument("<projectId>", "the project", parseId)
        .argument("<listId>", "the task list, from 0 (see drex project show)", parseWhole),
    ),
    ["drex project back 1 0", "drex project back 1 2 --json"],
  ).action(async (projectId: bigint, listId: bigint, flags: ChainFlags) => {
    const context = await openSigningContext(flags);
    const project = await requireProject(context, projectId, "projectId");
    if (listId >= BigInt(project.listCount)) {
      throw new UsageError("listId", `project #${projectId} has ${project.listCount} task lists (from 0)`);
    }
    const result = await backTaskList(context.wallet, { distribute: distributeOf(context), projectId, listId });
    context.output.result(
      {
        projectId,
        listId,
        backer: context.account,
        backingTokens: result.backingTokens,
        backingReputation: result.backingReputation,
        ...txFields(result),
      },
      () => [
        `Backed task list ${listId} of project #${projectId}; it is backed by ${capital(result.backingTokens)} and ${reputation(result.backingReputation)}.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("advance")
        .description(
          "Make the transition due by time (anyone may): expire a project past its staking deadline, or settle its " +
            "task lists once their period ends (active with the winning list, or failed).",
        )
        .argument("<projectId>", "the project", parseId),
    ),
    ["drex project advance 1", "drex project advance 1 --json"],
  ).action(async (projectId: bigint, flags: ChainFlags) => {
    const context = await openSigningContext(flags);
    await requireProject(context, projectId, "projectId");
    const result = await advanceProject(context.wallet, { distribute: distributeOf(context), projectId });
    context.output.result({ projectId, state: result.state, ...txFields(result) }, () => [
      `Project #${projectId} is now ${result.state}.`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      group
        .command("withdraw")
        .description(
          "Take back your stake from an expired project, or your stake and share of the stakers' reward from a complete one.",
        )
        .argument("<projectId>", "the project", parseId),
    ),
    ["drex project withdraw 1", "drex project withdraw 1 --json"],
  ).action(async (projectId: bigint, flags: ChainFlags) => {
    const context = await openSigningContext(flags);
    await requireProject(context, projectId, "projectId");
    const result = await withdrawStake(context.wallet, { distribute: distributeOf(context), projectId });
    context.output.result(
      {
        projectId,
        staker: context.account,
        tokens: result.tokens,
        reputation: result.reputation,
        rewardWei: result.rewardWei,
        ...txFields(result),
      },
      () => [
        `Withdrew ${capital(result.tokens)}, ${reputation(result.reputation)} and a reward of ${formatSolar(result.rewardWei)} from project #${projectId}.`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("show")
        .description("Show a project: its stage, bars and stakes, its task lists or tasks, and your stake.")
        .argument("<projectId>", "the project", parseId)
        .option(
          "--staker <address>",
          "show this account's stake (default: the signer's, if a key is set)",
          parseAddress,
        ),
    ),
    ["drex project show 1", "drex project show 1 --staker 0x… --json"],
  ).action(async (projectId: bigint, flags: ChainFlags & { staker?: Address }) => {
    const staker = flags.staker ?? (await signerIfAny(flags));
    const context = await openChainContext(flags);
    const project = await requireProject(context, projectId, "projectId", staker);
    const [taskLists, tasks] = await Promise.all([taskListsOf(context, project), tasksOf(context, project)]);
    context.output.result({ ...project, taskLists, tasks }, () => [
      `Project #${projectId}`,
      ...table(projectRows(project)),
      ...(tasks.length > 0
        ? [
            "Tasks:",
            ...tasks.map(
              (t) =>
                `  ${t.taskIndex}. ${t.status.padEnd(10)} ${formatBps(t.weightingBps).padStart(6)}  ${t.descriptionHash}` +
                (t.pollId === null ? "" : `  (poll ${t.pollId})`),
            ),
          ]
        : taskLists.map(
            (l) =>
              `List ${l.listId} by ${l.submitter}: ${l.tasks.length} tasks, backed by ${capital(l.backingTokens)} and ${reputation(l.backingReputation)}`,
          )),
    ]);
  });

  withExamples(
    withChainFlags(
      group
        .command("list")
        .description("List projects, newest first.")
        .addOption(
          new Option("--state <state>", "only projects in this stage").choices(
            PROJECT_STATES.filter((s) => s !== "None"),
          ),
        )
        .addOption(new Option("--limit <n>", "at most this many").argParser(parsePositiveWhole).default(50n, "50")),
    ),
    ["drex project list", "drex project list --state Proposed --json"],
  ).action(async (flags: ChainFlags & { state?: ProjectStateName; limit: bigint }) => {
    const context = await openChainContext(flags);
    const count = await readContract(context.publicClient, {
      address: distributeOf(context).projects,
      abi: DistributeProjectsAbi,
      functionName: "projectCount",
    });
    const projects: ProjectView[] = [];
    for (let id = count; id >= 1n && BigInt(projects.length) < flags.limit; id--) {
      const project = await requireProject(context, id, "projectId");
      if (flags.state === undefined || project.state === flags.state) projects.push(project);
    }
    context.output.result(projects, () =>
      projects.length === 0
        ? ["No projects."]
        : projects.map(
            (p) =>
              `#${p.projectId}  ${p.state.padEnd(8)}  ${formatSolar(p.costWei)}  tokens ${formatAmount(p.tokensStaked)}/${formatAmount(p.tokenBar)}  reputation ${formatAmount(p.reputationStaked)}/${formatAmount(p.reputationBar)}`,
          ),
    );
  });
}
