import type { Address } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ReportUsageParameters = {
  generator: Address;
  /** Whose credit the delivered energy draws down. */
  consumer: Address;
  /** Energy delivered, in milli-units (Wh for kWh). */
  milliUnits: bigint;
};

export type ReportUsageReturnType = WriteResult & {
  /** The consumer's credit left, in milli-units. */
  creditMilliUnits: bigint;
};

/** The generator's device key reports energy delivered to a consumer; nobody else can (DX8). */
export async function reportUsage(
  client: DrexWalletClient,
  params: ReportUsageParameters,
): Promise<ReportUsageReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "reportUsage",
    args: [params.consumer, params.milliUnits],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "UsageReported");
  return { ...result, creditMilliUnits: event.args.creditMilliUnits };
}
