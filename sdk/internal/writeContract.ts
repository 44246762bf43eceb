// The one path every SDK write takes: simulate (so a revert surfaces as ContractRevertError before anything is
// sent or paid for), send, wait for the receipt, check it. Not part of the public API.
import {
  type Abi,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  isAddressEqual,
  type Log,
  type ParseEventLogsReturnType,
  parseEventLogs,
} from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { type RevertContext, TransactionRevertedError, throwAsContractRevert } from "../errors.ts";
import type { DrexWalletClient, WriteResult } from "../types.ts";

export type WriteParameters<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
> = {
  address: Address;
  abi: abi;
  functionName: functionName;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  value?: bigint;
  revertContext?: RevertContext;
};

export async function simulateAndWrite<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(client: DrexWalletClient, parameters: WriteParameters<abi, functionName>): Promise<WriteResult> {
  const { address, abi, functionName, args, value, revertContext } = parameters;
  let request: unknown;
  try {
    ({ request } = await simulateContract(client, {
      account: client.account,
      address,
      abi: abi as Abi,
      functionName: functionName as string,
      args: args as readonly unknown[],
      ...(value === undefined ? {} : { value }),
    } as never));
  } catch (error) {
    throwAsContractRevert(error, revertContext);
  }
  let hash: `0x${string}`;
  try {
    hash = await writeContract(client, request as never);
  } catch (error) {
    throwAsContractRevert(error, revertContext);
  }
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== "success") {
    throw new TransactionRevertedError({ hash, gasUsed: receipt.gasUsed, functionName: String(functionName) });
  }
  return { hash, gasUsed: receipt.gasUsed, blockNumber: receipt.blockNumber, receipt };
}

/** The decoded events named `eventName` that `address` emitted in a receipt's logs. */
export function eventsFrom<const abi extends Abi, eventName extends ContractEventName<abi>>(
  logs: Log[],
  address: Address,
  abi: abi,
  eventName: eventName,
): ParseEventLogsReturnType<abi, eventName, true, eventName> {
  const events = parseEventLogs({ abi, logs, eventName, strict: true }) as unknown as ParseEventLogsReturnType<
    abi,
    eventName,
    true,
    eventName
  >;
  return events.filter((event) => isAddressEqual(event.address, address)) as typeof events;
}

/** The one event named `eventName` that `address` emitted; throws when there is none. */
export function eventFrom<const abi extends Abi, eventName extends ContractEventName<abi>>(
  logs: Log[],
  address: Address,
  abi: abi,
  eventName: eventName,
): ParseEventLogsReturnType<abi, eventName, true, eventName>[number] {
  const [event] = eventsFrom(logs, address, abi, eventName);
  if (event === undefined) throw new Error(`expected a ${String(eventName)} event from ${address}`);
  return event;
}
