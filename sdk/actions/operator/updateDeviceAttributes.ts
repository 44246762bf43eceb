import type { Address } from "viem";
import { DeviceRegistryAbi } from "../../abi/DeviceRegistry.ts";
import { simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

export type UpdateDeviceAttributesParameters = {
  deviceRegistry: Address;
  deviceId: bigint;
  /** Replaces the pool data; give the current value to keep it. */
  poolData: string;
  /** Replaces the hardware status; give the current value to keep it. */
  hardwareStatus: string;
};

export type UpdateDeviceAttributesReturnType = WriteResult;

/** The device's operator updates its pool data and hardware status; each update stays in its history (MX1). */
export async function updateDeviceAttributes(
  client: DrexWalletClient,
  params: UpdateDeviceAttributesParameters,
): Promise<UpdateDeviceAttributesReturnType> {
  return simulateAndWrite(client, {
    address: params.deviceRegistry,
    abi: DeviceRegistryAbi,
    functionName: "updateAttributes",
    args: [params.deviceId, params.poolData, params.hardwareStatus],
  });
}
