import type { Address } from "viem";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type TransferSolarParameters = {
  token: Address;
  to: Address;
  amountWei: bigint;
};

export type TransferSolarReturnType = WriteResult;

/** Sends Solar Tokens to another account (paying for shares bought from an owner, say). */
export async function transferSolar(
  client: DrexWalletClient,
  params: TransferSolarParameters,
): Promise<TransferSolarReturnType> {
  return simulateAndWrite(client, {
    address: params.token,
    abi: SolarTokenAbi,
    functionName: "transfer",
    args: [params.to, params.amountWei],
  });
}
