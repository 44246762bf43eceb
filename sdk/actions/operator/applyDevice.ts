import type { Address } from "viem";
import { DeviceRegistryAbi } from "../../abi/DeviceRegistry.ts";
import { eventFrom, simulateAndWrite } from "../../internal/writeContract.ts";
import type { DrexWalletClient, WriteResult } from "../../types.ts";

/** IDeviceRegistry.DeviceKind, in the enum's order: a kind's index is its on-chain value. */
export const DEVICE_KINDS = ["generator", "storageNode", "meter"] as const;
export type DeviceKindName = (typeof DEVICE_KINDS)[number];

export type ApplyDeviceParameters = {
  deviceRegistry: Address;
  /** The address the device signs its readings with; one device's for ever. */
  key: Address;
  kind: DeviceKindName;
  ratedPowerW: bigint;
  /** The most transmission loss the operator declares, basis points of the energy sent (at most 10,000). */
  maxLossBps: number;
  /** Required, at most 512 bytes, as are the other texts. */
  location: string;
  poolData?: string;
  hardwareStatus?: string;
};

export type ApplyDeviceReturnType = WriteResult & { deviceId: bigint };

/** An operator (the sender) applies for a clean-energy device; the Technical DAO then decides (MX1). */
export async function applyDevice(
  client: DrexWalletClient,
  params: ApplyDeviceParameters,
): Promise<ApplyDeviceReturnType> {
  const result = await simulateAndWrite(client, {
    address: params.deviceRegistry,
    abi: DeviceRegistryAbi,
    functionName: "applyForDevice",
    args: [
      {
        key: params.key,
        kind: DEVICE_KINDS.indexOf(params.kind),
        ratedPowerW: params.ratedPowerW,
        maxLossBps: params.maxLossBps,
        location: params.location,
        poolData: params.poolData ?? "",
        hardwareStatus: params.hardwareStatus ?? "",
      },
    ],
  });
  const event = eventFrom(result.receipt.logs, params.deviceRegistry, DeviceRegistryAbi, "DeviceApplied");
  return { ...result, deviceId: event.args.deviceId };
}
