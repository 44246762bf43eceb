// MX1, MX4: what awaits the DAO: payment requests with each integrity check, and devices applied for. Under each,
// the proposals already made about it and the form to propose a decision.
import { decodeDeviceList, decodePaymentList } from "../../api/energyDecode.ts";
import type { ProposalRow } from "../../api/energyTypes.ts";
import type { Address } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { formatBps, formatMonth, formatTime, kindLabel } from "../energy/energyFormat.ts";
import { IntegrityChecks } from "./IntegrityChecks.tsx";
import { PaymentFacts } from "./PaymentFacts.tsx";
import { ProposeDeviceForm } from "./ProposeDeviceForm.tsx";
import { ProposePaymentForm } from "./ProposePaymentForm.tsx";

const QUEUE_LIMIT = 50;
const OPEN_STATES = new Set(["pending", "active", "succeeded"]);

function OpenProposals({ proposals }: { proposals: ProposalRow[] }) {
  const open = proposals.filter((p) => OPEN_STATES.has(p.state));
  if (open.length === 0) return <p className="muted">No open proposal about it yet.</p>;
  return (
    <ul className="plain">
      {open.map((p) => (
        <li key={p.proposalId.toString()}>
          Proposal “{p.description.split("\n")[0]}”: {p.state} (for {p.forVotes.toString()}, against{" "}
          {p.againstVotes.toString()}) — see Proposals below.
        </li>
      ))}
    </ul>
  );
}

export function ReviewQueue({ members, proposals }: { members: Address[] | undefined; proposals: ProposalRow[] }) {
  const payments = useApi(`/api/v1/energy/payments?status=pending&limit=${QUEUE_LIMIT}`, decodePaymentList);
  const applied = useApi(`/api/v1/energy/devices?status=applied&limit=${QUEUE_LIMIT}`, decodeDeviceList);
  const about = (kind: "device" | "payment", id: bigint) =>
    proposals.filter((p) =>
      kind === "device"
        ? p.subject?.kind === "device" && p.subject.deviceId === id
        : p.subject?.kind === "payment" && p.subject.requestId === id,
    );

  return (
    <section aria-labelledby="queue-heading" className="panel">
      <h2 id="queue-heading">Review queue</h2>
      <h3>Payment requests awaiting a decision</h3>
      <LoadState loading={payments.loading} error={payments.error} what="the payment requests" />
      {payments.data && payments.data.length === 0 ? <p>No payment request is waiting.</p> : null}
      {(payments.data ?? []).map((p) => {
        const id = p.requestId.toString();
        return (
          <article key={id} className="card" aria-labelledby={`payment-${id}`} data-testid="payment-review">
            <h4 id={`payment-${id}`}>
              Payment request #{id}: device #{p.deviceId.toString()}, {formatMonth(p.period)}
            </h4>
            <PaymentFacts payment={p} />
            <IntegrityChecks checks={p.checks} caption={`Integrity checks of payment request #${id}`} />
            <OpenProposals proposals={about("payment", p.requestId)} />
            <ProposePaymentForm requestId={p.requestId} checksPassed={p.checksPassed} members={members} />
          </article>
        );
      })}
      <h3>Devices awaiting a decision</h3>
      <LoadState loading={applied.loading} error={applied.error} what="the devices applied for" />
      {applied.data && applied.data.length === 0 ? <p>No device is waiting for a decision.</p> : null}
      {(applied.data ?? []).map((d) => {
        const id = d.deviceId.toString();
        return (
          <article key={id} className="card" aria-labelledby={`applied-${id}`} data-testid="applied-device">
            <h4 id={`applied-${id}`}>
              <a href={deviceHref(d.deviceId)}>Device #{id}</a>: {kindLabel(d.kind)} at {d.location}
            </h4>
            <p>
              {d.ratedPowerW.toString()} W, maximum loss {formatBps(d.maxLossBps)}; key <AddressText address={d.key} />;
              operator <AddressText address={d.operator} />; applied {formatTime(d.appliedAt)}.
            </p>
            <p>
              Pool data: {d.poolData || "none"}; hardware status: {d.hardwareStatus || "none"}.
            </p>
            <OpenProposals proposals={about("device", d.deviceId)} />
            <ProposeDeviceForm
              deviceId={d.deviceId}
              decisions={["approve", "reject"]}
              members={members}
              label={`Propose a decision on device #${id}`}
            />
          </article>
        );
      })}
    </section>
  );
}
