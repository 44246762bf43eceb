// Usage readings as a generator's device signs them (DX8): the EIP-712 typed data of the generator's own domain.
// A reading says how much energy the device has delivered to one consumer since activation, cumulatively; the
// generator draws the consumer's credit down by the rise since their last accepted reading.
import { type Address, type Hex, hashTypedData, type LocalAccount, type TypedDataDomain } from "viem";

/** One usage reading, as the contract's `Usage` struct. */
export type Usage = {
  consumer: Address;
  /** Energy delivered to the consumer since activation, milli-units (Wh for kWh); never decreases. */
  deliveredMilliUnits: bigint;
  /** Unix seconds when the device read its meter; not after the block that accepts it. */
  readAt: bigint;
};

export const USAGE_DOMAIN_NAME = "D-REX Generator";
export const USAGE_DOMAIN_VERSION = "1";

export const USAGE_TYPES = {
  Usage: [
    { name: "consumer", type: "address" },
    { name: "deliveredMilliUnits", type: "uint256" },
    { name: "readAt", type: "uint64" },
  ],
} as const;

/** The EIP-712 domain of one generator: readings signed for it mean nothing to another. */
export function usageDomain(chainId: number, generator: Address): TypedDataDomain {
  return { name: USAGE_DOMAIN_NAME, version: USAGE_DOMAIN_VERSION, chainId, verifyingContract: generator };
}

/** The typed data a device signs for one usage reading. */
export function usageTypedData(chainId: number, generator: Address, usage: Usage) {
  return { domain: usageDomain(chainId, generator), types: USAGE_TYPES, primaryType: "Usage" as const, message: usage };
}

/** The EIP-712 digest of a usage reading: what `Generator.usageDigest` returns. */
export function usageDigest(chainId: number, generator: Address, usage: Usage): Hex {
  return hashTypedData(usageTypedData(chainId, generator, usage));
}

export type SignUsageParameters = { chainId: number; generator: Address; usage: Usage };

/** The device signs a usage reading with its own key. */
export function signUsage(device: LocalAccount, params: SignUsageParameters): Promise<Hex> {
  return device.signTypedData(usageTypedData(params.chainId, params.generator, params.usage));
}
