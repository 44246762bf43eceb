// Meter readings as devices sign them (MX2, MX8): the EIP-712 typed data of ReadingCommitments' domain, the Merkle
// leaf the contract verifies, and the batch format the node accepts.
//
// Batch format: a device may sign many of its readings at once with one EIP-712 signature of
// `ReadingBatch(address device,bytes32 readingsRoot,uint32 count)` in the same domain, where `readingsRoot` is the
// keccak256 of the readings' Merkle leaves (`readingLeaf`) concatenated in the order the batch lists them, and
// `count` is their number. Only the node checks batch signatures; the contract sees the readings' leaves alone.
import {
  type Address,
  concat,
  encodeAbiParameters,
  type Hex,
  hashTypedData,
  keccak256,
  type LocalAccount,
  type TypedDataDomain,
} from "viem";

/** One meter reading of one device over one interval, as the contract's `Reading` struct. */
export type Reading = {
  /** The device key that signs the reading (not the device id). */
  device: Address;
  /** The device's reading counter: each reading's is above the previous one's. */
  sequence: bigint;
  /** Unix seconds, inclusive. */
  periodStart: bigint;
  /** Unix seconds, exclusive. */
  periodEnd: bigint;
  producedWh: bigint;
  sentWh: bigint;
  receivedWh: bigint;
  /** Signed heartbeats over the interval (uint32). */
  heartbeats: number;
};

export const READINGS_DOMAIN_NAME = "D-REX Readings";
export const READINGS_DOMAIN_VERSION = "1";

export const READING_TYPES = {
  Reading: [
    { name: "device", type: "address" },
    { name: "sequence", type: "uint64" },
    { name: "periodStart", type: "uint64" },
    { name: "periodEnd", type: "uint64" },
    { name: "producedWh", type: "uint64" },
    { name: "sentWh", type: "uint64" },
    { name: "receivedWh", type: "uint64" },
    { name: "heartbeats", type: "uint32" },
  ],
} as const;

export const READING_BATCH_TYPES = {
  ReadingBatch: [
    { name: "device", type: "address" },
    { name: "readingsRoot", type: "bytes32" },
    { name: "count", type: "uint32" },
  ],
} as const;

/** The EIP-712 domain of a ReadingCommitments contract. */
export function readingsDomain(chainId: number, verifyingContract: Address): TypedDataDomain {
  return { name: READINGS_DOMAIN_NAME, version: READINGS_DOMAIN_VERSION, chainId, verifyingContract };
}

/** The typed data a device signs for one reading. */
export function readingTypedData(chainId: number, verifyingContract: Address, reading: Reading) {
  return {
    domain: readingsDomain(chainId, verifyingContract),
    types: READING_TYPES,
    primaryType: "Reading" as const,
    message: reading,
  };
}

/** The EIP-712 digest of a reading: what ReadingCommitments.readingDigest returns. */
export function readingDigest(chainId: number, verifyingContract: Address, reading: Reading): Hex {
  return hashTypedData(readingTypedData(chainId, verifyingContract, reading));
}

export type SignReadingParameters = { chainId: number; verifyingContract: Address; reading: Reading };

/** A device's 65-byte signature (r, s, v) of one reading. */
export async function signReading(
  account: Pick<LocalAccount, "signTypedData">,
  params: SignReadingParameters,
): Promise<Hex> {
  return account.signTypedData(readingTypedData(params.chainId, params.verifyingContract, params.reading));
}

const READING_LEAF_TYPES = [
  { type: "address" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "uint64" },
  { type: "uint32" },
] as const;

/** A reading's Merkle leaf, as ReadingCommitments.readingLeaf and OpenZeppelin's StandardMerkleTree compute it. */
export function readingLeaf(r: Reading): Hex {
  const encoded = encodeAbiParameters(READING_LEAF_TYPES, [
    r.device,
    r.sequence,
    r.periodStart,
    r.periodEnd,
    r.producedWh,
    r.sentWh,
    r.receivedWh,
    r.heartbeats,
  ]);
  return keccak256(keccak256(encoded));
}

/** What a batch signature covers: the keccak256 of the readings' leaves concatenated in the batch's order. */
export function readingsRoot(readings: readonly Reading[]): Hex {
  return keccak256(concat(readings.map(readingLeaf)));
}

export type ReadingBatch = { device: Address; readingsRoot: Hex; count: number };

/** The typed data a device signs for a batch of its readings. */
export function readingBatchTypedData(chainId: number, verifyingContract: Address, batch: ReadingBatch) {
  return {
    domain: readingsDomain(chainId, verifyingContract),
    types: READING_BATCH_TYPES,
    primaryType: "ReadingBatch" as const,
    message: batch,
  };
}

/** The EIP-712 digest of a batch of one device's readings. */
export function readingBatchDigest(chainId: number, verifyingContract: Address, readings: readonly Reading[]): Hex {
  const first = readings[0];
  if (!first) throw new Error("a batch needs at least one reading");
  return hashTypedData(
    readingBatchTypedData(chainId, verifyingContract, {
      device: first.device,
      readingsRoot: readingsRoot(readings),
      count: readings.length,
    }),
  );
}

export type SignReadingBatchParameters = { chainId: number; verifyingContract: Address; readings: readonly Reading[] };

/** A device's one signature over a batch of its readings (all with `device` equal to the signer's key). */
export async function signReadingBatch(
  account: Pick<LocalAccount, "signTypedData" | "address">,
  params: SignReadingBatchParameters,
): Promise<Hex> {
  if (params.readings.length === 0) throw new Error("a batch needs at least one reading");
  for (const r of params.readings) {
    if (r.device.toLowerCase() !== account.address.toLowerCase()) {
      throw new Error(`reading ${r.sequence} names device ${r.device}, not the signer ${account.address}`);
    }
  }
  return account.signTypedData(
    readingBatchTypedData(params.chainId, params.verifyingContract, {
      device: account.address,
      readingsRoot: readingsRoot(params.readings),
      count: params.readings.length,
    }),
  );
}
