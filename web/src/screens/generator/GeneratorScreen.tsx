// One generator (#/generators/0x…): who asked for it, who installed it and with which registry device, who owns it
// and how they voted, its price over time, the energy it sold and the revenue it earned.
import { lazy, Suspense } from "react";
import { formatMilliUnits, formatShares, formatSolar } from "../../../../sdk/format.ts";
import { decodeGeneratorDetail } from "../../api/decode.ts";
import type { Address } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { useChainNow } from "../../chain/chainClock.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { generatorState } from "../dashboard/generatorState.ts";

const PriceHistoryChart = lazy(() => import("./PriceHistoryChart.tsx"));

export default function GeneratorScreen({ address }: { address: Address }) {
  useDocumentTitle("Generator");
  const read = useApi(`/api/v1/generators/${address}`, decodeGeneratorDetail);
  const now = useChainNow();
  const g = read.data;
  return (
    <ScreenMain aria-busy={g ? "false" : "true"}>
      <p>
        <a href="#/">← All generators</a>
      </p>
      <h1>
        Generator <span className="address">{address}</span>
      </h1>
      <LoadState loading={read.loading} error={read.error} what="the generator" />
      {g ? (
        <>
          <section aria-labelledby="facts-heading" className="panel">
            <h2 id="facts-heading">At a glance</h2>
            <dl className="facts">
              <dt>State</dt>
              <dd>{generatorState(g, now)}</dd>
              <dt>Request</dt>
              <dd>#{g.requestId.toString()}</dd>
              <dt>Consumer</dt>
              <dd>
                <AddressText address={g.consumer} />
              </dd>
              <dt>Provider</dt>
              <dd>
                <AddressText address={g.provider} />
              </dd>
              {g.deviceId !== null ? (
                <>
                  <dt>Device</dt>
                  <dd>
                    <a href={deviceHref(g.deviceId)}>Device #{g.deviceId.toString()}</a> in the device registry
                  </dd>
                </>
              ) : null}
              <dt>Device key</dt>
              <dd>{g.deviceKey ? <AddressText address={g.deviceKey} /> : "not registered yet"}</dd>
              <dt>Financed</dt>
              <dd>{formatSolar(g.targetWei)}</dd>
              <dt>Price per unit</dt>
              <dd>{g.priceWeiPerUnit === 0n ? "free (no votes yet)" : formatSolar(g.priceWeiPerUnit)}</dd>
              <dt>Units sold</dt>
              <dd>
                {g.unitsSold.toString()} in {g.purchaseCount.toString()} purchases
              </dd>
              <dt>Delivered</dt>
              <dd>{formatMilliUnits(g.usageMilliUnits, "units")}, by the device's signed readings</dd>
              <dt>Revenue</dt>
              <dd>
                {formatSolar(g.revenueWei)} earned, {formatSolar(g.claimedWei)} claimed by owners
              </dd>
            </dl>
          </section>
          <section aria-labelledby="owners-heading" className="panel">
            <h2 id="owners-heading">Owners</h2>
            <table className="responsive">
              <caption>Owners and their price votes</caption>
              <thead>
                <tr>
                  <th scope="col">Owner</th>
                  <th scope="col">Shares</th>
                  <th scope="col">Price vote</th>
                  <th scope="col">Claimed</th>
                </tr>
              </thead>
              <tbody>
                {g.holdings
                  .filter((h) => h.shares > 0n)
                  .map((h) => (
                    <tr key={h.owner}>
                      <th scope="row" data-label="Owner">
                        <AddressText address={h.owner} />
                      </th>
                      <td data-label="Shares">{formatShares(h.shares)}</td>
                      <td data-label="Price vote">
                        {h.voted && h.votePriceWeiPerUnit !== null ? formatSolar(h.votePriceWeiPerUnit) : "no vote"}
                      </td>
                      <td data-label="Claimed">{formatSolar(h.claimedWei)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="price-heading" className="panel">
            <h2 id="price-heading">Price history</h2>
            {g.priceHistory.length === 0 ? (
              <p>Nobody has voted yet; the generator runs for free.</p>
            ) : (
              <>
                <Suspense fallback={<p className="loading">Loading the chart…</p>}>
                  <PriceHistoryChart points={g.priceHistory} />
                </Suspense>
                <ol className="price-history">
                  {g.priceHistory.map((p, index) => (
                    // Several votes can share a block; the list never reorders, so the position is a stable key.
                    <li key={index}>
                      {formatSolar(p.priceWeiPerUnit)} per unit from block {p.blockNumber.toString()} (
                      {new Date(Number(p.timestamp) * 1000).toLocaleString()})
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
        </>
      ) : null}
    </ScreenMain>
  );
}
