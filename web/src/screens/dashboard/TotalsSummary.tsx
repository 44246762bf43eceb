// The community's totals: money raised, energy sold, revenue earned and paid out.
import { formatSolar } from "../../../../sdk/format.ts";
import type { Totals } from "../../api/types.ts";

function count(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function TotalsSummary({ totals }: { totals: Totals }) {
  return (
    <section aria-labelledby="totals-heading" className="panel">
      <h2 id="totals-heading">Totals</h2>
      <dl className="totals" data-testid="totals">
        <div>
          <dt>Money raised</dt>
          <dd data-testid="total-raised">{formatSolar(totals.raisedWei)}</dd>
        </div>
        <div>
          <dt>Units sold (kWh and other utilities' units)</dt>
          <dd data-testid="total-units">{count(totals.unitsSold)}</dd>
        </div>
        <div>
          <dt>Revenue earned by owners</dt>
          <dd data-testid="total-revenue">{formatSolar(totals.revenueWei)}</dd>
        </div>
        <div>
          <dt>Revenue paid out</dt>
          <dd data-testid="total-paid-out">{formatSolar(totals.claimedWei)}</dd>
        </div>
        <div>
          <dt>Generators</dt>
          <dd>
            {count(totals.generatorCount)} ({count(totals.activeGeneratorCount)} active)
          </dd>
        </div>
        <div>
          <dt>Requests</dt>
          <dd>{count(totals.requestCount)}</dd>
        </div>
      </dl>
    </section>
  );
}
