// The approval a pool needs before it pulls tokens in with transferFrom (any ERC-20: Energy, Reward, Solar Token).
import type { PoolRow } from "../../api/energyTypes.ts";
import type { TxStep } from "../../tx/useTransaction.ts";
import { formatToken } from "../energy/energyFormat.ts";
import { poolName } from "./PoolTable.tsx";

export function approveTokenStep(pool: PoolRow, token: string, symbol: string, amountWei: bigint): TxStep {
  return {
    label: `Allow the ${poolName(pool)} pool to take ${formatToken(amountWei, symbol)}`,
    action: "approveToken",
    fields: { token, spender: pool.address, amountWei: amountWei.toString() },
  };
}

/** Unix seconds after which the pool refuses the transaction, by the chain's clock. */
export function deadlineAfter(nowSeconds: bigint, minutes: string): string {
  return (nowSeconds + BigInt(minutes.trim()) * 60n).toString();
}
