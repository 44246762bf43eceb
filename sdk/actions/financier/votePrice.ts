import type { Address } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type VotePriceParameters = {
  generator: Address;
  /** The price the owner wants per unit (kWh), in Solar Token base units. */
  priceWeiPerUnit: bigint;
};

export type VotePriceReturnType = WriteResult & {
  /** getAvg() after the vote: the stake-weighted average of all votes cast. */
  averagePriceWeiPerUnit: bigint;
};

/** An owner votes the price per unit, or changes their vote (DX6). */
export async function votePrice(client: DrexWalletClient, params: VotePriceParameters): Promise<VotePriceReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "votePrice",
    args: [params.priceWeiPerUnit],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "PriceVoted");
  return { ...result, averagePriceWeiPerUnit: event.args.averagePriceWeiPerUnit };
}
