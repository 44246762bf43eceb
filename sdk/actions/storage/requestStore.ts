import type { Address } from "viem";
import { StorageNodeAbi } from "../../abi/StorageNode.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type RequestStoreParameters = {
  storageNode: Address;
  /** The storage node's device id. */
  nodeId: bigint;
  /** The sending device's id; the sender is its key or operator. */
  depositorId: bigint;
  sentWh: bigint;
};

export type RequestStoreReturnType = WriteResult & { storeId: bigint };

/** A device (its key or operator) asks a storage node to store energy it sent (MX7). */
export async function requestStore(
  client: DrexWalletClient,
  params: RequestStoreParameters,
): Promise<RequestStoreReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.storageNode,
    abi: StorageNodeAbi,
    functionName: "requestStore",
    args: [params.nodeId, params.depositorId, params.sentWh],
  });
  const event = eventFrom(result.receipt.logs, params.storageNode, StorageNodeAbi, "StoreRequested");
  return { ...result, storeId: event.args.storeId };
}
