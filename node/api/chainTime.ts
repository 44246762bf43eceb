// The chain's clock, for the statuses that change with time. One block read a second per chain, shared by every
// request.
import type { PublicClient } from "viem";

type Reading = { timestampSeconds: bigint; readAtMs: number };
const readings = new WeakMap<PublicClient, Reading>();

/** The latest block's timestamp, or the wall clock if that is later (the next block cannot be earlier). */
export async function latestBlockTime(client: PublicClient): Promise<bigint> {
  const nowMs = Date.now();
  let reading = readings.get(client);
  if (reading === undefined || nowMs - reading.readAtMs > 1000) {
    const block = await client.getBlock({ blockTag: "latest" });
    reading = { timestampSeconds: block.timestamp, readAtMs: nowMs };
    readings.set(client, reading);
  }
  const wall = BigInt(Math.floor(nowMs / 1000));
  return reading.timestampSeconds > wall ? reading.timestampSeconds : wall;
}
