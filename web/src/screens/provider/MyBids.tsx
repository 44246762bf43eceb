// DX2: the provider's bids and where each stands; a bid can be withdrawn until a bid on its request is accepted.
import { formatDuration, formatSolar } from "../../../../sdk/format.ts";
import { decodeRequestWithBids } from "../../api/decode.ts";
import type { Address } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { StatusText } from "../../components/StatusText.tsx";
import { ActionButton } from "../shared/ActionButton.tsx";

function MyBidsOnRequest({ requestId, provider }: { requestId: string; provider: Address }) {
  const read = useApi(`/api/v1/requests/${requestId}`, decodeRequestWithBids);
  const r = read.data;
  if (!r) return null;
  const mine = r.bids.filter((b) => b.provider === provider);
  const open = r.acceptedBidId === null && (r.status === "Bidding" || r.status === "AwaitingAcceptance");
  return (
    <>
      {mine.map((bid) => {
        const bidId = bid.bidId.toString();
        const state = bid.accepted
          ? "won"
          : bid.withdrawn
            ? "withdrawn"
            : r.acceptedBidId !== null
              ? "not chosen"
              : "open";
        return (
          <li key={bidId} className="card" data-testid="my-bid">
            <p>
              <strong>
                Bid #{bidId} on request #{requestId}
              </strong>{" "}
              ({r.location}): {formatSolar(bid.installationCostWei)}, {formatDuration(bid.installationSeconds)},{" "}
              {bid.unitType}. Your bid: <span data-testid="my-bid-state">{state}</span>.
            </p>
            <p>
              Request: <StatusText status={r.status} />
            </p>
            {open && !bid.withdrawn ? (
              <ActionButton
                className="secondary"
                context={`#${bidId} on request #${requestId}`}
                steps={() => [{ label: `Withdraw bid #${bidId}`, action: "withdrawBid", fields: { bidId } }]}
                doneMessage={`Bid #${bidId} withdrawn.`}
              >
                Withdraw bid
              </ActionButton>
            ) : null}
          </li>
        );
      })}
    </>
  );
}

export function MyBids({ provider, requestIds }: { provider: Address; requestIds: string[] }) {
  return (
    <section aria-labelledby="my-bids-heading" className="panel">
      <h2 id="my-bids-heading">Your bids</h2>
      {requestIds.length === 0 ? <p>You have not bid yet.</p> : null}
      <ul className="plain">
        {requestIds.map((id) => (
          <MyBidsOnRequest key={id} requestId={id} provider={provider} />
        ))}
      </ul>
    </section>
  );
}
