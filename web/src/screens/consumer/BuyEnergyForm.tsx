// DX8: anyone buys units of energy from an active generator at the price its owners voted. The price sent along is
// the most the buyer accepts, so a vote landing first cannot make the purchase dearer.
import { formatSolar } from "../../../../sdk/format.ts";
import { decodeGeneratorList } from "../../api/decode.ts";
import type { Generator } from "../../api/types.ts";
import { useApi } from "../../api/useApi.ts";
import { shortAddress } from "../../components/AddressText.tsx";
import { LoadState } from "../../components/LoadState.tsx";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkWholeNumber, maxUint } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { approveStep, useTransaction } from "../../tx/useTransaction.ts";

const MAX_UNITS = maxUint(64);

function costOf(generator: Generator | undefined, units: string): bigint | null {
  if (!generator || !/^[0-9]+$/.test(units.trim())) return null;
  return BigInt(units.trim()) * generator.priceWeiPerUnit;
}

export function BuyEnergyForm({ balanceWei }: { balanceWei: bigint }) {
  const read = useApi("/api/v1/generators?active=true&limit=100", decodeGeneratorList);
  const generators = read.data ?? [];
  const tx = useTransaction();
  const find = (address: string) => generators.find((g) => g.address === address);
  const form = useForm({ generator: "", units: "" }, (v) => {
    const generator = find(v.generator || (generators[0]?.address ?? ""));
    const unitsError = checkWholeNumber(v.units, { min: 1n, max: MAX_UNITS, unit: "units" });
    const cost = costOf(generator, v.units);
    return {
      generator: generator ? null : "Choose a generator.",
      units:
        unitsError ??
        (cost !== null && cost > balanceWei
          ? `That costs ${formatSolar(cost)}; your balance is ${formatSolar(balanceWei)}.`
          : null),
    };
  });
  const selected = find(form.values.generator || (generators[0]?.address ?? ""));
  const cost = costOf(selected, form.values.units);

  const submit = form.onSubmit(async (v) => {
    const generator = find(v.generator || (generators[0]?.address ?? ""));
    const units = v.units.trim();
    const costWei = costOf(generator, units);
    if (!generator || costWei === null) return;
    const steps = [
      ...(costWei > 0n ? [approveStep(generator.address, costWei, "the generator")] : []),
      {
        label: `Buy ${units} units for ${formatSolar(costWei)}`,
        action: "buyEnergy",
        fields: { generator: generator.address, units, maxPriceWeiPerUnit: generator.priceWeiPerUnit.toString() },
      },
    ];
    if (await tx.run(steps, `Bought ${units} units; they are on your credit.`)) {
      form.setValues((values) => ({ ...values, units: "" }));
    }
  });

  return (
    <section aria-labelledby="buy-heading" className="panel">
      <h2 id="buy-heading">Buy energy</h2>
      <LoadState loading={read.loading} error={read.error} what="the generators" />
      {read.data && generators.length === 0 ? <p>No generator is active yet.</p> : null}
      {generators.length > 0 ? (
        <form onSubmit={submit} noValidate>
          <SelectField
            {...form.bind("generator")}
            value={form.values.generator || (generators[0]?.address ?? "")}
            label="Generator"
            options={generators.map((g) => ({
              value: g.address,
              label: `${shortAddress(g.address)} (request #${g.requestId.toString()}) — ${
                g.priceWeiPerUnit === 0n ? "free" : `${formatSolar(g.priceWeiPerUnit)} per unit`
              }`,
            }))}
          />
          <TextField
            {...form.bind("units")}
            label="Units to buy (kWh)"
            inputMode="numeric"
            hint={cost !== null ? `Costs ${formatSolar(cost)} at the current price.` : "Whole units."}
          />
          <button type="submit" disabled={tx.pending}>
            Buy energy
          </button>
          <TxStatus state={tx.state} />
        </form>
      ) : null}
    </section>
  );
}
