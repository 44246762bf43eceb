// One of the consumer's requests through its life: bids to choose from, financing progress, installation, and
// activation once the provider has registered the device.
import { formatSolar } from "../../../../sdk/format.ts";
import { decodeGeneratorDetail, decodeRequestWithBids } from "../../api/decode.ts";
import type { Address, MarketRequest } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { FundingProgress } from "../../components/FundingProgress.tsx";
import { GeneratorDevice } from "../../components/GeneratorDevice.tsx";
import { StatusText } from "../../components/StatusText.tsx";
import { TimeLeft } from "../../components/TimeLeft.tsx";
import { generatorHref } from "../../routing/useHashRoute.ts";
import { ActionButton } from "../shared/ActionButton.tsx";
import { ActivateForm } from "./ActivateForm.tsx";
import { BidList } from "./BidList.tsx";

function Installation({ generator, balanceWei }: { generator: Address; balanceWei: bigint }) {
  const read = useApi(`/api/v1/generators/${generator}`, decodeGeneratorDetail);
  const g = read.data;
  if (!g) return null;
  if (g.active) return null;
  if (g.deviceKey === null) {
    return (
      <p data-testid="device-key-state">
        Waiting for <AddressText address={g.provider} /> to install the generator and register its device.
      </p>
    );
  }
  return (
    <>
      <p data-testid="device-key-state">
        The provider registered <GeneratorDevice deviceId={g.deviceId} deviceKey={g.deviceKey} />. Once it is installed,
        activate it.
      </p>
      <ActivateForm generator={generator} balanceWei={balanceWei} />
    </>
  );
}

export function MyRequestCard({ request, balanceWei }: { request: MarketRequest; balanceWei: bigint }) {
  const id = request.requestId.toString();
  const detail = useApi(`/api/v1/requests/${id}`, decodeRequestWithBids);
  const r = detail.data ?? { ...request, bids: [] };
  const s = r.status;
  const headingId = `my-request-${id}`;
  const cancellable = s === "Bidding" || s === "AwaitingAcceptance";

  return (
    <article className="card" aria-labelledby={headingId} data-testid="my-request">
      <h3 id={headingId}>
        Request #{id}: {r.location}
      </h3>
      <p>
        Status: <StatusText status={s} />
      </p>
      <p className="muted">
        {r.wattageW.toString()} W of {r.utilityKind} sold in {r.unit}
        {r.reason ? ` — ${r.reason}` : ""}
      </p>
      {s === "Bidding" ? (
        <p>
          Bidding closes: <TimeLeft until={r.biddingEndsAt} />. You can accept a bid once it has closed.
        </p>
      ) : null}
      {s === "AwaitingAcceptance" ? (
        <p>
          Accept a bid: <TimeLeft until={r.acceptanceEndsAt} />.
        </p>
      ) : null}
      {s === "Bidding" || s === "AwaitingAcceptance" || s === "Lapsed" ? (
        <section aria-label={`Bids on request #${id}`}>
          <h4>Bids</h4>
          <BidList request={r} canAccept={s === "AwaitingAcceptance"} />
        </section>
      ) : null}
      {r.targetWei !== null && (s === "Financing" || s === "FinancingFailed" || s === "Funded") ? (
        <>
          <FundingProgress raisedWei={r.raisedWei} targetWei={r.targetWei} label={`Funding of request #${id}`} />
          {s === "Financing" && r.financingDeadline !== null ? (
            <p>
              Financing closes: <TimeLeft until={r.financingDeadline} /> ({r.financierCount.toString()} financiers so
              far).
            </p>
          ) : null}
        </>
      ) : null}
      {r.provider !== null && s !== "Bidding" && s !== "AwaitingAcceptance" ? (
        <p>
          Installer: <AddressText address={r.provider} />
          {r.targetWei !== null ? <> for {formatSolar(r.targetWei)}</> : null}
        </p>
      ) : null}
      {r.generator !== null ? (
        <p>
          Generator:{" "}
          <a href={generatorHref(r.generator)} className="address">
            {r.generator}
          </a>
          {s === "Funded" && r.activationDeadline !== null ? (
            <>
              {" "}
              — activate it in time: <TimeLeft until={r.activationDeadline} />
            </>
          ) : null}
        </p>
      ) : null}
      {s === "Funded" && r.generator !== null ? <Installation generator={r.generator} balanceWei={balanceWei} /> : null}
      {cancellable ? (
        <ActionButton
          className="secondary"
          context={`#${id}`}
          steps={() => [{ label: `Cancel request #${id}`, action: "cancelRequest", fields: { requestId: id } }]}
          doneMessage="Request cancelled."
        >
          Cancel request
        </ActionButton>
      ) : null}
    </article>
  );
}
