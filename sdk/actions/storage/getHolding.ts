import type { Address } from "viem";
import { readContract } from "viem/actions";
import { StorageNodeAbi } from "../../abi/StorageNode.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetHoldingParameters = { storageNode: Address; nodeId: bigint; depositorId: bigint };

export type GetHoldingReturnType = {
  /** Available to take out. */
  storedWh: bigint;
  /** Reserved by take-outs the node has not completed. */
  pendingTakeOutWh: bigint;
};

/** A depositor's energy at a storage node (MX7). */
export async function getHolding(client: DrexReadClient, params: GetHoldingParameters): Promise<GetHoldingReturnType> {
  const holding = await readContract(client, {
    address: params.storageNode,
    abi: StorageNodeAbi,
    functionName: "holdingOf",
    args: [params.nodeId, params.depositorId],
  });
  return { storedWh: BigInt(holding.storedWh), pendingTakeOutWh: BigInt(holding.pendingTakeOutWh) };
}
