// DX4: accepted requests being financed now, with their progress and time left.
import { formatDuration, formatSolar } from "../../../../sdk/format.ts";
import { decodeRequestList, decodeRequestWithBids } from "../../api/decode.ts";
import type { MarketRequest } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { FundingProgress } from "../../components/FundingProgress.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { FundForm } from "./FundForm.tsx";

function AcceptedBid({ request }: { request: MarketRequest }) {
  const read = useApi(`/api/v1/requests/${request.requestId}`, decodeRequestWithBids);
  const bid = read.data?.bids.find((b) => b.accepted);
  if (!bid) return null;
  return (
    <p>
      Installer <AddressText address={bid.provider} />: {bid.unitType}, installed within{" "}
      {formatDuration(bid.installationSeconds)}; insurance: {bid.insurance || "none stated"}.
    </p>
  );
}

export function FinancingList({ balanceWei }: { balanceWei: bigint }) {
  const read = useApi("/api/v1/requests?phase=Financing&limit=100", decodeRequestList);
  const open = (read.data ?? []).filter((r) => r.status === "Financing" && r.targetWei !== null);
  return (
    <section aria-labelledby="financing-heading" className="panel">
      <h2 id="financing-heading">Requests being financed</h2>
      <LoadState loading={read.loading} error={read.error} what="the requests being financed" />
      {read.data && open.length === 0 ? <p>No request is being financed right now.</p> : null}
      {open.map((r) => {
        const id = r.requestId.toString();
        const target = r.targetWei ?? 0n;
        const left = target - r.raisedWei;
        return (
          <article key={id} className="card" aria-labelledby={`financing-${id}`} data-testid="financing-request">
            <h3 id={`financing-${id}`}>
              Request #{id}: {r.location}
            </h3>
            <p className="muted">
              {r.wattageW.toString()} W — {r.reason || "no reason given"}
            </p>
            <AcceptedBid request={r} />
            <FundingProgress raisedWei={r.raisedWei} targetWei={target} label={`Funding of request #${id}`} />
            <p>
              {formatSolar(left)} left to fund from {r.financierCount.toString()} financiers so far; closes:{" "}
              {r.financingDeadline !== null ? <TimeLeft until={r.financingDeadline} /> : "—"}
            </p>
            <FundForm requestId={r.requestId} leftWei={left} balanceWei={balanceWei} />
          </article>
        );
      })}
    </section>
  );
}
