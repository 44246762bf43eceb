// DX1, DX13: ask for a generator — where, how much power, why, and which utility (electricity in kWh unless said).
import { TextAreaField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkText, checkWholeNumber } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";

/** Marketplace.MAX_WATTAGE_W: 10 GW, far past any community installation. */
const MAX_WATTAGE_W = 10_000_000_000n;

const EMPTY = { location: "", wattageW: "", reason: "", utilityKind: "", unit: "" };

export function RequestForm() {
  const tx = useTransaction();
  const form = useForm(EMPTY, (v) => ({
    location: checkText(v.location, { what: "where the generator is needed", required: true, maxBytes: 128 }),
    wattageW: checkWholeNumber(v.wattageW, { min: 1n, max: MAX_WATTAGE_W, unit: "watts" }),
    reason: checkText(v.reason, { what: "a reason", required: false, maxBytes: 512 }),
    utilityKind: checkText(v.utilityKind, { what: "the utility", required: false, maxBytes: 32 }),
    unit: checkText(v.unit, { what: "the unit", required: false, maxBytes: 16 }),
  }));

  const submit = form.onSubmit(async (v) => {
    const ok = await tx.run(
      [
        {
          label: `Request a generator at ${v.location.trim()}`,
          action: "createRequest",
          fields: {
            location: v.location.trim(),
            wattageW: v.wattageW.trim(),
            reason: v.reason.trim(),
            utilityKind: v.utilityKind.trim(),
            unit: v.unit.trim(),
          },
        },
      ],
      "Your request is open for bids for one week.",
    );
    if (ok) form.reset();
  });

  return (
    <section aria-labelledby="request-form-heading" className="panel">
      <h2 id="request-form-heading">Request a generator</h2>
      <form onSubmit={submit} noValidate>
        <TextField {...form.bind("location")} label="Location" placeholder="Nyalenda B, Kisumu" />
        <TextField {...form.bind("wattageW")} label="Power needed (watts)" inputMode="numeric" suffix="W" />
        <TextAreaField {...form.bind("reason")} label="Reason (optional)" />
        <div className="field-row">
          <TextField
            {...form.bind("utilityKind")}
            label="Utility (optional)"
            hint="Electricity unless you say otherwise."
          />
          <TextField {...form.bind("unit")} label="Unit sold (optional)" hint="kWh unless you say otherwise." />
        </div>
        <button type="submit" disabled={tx.pending}>
          Send request
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
