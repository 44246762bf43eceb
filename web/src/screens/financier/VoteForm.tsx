// DX6: an owner's price per unit; the generator charges the share-weighted average of the votes.
import { formatSolar } from "../../../../sdk/format.ts";
import type { Address } from "../../api/types.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkSolarAmount, maxUint, solarInputToWei } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";

/** Generator.MAX_PRICE_WEI_PER_UNIT. */
const MAX_PRICE_WEI = maxUint(96);

export function VoteForm({ generator, label }: { generator: Address; label: string }) {
  const tx = useTransaction();
  const form = useForm({ price: "" }, (v) => ({ price: checkSolarAmount(v.price, { maxWei: MAX_PRICE_WEI }) }));
  const submit = form.onSubmit(async (v) => {
    const priceWei = solarInputToWei(v.price);
    const ok = await tx.run(
      [
        {
          label: `Vote ${formatSolar(priceWei)} per unit`,
          action: "votePrice",
          fields: { generator, priceWeiPerUnit: priceWei.toString() },
        },
      ],
      `You voted ${formatSolar(priceWei)} per unit.`,
    );
    if (ok) form.reset();
  });
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={`Vote the price of ${label}`}>
      <TextField {...form.bind("price")} label="Your price per unit (SOLAR)" inputMode="decimal" suffix="SOLAR" />
      <button type="submit" disabled={tx.pending}>
        Vote
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
