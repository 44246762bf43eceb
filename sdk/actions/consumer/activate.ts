import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type ActivateParameters = {
  generator: Address;
  /** The initial payment in Solar Token base units; shared among the owners like any revenue. Must be above 0. */
  initialTokenWei: bigint;
  /** The Solar Token; read from the generator when omitted. */
  token?: Address;
};

export type ActivateReturnType = WriteResult & {
  /** The approval sent first, if the allowance did not already cover the initial token. */
  approvalHash: Hash | null;
  /** The winning provider, now paid. */
  provider: Address;
  /** The escrowed installation cost released to the provider. */
  escrowReleasedWei: bigint;
};

/**
 * The requesting consumer activates the installed generator with an initial token: the generator's first
 * transaction. Approves the generator first if needed. Releases the escrow to the provider (DX7).
 */
export async function activate(client: DrexWalletClient, params: ActivateParameters): Promise<ActivateReturnType> {
  const token =
    params.token ??
    (await readContract(client, { address: params.generator, abi: GeneratorAbi, functionName: "state" })).token;
  const approval = await ensureAllowance(client, {
    token,
    spender: params.generator,
    amountWei: params.initialTokenWei,
  });
  const result = await simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "activate",
    args: [params.initialTokenWei],
  });
  const event = eventFrom(result.receipt.logs, params.generator, GeneratorAbi, "Activated");
  return {
    ...result,
    approvalHash: approval.hash,
    provider: event.args.provider,
    escrowReleasedWei: event.args.escrowWei,
  };
}
