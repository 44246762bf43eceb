// DX2: a provider's offer on an open request — the unit to install, its cost in SOLAR, how long installation takes,
// and the insurance that covers it.
import { formatSolar, SECONDS_PER_DAY } from "../../../../sdk/format.ts";
import { TextAreaField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkSolarAmount, checkText, checkWholeNumber, maxUint, solarInputToWei } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";

/** Marketplace.MAX_INSTALLATION_SECONDS: one year. */
const MAX_INSTALLATION_DAYS = 365n;
/** Bids carry the cost as uint128. */
const MAX_COST_WEI = maxUint(128);

export function BidForm({ requestId }: { requestId: bigint }) {
  const tx = useTransaction();
  const id = requestId.toString();
  const form = useForm({ unitType: "", cost: "", days: "", insurance: "" }, (v) => ({
    unitType: checkText(v.unitType, { what: "the unit you would install", required: true, maxBytes: 128 }),
    cost: checkSolarAmount(v.cost, { maxWei: MAX_COST_WEI }),
    days: checkWholeNumber(v.days, { min: 1n, max: MAX_INSTALLATION_DAYS, unit: "days" }),
    insurance: checkText(v.insurance, { what: "the insurance", required: false, maxBytes: 256 }),
  }));
  const submit = form.onSubmit(async (v) => {
    const costWei = solarInputToWei(v.cost);
    const ok = await tx.run(
      [
        {
          label: `Bid ${formatSolar(costWei)} on request #${id}`,
          action: "placeBid",
          fields: {
            requestId: id,
            unitType: v.unitType.trim(),
            installationCostWei: costWei.toString(),
            installationSeconds: (BigInt(v.days.trim()) * SECONDS_PER_DAY).toString(),
            insurance: v.insurance.trim(),
          },
        },
      ],
      `Your bid on request #${id} is in.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Bid on request #${id}`}>
      <TextField {...form.bind("unitType")} label="Unit to install" placeholder="5 kW PV + 10 kWh battery" />
      <div className="field-row">
        <TextField {...form.bind("cost")} label="Installation cost (SOLAR)" inputMode="decimal" suffix="SOLAR" />
        <TextField {...form.bind("days")} label="Installation time (days)" inputMode="numeric" suffix="days" />
      </div>
      <TextAreaField {...form.bind("insurance")} label="Insurance (optional)" />
      <button type="submit" disabled={tx.pending}>
        Place bid
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
