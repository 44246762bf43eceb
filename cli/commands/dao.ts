// `drex dao`: the Technical DAO's members propose device and payment decisions, vote, and anyone executes a proposal
// that passed (MX1, MX4, MX5, MX9).
import { type Command, Option } from "commander";
import { readContract } from "viem/actions";
import { EnergyPaymentsAbi } from "../../sdk/abi/EnergyPayments.ts";
import { castVote } from "../../sdk/actions/dao/castVote.ts";
import { executeProposal } from "../../sdk/actions/dao/executeProposal.ts";
import { getDao } from "../../sdk/actions/dao/getDao.ts";
import { getProposal } from "../../sdk/actions/dao/getProposal.ts";
import { VOTE_SUPPORT, type VoteSupportName } from "../../sdk/actions/dao/proposalCalls.ts";
import {
  DEVICE_DECISIONS,
  type DeviceDecision,
  proposeDeviceDecision,
} from "../../sdk/actions/dao/proposeDeviceDecision.ts";
import {
  PAYMENT_DECISIONS,
  type PaymentDecision,
  proposePaymentDecision,
} from "../../sdk/actions/dao/proposePaymentDecision.ts";
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
import { formatTime, table } from "../output.ts";
import { parseId, parseNonEmpty } from "../parse.ts";
import { energyOf, requireDevice } from "./energyDevice.ts";

type ProposeFlags = ChainFlags & { reason?: string; description?: string };

/** A proposal id that names a proposal of this DAO; a usage error otherwise. */
async function requireProposal(context: ChainContext, proposalId: bigint) {
  try {
    return await getProposal(context.publicClient, {
      dao: energyOf(context).dao,
      proposalId,
      fromBlock: context.deployment.fromBlock,
    });
  } catch {
    throw new UsageError("proposalId", `the Technical DAO has no proposal ${proposalId}`);
  }
}

function proposedLines(proposalId: bigint, description: string, result: Parameters<typeof txLine>[0]): string[] {
  return [`Proposed "${description}".`, `  proposal ${proposalId}`, txLine(result)];
}

export function registerDaoCommands(program: Command): void {
  const dao = program
    .command("dao")
    .description("The Technical DAO: propose device and payment decisions, vote, execute, show (MX1, MX4, MX9).");
  withExamples(dao, ["drex dao propose-device 3 --decision approve", "drex dao vote <proposalId> --support for"]);

  const reasonOption = () => new Option("--reason <text>", "why (required to reject, suspend, revoke or refuse)");
  const descriptionOption = () =>
    new Option(
      "--description <text>",
      'the proposal\'s description; default e.g. "Approve device 3", with " (#2)" appended if that proposal exists',
    ).argParser(parseNonEmpty);

  withExamples(
    withChainFlags(
      dao
        .command("propose-device")
        .description("Propose to approve, reject, suspend, reinstate or revoke a device (a member only).")
        .argument("<deviceId>", "the device", parseId)
        .addOption(
          new Option("--decision <decision>", "what to decide").choices(DEVICE_DECISIONS).makeOptionMandatory(),
        )
        .addOption(reasonOption())
        .addOption(descriptionOption()),
    ),
    ["drex dao propose-device 3 --decision approve", "drex dao propose-device 3 --decision suspend --reason 'offline'"],
  ).action(async (deviceId: bigint, flags: ProposeFlags & { decision: DeviceDecision }) => {
    requireReason(flags.decision !== "approve" && flags.decision !== "reinstate", flags);
    const context = await openSigningContext(flags);
    const energy = energyOf(context);
    await requireDevice(context, deviceId, "deviceId");
    const result = await proposeDeviceDecision(context.wallet, {
      dao: energy.dao,
      deviceRegistry: energy.deviceRegistry,
      deviceId,
      decision: flags.decision,
      reason: flags.reason,
      ...(flags.description === undefined ? {} : { description: flags.description }),
    });
    context.output.result({ proposalId: result.proposalId, description: result.description, ...txFields(result) }, () =>
      proposedLines(result.proposalId, result.description, result),
    );
  });

  withExamples(
    withChainFlags(
      dao
        .command("propose-payment")
        .description("Propose to approve (minting the tokens) or refuse a payment request (a member only).")
        .argument("<requestId>", "the payment request", parseId)
        .addOption(
          new Option("--decision <decision>", "what to decide").choices(PAYMENT_DECISIONS).makeOptionMandatory(),
        )
        .addOption(reasonOption())
        .addOption(descriptionOption()),
    ),
    ["drex dao propose-payment 1 --decision approve", "drex dao propose-payment 2 --decision refuse --reason 'gaps'"],
  ).action(async (requestId: bigint, flags: ProposeFlags & { decision: PaymentDecision }) => {
    requireReason(flags.decision === "refuse", flags);
    const context = await openSigningContext(flags);
    const energy = energyOf(context);
    const count = await readContract(context.publicClient, {
      address: energy.energyPayments,
      abi: EnergyPaymentsAbi,
      functionName: "paymentRequestCount",
    });
    if (requestId > count) throw new UsageError("requestId", `there is no payment request #${requestId}`);
    const result = await proposePaymentDecision(context.wallet, {
      dao: energy.dao,
      energyPayments: energy.energyPayments,
      requestId,
      decision: flags.decision,
      reason: flags.reason,
      ...(flags.description === undefined ? {} : { description: flags.description }),
    });
    context.output.result({ proposalId: result.proposalId, description: result.description, ...txFields(result) }, () =>
      proposedLines(result.proposalId, result.description, result),
    );
  });

  withExamples(
    withChainFlags(
      dao
        .command("vote")
        .description("Vote on an active proposal (a member only; one vote each).")
        .argument("<proposalId>", "the proposal", parseId)
        .addOption(new Option("--support <support>", "your vote").choices(VOTE_SUPPORT).makeOptionMandatory())
        .option("--reason <text>", "kept with the vote"),
    ),
    ["drex dao vote 1234… --support for", "drex dao vote 1234… --support against --reason 'no readings'"],
  ).action(async (proposalId: bigint, flags: ChainFlags & { support: VoteSupportName; reason?: string }) => {
    const context = await openSigningContext(flags);
    await requireProposal(context, proposalId);
    const result = await castVote(context.wallet, {
      dao: energyOf(context).dao,
      proposalId,
      support: flags.support,
      reason: flags.reason,
    });
    context.output.result({ proposalId, support: flags.support, weight: result.weight, ...txFields(result) }, () => [
      `Voted ${flags.support} on proposal ${proposalId} (weight ${result.weight}).`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      dao
        .command("execute")
        .description("Execute a proposal that passed: the DAO makes its calls. Anyone may.")
        .argument("<proposalId>", "the proposal", parseId),
    ),
    ["drex dao execute 1234…"],
  ).action(async (proposalId: bigint, flags: ChainFlags) => {
    const context = await openSigningContext(flags);
    const proposal = await requireProposal(context, proposalId);
    const result = await executeProposal(context.wallet, {
      dao: energyOf(context).dao,
      proposalId,
      calls: proposal,
    });
    context.output.result({ proposalId, description: result.description, ...txFields(result) }, () => [
      `Executed "${result.description}".`,
      txLine(result),
    ]);
  });

  withExamples(
    withChainFlags(
      dao
        .command("show")
        .description("Show a proposal: its state, tallies, deadline and calls.")
        .argument("<proposalId>", "the proposal", parseId),
    ),
    ["drex dao show 1234…", "drex dao show 1234… --json"],
  ).action(async (proposalId: bigint, flags: ChainFlags) => {
    const context = await openChainContext(flags);
    const proposal = await requireProposal(context, proposalId);
    context.output.result(proposal, () => [
      `Proposal ${proposalId}: "${proposal.description}"`,
      ...table([
        ["state", proposal.state],
        ["for / against / abstain", `${proposal.forVotes} / ${proposal.againstVotes} / ${proposal.abstainVotes}`],
        ["quorum", proposal.quorum === null ? "not yet fixed" : proposal.quorum.toString()],
        ["voting", `${formatTime(proposal.snapshot)} to ${formatTime(proposal.deadline)}`],
        ["proposer", proposal.proposer],
        ["calls", proposal.targets.join(", ")],
      ]),
    ]);
  });

  withExamples(withChainFlags(dao.command("info").description("Show the Technical DAO's members and settings.")), [
    "drex dao info --json",
  ]).action(async (flags: ChainFlags) => {
    const context = await openChainContext(flags);
    const energy = energyOf(context);
    const info = await getDao(context.publicClient, {
      dao: energy.dao,
      membership: energy.membership,
      fromBlock: context.deployment.fromBlock,
    });
    context.output.result({ dao: energy.dao, ...info }, () => [
      `Technical DAO ${energy.dao}`,
      ...table([
        ["members", info.members.join(", ")],
        ["voting delay", `${info.votingDelaySeconds} s`],
        ["voting period", `${info.votingPeriodSeconds} s`],
        ["quorum", `${info.quorumPercent}% of the members`],
      ]),
    ]);
  });
}

function requireReason(needed: boolean, flags: { reason?: string | undefined }): void {
  if (needed && (flags.reason === undefined || flags.reason.trim() === "")) {
    throw new UsageError("--reason", "required for this decision (it is kept on-chain)");
  }
}
