// A generator's price over time: the owners' share-weighted average after each vote. Loaded on demand with the
// chart library.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PricePoint } from "../../api/types.ts";
import { dateLabel, solarForPlot } from "../../charts/chartNumbers.ts";

export default function PriceHistoryChart({ points }: { points: PricePoint[] }) {
  const rows = points.map((p) => ({
    label: `${dateLabel(p.timestamp, true)} (block ${p.blockNumber.toString()})`,
    priceSolar: solarForPlot(p.priceWeiPerUnit),
  }));
  return (
    <div aria-hidden="true">
      <ResponsiveContainer width="100%" height={220} debounce={50}>
        <LineChart data={rows} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" hide />
          <YAxis width={64} />
          <Tooltip />
          <Line
            type="stepAfter"
            dataKey="priceSolar"
            name="price (SOLAR per unit)"
            stroke="#1f4f8a"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
