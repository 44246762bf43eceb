// DS7: the poll that decides a task both sides validated. Token and reputation holders commit a secret vote, then
// reveal it; the salt that makes the secret is made in this browser and kept here (per account and poll) until the
// reveal, which cannot happen without it.
import { useState } from "react";
import { decodePoll } from "../../api/distributeDecode.ts";
import type { DistributeAccount, DistributeOverview, Poll } from "../../api/distributeTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { type TxStep, useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { checkTokenAmount, tokenInputToWei } from "../energy/energyChecks.ts";
import { approveFor, formatCapital, formatReputation } from "./distributeShared.ts";
import { loadVote, newSalt, saveVote } from "./voteSalts.ts";
import { voteSecret } from "./voteSecret.ts";

/** Deposits are uint112. */
const MAX_WEIGHT = (1n << 112n) - 1n;

function Tally({ poll }: { poll: Poll }) {
  return (
    <p data-testid="poll-tally">
      Revealed for: {formatCapital(poll.approvals.tokens)} and {formatReputation(poll.approvals.reputation)}; against:{" "}
      {formatCapital(poll.rejections.tokens)} and {formatReputation(poll.rejections.reputation)}. {poll.commitCount}{" "}
      committed, {poll.revealCount} revealed.
      {poll.approved !== null ? ` Result: ${poll.approved ? "approved" : "rejected"}.` : ""}
    </p>
  );
}

function CommitForm({
  poll,
  overview,
  account,
}: {
  poll: Poll;
  overview: DistributeOverview;
  account: DistributeAccount;
}) {
  const tx = useTransaction();
  const { address } = useWallet();
  const [salt, setSalt] = useState<string | null>(null);
  const v = account.voting;
  const form = useForm({ choice: "approve", tokens: "", reputation: "0" }, (values) => {
    const tokens = checkTokenAmount(values.tokens, {
      symbol: "capital tokens",
      maxWei: v.depositedTokens + account.capitalTokens,
      maxReason: "(deposited and held)",
      allowZero: true,
    });
    const reputation = checkTokenAmount(values.reputation, {
      symbol: "reputation",
      maxWei: v.depositedReputation + account.reputation,
      maxReason: "(deposited and held)",
      allowZero: true,
    });
    const bothZero =
      !tokens && !reputation && tokenInputToWei(values.tokens) === 0n && tokenInputToWei(values.reputation) === 0n;
    return { tokens: tokens ?? (bothZero ? "Vote with some tokens or reputation." : null), reputation };
  });

  const submit = form.onSubmit(async (values) => {
    if (!address) return;
    const tokens = tokenInputToWei(values.tokens);
    const reputation = tokenInputToWei(values.reputation);
    const approve = values.choice === "approve";
    const moreTokens = tokens > v.depositedTokens ? tokens - v.depositedTokens : 0n;
    const moreReputation = reputation > v.depositedReputation ? reputation - v.depositedReputation : 0n;
    const fresh = newSalt();
    // Kept before anything is sent: a vote committed without its salt kept could never be revealed.
    saveVote(address, poll.pollId, { salt: fresh, approve, committedAt: new Date().toISOString() });
    setSalt(fresh);
    const secret = await voteSecret(poll.pollId, address, approve, fresh);
    const steps: TxStep[] = [];
    if (moreTokens > 0n) {
      steps.push(
        approveFor(
          overview.addresses.capitalToken,
          overview.addresses.voting,
          moreTokens,
          "the voting contract",
          formatCapital(moreTokens),
        ),
      );
    }
    if (moreTokens > 0n || moreReputation > 0n) {
      steps.push({
        label: `Deposit ${formatCapital(moreTokens)} and ${formatReputation(moreReputation)} to vote with`,
        action: "depositVotes",
        fields: { tokens: moreTokens.toString(), reputation: moreReputation.toString() },
      });
    }
    steps.push({
      label: `Commit a secret vote in poll #${poll.pollId}`,
      action: "commitVote",
      fields: { pollId: poll.pollId.toString(), secret, tokens: tokens.toString(), reputation: reputation.toString() },
    });
    await tx.run(steps, `Vote committed in poll #${poll.pollId}. Reveal it when the reveal period opens.`);
  });

  return (
    <form onSubmit={submit} noValidate aria-label={`Commit a vote in poll #${poll.pollId}`}>
      <p className="hint">
        You have deposited {formatCapital(v.depositedTokens)} and {formatReputation(v.depositedReputation)} to vote
        with; more is deposited first if you vote with more. Deposits come back whatever the vote.
      </p>
      <SelectField
        {...form.bind("choice")}
        label="Your vote"
        options={[
          { value: "approve", label: "approve the task" },
          { value: "reject", label: "reject the task" },
        ]}
      />
      <div className="field-row">
        <TextField {...form.bind("tokens")} label="Vote with capital tokens" inputMode="decimal" />
        <TextField {...form.bind("reputation")} label="Vote with reputation" inputMode="decimal" />
      </div>
      <button type="submit" disabled={tx.pending}>
        Commit vote
      </button>
      {salt ? (
        <p className="notice" data-testid="vote-salt">
          Your vote's salt is <code className="salt">{salt}</code>. This browser keeps it for the reveal; keep a copy
          too — without it the vote cannot be revealed.
        </p>
      ) : null}
      <TxStatus state={tx.state} />
    </form>
  );
}

function RevealForm({ poll }: { poll: Poll }) {
  const tx = useTransaction();
  const { address } = useWallet();
  const stored = address ? loadVote(address, poll.pollId) : null;
  if (!stored) {
    return (
      <p className="notice" data-testid="no-salt">
        This browser holds no salt for your vote in poll #{poll.pollId.toString()}, so it cannot reveal it here.
      </p>
    );
  }
  return (
    <div className="action">
      <p>
        Your committed vote: {stored.approve ? "approve" : "reject"} (salt <code className="salt">{stored.salt}</code>
        ).
      </p>
      <button
        type="button"
        disabled={tx.pending}
        onClick={() =>
          void tx.run(
            [
              {
                label: `Reveal your vote in poll #${poll.pollId}`,
                action: "revealVote",
                fields: { pollId: poll.pollId.toString(), approve: stored.approve, salt: stored.salt },
              },
            ],
            `Vote revealed in poll #${poll.pollId}.`,
          )
        }
      >
        Reveal vote
      </button>
      <TxStatus state={tx.state} />
    </div>
  );
}

export function PollPanel({
  pollId,
  overview,
  account,
}: {
  pollId: bigint;
  overview: DistributeOverview | undefined;
  account: DistributeAccount | undefined;
}) {
  const read = useApi(`/api/v1/distribute/polls/${pollId}`, decodePoll);
  const poll = read.data;
  const lock = account?.voting.locks.find((l) => l.pollId === pollId) ?? null;
  return (
    <div className="poll" data-testid="poll">
      <h4>Poll #{pollId.toString()}</h4>
      <LoadState loading={read.loading} error={read.error} what="the poll" />
      {poll ? (
        <>
          <p data-testid="poll-phase">
            {poll.phase === "commit" ? (
              <>
                Commit period: <TimeLeft until={poll.commitEnd} />
              </>
            ) : poll.phase === "reveal" ? (
              <>
                Reveal period: <TimeLeft until={poll.revealEnd} />
              </>
            ) : (
              "The poll has ended."
            )}
          </p>
          <Tally poll={poll} />
          {lock ? (
            <p data-testid="my-vote">
              Your vote: {lock.status}
              {lock.approve !== null ? ` (${lock.approve ? "approve" : "reject"})` : ""}, weight{" "}
              {formatCapital(lock.tokens)} and {formatReputation(lock.reputation)}.
            </p>
          ) : null}
          {poll.phase === "commit" && overview && account ? (
            <CommitForm poll={poll} overview={overview} account={account} />
          ) : null}
          {poll.phase === "reveal" && lock?.status === "committed" ? <RevealForm poll={poll} /> : null}
        </>
      ) : null}
    </div>
  );
}
