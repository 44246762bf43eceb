import type { Address } from "viem";
import { StorageNodeAbi } from "../../abi/StorageNode.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type CompleteTakeOutParameters = {
  storageNode: Address;
  takeOutId: bigint;
  /** What the node actually sent back; at most what was asked for. */
  deliveredWh: bigint;
};

export type CompleteTakeOutReturnType = WriteResult & {
  /** Asked for but not delivered: back in the depositor's stored energy. */
  returnedWh: bigint;
  storedWh: bigint;
};

/** The storage node (its device key) reports the energy it sent back on a take-out (MX7). */
export async function completeTakeOut(
  client: DrexWalletClient,
  params: CompleteTakeOutParameters,
): Promise<CompleteTakeOutReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.storageNode,
    abi: StorageNodeAbi,
    functionName: "completeTakeOut",
    args: [params.takeOutId, params.deliveredWh],
  });
  const event = eventFrom(result.receipt.logs, params.storageNode, StorageNodeAbi, "TakeOutCompleted");
  return { ...result, returnedWh: event.args.returnedWh, storedWh: event.args.storedWh };
}
