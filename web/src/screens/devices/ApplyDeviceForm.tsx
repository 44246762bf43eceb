// MX1: an operator applies for a clean-energy device; the Technical DAO then verifies and decides.
import { DEVICE_KINDS } from "../../api/energyTypes.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkAddress, checkText, checkWholeNumber } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { checkPercent, MAX_RATED_POWER_W, MAX_TEXT_BYTES, percentToBps } from "../energy/energyChecks.ts";
import { kindLabel } from "../energy/energyFormat.ts";

const EMPTY = {
  key: "",
  kind: "generator",
  ratedPowerW: "",
  maxLossPercent: "",
  location: "",
  poolData: "",
  hardwareStatus: "",
};

export function ApplyDeviceForm() {
  const tx = useTransaction();
  const form = useForm(EMPTY, (v) => ({
    key: checkAddress(v.key),
    kind: DEVICE_KINDS.some((k) => k === v.kind) ? null : "Choose what the device is.",
    ratedPowerW: checkWholeNumber(v.ratedPowerW, { min: 1n, max: MAX_RATED_POWER_W, unit: "watts" }),
    maxLossPercent: checkPercent(v.maxLossPercent, { max: 100, decimals: 2, what: "the maximum loss" }),
    location: checkText(v.location, { what: "where the device is", required: true, maxBytes: MAX_TEXT_BYTES }),
    poolData: checkText(v.poolData, { what: "the pool data", required: false, maxBytes: MAX_TEXT_BYTES }),
    hardwareStatus: checkText(v.hardwareStatus, {
      what: "the hardware status",
      required: false,
      maxBytes: MAX_TEXT_BYTES,
    }),
  }));

  const submit = form.onSubmit(async (v) => {
    const ok = await tx.run(
      [
        {
          label: `Apply for a ${kindLabel(v.kind as (typeof DEVICE_KINDS)[number])} at ${v.location.trim()}`,
          action: "applyDevice",
          fields: {
            key: v.key.trim(),
            kind: v.kind,
            ratedPowerW: v.ratedPowerW.trim(),
            maxLossBps: percentToBps(v.maxLossPercent).toString(),
            location: v.location.trim(),
            poolData: v.poolData.trim(),
            hardwareStatus: v.hardwareStatus.trim(),
          },
        },
      ],
      "Applied: the device is in the registry, awaiting the Technical DAO's decision.",
    );
    if (ok) form.reset();
  });

  return (
    <section aria-labelledby="apply-heading" className="panel">
      <h2 id="apply-heading">Apply for a device</h2>
      <p className="muted">
        You become the device's operator. Once the Technical DAO approves it, you hold its soulbound token and may
        request payment for the energy it sends.
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="apply-heading">
        <TextField
          {...form.bind("key")}
          label="Device key (address)"
          placeholder="0x…"
          hint="The address the device signs its readings with."
        />
        <div className="field-row">
          <SelectField
            {...form.bind("kind")}
            label="Kind"
            options={DEVICE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          />
          <TextField {...form.bind("ratedPowerW")} label="Rated power (W)" inputMode="numeric" suffix="W" />
          <TextField
            {...form.bind("maxLossPercent")}
            label="Maximum transmission loss (%)"
            inputMode="decimal"
            suffix="%"
            hint="Of the energy sent; a larger loss at a storage node is flagged."
          />
          <TextField {...form.bind("location")} label="Location" />
          <TextField {...form.bind("poolData")} label="Pool data (optional)" />
          <TextField {...form.bind("hardwareStatus")} label="Hardware status (optional)" />
        </div>
        <button type="submit" disabled={tx.pending}>
          Apply for the device
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
