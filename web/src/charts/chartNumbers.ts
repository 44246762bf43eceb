// Charts plot JavaScript numbers. Amounts stay bigint everywhere else; only here, for drawing, is an amount turned
// into an approximate number of SOLAR (micro-SOLAR precision is far below a pixel).

const WEI_PER_MICRO_SOLAR = 10n ** 12n;

export function solarForPlot(amountWei: bigint): number {
  return Number(amountWei / WEI_PER_MICRO_SOLAR) / 1_000_000;
}

export function dateLabel(unixSeconds: bigint, withHour: boolean): string {
  const date = new Date(Number(unixSeconds) * 1000);
  return withHour
    ? date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit" })
    : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}
