import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DeviceRegistryAbi } from "../../abi/DeviceRegistry.ts";
import { InvalidParameterError } from "../../errors.ts";
import type { DrexReadClient } from "../../types.ts";
import { DEVICE_KINDS, type DeviceKindName } from "./applyDevice.ts";

/** IDeviceRegistry.DeviceStatus after None, in the enum's order (status 1 is "applied"). */
export const DEVICE_STATUSES = ["applied", "active", "suspended", "revoked", "rejected"] as const;
export type DeviceStatusName = (typeof DEVICE_STATUSES)[number];

export type GetDeviceParameters = { deviceRegistry: Address; deviceId: bigint };

export type DeviceView = {
  deviceId: bigint;
  operator: Address;
  key: Address;
  kind: DeviceKindName;
  status: DeviceStatusName;
  ratedPowerW: bigint;
  maxLossBps: number;
  /** Unix seconds. */
  appliedAt: bigint;
  location: string;
  poolData: string;
  hardwareStatus: string;
};

export type GetDeviceReturnType = DeviceView;

/** A device and its attributes as the registry holds them now (MX1). */
export async function getDevice(client: DrexReadClient, params: GetDeviceParameters): Promise<GetDeviceReturnType> {
  const device = await readContract(client, {
    address: params.deviceRegistry,
    abi: DeviceRegistryAbi,
    functionName: "getDevice",
    args: [params.deviceId],
  }).catch(() => null);
  if (device === null || device.status === 0) {
    throw new InvalidParameterError("deviceId", `There is no device ${params.deviceId}.`);
  }
  return {
    deviceId: params.deviceId,
    operator: device.operator,
    key: device.key,
    kind: DEVICE_KINDS[device.kind] ?? "generator",
    status: DEVICE_STATUSES[device.status - 1] ?? "applied",
    ratedPowerW: BigInt(device.ratedPowerW),
    maxLossBps: device.maxLossBps,
    appliedAt: BigInt(device.appliedAt),
    location: device.location,
    poolData: device.poolData,
    hardwareStatus: device.hardwareStatus,
  };
}
