import type { Address, Hex } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import type { Usage } from "../../generator/usage.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ReportUsageParameters = {
  generator: Address;
  /** The device's usage reading: the consumer's cumulative delivery and when it was read. */
  usage: Usage;
  /** The device's EIP-712 signature of `usage` (`signUsage`). */
  signature: Hex;
};

export type ReportUsageReturnType = WriteResult & {
  /** What this reading drew from the consumer's credit, in milli-units. */
  milliUnits: bigint;
  /** The consumer's credit left, in milli-units. */
  creditMilliUnits: bigint;
  /** The accepted reading's cumulative delivery to the consumer, milli-units. */
  deliveredMilliUnits: bigint;
  /** When the accepted reading was read, Unix seconds. */
  readAt: bigint;
};

/**
 * Relays a usage reading the generator's device signed; any account may send it, the signature is what counts (DX8).
 * The consumer's credit drops by the rise in their cumulative delivery since their last accepted reading.
 */
export async function reportUsage(
  client: DrexWalletClient,
  params: ReportUsageParameters,
): Promise<ReportUsageReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "reportUsage",
    args: [params.usage, params.signature],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "UsageReported");
  return {
    ...result,
    milliUnits: event.args.milliUnits,
    creditMilliUnits: event.args.creditMilliUnits,
    deliveredMilliUnits: event.args.deliveredMilliUnits,
    readAt: BigInt(event.args.readAt),
  };
}
