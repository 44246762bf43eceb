// How much of a request's target is raised, as a bar and in words.
import { formatSolar } from "../../../sdk/format.ts";

/** Basis points of the target, rounded down: exact bigint arithmetic, then a small number for the bar. */
export function fundedPercent(raisedWei: bigint, targetWei: bigint): number {
  if (targetWei <= 0n) return 0;
  return Number((raisedWei * 10_000n) / targetWei) / 100;
}

export function FundingProgress({
  raisedWei,
  targetWei,
  label,
}: {
  raisedWei: bigint;
  targetWei: bigint;
  label: string;
}) {
  const percent = fundedPercent(raisedWei, targetWei);
  return (
    <div className="funding">
      <progress max={100} value={percent} aria-label={label} />
      <span className="funding-text">
        {formatSolar(raisedWei)} of {formatSolar(targetWei)} raised ({percent}%)
      </span>
    </div>
  );
}
