import type { Address } from "viem";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ApproveParameters = {
  /** The Solar Token. */
  token: Address;
  /** Who may move the sender's tokens: the marketplace (to fund) or a generator (to activate or buy energy). */
  spender: Address;
  amountWei: bigint;
};

export type ApproveReturnType = WriteResult;

/** Lets `spender` move up to `amountWei` of the sender's Solar Tokens (replacing any earlier allowance). */
export async function approve(client: DrexWalletClient, params: ApproveParameters): Promise<ApproveReturnType> {
  return simulateAndWrite(client, {
    address: params.token,
    abi: SolarTokenAbi,
    functionName: "approve",
    args: [params.spender, params.amountWei],
  });
}
