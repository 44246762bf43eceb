// `drex vote`: commit-reveal votes on contested tasks (DS7). A voter deposits capital tokens and reputation once, commits
// secret votes (several polls in one transaction), reveals them in the reveal period with the salts kept in the local
// vote file, and withdraws what no live poll holds.
import { type Command, Option } from "commander";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DistributeVotingAbi } from "../../sdk/abi/DistributeVoting.ts";
import { commitVotes } from "../../sdk/actions/distribute/commitVotes.ts";
import { depositVotes } from "../../sdk/actions/distribute/depositVotes.ts";
import { getDistributeAccount } from "../../sdk/actions/distribute/getDistributeAccount.ts";
import { getPoll } from "../../sdk/actions/distribute/getPoll.ts";
import { getVoter } from "../../sdk/actions/distribute/getVoter.ts";
import { revealVotes } from "../../sdk/actions/distribute/revealVotes.ts";
import { withdrawVotes } from "../../sdk/actions/distribute/withdrawVotes.ts";
import { randomSalt } from "../../sdk/distribute/protocol.ts";
import {
  accountOrSigner,
  type ChainFlags,
  openChainContext,
  openSigningContext,
  type SigningContext,
  txFields,
  txLine,
  withChainFlags,
} from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import { withExamples } from "../help.ts";
import { table } from "../output.ts";
import { parseAddress, parseId, parseNonEmpty, parseTokenWei } from "../parse.ts";
import {
  DEFAULT_SALT_FILE_LABEL,
  defaultSaltFile,
  markCommitted,
  removeVotes,
  restoreVotes,
  type SavedVote,
  savedVotes,
  saveVotes,
  type VoteScope,
} from "./distributeSaltFile.ts";
import { capital, chainNow, distributeOf, formatUnixTime, reputation } from "./distributeShared.ts";

type SaltFileFlags = ChainFlags & { saltFile?: string };
type WeightFlags = { tokens?: bigint; reputation?: bigint };

const collectPolls = (text: string, previous: bigint[]) => [...previous, parseId(text)];

const saltFileOption = () =>
  new Option(
    "--salt-file <file>",
    `where each vote's salt and choice are kept until revealed (default ${DEFAULT_SALT_FILE_LABEL})`,
  ).argParser(parseNonEmpty);

function scopeOf(context: SigningContext): VoteScope {
  return { chainId: context.chain.id, voting: distributeOf(context).voting, voter: context.account };
}

const list = (ids: readonly bigint[]) => ids.map((id) => `#${id}`).join(", ");

/** Polls given twice or not there are refused before anything is sent. */
async function requirePolls(context: SigningContext, pollIds: readonly bigint[]): Promise<void> {
  if (new Set(pollIds).size !== pollIds.length) throw new UsageError("--poll", "a poll is named twice");
  const count = await readContract(context.publicClient, {
    address: distributeOf(context).voting,
    abi: DistributeVotingAbi,
    functionName: "pollCount",
  });
  const unknown = pollIds.find((id) => id > count);
  if (unknown !== undefined) throw new UsageError("--poll", `there is no poll #${unknown} (there are ${count})`);
}

export function registerDistributeVoteCommands(program: Command): void {
  // `drex vote` on its own is a generator owner's price vote (financier.ts); these are its subcommands, which
  // commander dispatches by their name and leaves every other use of `drex vote` to the price vote.
  // Its own flags count only before a subcommand's name, so that `drex vote commit … --json` is the subcommand's.
  const group = (
    program.commands.find((c) => c.name() === "vote") ?? program.command("vote")
  ).enablePositionalOptions();
  group.addHelpText(
    "after",
    "Distribute Protocol (DS7): commit-reveal votes on contested tasks with drex vote deposit, commit, reveal, " +
      "withdraw and show.\n  $ drex vote deposit --tokens 100\n  $ drex vote commit --poll 1 --poll 2 --approve\n  $ drex vote reveal\n",
  );

  withExamples(
    withChainFlags(
      group
        .command("deposit")
        .description(
          "Deposit capital tokens (approved first) and reputation to vote with; the same deposit weighs in any number of polls.",
        )
        .addOption(
          new Option("--tokens <amount>", "capital tokens to deposit").argParser(parseTokenWei).default(0n, "0"),
        )
        .addOption(
          new Option("--reputation <amount>", "reputation to deposit").argParser(parseTokenWei).default(0n, "0"),
        ),
    ),
    ["drex vote deposit --tokens 100", "drex vote deposit --tokens 10 --reputation 50 --json"],
  ).action(async (flags: ChainFlags & { tokens: bigint; reputation: bigint }) => {
    if (flags.tokens + flags.reputation === 0n) {
      throw new UsageError("--tokens", "give --tokens, --reputation or both, more than 0");
    }
    const context = await openSigningContext(flags);
    context.output.progress(`depositing ${capital(flags.tokens)} and ${reputation(flags.reputation)}…`);
    const result = await depositVotes(context.wallet, {
      distribute: distributeOf(context),
      tokens: flags.tokens,
      reputation: flags.reputation,
    });
    context.output.result(
      { voter: context.account, tokens: flags.tokens, reputation: flags.reputation, ...txFields(result) },
      () => [`Deposited ${capital(flags.tokens)} and ${reputation(flags.reputation)} to vote with.`, txLine(result)],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("commit")
        .description(
          "Commit a secret vote on one or more polls (one transaction). Each vote's random salt and choice are saved " +
            "to the vote file first, readable by you only: reveal needs them. The weight is your whole deposit " +
            "unless --tokens or --reputation is given (a kind not given then counts 0).",
        )
        .option("--poll <id>", "a poll (repeat for several)", collectPolls, [])
        .addOption(new Option("--approve", "vote for the task's work").conflicts("reject"))
        .addOption(new Option("--reject", "vote against it"))
        .option("--tokens <amount>", "capital tokens of your deposit to vote with", parseTokenWei)
        .option("--reputation <amount>", "reputation of your deposit to vote with", parseTokenWei)
        .addOption(saltFileOption()),
    ),
    [
      "drex vote commit --poll 1 --approve",
      "drex vote commit --poll 1 --poll 2 --reject --tokens 50 --salt-file votes.json",
    ],
  ).action(async (flags: SaltFileFlags & WeightFlags & { poll: bigint[]; approve?: boolean; reject?: boolean }) => {
    if (flags.poll.length === 0) throw new UsageError("--poll", "give at least one poll");
    if (flags.approve !== true && flags.reject !== true)
      throw new UsageError("--approve", "give --approve or --reject");
    if (flags.tokens !== undefined && flags.reputation !== undefined && flags.tokens + flags.reputation === 0n) {
      throw new UsageError("--tokens", "a vote must weigh more than 0");
    }
    const approve = flags.approve === true;
    const saltFile = flags.saltFile ?? defaultSaltFile();
    const context = await openSigningContext(flags);
    const distribute = distributeOf(context);
    await requirePolls(context, flags.poll);
    let weight = { tokens: flags.tokens ?? 0n, reputation: flags.reputation ?? 0n };
    if (flags.tokens === undefined && flags.reputation === undefined) {
      const account = await getDistributeAccount(context.publicClient, { distribute, account: context.account });
      weight = { tokens: account.depositedTokens, reputation: account.depositedReputation };
      if (weight.tokens + weight.reputation === 0n) {
        throw new CliError(`${context.account} has deposited nothing to vote with: drex vote deposit first`);
      }
    }
    const scope = scopeOf(context);
    const savedAt = new Date().toISOString();
    const votes: SavedVote[] = flags.poll.map((pollId) => ({
      ...scope,
      pollId,
      approve,
      salt: randomSalt(),
      ...weight,
      savedAt,
      transaction: null,
    }));
    // Saved before sending: a commitment mined while its salt exists nowhere could never be revealed.
    const replaced = saveVotes(saltFile, votes);
    let result: Awaited<ReturnType<typeof commitVotes>>;
    try {
      result = await commitVotes(context.wallet, { distribute, votes });
    } catch (error) {
      restoreVotes(saltFile, replaced);
      throw error;
    }
    markCommitted(saltFile, scope, flags.poll, result.hash);
    context.output.result(
      {
        voter: context.account,
        approve,
        tokens: weight.tokens,
        reputation: weight.reputation,
        votes: result.votes,
        saltFile,
        ...txFields(result),
      },
      () => [
        `Committed ${approve ? "approving" : "rejecting"} votes on poll ${list(flags.poll)} with ${capital(weight.tokens)} and ${reputation(weight.reputation)}.`,
        `  salts and choices saved to ${saltFile}: reveal after the commit period with drex vote reveal`,
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("reveal")
        .description(
          "Reveal committed votes with the salts and choices from the vote file (one transaction), then forget them. " +
            "Without --poll: every vote saved for you on this chain whose poll is in its reveal period.",
        )
        .option("--poll <id>", "only this poll (repeat for several)", collectPolls, [])
        .addOption(saltFileOption()),
    ),
    ["drex vote reveal", "drex vote reveal --poll 1 --poll 2 --salt-file votes.json --json"],
  ).action(async (flags: SaltFileFlags & { poll: bigint[] }) => {
    const saltFile = flags.saltFile ?? defaultSaltFile();
    const context = await openSigningContext(flags);
    const distribute = distributeOf(context);
    const scope = scopeOf(context);
    const saved = savedVotes(saltFile, scope);
    if (new Set(flags.poll).size !== flags.poll.length) throw new UsageError("--poll", "a poll is named twice");
    const missing = flags.poll.find((id) => !saved.some((v) => v.pollId === id));
    if (missing !== undefined) {
      throw new UsageError(
        "--poll",
        `${saltFile} holds no vote of ${context.account} on poll #${missing} on this chain`,
      );
    }
    const chosen = flags.poll.length > 0 ? saved.filter((v) => flags.poll.includes(v.pollId)) : saved;
    if (chosen.length === 0) {
      throw new CliError(`${saltFile} holds no vote of ${context.account} on this chain to reveal`);
    }
    const [now, polls] = await Promise.all([
      chainNow(context),
      Promise.all(
        chosen.map((v) => getPoll(context.publicClient, { distribute, pollId: v.pollId, voter: scope.voter })),
      ),
    ]);
    // Votes revealed already (by another copy of the file, say) or released are of no more use.
    const settled = chosen.filter((_, i) => {
      const status = polls[i]?.lock?.status;
      return status === "Revealed" || status === "Released";
    });
    removeVotes(
      saltFile,
      scope,
      settled.map((v) => v.pollId),
    );
    let toReveal = chosen.filter((v) => !settled.includes(v));
    if (flags.poll.length === 0) {
      const waiting: string[] = [];
      toReveal = toReveal.filter((v) => {
        const poll = polls[chosen.indexOf(v)];
        if (poll === undefined || poll.lock?.status !== "Committed") return false;
        if (now > poll.commitEnd && now <= poll.revealEnd) return true;
        waiting.push(
          now <= poll.commitEnd
            ? `poll #${v.pollId} opens for reveals after ${formatUnixTime(poll.commitEnd)}`
            : `poll #${v.pollId}'s reveal period ended at ${formatUnixTime(poll.revealEnd)}`,
        );
        return false;
      });
      if (toReveal.length === 0) {
        throw new CliError(
          waiting.length > 0
            ? `nothing to reveal now: ${waiting.join("; ")}`
            : "nothing to reveal: every saved vote is revealed already",
        );
      }
    }
    if (toReveal.length === 0) {
      throw new CliError(
        `nothing to reveal: the votes on poll ${list(settled.map((v) => v.pollId))} are revealed already`,
      );
    }
    context.output.progress(`revealing votes on poll ${list(toReveal.map((v) => v.pollId))}…`);
    const result = await revealVotes(context.wallet, {
      distribute,
      votes: toReveal.map(({ pollId, approve, salt }) => ({ pollId, approve, salt })),
    });
    removeVotes(
      saltFile,
      scope,
      result.revealed.map((r) => r.pollId),
    );
    context.output.result(
      {
        voter: context.account,
        revealed: result.revealed,
        forgotten: settled.map((v) => v.pollId),
        saltFile,
        ...txFields(result),
      },
      () => [
        `Revealed ${result.revealed.length === 1 ? "a vote" : `${result.revealed.length} votes`}:`,
        ...result.revealed.map(
          (r) =>
            `  poll #${r.pollId}: ${r.approve ? "approve" : "reject"} with ${capital(r.tokens)} and ${reputation(r.reputation)}`,
        ),
        txLine(result),
      ],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("withdraw")
        .description("Withdraw deposited capital tokens and reputation that no live poll holds (default: all of it).")
        .option("--tokens <amount>", "capital tokens to withdraw", parseTokenWei)
        .option("--reputation <amount>", "reputation to withdraw", parseTokenWei),
    ),
    ["drex vote withdraw", "drex vote withdraw --tokens 10 --reputation 0 --json"],
  ).action(async (flags: ChainFlags & WeightFlags) => {
    const context = await openSigningContext(flags);
    const result = await withdrawVotes(context.wallet, {
      distribute: distributeOf(context),
      ...(flags.tokens === undefined ? {} : { tokens: flags.tokens }),
      ...(flags.reputation === undefined ? {} : { reputation: flags.reputation }),
    });
    context.output.result(
      {
        voter: context.account,
        tokens: result.tokens,
        reputation: result.reputation,
        openPollIds: result.openPollIds,
        ...txFields(result),
      },
      () => [`Withdrew ${capital(result.tokens)} and ${reputation(result.reputation)}.`, txLine(result)],
    );
  });

  withExamples(
    withChainFlags(
      group
        .command("show")
        .description("Show a voter's deposit, open votes and what is free to withdraw.")
        .argument("[address]", "the voter (default: the signer)", parseAddress),
    ),
    ["drex vote show", "drex vote show 0x… --json"],
  ).action(async (given: Address | undefined, flags: ChainFlags) => {
    const voter = await accountOrSigner(given, flags, "address");
    const context = await openChainContext(flags);
    const shown = await getVoter(context.publicClient, { distribute: distributeOf(context), voter });
    context.output.result({ voter, ...shown }, () => [
      `Voter ${voter}`,
      ...table([
        ["deposit", `${capital(shown.tokens)}, ${reputation(shown.reputation)}`],
        ["free to withdraw", `${capital(shown.unlockedTokens)}, ${reputation(shown.unlockedReputation)}`],
        [
          "open votes",
          shown.openPolls.length === 0
            ? "-"
            : shown.openPolls.map((p) => `#${p.pollId} ${p.status.toLowerCase()}`).join(", "),
        ],
      ]),
    ]);
  });
}
