import type { Address, LocalAccount } from "viem";
import { getBlock } from "viem/actions";
import { signUsage } from "../../generator/usage.ts";
import type { DrexWalletClient } from "../../types.ts";
import { getUsage } from "./getUsage.ts";
import { type ReportUsageReturnType, reportUsage } from "./reportUsage.ts";

export type DeliverUsageParameters = {
  generator: Address;
  /** The generator's device: its key signs the reading. */
  device: LocalAccount;
  consumer: Address;
  /** Energy delivered since the consumer's last accepted reading, milli-units (Wh for kWh). */
  milliUnits: bigint;
};

/**
 * The device reads `milliUnits` more delivered to `consumer` as of the latest block, signs that cumulative reading,
 * and `client` relays it (DX8). For devices that count from the chain's last accepted reading, as simulated ones do;
 * a metered device signs its own register with `signUsage` and anyone relays it with `reportUsage`.
 */
export async function deliverUsage(
  client: DrexWalletClient,
  params: DeliverUsageParameters,
): Promise<ReportUsageReturnType> {
  const [last, block] = await Promise.all([
    getUsage(client, { generator: params.generator, consumer: params.consumer }),
    getBlock(client),
  ]);
  const usage = {
    consumer: params.consumer,
    deliveredMilliUnits: last.deliveredMilliUnits + params.milliUnits,
    readAt: block.timestamp,
  };
  const signature = await signUsage(params.device, { chainId: client.chain.id, generator: params.generator, usage });
  return reportUsage(client, { generator: params.generator, usage, signature });
}
