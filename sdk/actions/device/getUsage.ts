import type { Address } from "viem";
import { readContract } from "viem/actions";
import { GeneratorAbi } from "../../abi/Generator.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetUsageParameters = { generator: Address; consumer: Address };

export type GetUsageReturnType = {
  /** The consumer's cumulative delivery in their last accepted usage reading, milli-units; 0 before any. */
  deliveredMilliUnits: bigint;
  /** When that reading was read, Unix seconds; 0 before any. */
  readAt: bigint;
};

/** A consumer's last accepted usage reading on a generator (DX8): where the device's next reading must go past. */
export async function getUsage(client: DrexReadClient, params: GetUsageParameters): Promise<GetUsageReturnType> {
  const [deliveredMilliUnits, readAt] = await readContract(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "usageOf",
    args: [params.consumer],
  });
  return { deliveredMilliUnits, readAt: BigInt(readAt) };
}
