// contracts/libraries/ShareAllocation.sol in TypeScript: a financier's shares, computable before the generator
// writes them down.

export const TOTAL_SHARES = 10_000n;

export type AllocationInput = {
  /** The financier's contribution still in the request (refunds taken off, as the marketplace's contributionOf). */
  contributionWei: bigint;
  /** 1-based order of the financier's first contribution; 0 for someone who never contributed. */
  order: bigint;
  targetWei: bigint;
  /** TOTAL_SHARES minus the sum of every financier's floored shares (GeneratorCreated). */
  dustShares: bigint;
};

export function allocatedShares({ contributionWei, order, targetWei, dustShares }: AllocationInput): bigint {
  if (order === 0n) return 0n;
  return (contributionWei * TOTAL_SHARES) / targetWei + (order <= dustShares ? 1n : 0n);
}
