// MX6: redeem pool shares for their part of both reserves, fees earned included; at most 1% less than shown.
import type { EnergyAccount, PoolRow } from "../../api/energyTypes.ts";
import { chainNowSeconds } from "../../chain/chainClock.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { checkTokenAmount, tokenInputOrNull, tokenInputToWei } from "../energy/energyChecks.ts";
import { formatToken } from "../energy/energyFormat.ts";
import { deadlineAfter } from "./approveTokenStep.ts";
import { poolName } from "./PoolTable.tsx";
import { redeemFor, withTolerance } from "./poolMath.ts";

const REDEEM_TOLERANCE_BPS = 100n;
const DEADLINE_MINUTES = "20";

export function RemoveLiquidityForm({ pools, account }: { pools: PoolRow[]; account: EnergyAccount | undefined }) {
  const tx = useTransaction();
  const { address } = useWallet();
  const find = (address: string) => pools.find((p) => p.address === address) ?? pools[0];
  const sharesIn = (pool: PoolRow | undefined) =>
    account?.lpShares.find((l) => l.pool.toLowerCase() === pool?.address.toLowerCase())?.shares ?? 0n;
  const form = useForm({ pool: pools[0]?.address ?? "", shares: "" }, (v) => {
    const pool = find(v.pool);
    const mine = sharesIn(pool);
    return {
      pool: pool ? null : "Choose a pool.",
      shares:
        mine === 0n
          ? "You hold no shares of this pool."
          : checkTokenAmount(v.shares, { symbol: "LP", maxWei: mine, maxReason: "(your shares)" }),
    };
  });
  const pool = find(form.values.pool);
  const mine = sharesIn(pool);
  const shares = tokenInputOrNull(form.values.shares);
  const out = pool && shares !== null && shares <= mine ? redeemFor(pool, shares) : null;

  const submit = form.onSubmit(async (v) => {
    const p = find(v.pool);
    if (!p) return;
    const s = tokenInputToWei(v.shares);
    const { amount0, amount1 } = redeemFor(p, s);
    const ok = await tx.run(
      [
        {
          label: `Redeem ${formatToken(s, "LP")} of the ${poolName(p)} pool`,
          action: "removeLiquidity",
          fields: {
            pool: p.address,
            shares: s.toString(),
            amount0MinWei: withTolerance(amount0, REDEEM_TOLERANCE_BPS).toString(),
            amount1MinWei: withTolerance(amount1, REDEEM_TOLERANCE_BPS).toString(),
            ...(address ? { to: address } : {}),
            deadline: deadlineAfter(chainNowSeconds(), DEADLINE_MINUTES),
          },
        },
      ],
      `Liquidity removed from the ${poolName(p)} pool.`,
    );
    if (ok) form.setValues((values) => ({ ...values, shares: "" }));
  });

  return (
    <section aria-labelledby="remove-liquidity-heading" className="panel">
      <h2 id="remove-liquidity-heading">Remove liquidity</h2>
      <form onSubmit={submit} noValidate aria-labelledby="remove-liquidity-heading">
        <SelectField
          {...form.bind("pool")}
          onChange={(value) => form.setValues({ pool: value, shares: "" })}
          label="Pool"
          options={pools.map((p) => ({ value: p.address, label: poolName(p) }))}
        />
        <TextField
          {...form.bind("shares")}
          label="Shares to redeem (LP)"
          inputMode="decimal"
          suffix="LP"
          hint={`You hold ${formatToken(mine, "LP")}.`}
        />
        <p aria-live="polite" data-testid="remove-liquidity-out">
          {pool && out && shares !== null && shares > 0n
            ? `You receive about ${formatToken(out.amount0, pool.symbol0)} and ${formatToken(out.amount1, pool.symbol1)}.`
            : ""}
        </p>
        <button type="submit" disabled={tx.pending}>
          Remove liquidity
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
