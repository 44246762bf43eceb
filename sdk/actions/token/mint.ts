import type { Address } from "viem";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type MintParameters = {
  token: Address;
  to: Address;
  amountWei: bigint;
};

export type MintReturnType = WriteResult & { amountWei: bigint };

/** Mints new Solar Tokens; only the token's owner (the deployer by default), never past the supply cap (DX10). */
export async function mint(client: DrexWalletClient, params: MintParameters): Promise<MintReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.token,
    abi: SolarTokenAbi,
    functionName: "mint",
    args: [params.to, params.amountWei],
  });
  const transfer = eventFrom(result.receipt.logs, params.token, SolarTokenAbi, "Transfer");
  return { ...result, amountWei: transfer.args.value };
}
