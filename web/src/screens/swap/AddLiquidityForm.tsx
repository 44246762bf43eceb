// MX6: deposit both tokens of a pool in its proportion and receive pool shares; the providers earn the fee on every
// swap. Typing one amount fills in the other at the pool's price; the deposit accepts at most 1% less of either.

import { formatSolar } from "../../../../sdk/format.ts";
import type { EnergyAccount, PoolRow } from "../../api/energyTypes.ts";
import { chainNowSeconds } from "../../chain/chainClock.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { checkTokenAmount, tokenInputOrNull, tokenInputToWei } from "../energy/energyChecks.ts";
import { formatBps, formatToken } from "../energy/energyFormat.ts";
import { approveTokenStep, deadlineAfter } from "./approveTokenStep.ts";
import { poolName } from "./PoolTable.tsx";
import { matchingAmount, shareOfPoolBps, sharesFor, withTolerance } from "./poolMath.ts";

/** The deposit's tolerance: 1%. */
const DEPOSIT_TOLERANCE_BPS = 100n;
const DEADLINE_MINUTES = "20";
const MAX_RESERVE_WEI = (1n << 112n) - 1n;

function asInput(wei: bigint): string {
  return formatSolar(wei, { symbol: false }).replaceAll(",", "");
}

export function AddLiquidityForm({
  pools,
  balanceOf,
  account,
}: {
  pools: PoolRow[];
  balanceOf(token: string): bigint | undefined;
  account: EnergyAccount | undefined;
}) {
  const tx = useTransaction();
  const { address } = useWallet();
  const find = (address: string) => pools.find((p) => p.address === address) ?? pools[0];
  const check = (value: string, token: string, symbol: string) => {
    const balance = balanceOf(token);
    return checkTokenAmount(value, {
      symbol,
      maxWei: balance ?? MAX_RESERVE_WEI,
      maxReason: balance !== undefined ? "(your balance)" : undefined,
    });
  };
  const form = useForm({ pool: pools[0]?.address ?? "", amount0: "", amount1: "" }, (v) => {
    const pool = find(v.pool);
    if (!pool) return { pool: "Choose a pool." };
    const error0 = check(v.amount0, pool.token0, pool.symbol0);
    const error1 = check(v.amount1, pool.token1, pool.symbol1);
    const noShares =
      !error0 && !error1 && sharesFor(pool, tokenInputToWei(v.amount0), tokenInputToWei(v.amount1)) === 0n
        ? "Too small: this deposit earns no shares."
        : null;
    return { pool: null, amount0: error0 ?? noShares, amount1: error1 };
  });

  const pool = find(form.values.pool);
  const a0 = tokenInputOrNull(form.values.amount0);
  const a1 = tokenInputOrNull(form.values.amount1);
  const shares = pool && a0 !== null && a1 !== null ? sharesFor(pool, a0, a1) : null;
  const mine = account?.lpShares.find((l) => l.pool.toLowerCase() === pool?.address.toLowerCase())?.shares ?? 0n;

  /** Editing one side fills in the other at the pool's price (an empty pool takes any proportion: it sets the price). */
  const onAmount = (side: 0 | 1) => (value: string) => {
    form.bind(side === 0 ? "amount0" : "amount1").onChange(value);
    const wei = tokenInputOrNull(value);
    if (!pool || wei === null) return;
    const other =
      side === 0
        ? matchingAmount(wei, pool.reserve0, pool.reserve1)
        : matchingAmount(wei, pool.reserve1, pool.reserve0);
    if (other !== null) form.setValues((v) => ({ ...v, [side === 0 ? "amount1" : "amount0"]: asInput(other) }));
  };

  const submit = form.onSubmit(async (v) => {
    const p = find(v.pool);
    if (!p) return;
    const w0 = tokenInputToWei(v.amount0);
    const w1 = tokenInputToWei(v.amount1);
    const ok = await tx.run(
      [
        approveTokenStep(p, p.token0, p.symbol0, w0),
        approveTokenStep(p, p.token1, p.symbol1, w1),
        {
          label: `Add ${formatToken(w0, p.symbol0)} and ${formatToken(w1, p.symbol1)} to the ${poolName(p)} pool`,
          action: "addLiquidity",
          fields: {
            pool: p.address,
            amount0Wei: w0.toString(),
            amount1Wei: w1.toString(),
            amount0MinWei: (p.totalShares === 0n ? w0 : withTolerance(w0, DEPOSIT_TOLERANCE_BPS)).toString(),
            amount1MinWei: (p.totalShares === 0n ? w1 : withTolerance(w1, DEPOSIT_TOLERANCE_BPS)).toString(),
            ...(address ? { to: address } : {}),
            deadline: deadlineAfter(chainNowSeconds(), DEADLINE_MINUTES),
          },
        },
      ],
      `Liquidity added to the ${poolName(p)} pool.`,
    );
    if (ok) form.setValues((values) => ({ ...values, amount0: "", amount1: "" }));
  });

  return (
    <section aria-labelledby="add-liquidity-heading" className="panel">
      <h2 id="add-liquidity-heading">Add liquidity</h2>
      <form onSubmit={submit} noValidate aria-labelledby="add-liquidity-heading">
        <SelectField
          {...form.bind("pool")}
          onChange={(value) => form.setValues({ pool: value, amount0: "", amount1: "" })}
          label="Pool"
          options={pools.map((p) => ({ value: p.address, label: poolName(p) }))}
        />
        {pool ? (
          <div className="field-row">
            <TextField
              {...form.bind("amount0")}
              onChange={onAmount(0)}
              label={`Deposit ${pool.symbol0}`}
              inputMode="decimal"
              suffix={pool.symbol0}
            />
            <TextField
              {...form.bind("amount1")}
              onChange={onAmount(1)}
              label={`Deposit ${pool.symbol1}`}
              inputMode="decimal"
              suffix={pool.symbol1}
            />
          </div>
        ) : null}
        <p aria-live="polite" data-testid="add-liquidity-shares">
          {pool && shares !== null && shares > 0n
            ? `You receive about ${formatToken(shares, "LP")} shares (${formatBps(
                shareOfPoolBps(shares, pool.totalShares === 0n ? shares : pool.totalShares + shares),
              )} of the pool). You hold ${formatToken(mine, "LP")} now.`
            : `You hold ${formatToken(mine, "LP")} shares of this pool.`}
        </p>
        <button type="submit" disabled={tx.pending}>
          Add liquidity
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
