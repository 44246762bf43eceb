import type { Address } from "viem";
import { StorageNodeAbi } from "../../abi/StorageNode.ts";
import { eventFrom, eventsFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type ConfirmStoreParameters = {
  storageNode: Address;
  storeId: bigint;
  /** What the node received; at most what the depositor said it sent. */
  receivedWh: bigint;
};

export type ConfirmStoreReturnType = WriteResult & {
  /** Sent minus received: the transmission loss (MX3). */
  lossWh: bigint;
  /** The depositor's energy stored at the node now. */
  storedWh: bigint;
  /** Whether the loss is above the depositor's declared maximum (an ExcessiveLoss event). */
  flagged: boolean;
};

/** The storage node (its device key) confirms what it received; the loss is computed and checked (MX3, MX7). */
export async function confirmStore(
  client: DrexWalletClient,
  params: ConfirmStoreParameters,
): Promise<ConfirmStoreReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.storageNode,
    abi: StorageNodeAbi,
    functionName: "confirmStore",
    args: [params.storeId, params.receivedWh],
  });
  const event = eventFrom(result.receipt.logs, params.storageNode, StorageNodeAbi, "StoreConfirmed");
  const flagged = eventsFrom(result.receipt.logs, params.storageNode, StorageNodeAbi, "ExcessiveLoss").length > 0;
  return { ...result, lossWh: event.args.lossWh, storedWh: event.args.storedWh, flagged };
}
