// DX8: a generator's device as people read it: its entry in the device registry (linked, when the node says which
// one it is) and the key its usage readings are signed with.
import type { Address } from "../api/types.ts";
import { deviceHref } from "../routing/useHashRoute.ts";
import { AddressText } from "./AddressText.tsx";

export function GeneratorDevice({ deviceId, deviceKey }: { deviceId: bigint | null; deviceKey: Address }) {
  if (deviceId === null) {
    return (
      <span data-testid="generator-device">
        the device with key <AddressText address={deviceKey} />
      </span>
    );
  }
  return (
    <span data-testid="generator-device">
      <a href={deviceHref(deviceId)}>device #{deviceId.toString()}</a>, key <AddressText address={deviceKey} />
    </span>
  );
}
