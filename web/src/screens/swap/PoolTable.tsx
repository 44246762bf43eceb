// MX6: the pools, with their reserves, the price they make, the fee, and the acting account's share.
import type { EnergyAccount, PoolRow } from "../../api/energyTypes.ts";
import { formatBps, formatToken } from "../energy/energyFormat.ts";
import { priceOf0In1, priceOf1In0, shareOfPoolBps } from "./poolMath.ts";

export function poolName(pool: PoolRow): string {
  return `${pool.symbol0} / ${pool.symbol1}`;
}

export function PoolTable({ pools, account }: { pools: PoolRow[]; account: EnergyAccount | undefined }) {
  return (
    <table className="responsive">
      <caption>Liquidity pools</caption>
      <thead>
        <tr>
          <th scope="col">Pool</th>
          <th scope="col">Reserves</th>
          <th scope="col">Price</th>
          <th scope="col">Fee</th>
          <th scope="col">Your shares</th>
          <th scope="col">Swaps</th>
        </tr>
      </thead>
      <tbody>
        {pools.map((p) => {
          const price0 = priceOf0In1(p);
          const price1 = priceOf1In0(p);
          const mine = account?.lpShares.find((l) => l.pool.toLowerCase() === p.address.toLowerCase())?.shares ?? 0n;
          return (
            <tr key={p.address} data-testid="pool-row">
              <th scope="row" data-label="Pool">
                {poolName(p)}
              </th>
              <td data-label="Reserves" data-testid="pool-reserves">
                {formatToken(p.reserve0, p.symbol0)} and {formatToken(p.reserve1, p.symbol1)}
              </td>
              <td data-label="Price">
                {price0 === null || price1 === null ? (
                  "no liquidity yet"
                ) : (
                  <>
                    1 {p.symbol0} = {formatToken(price0, p.symbol1)}; 1 {p.symbol1} = {formatToken(price1, p.symbol0)}
                  </>
                )}
              </td>
              <td data-label="Fee">{formatBps(p.feeBps)}, kept for the liquidity providers</td>
              <td data-label="Your shares" data-testid="pool-my-shares">
                {formatToken(mine, "LP")} ({formatBps(shareOfPoolBps(mine, p.totalShares))} of{" "}
                {formatToken(p.totalShares, "LP")})
              </td>
              <td data-label="Swaps">
                {p.swapCount.toString()} (volume {formatToken(p.volume0, p.symbol0)},{" "}
                {formatToken(p.volume1, p.symbol1)})
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
