// Energy per hour (produced, sent, received) and, for one device, its uptime: the figures of GET
// /energy/readings/timeseries drawn. Loaded on demand with the chart library; the same figures are in a table beside
// it for anyone who does not see the chart.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TimeseriesPoint } from "../../api/energyTypes.ts";
import { dateLabel } from "../../charts/chartNumbers.ts";

const CHART_HEIGHT_PX = 220;

export default function EnergyChart({ points, what }: { points: TimeseriesPoint[]; what: string }) {
  // Watt-hours per hour stay far below 2^53, so a number draws them exactly.
  const rows = points.map((p) => ({
    label: dateLabel(p.periodStart, true),
    producedWh: Number(p.producedWh),
    sentWh: Number(p.sentWh),
    receivedWh: Number(p.receivedWh),
    uptimePercent: p.uptimeBps === null ? null : Number(p.uptimeBps) / 100,
  }));
  const withUptime = points.some((p) => p.uptimeBps !== null);
  return (
    <div className="charts">
      <figure>
        <figcaption>Energy per hour, {what} (Wh)</figcaption>
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX} debounce={50}>
            <LineChart data={rows} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" minTickGap={24} />
              <YAxis width={64} allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Line dataKey="producedWh" name="produced" stroke="#1f6f43" dot={false} isAnimationActive={false} />
              <Line
                dataKey="sentWh"
                name="sent"
                stroke="#1f4f8a"
                strokeDasharray="6 3"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="receivedWh"
                name="received"
                stroke="#8a4b00"
                strokeDasharray="2 2"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      {withUptime ? (
        <figure>
          <figcaption>Uptime per hour, {what} (%)</figcaption>
          <div aria-hidden="true">
            <ResponsiveContainer width="100%" height={160} debounce={50}>
              <LineChart data={rows} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" minTickGap={24} />
                <YAxis width={48} domain={[0, 100]} />
                <Tooltip />
                <Line
                  type="stepAfter"
                  dataKey="uptimePercent"
                  name="uptime (%)"
                  stroke="#5b2a86"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ) : null}
    </div>
  );
}
