// The deadline pool operations carry when the caller gives none.
import { getBlock } from "viem/actions";
import type { DrexReadClient } from "../../types.ts";

/** How long a pool operation stays valid by default. */
export const DEFAULT_POOL_DEADLINE_SECONDS = 3_600n;

/**
 * `deadline` when given, else an hour after the later of the latest block's time and the wall clock: the pool checks
 * its deadline against block time, which on a development chain may run ahead of the wall clock.
 */
export async function poolDeadline(client: DrexReadClient, deadline: bigint | undefined): Promise<bigint> {
  if (deadline !== undefined) return deadline;
  const { timestamp } = await getBlock(client, { blockTag: "latest" });
  const wallSeconds = BigInt(Math.floor(Date.now() / 1000));
  return (timestamp > wallSeconds ? timestamp : wallSeconds) + DEFAULT_POOL_DEADLINE_SECONDS;
}
