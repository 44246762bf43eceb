// DS1: sell capital tokens back for a proportional share of the pool, with the least refund accepted.
import { decodeQuote } from "../../api/distributeDecode.ts";
import type { DistributeAccount } from "../../api/distributeTypes.ts";
import { useApi } from "../../api/useApi.ts";
import { TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import {
  checkPercent,
  checkTokenAmount,
  percentToBps,
  tokenInputOrNull,
  tokenInputToWei,
} from "../energy/energyChecks.ts";
import { formatCapital, formatWei } from "../projects/distributeShared.ts";
import { withTolerance } from "../swap/poolMath.ts";

const MAX_SLIPPAGE_PERCENT = 50;

export function SellCapitalForm({ account }: { account: DistributeAccount }) {
  const tx = useTransaction();
  const held = account.capitalTokens;
  const form = useForm({ tokens: "", slippage: "1" }, (v) => ({
    tokens:
      held === 0n
        ? "You hold no capital tokens."
        : checkTokenAmount(v.tokens, { symbol: "capital tokens", maxWei: held, maxReason: "(what you hold)" }),
    slippage: checkPercent(v.slippage, { max: MAX_SLIPPAGE_PERCENT, decimals: 2, what: "the tolerance" }),
  }));
  const tokens = tokenInputOrNull(form.values.tokens);
  const valid = tokens !== null && tokens > 0n && tokens <= held ? tokens : null;
  const quote = useApi(valid ? `/api/v1/distribute/capital/quote?sellTokens=${valid}` : null, decodeQuote);
  const refund = quote.data?.refundWei ?? null;
  const toleranceBps = checkPercent(form.values.slippage, { max: MAX_SLIPPAGE_PERCENT, decimals: 2, what: "" })
    ? null
    : percentToBps(form.values.slippage);

  const submit = form.onSubmit(async (v) => {
    const amount = tokenInputToWei(v.tokens);
    const minRefundWei = withTolerance(refund ?? 0n, percentToBps(v.slippage));
    const ok = await tx.run(
      [
        {
          label: `Sell ${formatCapital(amount)} for at least ${formatWei(minRefundWei)}`,
          action: "sellCapital",
          fields: { tokens: amount.toString(), minRefundWei: minRefundWei.toString() },
        },
      ],
      `Sold ${formatCapital(amount)}.`,
    );
    if (ok) form.setValues((values) => ({ ...values, tokens: "" }));
  });

  return (
    <section aria-labelledby="sell-heading" className="panel">
      <h2 id="sell-heading">Sell capital tokens</h2>
      <form onSubmit={submit} noValidate aria-labelledby="sell-heading">
        <div className="field-row">
          <TextField
            {...form.bind("tokens")}
            label="Capital tokens to sell"
            inputMode="decimal"
            hint={`You hold ${formatCapital(held)}.`}
          />
          <TextField {...form.bind("slippage")} label="Slippage tolerance (%)" inputMode="decimal" suffix="%" />
        </div>
        <p aria-live="polite" className="quote" data-testid="sell-quote">
          {valid === null
            ? "Enter an amount for a quote."
            : refund === null
              ? "Reading the quote…"
              : `Pays ${formatWei(refund)} now${
                  toleranceBps !== null ? `; at least ${formatWei(withTolerance(refund, toleranceBps))}` : ""
                }.`}
        </p>
        <button type="submit" disabled={tx.pending}>
          Sell
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
