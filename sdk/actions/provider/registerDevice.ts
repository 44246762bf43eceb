import type { Address } from "viem";
import { GeneratorAbi } from "../../abi/Generator.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type RegisterDeviceParameters = {
  generator: Address;
  /**
   * The installed device's key: the current key of an active Generator device the provider operates in the device
   * registry (MX1). The device signs its usage readings with it.
   */
  deviceKey: Address;
};

export type RegisterDeviceReturnType = WriteResult;

/** The winning provider registers (or, before activation, replaces) the installed device by its key (DX7, DX8). */
export async function registerDevice(
  client: DrexWalletClient,
  params: RegisterDeviceParameters,
): Promise<RegisterDeviceReturnType> {
  return simulateAndWrite(client, {
    address: params.generator,
    abi: GeneratorAbi,
    functionName: "registerDevice",
    args: [params.deviceKey],
  });
}
