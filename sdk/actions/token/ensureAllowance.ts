import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { SolarTokenAbi } from "../../abi/SolarToken.ts";
import type { DrexWalletClient } from "../../types.ts";
import { approve } from "./approve.ts";

export type EnsureAllowanceParameters = {
  token: Address;
  spender: Address;
  /** What the next transaction will move. */
  amountWei: bigint;
};

export type EnsureAllowanceReturnType = {
  /** Whether an approval was sent (false: the allowance already covered the amount). */
  approved: boolean;
  hash: Hash | null;
  /** Gas of the approval; 0 when none was needed. */
  gasUsed: bigint;
};

/** Approves `amountWei` for `spender` unless the sender's allowance already covers it: the approve-if-needed step. */
export async function ensureAllowance(
  client: DrexWalletClient,
  params: EnsureAllowanceParameters,
): Promise<EnsureAllowanceReturnType> {
  const allowanceWei = await readContract(client, {
    address: params.token,
    abi: SolarTokenAbi,
    functionName: "allowance",
    args: [client.account.address, params.spender],
  });
  if (allowanceWei >= params.amountWei) return { approved: false, hash: null, gasUsed: 0n };
  const { hash, gasUsed } = await approve(client, params);
  return { approved: true, hash, gasUsed };
}
