// DX5, DX11: an owner moves some or all shares to another account; revenue earned so far stays with the seller.
import { formatShares } from "../../../../sdk/format.ts";
import type { Address } from "../../api/types.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkAddress, checkWholeNumber } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";

export function TransferSharesForm({
  generator,
  ownShares,
  owner,
  label,
}: {
  generator: Address;
  ownShares: bigint;
  owner: Address;
  label: string;
}) {
  const tx = useTransaction();
  const form = useForm({ to: "", shares: "" }, (v) => ({
    to:
      checkAddress(v.to) ??
      (v.to.trim().toLowerCase() === owner.toLowerCase() ? "That is your own address; choose another." : null),
    shares: checkWholeNumber(v.shares, { min: 1n, max: ownShares < 10_000n ? ownShares : 10_000n, unit: "shares" }),
  }));
  const submit = form.onSubmit(async (v) => {
    const ok = await tx.run(
      [
        {
          label: `Transfer ${v.shares.trim()} shares`,
          action: "transferShares",
          fields: { generator, to: v.to.trim(), shares: v.shares.trim() },
        },
      ],
      `${v.shares.trim()} shares transferred.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={`Transfer shares of ${label}`}>
      <TextField {...form.bind("to")} label="Transfer to (address)" placeholder="0x…" />
      <TextField
        {...form.bind("shares")}
        label="Shares to transfer"
        inputMode="numeric"
        hint={`You have ${formatShares(ownShares)}.`}
      />
      <button type="submit" disabled={tx.pending}>
        Transfer shares
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
