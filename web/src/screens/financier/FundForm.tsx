// DX4: fund an accepted request with Solar Tokens, up to what is left (nobody can overfund). The marketplace takes
// the tokens, so it is approved first.
import { formatSolar } from "../../../../sdk/format.ts";
import { useNodeStatus } from "../../api/nodeStatus.tsx";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkSolarAmount, solarInputToWei } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { approveStep, useTransaction } from "../../tx/useTransaction.ts";

export function FundForm({
  requestId,
  leftWei,
  balanceWei,
}: {
  requestId: bigint;
  leftWei: bigint;
  balanceWei: bigint;
}) {
  const tx = useTransaction();
  const status = useNodeStatus();
  const id = requestId.toString();
  const form = useForm({ amount: "" }, (v) => ({
    amount:
      checkSolarAmount(v.amount, { maxWei: leftWei, maxReason: "is left to fund" }) ??
      (solarInputToWei(v.amount) > balanceWei ? `Your balance is only ${formatSolar(balanceWei)}.` : null),
  }));
  const submit = form.onSubmit(async (v) => {
    const marketplace = status.data?.addresses.marketplace;
    if (!marketplace) return;
    const amountWei = solarInputToWei(v.amount);
    const ok = await tx.run(
      [
        approveStep(marketplace, amountWei, "the marketplace"),
        {
          label: `Fund request #${id} with ${formatSolar(amountWei)}`,
          action: "fund",
          fields: { requestId: id, amountWei: amountWei.toString() },
        },
      ],
      `You funded request #${id} with ${formatSolar(amountWei)}.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={`Fund request #${id}`}>
      <TextField
        {...form.bind("amount")}
        label={`Amount to fund request #${id} (SOLAR)`}
        inputMode="decimal"
        suffix="SOLAR"
        hint={`${formatSolar(leftWei)} left to fund.`}
      />
      <button type="submit" disabled={tx.pending || !status.data}>
        Fund
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
