// MX1, MX4, MX9: one proposal of the Technical DAO: what it does, where it stands by the chain's clock, its tally
// against the quorum, who voted how, and (to members) the vote; once passed, anyone may execute it.
import { formatDuration } from "../../../../sdk/format.ts";
import type { ProposalRow, ProposalState } from "../../api/energyTypes.ts";
import type { Address } from "../../api/types.ts";
import { useChainNow } from "../../chain/chainClock.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { formatTime, proposalStateMeaning, shortId } from "../energy/energyFormat.ts";
import { ActionButton } from "../shared/ActionButton.tsx";
import { effectiveState } from "./effectiveState.ts";
import { VoteControls } from "./VoteControls.tsx";

function callText(p: ProposalRow): string {
  return p.actions
    .map((a) => {
      const args = Object.entries(a.args)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      return `${a.contract}.${a.functionName ?? "(unknown call)"}${args ? ` (${args})` : ""}`;
    })
    .join("; ");
}

export function ProposalTally({ proposal: p }: { proposal: ProposalRow }) {
  const counted = p.forVotes + p.abstainVotes;
  const quorumReached = counted >= p.quorum;
  return (
    <p data-testid="proposal-tally">
      For {p.forVotes.toString()}, against {p.againstVotes.toString()}, abstain {p.abstainVotes.toString()}. Quorum{" "}
      {p.quorum.toString()} (for + abstain):{" "}
      {quorumReached ? "reached" : `not reached, ${p.quorum - counted} more needed`}.
    </p>
  );
}

/** Voting opens and closes on the second: the state is looked at every second while it can still change. */
const CLOCK_TICK_MS = 1000;

function VotingTime({ proposal: p, state }: { proposal: ProposalRow; state: ProposalState }) {
  if (state === "pending") {
    return (
      <p>
        Voting opens: <TimeLeft until={p.voteStart} endedText="now" />
      </p>
    );
  }
  if (state === "active") {
    return (
      <p>
        Voting closes: <TimeLeft until={p.voteEnd} endedText="closing" />
      </p>
    );
  }
  return <p className="muted">Voting closed {formatTime(p.voteEnd)}.</p>;
}

export function ProposalCard({ proposal: row, members }: { proposal: ProposalRow; members: Address[] }) {
  const now = useChainNow(CLOCK_TICK_MS);
  const state = effectiveState(row, now);
  const p = { ...row, state };
  const id = p.proposalId.toString();
  const title = p.description.split("\n")[0] || `Proposal ${shortId(p.proposalId)}`;
  const headingId = `proposal-${id}`;
  return (
    <article className="card" aria-labelledby={headingId} data-testid="proposal">
      <h3 id={headingId}>{title}</h3>
      <p>
        <span className={`status proposal-state-${p.state}`} data-testid="proposal-state">
          {p.state}
          <span className="status-meaning"> — {proposalStateMeaning(p.state)}</span>
        </span>
      </p>
      <VotingTime proposal={p} state={state} />
      <ProposalTally proposal={p} />
      <details>
        <summary>Details of “{title}”</summary>
        <dl className="facts">
          <dt>Proposal id</dt>
          <dd className="address">{id}</dd>
          <dt>Proposed by</dt>
          <dd>
            <AddressText address={p.proposer} /> on {formatTime(p.createdAt)}
          </dd>
          {p.subject?.kind === "device" ? (
            <>
              <dt>About</dt>
              <dd>
                <a href={deviceHref(p.subject.deviceId)}>Device #{p.subject.deviceId.toString()}</a>
              </dd>
            </>
          ) : null}
          {p.subject?.kind === "payment" ? (
            <>
              <dt>About</dt>
              <dd>Payment request #{p.subject.requestId.toString()}</dd>
            </>
          ) : null}
          <dt>Calls</dt>
          <dd>{callText(p) || "none"}</dd>
          <dt>Voting period</dt>
          <dd>
            {formatTime(p.voteStart)} to {formatTime(p.voteEnd)} ({formatDuration(p.voteEnd - p.voteStart)})
          </dd>
        </dl>
      </details>
      {p.votes.length > 0 ? (
        <ul className="plain votes" aria-label={`Votes on “${title}”`}>
          {p.votes.map((v) => (
            <li key={v.voter}>
              <AddressText address={v.voter} /> voted {v.support}
              {v.weight !== 1n ? ` (weight ${v.weight})` : ""}
              {v.reason ? `: “${v.reason}”` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No votes yet.</p>
      )}
      {p.state === "succeeded" ? (
        <ActionButton
          context={`“${title}”`}
          steps={() => [{ label: `Execute “${title}”`, action: "executeProposal", fields: { proposalId: id } }]}
          doneMessage={`Executed “${title}”.`}
        >
          Execute
        </ActionButton>
      ) : null}
      {p.state === "pending" || p.state === "active" ? <VoteControls proposal={p} members={members} /> : null}
    </article>
  );
}
