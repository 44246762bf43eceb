import { type Address, isAddressEqual } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type TransferSharesParameters = {
  generator: Address;
  to: Address;
  /** Ownership shares to move: 1 share = 0.01% of the generator. */
  shares: bigint;
};

export type TransferSharesReturnType = WriteResult & { shares: bigint };

/**
 * An owner sells (transfers) all or part of their ownership once the generator is active (DX5, DX11). Revenue earned
 * before the transfer stays claimable by the seller (DX9); the price vote follows the shares (DX6).
 */
export async function transferShares(
  client: DrexWalletClient,
  params: TransferSharesParameters,
): Promise<TransferSharesReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "transfer",
    args: [params.to, params.shares],
    revertContext: { amounts: "shares" },
  });
  // The first Transfer may be the sender's lazy allocation (from the zero address): take the one to `to`.
  const moved = eventsFrom(result.receipt.logs, params.generator, GeneratorAbi, "Transfer").find(
    (event) => isAddressEqual(event.args.to, params.to) && isAddressEqual(event.args.from, client.account.address),
  );
  return { ...result, shares: moved?.args.value ?? 0n };
}
