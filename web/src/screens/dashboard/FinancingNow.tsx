// Requests being financed now, with their progress: what a visitor could help fund.
import { decodeRequestList } from "../../api/decode.ts";
import { useApi } from "../../api/useApi.ts";
import { FundingProgress } from "../../components/FundingProgress.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";

export function FinancingNow() {
  const requests = useApi("/api/v1/requests?phase=Financing&limit=10", decodeRequestList);
  const open = (requests.data ?? []).filter((r) => r.status === "Financing");
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="financing-now-heading" className="panel">
      <h2 id="financing-now-heading">Being financed now</h2>
      <ul className="plain">
        {open.map((r) => (
          <li key={r.requestId.toString()}>
            <strong>
              Request #{r.requestId.toString()}: {r.location}
            </strong>{" "}
            {r.financingDeadline !== null ? <TimeLeft until={r.financingDeadline} /> : null}
            <FundingProgress
              raisedWei={r.raisedWei}
              targetWei={r.targetWei ?? 0n}
              label={`Funding of request #${r.requestId.toString()}`}
            />
          </li>
        ))}
      </ul>
      <p>
        <a href="#/financier">Fund a request</a>
      </p>
    </section>
  );
}
