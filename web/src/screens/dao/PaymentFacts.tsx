// MX4, MX5: what a payment request claims, where it stands, and what its approval minted.
import type { PaymentRow } from "../../api/energyTypes.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { deviceHref } from "../../routing/useHashRoute.ts";
import { formatBps, formatMonth, formatPeriod, formatTime, formatToken, formatWh } from "../energy/energyFormat.ts";

function statusText(p: PaymentRow): string {
  if (p.status === "pending") return "pending: awaiting the DAO";
  if (p.status === "approved") return "approved: tokens minted";
  return `refused${p.refusalReason ? `: ${p.refusalReason}` : ""}`;
}

export function PaymentFacts({ payment: p }: { payment: PaymentRow }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd data-testid="payment-status">{statusText(p)}</dd>
      <dt>Device</dt>
      <dd>
        <a href={deviceHref(p.deviceId)}>Device #{p.deviceId.toString()}</a>, operator{" "}
        <AddressText address={p.operator} />
      </dd>
      <dt>Month</dt>
      <dd>{formatMonth(p.period)}</dd>
      <dt>Energy sent (claimed)</dt>
      <dd>{formatWh(p.sentWh)}</dd>
      <dt>Readings</dt>
      <dd>
        {p.readingCount.toString()} readings, {p.gaps.toString()} gaps, uptime {formatBps(p.uptimeBps)}, loss{" "}
        {formatWh(p.lossWh)}
      </dd>
      <dt>Readings roots</dt>
      <dd>
        {formatPeriod(p.firstRootPeriodId)} to {formatPeriod(p.lastRootPeriodId)}
      </dd>
      <dt>Requested</dt>
      <dd>{formatTime(p.requestedAt)}</dd>
      {p.energyWei !== null ? (
        <>
          <dt>Minted</dt>
          <dd>
            {formatToken(p.energyWei, "DREX-KWH")} to the operator; rewards{" "}
            {formatToken(p.operatorRewardWei ?? 0n, "DREX-GREEN")} operator,{" "}
            {formatToken(p.poolRewardWei ?? 0n, "DREX-GREEN")} pool, {formatToken(p.vaultRewardWei ?? 0n, "DREX-GREEN")}{" "}
            vault
          </dd>
        </>
      ) : null}
    </dl>
  );
}
