// Energy over time: the chart (loaded with the chart library when first shown) and the figures behind it, hour by
// hour, in a table anyone can read.
import { lazy, Suspense } from "react";
import type { TimeseriesPoint } from "../../api/energyTypes.ts";
import { formatBps, formatPeriod, formatWh } from "./energyFormat.ts";

const EnergyChart = lazy(() => import("./EnergyChart.tsx"));

export function EnergyFigures({ points, what }: { points: TimeseriesPoint[]; what: string }) {
  const withReadings = points.filter((p) => p.readingCount > 0n);
  if (withReadings.length === 0) return <p>No readings in the last 48 hours.</p>;
  const total = (pick: (p: TimeseriesPoint) => bigint) => points.reduce((sum, p) => sum + pick(p), 0n);
  const withUptime = points.some((p) => p.uptimeBps !== null);
  return (
    <>
      <p data-testid="energy-totals">
        Over these hours: {formatWh(total((p) => p.producedWh))} produced, {formatWh(total((p) => p.sentWh))} sent,{" "}
        {formatWh(total((p) => p.receivedWh))} received, from {total((p) => p.readingCount).toString()} readings.
      </p>
      <Suspense fallback={<p className="loading">Loading the chart…</p>}>
        <EnergyChart points={points} what={what} />
      </Suspense>
      <details>
        <summary>The figures behind the chart</summary>
        <table className="figures responsive">
          <caption>Energy per hour, {what}</caption>
          <thead>
            <tr>
              <th scope="col">Hour (UTC)</th>
              <th scope="col">Readings</th>
              <th scope="col">Produced</th>
              <th scope="col">Sent</th>
              <th scope="col">Received</th>
              {withUptime ? <th scope="col">Uptime</th> : null}
            </tr>
          </thead>
          <tbody>
            {withReadings.map((p) => (
              <tr key={p.periodId.toString()}>
                <th scope="row" data-label="Hour (UTC)">
                  {formatPeriod(p.periodId)}
                </th>
                <td data-label="Readings">{p.readingCount.toString()}</td>
                <td data-label="Produced">{formatWh(p.producedWh)}</td>
                <td data-label="Sent">{formatWh(p.sentWh)}</td>
                <td data-label="Received">{formatWh(p.receivedWh)}</td>
                {withUptime ? <td data-label="Uptime">{p.uptimeBps === null ? "—" : formatBps(p.uptimeBps)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
