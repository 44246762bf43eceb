// DX2, DX3: the bids on one of the consumer's requests, with each provider's offer; once bidding has closed, any
// open bid can be accepted.
import { formatDuration, formatSolar } from "../../../../sdk/format.ts";
import type { Bid, RequestWithBids } from "../../api/types.ts";
import { AddressText, shortAddress } from "../../components/AddressText.tsx";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ActionButton } from "../shared/ActionButton.tsx";

function bidState(bid: Bid): string | null {
  if (bid.accepted) return "accepted";
  if (bid.withdrawn) return "withdrawn by the provider";
  return null;
}

export function BidList({ request, canAccept }: { request: RequestWithBids; canAccept: boolean }) {
  const { labelOf } = useWallet();
  const bids = request.bids;
  if (bids.length === 0) return <p>No bids yet.</p>;
  return (
    <ul className="bids" aria-label={`Bids on request #${request.requestId.toString()}`}>
      {bids.map((bid) => {
        const state = bidState(bid);
        const providerName = labelOf(bid.provider) ?? shortAddress(bid.provider);
        return (
          <li
            key={bid.bidId.toString()}
            className={state ? `bid bid-${bid.accepted ? "accepted" : "withdrawn"}` : "bid"}
          >
            <p className="bid-title">
              <strong>Bid #{bid.bidId.toString()}</strong> by <AddressText address={bid.provider} />
              {state ? <span className="badge"> {state}</span> : null}
            </p>
            <dl className="facts compact">
              <dt>Unit</dt>
              <dd>{bid.unitType}</dd>
              <dt>Installation cost</dt>
              <dd>{formatSolar(bid.installationCostWei)}</dd>
              <dt>Installation time</dt>
              <dd>{formatDuration(bid.installationSeconds)}</dd>
              <dt>Insurance</dt>
              <dd>{bid.insurance || "none stated"}</dd>
            </dl>
            {canAccept && state === null ? (
              <ActionButton
                context={`#${bid.bidId.toString()} from ${providerName}`}
                steps={() => [
                  {
                    label: `Accept bid #${bid.bidId.toString()} from ${providerName}`,
                    action: "acceptBid",
                    fields: { requestId: request.requestId.toString(), bidId: bid.bidId.toString() },
                  },
                ]}
                doneMessage="Bid accepted: financing is open for one month."
              >
                Accept this bid
              </ActionButton>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
