import type { Address } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ClaimRevenueParameters = {
  generator: Address;
};

export type ClaimRevenueReturnType = WriteResult & { amountWei: bigint };

/** An owner (or former owner) takes all the revenue they can claim (DX9). */
export async function claimRevenue(
  client: DrexWalletClient,
  params: ClaimRevenueParameters,
): Promise<ClaimRevenueReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "claimRevenue",
    args: [],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "RevenueClaimed");
  return { ...result, amountWei: event.args.amountWei };
}
