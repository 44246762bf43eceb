// One device (#/devices/3): its attributes and status, its energy over the last 48 hours, its whole history, its
// payment requests with their checks, and the DAO's proposals about it (MX1, MX2, MX4, MX8). Its operator updates
// the attributes and requests payment here.
import { decodeDeviceDetail, decodeTimeseries } from "../../api/energyDecode.ts";
import type { DeviceDetail } from "../../api/energyTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { useChainNow } from "../../chain/chainClock.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { effectiveState } from "../dao/effectiveState.ts";
import { IntegrityChecks } from "../dao/IntegrityChecks.tsx";
import { PaymentFacts } from "../dao/PaymentFacts.tsx";
import { ProposalTally } from "../dao/ProposalCard.tsx";
import { EnergyFigures } from "../energy/EnergyFigures.tsx";
import {
  formatBps,
  formatMonth,
  formatTime,
  formatWh,
  kindLabel,
  proposalStateMeaning,
} from "../energy/energyFormat.ts";
import { DeviceHistory } from "./DeviceHistory.tsx";
import { DeviceStatusText } from "./DeviceStatusText.tsx";
import { RequestPaymentForm } from "./RequestPaymentForm.tsx";
import { UpdateAttributesForm } from "./UpdateAttributesForm.tsx";

function Facts({ device: d }: { device: DeviceDetail }) {
  const oldKeys = d.keys.filter((k) => k.toLowerCase() !== d.key.toLowerCase());
  return (
    <section aria-labelledby="device-facts-heading" className="panel">
      <h2 id="device-facts-heading">At a glance</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="device-status">
          <DeviceStatusText status={d.status} reason={d.statusReason} />
        </dd>
        <dt>Kind</dt>
        <dd>{kindLabel(d.kind)}</dd>
        <dt>Operator</dt>
        <dd>
          <AddressText address={d.operator} />
        </dd>
        <dt>Device key</dt>
        <dd>
          <AddressText address={d.key} />
          {oldKeys.length > 0 ? (
            <>
              {" "}
              (earlier:{" "}
              {oldKeys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ", " : ""}
                  <AddressText address={k} />
                </span>
              ))}
              )
            </>
          ) : null}
        </dd>
        <dt>Rated power</dt>
        <dd>{d.ratedPowerW.toString()} W</dd>
        <dt>Maximum loss</dt>
        <dd>{formatBps(d.maxLossBps)} of the energy sent</dd>
        <dt>Location</dt>
        <dd>{d.location}</dd>
        <dt>Pool data</dt>
        <dd>{d.poolData || "none"}</dd>
        <dt>Hardware status</dt>
        <dd>{d.hardwareStatus || "none"}</dd>
        <dt>Applied</dt>
        <dd>{formatTime(d.appliedAt)}</dd>
        <dt>Last change</dt>
        <dd>{formatTime(d.updatedAt)}</dd>
        <dt>Paid so far</dt>
        <dd>
          {formatWh(d.ledger.paidWh)} in {d.ledger.approvedCount.toString()} approved of{" "}
          {d.ledger.requestCount.toString()} requests
          {d.ledger.lastPaidPeriod !== 0n ? `; last paid month ${formatMonth(d.ledger.lastPaidPeriod)}` : ""}
        </dd>
      </dl>
    </section>
  );
}

function Readings({ deviceId }: { deviceId: bigint }) {
  const read = useApi(`/api/v1/energy/readings/timeseries?device=${deviceId}`, decodeTimeseries);
  return (
    <section aria-labelledby="device-readings-heading" className="panel">
      <h2 id="device-readings-heading">Production and consumption, last 48 hours</h2>
      <LoadState loading={read.loading} error={read.error} what="the readings" />
      {read.data ? <EnergyFigures points={read.data} what={`device #${deviceId}`} /> : null}
    </section>
  );
}

function Payments({ device }: { device: DeviceDetail }) {
  return (
    <section aria-labelledby="device-payments-heading" className="panel">
      <h2 id="device-payments-heading">Payment requests</h2>
      {device.payments.length === 0 ? <p>No payment has been requested for this device.</p> : null}
      {device.payments.map((p) => {
        const id = p.requestId.toString();
        return (
          <article key={id} className="card" aria-labelledby={`device-payment-${id}`}>
            <h3 id={`device-payment-${id}`}>
              Payment request #{id}: {formatMonth(p.period)}
            </h3>
            <PaymentFacts payment={p} />
            <details>
              <summary>Integrity checks of request #{id}</summary>
              <IntegrityChecks checks={p.checks} caption={`Integrity checks of payment request #${id}`} />
            </details>
          </article>
        );
      })}
    </section>
  );
}

function Proposals({ device }: { device: DeviceDetail }) {
  const now = useChainNow();
  return (
    <section aria-labelledby="device-proposals-heading" className="panel">
      <h2 id="device-proposals-heading">Proposals about this device</h2>
      {device.proposals.length === 0 ? <p>The DAO has no proposal about this device.</p> : null}
      <ul className="plain">
        {device.proposals.map((p) => {
          const state = effectiveState(p, now);
          return (
            <li key={p.proposalId.toString()} className="card">
              <strong>{p.description.split("\n")[0]}</strong>: {state} — {proposalStateMeaning(state)}
              <ProposalTally proposal={p} />
            </li>
          );
        })}
      </ul>
      <p>
        <a href="#/dao">Vote and execute on the DAO screen</a>
      </p>
    </section>
  );
}

export default function DeviceScreen({ deviceId }: { deviceId: bigint }) {
  useDocumentTitle(`Device #${deviceId}`);
  const { address } = useWallet();
  const read = useApi(`/api/v1/energy/devices/${deviceId}`, decodeDeviceDetail);
  const d = read.data;
  const isOperator = d !== undefined && address !== null && d.operator.toLowerCase() === address.toLowerCase();
  const canUpdate = d !== undefined && d.status !== "revoked" && d.status !== "rejected";
  const canRequestPayment = d !== undefined && d.status === "active" && d.kind !== "meter";
  return (
    <ScreenMain data-testid="device-screen" aria-busy={d || read.error ? "false" : "true"}>
      <p>
        <a href="#/devices">← All devices</a>
      </p>
      <h1>
        Device #{deviceId.toString()}
        {d ? `: ${kindLabel(d.kind)} at ${d.location}` : ""}
      </h1>
      <LoadState loading={read.loading} error={read.error} what="the device" />
      {d ? (
        <>
          <Facts device={d} />
          <Readings deviceId={deviceId} />
          <DeviceHistory history={d.history} />
          <Payments device={d} />
          <Proposals device={d} />
          {isOperator && canUpdate ? <UpdateAttributesForm device={d} /> : null}
          {isOperator && canRequestPayment ? <RequestPaymentForm device={d} /> : null}
          {isOperator && !canRequestPayment ? (
            <p className="notice">
              You operate this device. Payment can be requested for an active generator or storage node once the DAO has
              approved it.
            </p>
          ) : null}
        </>
      ) : null}
    </ScreenMain>
  );
}
