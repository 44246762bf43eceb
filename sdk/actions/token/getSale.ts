import type { Address } from "viem";
import { getBlock, readContract } from "viem/actions";
import { SolarTokenSaleAbi } from "../../abi/SolarTokenSale.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetSaleParameters = {
  sale: Address;
};

export type GetSaleReturnType = {
  sale: Address;
  token: Address;
  treasury: Address;
  /** Ether wei per whole SOLAR (10^18 base units). */
  priceWeiPerToken: bigint;
  trancheTokenWei: bigint;
  soldTokenWei: bigint;
  remainingTokenWei: bigint;
  /** Unix seconds; purchases are accepted up to and including this second. */
  deadline: bigint;
  /** Whether a purchase in the next block could still go through (by the latest block's time). */
  open: boolean;
};

/** The initial sale's terms and progress, for the "buy tokens" screen (DX10). */
export async function getSale(client: DrexReadClient, params: GetSaleParameters): Promise<GetSaleReturnType> {
  const read = <
    const functionName extends
      | "token"
      | "treasury"
      | "priceWeiPerToken"
      | "trancheTokenWei"
      | "soldTokenWei"
      | "remainingTokenWei"
      | "deadline",
  >(
    functionName: functionName,
  ) => readContract(client, { address: params.sale, abi: SolarTokenSaleAbi, functionName });
  const [token, treasury, priceWeiPerToken, trancheTokenWei, soldTokenWei, remainingTokenWei, deadline, block] =
    await Promise.all([
      read("token"),
      read("treasury"),
      read("priceWeiPerToken"),
      read("trancheTokenWei"),
      read("soldTokenWei"),
      read("remainingTokenWei"),
      read("deadline"),
      getBlock(client),
    ]);
  return {
    sale: params.sale,
    token,
    treasury,
    priceWeiPerToken,
    trancheTokenWei,
    soldTokenWei,
    remainingTokenWei,
    deadline: BigInt(deadline),
    open: block.timestamp < BigInt(deadline) && remainingTokenWei > 0n,
  };
}
