import type { Address } from "viem";
import { readContract } from "viem/actions";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetSolarBalanceParameters = {
  token: Address;
  account: Address;
};

/** Solar Token base units the account holds. */
export type GetSolarBalanceReturnType = bigint;

export async function getSolarBalance(
  client: DrexReadClient,
  params: GetSolarBalanceParameters,
): Promise<GetSolarBalanceReturnType> {
  return readContract(client, {
    address: params.token,
    abi: SolarTokenAbi,
    functionName: "balanceOf",
    args: [params.account],
  });
}
