// MX6: swap one token of a pool for the other. The quote is computed from the pool's reserves and fee exactly as the
// pool computes it; the slippage tolerance sets the least the sender accepts, and the deadline how long the offer
// stands. The pool takes the tokens with transferFrom, so the approval goes first.
import type { PoolRow } from "../../api/energyTypes.ts";
import { chainNowSeconds } from "../../chain/chainClock.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkWholeNumber } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import {
  checkPercent,
  checkTokenAmount,
  percentToBps,
  tokenInputOrNull,
  tokenInputToWei,
} from "../energy/energyChecks.ts";
import { formatBps, formatToken } from "../energy/energyFormat.ts";
import { approveTokenStep, deadlineAfter } from "./approveTokenStep.ts";
import { poolName } from "./PoolTable.tsx";
import { feeOf, quoteExactIn, withTolerance } from "./poolMath.ts";

const MAX_DEADLINE_MINUTES = 1440n;
/** A tolerance above this is almost certainly a typing mistake. */
const MAX_SLIPPAGE_PERCENT = 50;

type Side = { token: string; symbol: string; reserveIn: bigint; reserveOut: bigint; outSymbol: string };

function sideOf(pool: PoolRow | undefined, tokenIn: string): Side | null {
  if (!pool) return null;
  if (tokenIn.toLowerCase() === pool.token1.toLowerCase()) {
    return {
      token: pool.token1,
      symbol: pool.symbol1,
      reserveIn: pool.reserve1,
      reserveOut: pool.reserve0,
      outSymbol: pool.symbol0,
    };
  }
  return {
    token: pool.token0,
    symbol: pool.symbol0,
    reserveIn: pool.reserve0,
    reserveOut: pool.reserve1,
    outSymbol: pool.symbol1,
  };
}

export function SwapForm({ pools, balanceOf }: { pools: PoolRow[]; balanceOf(token: string): bigint | undefined }) {
  const tx = useTransaction();
  const { address } = useWallet();
  const find = (address: string) => pools.find((p) => p.address === address) ?? pools[0];
  const form = useForm(
    { pool: pools[0]?.address ?? "", tokenIn: pools[0]?.token0 ?? "", amount: "", slippage: "0.5", deadline: "20" },
    (v) => {
      const pool = find(v.pool);
      const side = sideOf(pool, v.tokenIn);
      const balance = side ? balanceOf(side.token) : undefined;
      const amountError = checkTokenAmount(v.amount, {
        symbol: side?.symbol ?? "tokens",
        maxWei: balance ?? (1n << 112n) - 1n,
        maxReason: balance !== undefined ? "(your balance)" : undefined,
      });
      let quoteError: string | null = null;
      if (!amountError && pool && side) {
        if (side.reserveIn === 0n || side.reserveOut === 0n) quoteError = "The pool has no liquidity yet.";
        else if (quoteExactIn(tokenInputToWei(v.amount), side.reserveIn, side.reserveOut, pool.feeBps) === 0n) {
          quoteError = `Too small: this buys no ${side.outSymbol}.`;
        }
      }
      return {
        pool: pool ? null : "Choose a pool.",
        amount: amountError ?? quoteError,
        slippage: checkPercent(v.slippage, { max: MAX_SLIPPAGE_PERCENT, decimals: 2, what: "the slippage tolerance" }),
        deadline: checkWholeNumber(v.deadline, { min: 1n, max: MAX_DEADLINE_MINUTES, unit: "minutes" }),
      };
    },
  );

  const pool = find(form.values.pool);
  const side = sideOf(pool, form.values.tokenIn);
  const amountWei = tokenInputOrNull(form.values.amount);
  const quote =
    pool && side && amountWei !== null ? quoteExactIn(amountWei, side.reserveIn, side.reserveOut, pool.feeBps) : null;
  const toleranceBps = checkPercent(form.values.slippage, { max: MAX_SLIPPAGE_PERCENT, decimals: 2, what: "" })
    ? null
    : percentToBps(form.values.slippage);
  const balance = side ? balanceOf(side.token) : undefined;

  const submit = form.onSubmit(async (v) => {
    const p = find(v.pool);
    const s = sideOf(p, v.tokenIn);
    if (!p || !s) return;
    const inWei = tokenInputToWei(v.amount);
    const outWei = quoteExactIn(inWei, s.reserveIn, s.reserveOut, p.feeBps);
    const minOutWei = withTolerance(outWei, percentToBps(v.slippage));
    const ok = await tx.run(
      [
        approveTokenStep(p, s.token, s.symbol, inWei),
        {
          label: `Swap ${formatToken(inWei, s.symbol)} for at least ${formatToken(minOutWei, s.outSymbol)}`,
          action: "swap",
          fields: {
            pool: p.address,
            tokenIn: s.token,
            amountInWei: inWei.toString(),
            minAmountOutWei: minOutWei.toString(),
            ...(address ? { to: address } : {}),
            deadline: deadlineAfter(chainNowSeconds(), v.deadline),
          },
        },
      ],
      `Swapped ${formatToken(inWei, s.symbol)} for ${s.outSymbol}.`,
    );
    if (ok) form.setValues((values) => ({ ...values, amount: "" }));
  });

  return (
    <section aria-labelledby="swap-heading" className="panel">
      <h2 id="swap-heading">Swap</h2>
      <form onSubmit={submit} noValidate aria-labelledby="swap-heading">
        <div className="field-row">
          <SelectField
            {...form.bind("pool")}
            onChange={(value) => {
              const next = find(value);
              form.setValues((values) => ({ ...values, pool: value, tokenIn: next?.token0 ?? "" }));
            }}
            label="Pool"
            options={pools.map((p) => ({ value: p.address, label: poolName(p) }))}
          />
          <SelectField
            {...form.bind("tokenIn")}
            label="You pay with"
            options={
              pool
                ? [
                    { value: pool.token0, label: pool.symbol0 },
                    { value: pool.token1, label: pool.symbol1 },
                  ]
                : []
            }
          />
        </div>
        <TextField
          {...form.bind("amount")}
          label={`Amount to pay (${side?.symbol ?? "tokens"})`}
          inputMode="decimal"
          suffix={side?.symbol}
          hint={balance !== undefined && side ? `Your balance: ${formatToken(balance, side.symbol)}.` : undefined}
        />
        <div className="field-row">
          <TextField {...form.bind("slippage")} label="Slippage tolerance (%)" inputMode="decimal" suffix="%" />
          <TextField {...form.bind("deadline")} label="Deadline (minutes)" inputMode="numeric" suffix="min" />
        </div>
        <p aria-live="polite" className="quote" data-testid="swap-quote">
          {quote !== null && quote > 0n && side && pool
            ? `You receive about ${formatToken(quote, side.outSymbol)} (pool fee ${formatBps(pool.feeBps)}: ${formatToken(
                feeOf(amountWei ?? 0n, pool.feeBps),
                side.symbol,
              )})${toleranceBps !== null ? `; at least ${formatToken(withTolerance(quote, toleranceBps), side.outSymbol)}` : ""}.`
            : "Enter an amount for a quote."}
        </p>
        <button type="submit" disabled={tx.pending}>
          Swap
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
