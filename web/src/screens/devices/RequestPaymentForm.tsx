// MX4: the operator requests payment for a month of the energy the device sent. The form fills itself with what the
// node measured for that month (GET /energy/devices/:id/integrity?month=), which is what the DAO will check the claim
// against; the operator may correct it, within the contract's limits.
import { useEffect, useRef } from "react";
import { decodeMonthIntegrity } from "../../api/energyDecode.ts";
import type { DeviceDetail, MonthIntegrity } from "../../api/energyTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { chainNowSeconds } from "../../chain/chainClock.ts";
import { LoadState } from "../../components/LoadState.tsx";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkWholeNumber } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import {
  bpsToPercentInput,
  checkMonth,
  checkPercent,
  checkWh,
  MAX_UINT32,
  MAX_UINT64,
  monthInputToYyyymm,
  percentToBps,
  yyyymmToInput,
} from "../energy/energyChecks.ts";
import { formatMonth, formatPeriod, formatWh, monthOf } from "../energy/energyFormat.ts";

type Fields = {
  month: string;
  firstRootPeriodId: string;
  lastRootPeriodId: string;
  sentWh: string;
  readingCount: string;
  gaps: string;
  uptimePercent: string;
  lossWh: string;
};

function daysInMonth(yyyymm: bigint): bigint {
  const year = Number(yyyymm / 100n);
  const month = Number(yyyymm % 100n);
  return BigInt(new Date(Date.UTC(year, month, 0)).getUTCDate());
}

function figuresOf(i: MonthIntegrity): Omit<Fields, "month"> {
  return {
    firstRootPeriodId: i.firstRootPeriodId?.toString() ?? "",
    lastRootPeriodId: i.lastRootPeriodId?.toString() ?? "",
    sentWh: i.sentWh.toString(),
    readingCount: i.readingCount.toString(),
    gaps: i.gaps.toString(),
    uptimePercent: bpsToPercentInput(i.uptimeBps),
    lossWh: i.lossWh.toString(),
  };
}

function validMonth(value: string): bigint | null {
  return checkMonth(value) === null ? monthInputToYyyymm(value) : null;
}

export function RequestPaymentForm({ device }: { device: DeviceDetail }) {
  const tx = useTransaction();
  const id = device.deviceId.toString();
  const { lastPaidPeriod, nextRootPeriodId } = device.ledger;
  const form = useForm<keyof Fields>(
    {
      month: yyyymmToInput(monthOf(chainNowSeconds())),
      firstRootPeriodId: "",
      lastRootPeriodId: "",
      sentWh: "",
      readingCount: "",
      gaps: "",
      uptimePercent: "",
      lossWh: "",
    },
    (v) => {
      const month = validMonth(v.month);
      const first = checkWholeNumber(v.firstRootPeriodId, { min: 0n, max: MAX_UINT64 - 1n, unit: "hours" });
      const last = checkWholeNumber(v.lastRootPeriodId, { min: 0n, max: MAX_UINT64 - 1n, unit: "hours" });
      const maxWh = month === null ? MAX_UINT64 : device.ratedPowerW * daysInMonth(month) * 24n;
      const sent = checkWh(v.sentWh, {
        min: 1n,
        max: maxWh,
        maxReason: "(the rated power for every hour of the month)",
      });
      return {
        month:
          checkMonth(v.month) ??
          (month !== null && lastPaidPeriod !== 0n && month <= lastPaidPeriod
            ? `${formatMonth(lastPaidPeriod)} is already paid; claim a later month.`
            : null),
        firstRootPeriodId:
          first ??
          (BigInt(v.firstRootPeriodId.trim()) < nextRootPeriodId
            ? `Readings before hour ${nextRootPeriodId} (${formatPeriod(nextRootPeriodId)}) are already paid.`
            : null),
        lastRootPeriodId:
          last ??
          (first === null && BigInt(v.lastRootPeriodId.trim()) < BigInt(v.firstRootPeriodId.trim())
            ? "The last hour cannot be before the first."
            : null),
        sentWh: sent,
        readingCount: checkWholeNumber(v.readingCount, { min: 1n, max: MAX_UINT32, unit: "readings" }),
        gaps: checkWholeNumber(v.gaps, { min: 0n, max: MAX_UINT32, unit: "gaps" }),
        uptimePercent: checkPercent(v.uptimePercent, { max: 100, decimals: 2, what: "the uptime" }),
        lossWh:
          checkWh(v.lossWh) ??
          (sent === null && BigInt(v.lossWh.trim()) > BigInt(v.sentWh.trim())
            ? "The loss cannot be more than the energy sent."
            : null),
      };
    },
  );

  const month = validMonth(form.values.month);
  const integrity = useApi(
    month === null ? null : `/api/v1/energy/devices/${id}/integrity?month=${month}`,
    decodeMonthIntegrity,
  );
  // Fill in the node's figures once per month chosen; what the operator then types stays.
  const filledFor = useRef<bigint | null>(null);
  const { setValues } = form;
  useEffect(() => {
    const data = integrity.data;
    if (!data || filledFor.current === data.month) return;
    filledFor.current = data.month;
    setValues((v) => ({ ...v, ...figuresOf(data) }));
  }, [integrity.data, setValues]);

  const submit = form.onSubmit(async (v) => {
    const period = monthInputToYyyymm(v.month);
    await tx.run(
      [
        {
          label: `Request payment for ${formatWh(BigInt(v.sentWh.trim()))} sent by device #${id} in ${formatMonth(period)}`,
          action: "requestPayment",
          fields: {
            deviceId: id,
            period: period.toString(),
            firstRootPeriodId: v.firstRootPeriodId.trim(),
            lastRootPeriodId: v.lastRootPeriodId.trim(),
            sentWh: v.sentWh.trim(),
            readingCount: v.readingCount.trim(),
            gaps: v.gaps.trim(),
            uptimeBps: percentToBps(v.uptimePercent).toString(),
            lossWh: v.lossWh.trim(),
          },
        },
      ],
      `Payment requested for ${formatMonth(period)}: the Technical DAO will check it and vote.`,
    );
  });

  const measured = integrity.data;
  return (
    <section aria-labelledby="payment-form-heading" className="panel">
      <h2 id="payment-form-heading">Request payment for a month</h2>
      <form onSubmit={submit} noValidate aria-labelledby="payment-form-heading">
        <TextField {...form.bind("month")} label="Month (YYYY-MM)" inputMode="numeric" />
        <LoadState loading={integrity.loading} error={integrity.error} what="the node's figures for that month" />
        {measured ? (
          <p className="muted" data-testid="measured-month">
            The node measured {formatWh(measured.sentWh)} sent in {formatMonth(measured.month)} from{" "}
            {measured.readingCount.toString()} readings
            {measured.uncommittedReadings > 0n
              ? `; ${measured.uncommittedReadings} readings are not committed on-chain yet and cannot be claimed`
              : ""}
            . The fields below hold these figures.
          </p>
        ) : null}
        <div className="field-row">
          <TextField
            {...form.bind("firstRootPeriodId")}
            label="First readings hour"
            inputMode="numeric"
            hint={
              /^[0-9]+$/.test(form.values.firstRootPeriodId.trim())
                ? formatPeriod(BigInt(form.values.firstRootPeriodId.trim()))
                : "The first committed hour the claim rests on."
            }
          />
          <TextField
            {...form.bind("lastRootPeriodId")}
            label="Last readings hour"
            inputMode="numeric"
            hint={
              /^[0-9]+$/.test(form.values.lastRootPeriodId.trim())
                ? formatPeriod(BigInt(form.values.lastRootPeriodId.trim()))
                : "The last committed hour, inclusive."
            }
          />
          <TextField {...form.bind("sentWh")} label="Energy sent (Wh)" inputMode="numeric" suffix="Wh" />
          <TextField {...form.bind("readingCount")} label="Readings" inputMode="numeric" />
          <TextField {...form.bind("gaps")} label="Gaps in the readings" inputMode="numeric" />
          <TextField {...form.bind("uptimePercent")} label="Uptime (%)" inputMode="decimal" suffix="%" />
          <TextField
            {...form.bind("lossWh")}
            label="Transmission loss (Wh)"
            inputMode="numeric"
            suffix="Wh"
            hint="What storage nodes did not receive of what the device sent them."
          />
        </div>
        <button type="submit" disabled={tx.pending}>
          Request payment
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
