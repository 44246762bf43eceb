// Development only: move the embedded chain's clock forward, so that a week of bidding, a month of financing or a
// few hours of a validation window can be crossed from the screens.

import { useState } from "react";
import { formatDuration, SECONDS_PER_DAY } from "../../../sdk/format.ts";
import { describeError } from "../api/describeError.ts";
import { postJson } from "../api/http.ts";
import { useRefresh } from "../api/refresh.tsx";
import { setClockOffset, useClockOffsetSeconds } from "../chain/chainClock.ts";
import { SelectField, TextField } from "../forms/Field.tsx";
import { useForm } from "../forms/useForm.ts";
import { checkWholeNumber } from "../forms/validate.ts";

/** The node takes at most a uint32 of seconds per move. */
const MAX_SECONDS = (1n << 32n) - 1n;

const UNITS = {
  days: { seconds: SECONDS_PER_DAY, label: "days" },
  hours: { seconds: 3600n, label: "hours" },
} as const;
type Unit = keyof typeof UNITS;

function unitOf(value: string): Unit {
  return value === "hours" ? "hours" : "days";
}

export function DevClockForm() {
  const { refresh } = useRefresh();
  const offset = useClockOffsetSeconds();
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({ amount: "", unit: "days" }, (v) => {
    const unit = UNITS[unitOf(v.unit)];
    return {
      amount: checkWholeNumber(v.amount, { min: 1n, max: MAX_SECONDS / unit.seconds, unit: unit.label }),
    };
  });
  const unit = UNITS[unitOf(form.values.unit)];

  const submit = form.onSubmit(async (values) => {
    const chosen = UNITS[unitOf(values.unit)];
    const count = values.amount.trim();
    const seconds = BigInt(count) * chosen.seconds;
    setPending(true);
    setMessage({ text: `Pending: moving the clock forward ${count} ${chosen.label}…`, failed: false });
    try {
      const answer = (await postJson("/api/v1/dev/time", { seconds: seconds.toString() })) as {
        offsetSeconds?: unknown;
      };
      if (typeof answer.offsetSeconds === "string") setClockOffset(BigInt(answer.offsetSeconds));
      setMessage({ text: `The chain clock moved forward ${count} ${chosen.label}.`, failed: false });
      form.setValues((v) => ({ ...v, amount: "" }));
    } catch (error) {
      setMessage({ text: describeError(error), failed: true });
    } finally {
      setPending(false);
      refresh();
    }
  });

  return (
    <details className="dev-tools">
      <summary>Development tools</summary>
      <form className="dev-clock" onSubmit={submit} noValidate aria-label="Advance the clock (development only)">
        <TextField
          {...form.bind("amount")}
          label={`Advance the clock by (${unit.label}), development only`}
          inputMode="numeric"
          hint={offset > 0n ? `The chain's clock is ${formatDuration(offset)} ahead of real time.` : undefined}
        />
        <SelectField
          {...form.bind("unit")}
          label="Unit"
          options={[
            { value: "days", label: "days" },
            { value: "hours", label: "hours" },
          ]}
        />
        <button type="submit" disabled={pending}>
          Advance the clock
        </button>
        <p role="status" aria-live="polite" className={message?.failed ? "tx-failed" : "tx-done"}>
          {message?.text ?? ""}
        </p>
      </form>
    </details>
  );
}
