// The meter's view of the device registry: which device a key signs for, its status and its rated power. Loaded from
// the DeviceRegistry contract and refreshed when asked, so that checking a reading never waits for the chain.
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { DeviceRegistryAbi } from "../../sdk/abi/DeviceRegistry.ts";
import type { DrexReadClient } from "../../sdk/types.ts";

/** IDeviceRegistry.DeviceStatus. */
export const DeviceStatus = { None: 0, Applied: 1, Active: 2, Suspended: 3, Revoked: 4, Rejected: 5 } as const;
const STATUS_NAMES = ["none", "applied", "active", "suspended", "revoked", "rejected"] as const;

export const deviceStatusName = (status: number): string => STATUS_NAMES[status] ?? `status ${status}`;

export type DeviceInfo = { deviceId: bigint; status: number; ratedPowerW: bigint };

export interface DeviceView {
  /** The device whose current key is `key` (any case); undefined when none. */
  get(key: string): DeviceInfo | undefined;
  /** Reloads the view from its source. */
  refresh(): Promise<void>;
}

/** A fixed set of devices, keyed by their keys. */
export function staticDeviceView(devices: Iterable<readonly [Address, DeviceInfo]>): DeviceView {
  const map = new Map<string, DeviceInfo>();
  for (const [key, info] of devices) map.set(key.toLowerCase(), info);
  return { get: (key) => map.get(key.toLowerCase()), refresh: async () => {} };
}

/** How many devices are read from the chain at once on a refresh. */
const READ_CONCURRENCY = 32;

/** The devices of a DeviceRegistry, by their current keys. */
export class RegistryDeviceView implements DeviceView {
  readonly #client: DrexReadClient;
  readonly #registry: Address;
  #byKey = new Map<string, DeviceInfo>();

  constructor(client: DrexReadClient, registry: Address) {
    this.#client = client;
    this.#registry = registry;
  }

  static async load(client: DrexReadClient, registry: Address): Promise<RegistryDeviceView> {
    const view = new RegistryDeviceView(client, registry);
    await view.refresh();
    return view;
  }

  get(key: string): DeviceInfo | undefined {
    return this.#byKey.get(key.toLowerCase());
  }

  async refresh(): Promise<void> {
    const count = await readContract(this.#client, {
      address: this.#registry,
      abi: DeviceRegistryAbi,
      functionName: "deviceCount",
    });
    const byKey = new Map<string, DeviceInfo>();
    for (let first = 1n; first <= count; first += BigInt(READ_CONCURRENCY)) {
      const ids: bigint[] = [];
      for (let id = first; id <= count && id < first + BigInt(READ_CONCURRENCY); id++) ids.push(id);
      const summaries = await Promise.all(
        ids.map((id) =>
          readContract(this.#client, {
            address: this.#registry,
            abi: DeviceRegistryAbi,
            functionName: "deviceSummary",
            args: [id],
          }),
        ),
      );
      for (const [i, s] of summaries.entries()) {
        byKey.set(s.key.toLowerCase(), { deviceId: ids[i] as bigint, status: s.status, ratedPowerW: s.ratedPowerW });
      }
    }
    this.#byKey = byKey;
  }
}
