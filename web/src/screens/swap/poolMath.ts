// The constant-product pool's arithmetic as the contract does it (ConstantProductMath), in bigint, so the quote on
// screen is the amount the swap pays if the reserves do not move first.
import type { PoolRow } from "../../api/energyTypes.ts";

const BPS = 10_000n;
/** ConstantProductPool.MINIMUM_LIQUIDITY: shares locked for ever by the first deposit. */
export const MINIMUM_LIQUIDITY = 1000n;
const ONE = 10n ** 18n;

/** What `amountIn` of one token buys of the other, the pool's fee kept in the pool; rounded down like the pool. */
export function quoteExactIn(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps: bigint): bigint {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0n;
  const inAfterFee = amountIn * (BPS - feeBps);
  return (inAfterFee * reserveOut) / (reserveIn * BPS + inAfterFee);
}

/** The least the sender accepts: the quote less the tolerance, rounded down. */
export function withTolerance(amount: bigint, toleranceBps: bigint): bigint {
  return (amount * (BPS - toleranceBps)) / BPS;
}

/** The fee part of an input: what stays in the pool for the liquidity providers. */
export function feeOf(amountIn: bigint, feeBps: bigint): bigint {
  return (amountIn * feeBps) / BPS;
}

/** Price of one whole token0 in token1 (18-decimal fixed point), or null for an empty pool. */
export function priceOf0In1(pool: PoolRow): bigint | null {
  return pool.reserve0 === 0n ? null : (pool.reserve1 * ONE) / pool.reserve0;
}

export function priceOf1In0(pool: PoolRow): bigint | null {
  return pool.reserve1 === 0n ? null : (pool.reserve0 * ONE) / pool.reserve1;
}

/** The other token's amount in the pool's current proportion, or null for an empty pool. */
export function matchingAmount(amount: bigint, reserveThis: bigint, reserveOther: bigint): bigint | null {
  if (reserveThis === 0n || reserveOther === 0n) return null;
  return (amount * reserveOther) / reserveThis;
}

function sqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** Shares a deposit earns: the first deposit √(a0·a1) less the locked minimum; later ones pro rata, the lesser side. */
export function sharesFor(pool: PoolRow, amount0: bigint, amount1: bigint): bigint {
  if (pool.totalShares === 0n) {
    const shares = sqrt(amount0 * amount1) - MINIMUM_LIQUIDITY;
    return shares > 0n ? shares : 0n;
  }
  if (pool.reserve0 === 0n || pool.reserve1 === 0n) return 0n;
  const by0 = (amount0 * pool.totalShares) / pool.reserve0;
  const by1 = (amount1 * pool.totalShares) / pool.reserve1;
  return by0 < by1 ? by0 : by1;
}

/** What `shares` redeem for now, rounded down like the pool. */
export function redeemFor(pool: PoolRow, shares: bigint): { amount0: bigint; amount1: bigint } {
  if (pool.totalShares === 0n) return { amount0: 0n, amount1: 0n };
  return {
    amount0: (shares * pool.reserve0) / pool.totalShares,
    amount1: (shares * pool.reserve1) / pool.totalShares,
  };
}

/** Basis points of the pool's shares: 1234n → 12.34%. */
export function shareOfPoolBps(shares: bigint, totalShares: bigint): bigint {
  return totalShares === 0n ? 0n : (shares * BPS) / totalShares;
}
