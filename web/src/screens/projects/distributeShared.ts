// What the Capital and Projects screens share: the protocol's overview and the acting account's holdings, amounts as
// people read them, and the approval the contracts need before they take capital tokens or SOLAR.
import { useEffect } from "react";
import { formatSolar } from "../../../../sdk/format.ts";
import { decodeAccount, decodeOverview } from "../../api/distributeDecode.ts";
import type { DistributeAccount, DistributeOverview, ProjectState } from "../../api/distributeTypes.ts";
import { type ApiRead, useApi } from "../../api/useApi.ts";
import { observeBlockTime } from "../../chain/chainClock.ts";
import type { TxStep } from "../../tx/useTransaction.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { formatToken } from "../energy/energyFormat.ts";

export const CAPITAL_UNIT = "capital tokens";
export const REPUTATION_UNIT = "reputation";
export const BPS = 10_000n;

/** The overview carries the chain's time, which keeps the screens' deadlines right after time travel. */
export function useDistributeOverview(): ApiRead<DistributeOverview> {
  const read = useApi("/api/v1/distribute", decodeOverview);
  const chainNow = read.data?.chainNow;
  useEffect(() => {
    if (chainNow !== undefined) observeBlockTime(chainNow);
  }, [chainNow]);
  return read;
}

export function useDistributeAccount(): ApiRead<DistributeAccount> {
  const { address } = useWallet();
  return useApi(address ? `/api/v1/distribute/accounts/${address}` : null, decodeAccount);
}

export function formatCapital(amount: bigint): string {
  return formatToken(amount, CAPITAL_UNIT);
}

export function formatReputation(amount: bigint): string {
  return formatToken(amount, REPUTATION_UNIT);
}

/** SOLAR, shortened to 6 decimals where a figure is for reading rather than checking. */
export function formatWei(amountWei: bigint, exact = true): string {
  return formatSolar(amountWei, exact ? {} : { maxDecimals: 6 });
}

/** 1234 → "12.34%". */
export function formatBpsNumber(bps: number | bigint): string {
  const b = BigInt(bps);
  return `${b / 100n}.${(b % 100n).toString().padStart(2, "0")}%`;
}

/** Rounded up, as the contracts round what people owe. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : (a + b - 1n) / b;
}

export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/** Lets `spenderName`'s contract take `amount` of `token` (SOLAR or capital tokens) with transferFrom. */
export function approveFor(
  token: string,
  spender: string,
  amount: bigint,
  spenderName: string,
  amountText: string,
): TxStep {
  return {
    label: `Allow ${spenderName} to take ${amountText}`,
    action: "approveToken",
    fields: { token, spender, amountWei: amount.toString() },
  };
}

export const PROJECT_STATE_MEANING: Record<ProjectState, string> = {
  proposed: "waiting for stakes: both bars must be met before the staking deadline",
  staked: "stakers put forward and back task lists until the period ends",
  active: "reputation holders claim and do the winning list's tasks",
  complete: "validated tasks passed half of the weighting; stakers take back their stakes and reward",
  failed: "the stakes were burned",
  expired: "not staked in time: stakes returned, collateral lost",
};
