// DS1: the collective pool at a glance: its balance, the tokens in existence and what one costs now.
import type { DistributeOverview } from "../../api/distributeTypes.ts";
import { formatCapital, formatReputation, formatWei } from "../projects/distributeShared.ts";

export function CapitalFigures({ overview }: { overview: DistributeOverview }) {
  const c = overview.capital;
  return (
    <section aria-labelledby="pool-heading" className="panel">
      <h2 id="pool-heading">The pool</h2>
      <dl className="facts" data-testid="capital-figures">
        <dt>Pool balance</dt>
        <dd data-testid="pool-balance">{formatWei(c.poolWei)}</dd>
        <dt>Capital tokens in existence</dt>
        <dd data-testid="capital-supply">{formatCapital(c.supplyTokens)}</dd>
        <dt>Price per token</dt>
        <dd data-testid="capital-price">
          {formatWei(c.pricePerTokenWei)}
          {c.supplyTokens === 0n ? " (the launch price: no token exists yet)" : ""}
        </dd>
        <dt>Pool balance per token</dt>
        <dd>{formatWei(c.balancePerTokenWei)} (what a token sells back for)</dd>
        <dt>Holders</dt>
        <dd>{c.holderCount}</dd>
        <dt>Reputation in existence</dt>
        <dd>
          {formatReputation(overview.reputation.supply)} among {overview.reputation.registeredCount} registered people
        </dd>
      </dl>
      <p className="hint">
        Buying n tokens costs n × price × (supply + 2n) / (supply + n): the larger your share of the market, the higher
        the premium, which stays in the pool. Selling pays a proportional share of the pool.
      </p>
    </section>
  );
}
