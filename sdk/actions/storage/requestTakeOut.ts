import type { Address } from "viem";
import { StorageNodeAbi } from "../../abi/StorageNode.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type RequestTakeOutParameters = {
  storageNode: Address;
  nodeId: bigint;
  /** The device whose stored energy comes back; the sender is its key or operator. */
  depositorId: bigint;
  /** At most what the depositor has stored at the node; reserved at once. */
  wh: bigint;
};

export type RequestTakeOutReturnType = WriteResult & {
  takeOutId: bigint;
  /** What the depositor has left stored at the node, the reserved amount taken off. */
  storedWh: bigint;
};

/** A device asks a storage node to send stored energy back (MX7). */
export async function requestTakeOut(
  client: DrexWalletClient,
  params: RequestTakeOutParameters,
): Promise<RequestTakeOutReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.storageNode,
    abi: StorageNodeAbi,
    functionName: "requestTakeOut",
    args: [params.nodeId, params.depositorId, params.wh],
  });
  const event = eventFrom(result.receipt.logs, params.storageNode, StorageNodeAbi, "TakeOutRequested");
  return { ...result, takeOutId: event.args.takeOutId, storedWh: event.args.storedWh };
}
