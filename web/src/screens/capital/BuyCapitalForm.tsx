// DS1: buy capital tokens with SOLAR. The quote is the contract's own, read as you type; the slippage tolerance sets
// the most the purchase may cost should others trade first. The token takes SOLAR with transferFrom, so the
// approval goes first.
import { decodeQuote } from "../../api/distributeDecode.ts";
import type { DistributeAccount, DistributeOverview } from "../../api/distributeTypes.ts";
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
import { approveFor, BPS, ceilDiv, formatCapital, formatWei } from "../projects/distributeShared.ts";

/** The contracts keep amounts in uint128 and below; no purchase is larger. */
const MAX_TOKENS = (1n << 112n) - 1n;
const MAX_SLIPPAGE_PERCENT = 50;

const ONE_TOKEN = 10n ** 18n;

/**
 * CapitalToken's price, as the contract rounds it (up, in two steps): n × p × (S + 2n) / (S + n). The contract's own
 * quote is shown; this checks a purchase against the balance before that quote arrives.
 */
export function buyCostWei(tokens: bigint, supplyTokens: bigint, pricePerTokenWei: bigint): bigint {
  const base = ceilDiv(tokens * pricePerTokenWei, ONE_TOKEN);
  return ceilDiv(base * (supplyTokens + 2n * tokens), supplyTokens + tokens);
}

export function withSlippageUp(amount: bigint, toleranceBps: bigint): bigint {
  return ceilDiv(amount * (BPS + toleranceBps), BPS);
}

export function BuyCapitalForm({
  overview,
  account,
}: {
  overview: DistributeOverview;
  account: DistributeAccount | undefined;
}) {
  const tx = useTransaction();
  /** The contract's quote when it is for this amount, else the same figure computed here. */
  const costOf = (amount: bigint) =>
    quote.data?.tokens === amount && quote.data.costWei !== null
      ? quote.data.costWei
      : buyCostWei(amount, overview.capital.supplyTokens, overview.capital.pricePerTokenWei);
  const form = useForm({ tokens: "", slippage: "1" }, (v) => {
    const tokensError = checkTokenAmount(v.tokens, { symbol: "capital tokens", maxWei: MAX_TOKENS });
    const slippageError = checkPercent(v.slippage, { max: MAX_SLIPPAGE_PERCENT, decimals: 2, what: "the tolerance" });
    let costError: string | null = null;
    if (!tokensError && !slippageError && account) {
      const maxCost = withSlippageUp(costOf(tokenInputToWei(v.tokens)), percentToBps(v.slippage));
      if (maxCost > account.currencyWei) {
        costError = `Too large: with the tolerance this may cost more than your ${formatWei(account.currencyWei)}.`;
      }
    }
    return { tokens: tokensError ?? costError, slippage: slippageError };
  });
  const tokens = tokenInputOrNull(form.values.tokens);
  const validTokens = tokens !== null && tokens > 0n && tokens <= MAX_TOKENS ? tokens : null;
  const quote = useApi(validTokens ? `/api/v1/distribute/capital/quote?buyTokens=${validTokens}` : null, decodeQuote);
  const toleranceBps = checkPercent(form.values.slippage, { max: MAX_SLIPPAGE_PERCENT, decimals: 2, what: "" })
    ? null
    : percentToBps(form.values.slippage);
  const cost = quote.data?.costWei ?? null;

  const submit = form.onSubmit(async (v) => {
    const amount = tokenInputToWei(v.tokens);
    const maxCostWei = withSlippageUp(costOf(amount), percentToBps(v.slippage));
    const ok = await tx.run(
      [
        approveFor(
          overview.addresses.currency,
          overview.addresses.capitalToken,
          maxCostWei,
          "the capital token",
          formatWei(maxCostWei),
        ),
        {
          label: `Buy ${formatCapital(amount)} for at most ${formatWei(maxCostWei)}`,
          action: "buyCapital",
          fields: { tokens: amount.toString(), maxCostWei: maxCostWei.toString() },
        },
      ],
      `Bought ${formatCapital(amount)}.`,
    );
    if (ok) form.setValues((values) => ({ ...values, tokens: "" }));
  });

  return (
    <section aria-labelledby="buy-heading" className="panel">
      <h2 id="buy-heading">Buy capital tokens</h2>
      <form onSubmit={submit} noValidate aria-labelledby="buy-heading">
        <div className="field-row">
          <TextField
            {...form.bind("tokens")}
            label="Capital tokens to buy"
            inputMode="decimal"
            hint={account ? `Your SOLAR: ${formatWei(account.currencyWei)}.` : undefined}
          />
          <TextField {...form.bind("slippage")} label="Slippage tolerance (%)" inputMode="decimal" suffix="%" />
        </div>
        <p aria-live="polite" className="quote" data-testid="buy-quote">
          {validTokens === null
            ? "Enter an amount for a quote."
            : cost === null
              ? "Reading the quote…"
              : `Costs ${formatWei(cost)} now (${formatWei(quote.data?.averagePriceWeiPerToken ?? 0n, false)} per token)${
                  toleranceBps !== null ? `; at most ${formatWei(withSlippageUp(cost, toleranceBps))}` : ""
                }.`}
        </p>
        <button type="submit" disabled={tx.pending}>
          Buy
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
