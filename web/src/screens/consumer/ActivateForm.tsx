// DX7: the requesting consumer confirms the installation by sending the generator its first payment, the initial
// token. The generator takes it from the consumer's Solar Tokens, so the generator is approved first.
import { formatSolar } from "../../../../sdk/format.ts";
import type { Address } from "../../api/types.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkSolarAmount, solarInputToWei } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { approveStep, useTransaction } from "../../tx/useTransaction.ts";

export function ActivateForm({ generator, balanceWei }: { generator: Address; balanceWei: bigint }) {
  const tx = useTransaction();
  const form = useForm({ initialToken: "" }, (v) => ({
    initialToken: checkSolarAmount(v.initialToken, { maxWei: balanceWei, maxReason: "(your balance)" }),
  }));
  const submit = form.onSubmit(async (v) => {
    const amountWei = solarInputToWei(v.initialToken);
    await tx.run(
      [
        approveStep(generator, amountWei, "the generator"),
        {
          label: `Activate the generator with ${formatSolar(amountWei)}`,
          action: "activate",
          fields: { generator, initialTokenWei: amountWei.toString() },
        },
      ],
      "The generator is active: energy is on sale.",
    );
  });
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <TextField
        {...form.bind("initialToken")}
        label="Initial token to activate (SOLAR)"
        inputMode="decimal"
        suffix="SOLAR"
        hint="Confirms the installation, pays the provider from escrow, and goes to the owners as revenue."
      />
      <button type="submit" disabled={tx.pending}>
        Activate the generator
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
