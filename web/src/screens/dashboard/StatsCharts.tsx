// Energy sold and revenue over time, by day or by hour (GET /api/v1/stats/timeseries). Loaded on its own after the
// dashboard is ready: the chart library is the largest part of the app.
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatSolar } from "../../../../sdk/format.ts";
import { decodeStats } from "../../api/decode.ts";
import { ApiError } from "../../api/http.ts";
import type { StatsBucket } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { dateLabel, solarForPlot } from "../../charts/chartNumbers.ts";
import { LoadState } from "../../components/LoadState.tsx";

const CHART_HEIGHT_PX = 220;

export default function StatsCharts() {
  const [bucket, setBucket] = useState<StatsBucket>("day");
  const bucketId = useId();
  const stats = useApi(`/api/v1/stats/timeseries?bucket=${bucket}`, decodeStats);
  const notOffered = stats.error instanceof ApiError && stats.error.status === 404;
  const points = stats.data?.points ?? [];
  const rows = points.map((p) => ({
    label: dateLabel(p.startsAt, bucket === "hour"),
    units: Number(p.unitsSold),
    revenueSolar: solarForPlot(p.revenueWei),
  }));

  return (
    <section aria-labelledby="charts-heading" className="panel">
      <h2 id="charts-heading">Over time</h2>
      <div className="field inline">
        <label htmlFor={bucketId}>Group by</label>
        <select id={bucketId} value={bucket} onChange={(e) => setBucket(e.target.value === "hour" ? "hour" : "day")}>
          <option value="day">day</option>
          <option value="hour">hour</option>
        </select>
      </div>
      {notOffered ? (
        <p>This node does not offer statistics over time yet; the totals above are current.</p>
      ) : (
        <LoadState loading={stats.loading} error={stats.error} what="the statistics" />
      )}
      {stats.data && points.length === 0 ? <p>No energy has been sold yet.</p> : null}
      {points.length > 0 ? (
        <div className="charts">
          <figure>
            <figcaption>Units sold per {bucket}</figcaption>
            <div aria-hidden="true">
              <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX} debounce={50}>
                <BarChart data={rows} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis allowDecimals={false} width={48} />
                  <Tooltip />
                  <Bar dataKey="units" name="units sold" fill="#1f6f43" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <figure>
            <figcaption>Revenue per {bucket} (SOLAR)</figcaption>
            <div aria-hidden="true">
              <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX} debounce={50}>
                <LineChart data={rows} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis width={64} />
                  <Tooltip />
                  <Line
                    type="monotone"
                    dataKey="revenueSolar"
                    name="revenue (SOLAR)"
                    stroke="#8a4b00"
                    dot={{ r: 3 }}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <details>
            <summary>The figures behind the charts</summary>
            <table className="figures responsive">
              <caption>Units sold and revenue per {bucket}</caption>
              <thead>
                <tr>
                  <th scope="col">{bucket === "hour" ? "Hour" : "Day"}</th>
                  <th scope="col">Units sold</th>
                  <th scope="col">Purchases</th>
                  <th scope="col">Revenue</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.startsAt.toString()}>
                    <th scope="row" data-label={bucket === "hour" ? "Hour" : "Day"}>
                      {dateLabel(p.startsAt, bucket === "hour")}
                    </th>
                    <td data-label="Units sold">{p.unitsSold.toString()}</td>
                    <td data-label="Purchases">{p.purchaseCount.toString()}</td>
                    <td data-label="Revenue">{formatSolar(p.revenueWei)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      ) : null}
    </section>
  );
}
