// DX4, DX7: what the financier put in, and the refund when financing or activation failed in time.
import { formatSolar } from "../../../../sdk/format.ts";
import { decodeRequestWithBids } from "../../api/decode.ts";
import type { Contribution } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { StatusText } from "../../components/StatusText.tsx";
import { ActionButton } from "../shared/ActionButton.tsx";

function ContributionRow({ contribution }: { contribution: Contribution }) {
  const id = contribution.requestId.toString();
  const read = useApi(`/api/v1/requests/${id}`, decodeRequestWithBids);
  const r = read.data;
  const refundableWei = contribution.amountWei - contribution.refundedWei;
  const failed = r?.status === "FinancingFailed" || r?.status === "ActivationFailed";
  return (
    <li className="card" data-testid="contribution">
      <p>
        <strong>Request #{id}</strong>
        {r ? `: ${r.location}` : ""} — you put in {formatSolar(contribution.amountWei)}
        {contribution.refundedWei > 0n ? `, took back ${formatSolar(contribution.refundedWei)}` : ""}.
      </p>
      {r ? (
        <p>
          Status: <StatusText status={r.status} />
        </p>
      ) : null}
      {failed && refundableWei > 0n ? (
        <ActionButton
          context={`(${formatSolar(refundableWei)}) from request #${id}`}
          steps={() => [{ label: `Refund from request #${id}`, action: "refund", fields: { requestId: id } }]}
          doneMessage={`${formatSolar(refundableWei)} returned to you.`}
        >
          Take my money back
        </ActionButton>
      ) : null}
    </li>
  );
}

export function Contributions({ contributions }: { contributions: Contribution[] }) {
  return (
    <section aria-labelledby="contributions-heading" className="panel">
      <h2 id="contributions-heading">Your contributions</h2>
      {contributions.length === 0 ? <p>You have not funded a request yet.</p> : null}
      <ul className="plain">
        {contributions.map((c) => (
          <ContributionRow key={c.requestId.toString()} contribution={c} />
        ))}
      </ul>
    </section>
  );
}
