// The public dashboard (#/): totals, every generator a page at a time, charts over time and the live activity.
// Ready contract: <main data-testid="dashboard"> is aria-busy until the totals and the page of generators are on
// screen. Only those two reads come before that; the charts' code and data load after.
import { lazy, Suspense, useState } from "react";
import { decodeGeneratorList } from "../../api/decode.ts";
import { useNodeStatus } from "../../api/nodeStatus.tsx";
import { useApi } from "../../api/useApi.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { Pager } from "../../components/Pager.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { ActivityFeed } from "./ActivityFeed.tsx";
import { FinancingNow } from "./FinancingNow.tsx";
import { GeneratorTable } from "./GeneratorTable.tsx";
import { TotalsSummary } from "./TotalsSummary.tsx";

const StatsCharts = lazy(() => import("./StatsCharts.tsx"));

export const GENERATORS_PER_PAGE = 50;

export function DashboardScreen() {
  useDocumentTitle("Dashboard");
  const status = useNodeStatus();
  const [page, setPage] = useState(0);
  const generators = useApi(
    `/api/v1/generators?limit=${GENERATORS_PER_PAGE}&offset=${page * GENERATORS_PER_PAGE}`,
    decodeGeneratorList,
  );
  const totals = status.data?.totals;
  const ready = totals !== undefined && generators.data !== undefined;
  const generatorCount = totals?.generatorCount ?? 0n;
  const pageCount = Number((generatorCount + BigInt(GENERATORS_PER_PAGE) - 1n) / BigInt(GENERATORS_PER_PAGE));

  return (
    <ScreenMain data-testid="dashboard" aria-busy={ready ? "false" : "true"}>
      <h1>Community generators</h1>
      <p className="lede">
        Everyone's generators, who owns them, the price their owners voted, and what they have earned — read from the
        chain.
      </p>
      {totals ? <TotalsSummary totals={totals} /> : <LoadState loading error={status.error} what="the totals" />}
      <section aria-labelledby="generators-heading" className="panel">
        <h2 id="generators-heading">Generators</h2>
        <LoadState loading={generators.loading} error={generators.error} what="the generators" />
        {generators.data ? (
          generators.data.length === 0 && page === 0 ? (
            <p>No generator yet: one is created when a request is fully funded.</p>
          ) : (
            <GeneratorTable
              generators={generators.data}
              caption={`Generators, newest first${pageCount > 1 ? `, page ${page + 1} of ${pageCount}` : ""}`}
            />
          )
        ) : null}
        <Pager page={page} pageCount={pageCount} onPage={setPage} label="Pages of generators" />
      </section>
      {ready ? (
        <>
          <FinancingNow />
          <Suspense fallback={<p className="loading">Loading the charts…</p>}>
            <StatsCharts />
          </Suspense>
        </>
      ) : null}
      <ActivityFeed />
    </ScreenMain>
  );
}
