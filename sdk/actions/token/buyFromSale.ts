import type { Address } from "viem";
import { readContract } from "viem/actions";
import { SolarTokenSaleAbi } from "../../abi/SolarTokenSale.ts";
import { InvalidParameterError } from "../../errors.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

const TOKEN_UNIT = 10n ** 18n;

export type BuyFromSaleParameters = {
  sale: Address;
} & (
  | {
      /** Ether (in wei) to pay; buys `paymentWei * 10^18 / priceWeiPerToken` base units, rounded down. */
      paymentWei: bigint;
      tokenWei?: undefined;
    }
  | {
      /** Solar Token base units wanted: pays the least ether that buys at least this many. */
      tokenWei: bigint;
      paymentWei?: undefined;
    }
);

export type BuyFromSaleReturnType = WriteResult & {
  /** Ether paid, in wei. */
  paidWei: bigint;
  /** Solar Token base units received. */
  tokenWei: bigint;
};

/** Buys Solar Tokens from the initial sale with ether (DX10). */
export async function buyFromSale(
  client: DrexWalletClient,
  params: BuyFromSaleParameters,
): Promise<BuyFromSaleReturnType> {
  let paymentWei: bigint;
  if (params.paymentWei !== undefined) {
    paymentWei = params.paymentWei;
  } else {
    if (params.tokenWei <= 0n) throw new InvalidParameterError("tokenWei", "Buy more than 0 SOLAR.");
    const priceWeiPerToken = await readContract(client, {
      address: params.sale,
      abi: SolarTokenSaleAbi,
      functionName: "priceWeiPerToken",
    });
    // The least payment whose rounded-down purchase reaches tokenWei.
    paymentWei = (params.tokenWei * priceWeiPerToken + TOKEN_UNIT - 1n) / TOKEN_UNIT;
  }
  const result = await simulateAndWrite(client, {
    address: params.sale,
    abi: SolarTokenSaleAbi,
    functionName: "buy",
    args: [],
    value: paymentWei,
  });
  const purchase = eventFrom(result.receipt.logs, params.sale, SolarTokenSaleAbi, "TokensPurchased");
  return { ...result, paidWei: purchase.args.paidWei, tokenWei: purchase.args.tokenWei };
}
