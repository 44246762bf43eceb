// `drex task`: the work of an active project: a reputation holder claims a task and submits evidence (DS5), token
// holders validate it for or against (DS6), and anyone makes the steps due by time, which sends a contested task to a
// vote (DS7) and settles the rest.
import { type Command, Option } from "commander";
import { advanceTasks } from "../../sdk/actions/distribute/advanceTasks.ts";
import { claimTask } from "../../sdk/actions/distribute/claimTask.ts";
import { getTask } from "../../sdk/actions/distribute/getTask.ts";
import { submitTask } from "../../sdk/actions/distribute/submitTask.ts";
import { validateTask } from "../../sdk/actions/distribute/validateTask.ts";
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
import { table } from "../output.ts";
import { parseId, parseNonEmpty, parsePositiveTokenWei, parseWhole } from "../parse.ts";
import { capital, distributeOf, formatBps, formatUnixTime, reputation, requireProject } from "./distributeShared.ts";

/** A task that exists: the project is known and has the task (it has tasks once active). */
async function requireTask(context: ChainContext, projectId: bigint, taskIndex: bigint): Promise<void> {
  const project = await requireProject(context, projectId, "projectId");
  if (taskIndex >= BigInt(project.taskCount)) {
    throw new UsageError(
      "taskIndex",
      project.taskCount === 0
        ? `project #${projectId} has no tasks yet (it is ${project.state})`
        : `project #${projectId} has tasks 0 to ${project.taskCount - 1}`,
    );
  }
}

const taskArguments = (command: Command) =>
  command
    .argument("<projectId>", "the project", parseId)
    .argument("<taskIndex>", "the task, from 0 (see drex project show)", parseWhole);

export function registerDistributeTaskCommands(program: Command): void {
  const group = program
    .command("task")
    .description("Tasks of active projects: claim, submit evidence, validate, advance, show (DS5, DS6, DS7).");
  withExamples(group, [
    "drex task claim 1 0",
    "drex task submit 1 0 --evidence https://example.org/photos",
    "drex task validate 1 0 --approve --amount 5",
  ]);

  withExamples(
    withChainFlags(
      taskArguments(
        group
          .command("claim")
          .description(
            "Claim a task (a registered account), posting the requisite reputation: the project's staked reputation " +
              "times the task's weight. Submit evidence within the task's time allowance or lose it.",
          ),
      ),
    ),
    ["drex task claim 1 0", "drex task claim 1 2 --json"],
  ).action(async (projectId: bigint, taskIndex: bigint, flags: ChainFlags) => {
    const context = await openSigningContext(flags);
    await requireTask(context, projectId, taskIndex);
    const result = await claimTask(context.wallet, { distribute: distributeOf(context), projectId, taskIndex });
    context.output.result(
      {
        projectId,
        taskIndex,
        claimer: context.account,
        reputationPosted: result.reputationPosted,
        deadline: result.deadline,
        ...txFields(result),
      },
      () => [
        `Claimed task ${taskIndex} of project #${projectId}, posting ${reputation(result.reputationPosted)}.`,
        `  submit evidence by ${formatUnixTime(result.deadline)}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      taskArguments(
        group
          .command("submit")
          .description(
            "Submit evidence of the work on a claimed task (its claimer); validation opens. The evidence is hashed on-chain.",
          ),
      ).requiredOption("--evidence <text>", "a text or link (or its 32-byte hash)", parseNonEmpty),
    ),
    ['drex task submit 1 0 --evidence "https://example.org/photos"'],
  ).action(async (projectId: bigint, taskIndex: bigint, flags: ChainFlags & { evidence: string }) => {
    const context = await openSigningContext(flags);
    await requireTask(context, projectId, taskIndex);
    const result = await submitTask(context.wallet, {
      distribute: distributeOf(context),
      projectId,
      taskIndex,
      evidence: flags.evidence,
    });
    context.output.result(
      {
        projectId,
        taskIndex,
        evidenceHash: result.evidenceHash,
        validationEnd: result.validationEnd,
        ...txFields(result),
      },
      () => [
        `Submitted evidence for task ${taskIndex} of project #${projectId}.`,
        `  evidence hash ${result.evidenceHash}; validators may stake until ${formatUnixTime(result.validationEnd)}`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      taskArguments(
        group
          .command("validate")
          .description(
            "Stake capital tokens (approved first) for or against a submitted task; not its claimer, once per task. " +
              "Earlier stakes on the side that wins earn more of the other side's stakes.",
          ),
      )
        .addOption(new Option("--approve", "the work is done").conflicts("reject"))
        .addOption(new Option("--reject", "the work is not done"))
        .requiredOption("--amount <tokens>", "capital tokens to stake", parsePositiveTokenWei),
    ),
    ["drex task validate 1 0 --approve --amount 5", "drex task validate 1 0 --reject --amount 2 --json"],
  ).action(
    async (
      projectId: bigint,
      taskIndex: bigint,
      flags: ChainFlags & { approve?: boolean; reject?: boolean; amount: bigint },
    ) => {
      if (flags.approve !== true && flags.reject !== true)
        throw new UsageError("--approve", "give --approve or --reject");
      const approve = flags.approve === true;
      const context = await openSigningContext(flags);
      await requireTask(context, projectId, taskIndex);
      const result = await validateTask(context.wallet, {
        distribute: distributeOf(context),
        projectId,
        taskIndex,
        approve,
        tokens: flags.amount,
      });
      context.output.result(
        {
          projectId,
          taskIndex,
          validator: context.account,
          approve,
          stake: result.stake,
          slot: result.slot,
          ...txFields(result),
        },
        () => [
          `Staked ${capital(result.stake)} ${approve ? "for" : "against"} task ${taskIndex} of project #${projectId} (slot ${result.slot} of that side).`,
          txLine(result),
        ],
      );
    },
  );

  withExamples(
    withChainFlags(
      group
        .command("advance")
        .description(
          "Make every step due by time for a project's tasks (anyone may): expired claims, validation ends (a " +
            "contested task goes to a vote), ended votes.",
        )
        .argument("<projectId>", "the project", parseId)
        .argument("[taskIndex]", "only this task", parseWhole),
    ),
    ["drex task advance 1", "drex task advance 1 0 --json"],
  ).action(async (projectId: bigint, taskIndex: bigint | undefined, flags: ChainFlags) => {
    const context = await openSigningContext(flags);
    if (taskIndex === undefined) await requireProject(context, projectId, "projectId");
    else await requireTask(context, projectId, taskIndex);
    const result = await advanceTasks(context.wallet, {
      distribute: distributeOf(context),
      projectId,
      ...(taskIndex === undefined ? {} : { taskIndex }),
    });
    const project = await requireProject(context, projectId, "projectId");
    context.output.result(
      {
        projectId,
        claimsExpired: result.claimsExpired,
        votesStarted: result.votesStarted,
        resolved: result.resolved,
        projectState: project.state,
        ...txFields(result),
      },
      () => [
        `Advanced the tasks of project #${projectId}; the project is ${project.state}.`,
        ...result.claimsExpired.map((i) => `  task ${i}: the claim ran out; the posted reputation is burned`),
        ...result.votesStarted.map((v) => `  task ${v.taskIndex}: contested, to a vote in poll ${v.pollId}`),
        ...result.resolved.map((r) => `  task ${r.taskIndex}: ${r.validated ? "validated" : "failed"}`),
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      taskArguments(group.command("show").description("Show a task: its terms, claim, evidence and validations.")),
    ),
    ["drex task show 1 0", "drex task show 1 0 --json"],
  ).action(async (projectId: bigint, taskIndex: bigint, flags: ChainFlags) => {
    const context = await openChainContext(flags);
    await requireTask(context, projectId, taskIndex);
    const task = await getTask(context.publicClient, { distribute: distributeOf(context), projectId, taskIndex });
    const side = (stakes: typeof task.approvals) =>
      stakes.length === 0 ? "-" : stakes.map((v) => `${v.validator} ${capital(v.stake)}`).join("; ");
    context.output.result(task, () => [
      `Task ${taskIndex} of project #${projectId}`,
      ...table([
        ["status", task.status],
        ["weight", formatBps(task.weightingBps)],
        ["time allowance", `${task.durationSeconds} s`],
        ["description hash", task.descriptionHash],
        ["claimer", task.status === "Open" ? "-" : task.claimer],
        ["deadline", task.deadline === 0n ? "-" : formatUnixTime(task.deadline)],
        ["requisite reputation", reputation(task.requisiteReputation)],
        ["approvals", side(task.approvals)],
        ["rejections", side(task.rejections)],
        ["poll", task.pollId === null ? "-" : task.pollId.toString()],
        ["step due", task.due ? "yes (drex task advance)" : "no"],
      ]),
    ]);
  });
}
