// The Technical DAO's members and settings: who votes, how long, what quorum, and how rewards are split (MX5).
import { formatDuration } from "../../../../sdk/format.ts";
import type { DaoOverview } from "../../api/energyTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { formatBps, formatToken } from "../energy/energyFormat.ts";

export function DaoSettings({ dao }: { dao: DaoOverview }) {
  const r = dao.rewardParameters;
  return (
    <section aria-labelledby="dao-settings-heading" className="panel">
      <h2 id="dao-settings-heading">Members and settings</h2>
      <ul className="plain" aria-label="Members of the Technical DAO" data-testid="dao-members">
        {dao.members.map((m) => (
          <li key={m}>
            <AddressText address={m} />
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>Members</dt>
        <dd>{dao.memberCount.toString()}, one vote each</dd>
        <dt>Voting opens</dt>
        <dd>
          {dao.votingDelaySeconds === 0n
            ? "as soon as a proposal is made"
            : `${formatDuration(dao.votingDelaySeconds)} after a proposal`}
        </dd>
        <dt>Voting lasts</dt>
        <dd>{formatDuration(dao.votingPeriodSeconds)}</dd>
        <dt>Quorum</dt>
        <dd>{dao.quorumPercent.toString()}% of the members, voting for or abstaining</dd>
        <dt>DAO vault</dt>
        <dd>
          <AddressText address={dao.vault} />
        </dd>
        {r ? (
          <>
            <dt>Reward per verified Wh</dt>
            <dd>{formatToken(r.rewardWeiPerWh, "DREX-GREEN")}</dd>
            <dt>Reward split</dt>
            <dd>
              operator {formatBps(10_000n - r.poolBps - r.vaultBps)}, liquidity pool {formatBps(r.poolBps)} (
              <AddressText address={r.poolRecipient} />
              ), vault {formatBps(r.vaultBps)}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
