import type { Address } from "viem";
import { readContract } from "viem/actions";
import { GeneratorAbi } from "../../abi/Generator.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetCreditParameters = {
  generator: Address;
  account: Address;
};

/** Energy the account has bought and not yet used at this generator, in milli-units (Wh for kWh). */
export type GetCreditReturnType = bigint;

/** A consumer's energy credit at a generator (DX8). */
export async function getCredit(client: DrexReadClient, params: GetCreditParameters): Promise<GetCreditReturnType> {
  return readContract(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "creditOf",
    args: [params.account],
  });
}
