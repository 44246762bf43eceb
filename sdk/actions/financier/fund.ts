import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { MarketplaceAbi } from "../../abi/Marketplace.ts";
import { eventFrom, eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";
import { ensureAllowance } from "../token/ensureAllowance.ts";

export type FundParameters = {
  marketplace: Address;
  requestId: bigint;
  /** The contribution in Solar Token base units; at most what is still needed. */
  amountWei: bigint;
  /** The Solar Token; read from the marketplace when omitted. */
  token?: Address;
};

export type FundReturnType = WriteResult & {
  approvalHash: Hash | null;
  /** Raised so far, this contribution included. */
  raisedWei: bigint;
  targetWei: bigint;
  /** The generator this contribution created by reaching the target; null while financing goes on. */
  generator: Address | null;
  /** Unix seconds by which the consumer must activate the new generator; null while financing goes on. */
  activationDeadline: bigint | null;
};

/**
 * A financier contributes to an accepted request (DX4), approving the marketplace first if needed. The contribution
 * that reaches the target creates the generator and fixes the 10,000 shares (DX5).
 */
export async function fund(client: DrexWalletClient, params: FundParameters): Promise<FundReturnType> {
  const token =
    params.token ??
    (await readContract(client, { address: params.marketplace, abi: MarketplaceAbi, functionName: "token" }));
  const approval = await ensureAllowance(client, { token, spender: params.marketplace, amountWei: params.amountWei });
  const result = await simulateAndWrite(client, {
    address: params.marketplace,
    abi: MarketplaceAbi,
    functionName: "fund",
    args: [params.requestId, params.amountWei],
  });
  const contributed = eventFrom(result.receipt.logs, params.marketplace, MarketplaceAbi, "Contributed");
  const [created] = eventsFrom(result.receipt.logs, params.marketplace, MarketplaceAbi, "GeneratorCreated");
  return {
    ...result,
    approvalHash: approval.hash,
    raisedWei: contributed.args.raisedWei,
    targetWei: contributed.args.targetWei,
    generator: created?.args.generator ?? null,
    activationDeadline: created?.args.activationDeadline ?? null,
  };
}
