// Development only: move the embedded chain's clock forward, so that a week of bidding or a month of financing can
// be crossed from the screens.

import { useState } from "react";
import { formatDuration, SECONDS_PER_DAY } from "../../../sdk/format.ts";
import { describeError } from "../api/describeError.ts";
import { postJson } from "../api/http.ts";
import { useRefresh } from "../api/refresh.tsx";
import { setClockOffset, useClockOffsetSeconds } from "../chain/chainClock.ts";
import { TextField } from "../forms/Field.tsx";
import { useForm } from "../forms/useForm.ts";
import { checkWholeNumber } from "../forms/validate.ts";

/** The node takes at most a uint32 of seconds per move. */
const MAX_DAYS = 49_710n;

export function DevClockForm() {
  const { refresh } = useRefresh();
  const offset = useClockOffsetSeconds();
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({ days: "" }, (v) => ({
    days: checkWholeNumber(v.days, { min: 1n, max: MAX_DAYS, unit: "days" }),
  }));

  const submit = form.onSubmit(async (values) => {
    const seconds = BigInt(values.days.trim()) * SECONDS_PER_DAY;
    setPending(true);
    setMessage({ text: `Pending: moving the clock forward ${values.days.trim()} days…`, failed: false });
    try {
      const answer = (await postJson("/api/v1/dev/time", { seconds: seconds.toString() })) as {
        offsetSeconds?: unknown;
      };
      if (typeof answer.offsetSeconds === "string") setClockOffset(BigInt(answer.offsetSeconds));
      setMessage({ text: `The chain clock moved forward ${values.days.trim()} days.`, failed: false });
      form.reset();
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
          {...form.bind("days")}
          label="Advance the clock by (days), development only"
          inputMode="numeric"
          hint={offset > 0n ? `The chain's clock is ${formatDuration(offset)} ahead of real time.` : undefined}
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
