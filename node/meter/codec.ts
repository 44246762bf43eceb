// The hashing the meter does for every reading, on bytes rather than through viem's typed-data encoder: each reading
// is laid out once as its EIP-712 struct encoding (type hash, then the eight values as 32-byte words), from which come
// both its Merkle leaf (keccak256 of keccak256 of the eight words) and its digest. test/meter.test.ts checks the
// results against viem's hashTypedData and the contract's readingLeaf.
import secp256k1 from "secp256k1";
import { type Address, encodeAbiParameters, type Hex, keccak256, stringToBytes, toHex } from "viem";
import type { Reading } from "../../sdk/energy/readings.ts";
import { READINGS_DOMAIN_NAME, READINGS_DOMAIN_VERSION } from "../../sdk/energy/readings.ts";
import { keccak256Bytes } from "./keccak.ts";

/** Bytes per encoded reading: the type hash and eight words. */
export const ENCODED_READING_BYTES = 288;
export const SIGNATURE_BYTES = 65;

const keccak = keccak256Bytes;

export const READING_TYPEHASH = keccak(
  stringToBytes(
    "Reading(address device,uint64 sequence,uint64 periodStart,uint64 periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)",
  ),
);
export const READING_BATCH_TYPEHASH = keccak(
  stringToBytes("ReadingBatch(address device,bytes32 readingsRoot,uint32 count)"),
);
const DOMAIN_TYPEHASH = keccak(
  stringToBytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
);

/** The EIP-712 domain separator of a ReadingCommitments contract. */
export function readingsDomainSeparator(chainId: number, verifyingContract: Address): Uint8Array {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
      [
        toHex(DOMAIN_TYPEHASH),
        keccak256(stringToBytes(READINGS_DOMAIN_NAME)),
        keccak256(stringToBytes(READINGS_DOMAIN_VERSION)),
        BigInt(chainId),
        verifyingContract,
      ],
    ),
    "bytes",
  );
}

const UINT64_MAX = (1n << 64n) - 1n;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Why a reading cannot be encoded at all (a value out of its type's range), or null when it can. */
export function malformation(r: Reading): string | null {
  if (typeof r.device !== "string" || !ADDRESS.test(r.device)) return "device is not an address";
  for (const field of ["sequence", "periodStart", "periodEnd", "producedWh", "sentWh", "receivedWh"] as const) {
    const v = r[field];
    if (typeof v !== "bigint" || v < 0n || v > UINT64_MAX) return `${field} is not a uint64`;
  }
  if (!Number.isInteger(r.heartbeats) || r.heartbeats < 0 || r.heartbeats > 0xffff_ffff) {
    return "heartbeats is not a uint32";
  }
  return null;
}

/** Writes the reading's struct encoding (288 bytes) at `offset`; `out` must be zeroed there. */
export function encodeReading(r: Reading, out: Uint8Array, offset: number): void {
  out.set(READING_TYPEHASH, offset);
  out.set(Buffer.from(r.device.slice(2), "hex"), offset + 44);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setBigUint64(offset + 88, r.sequence);
  view.setBigUint64(offset + 120, r.periodStart);
  view.setBigUint64(offset + 152, r.periodEnd);
  view.setBigUint64(offset + 184, r.producedWh);
  view.setBigUint64(offset + 216, r.sentWh);
  view.setBigUint64(offset + 248, r.receivedWh);
  view.setUint32(offset + 284, r.heartbeats);
}

/** The Merkle leaf of an encoded reading. */
export function leafOf(encoded: Uint8Array, offset: number): Uint8Array {
  return keccak(keccak(encoded.subarray(offset + 32, offset + ENCODED_READING_BYTES)));
}

/** The EIP-712 digest of a struct hash in a domain. */
export function typedDigest(domainSeparator: Uint8Array, structHash: Uint8Array): Uint8Array {
  const data = new Uint8Array(66);
  data[0] = 0x19;
  data[1] = 0x01;
  data.set(domainSeparator, 2);
  data.set(structHash, 34);
  return keccak(data);
}

/** The EIP-712 digest of an encoded reading. */
export function readingDigestOf(domainSeparator: Uint8Array, encoded: Uint8Array, offset: number): Uint8Array {
  return typedDigest(domainSeparator, keccak(encoded.subarray(offset, offset + ENCODED_READING_BYTES)));
}

/** The EIP-712 digest of a batch of `count` readings of `device` whose concatenated leaves are `leaves`. */
export function batchDigestOf(
  domainSeparator: Uint8Array,
  device: Address,
  leaves: Uint8Array,
  count: number,
): Uint8Array {
  const struct = new Uint8Array(128);
  struct.set(READING_BATCH_TYPEHASH, 0);
  struct.set(Buffer.from(device.slice(2), "hex"), 44);
  struct.set(keccak(leaves), 64);
  new DataView(struct.buffer).setUint32(124, count);
  return typedDigest(domainSeparator, keccak(struct));
}

/** Half the curve order, big-endian: OpenZeppelin's ECDSA refuses an s above it. */
const HALF_ORDER = Buffer.from("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", "hex");

/** Whether the 32-byte s at `offset` is neither zero nor above half the order. */
function lowS(bytes: Uint8Array, offset: number): boolean {
  if (bytes.subarray(offset, offset + 32).every((v) => v === 0)) return false;
  for (let i = 0; i < 32; i++) {
    const b = bytes[offset + i] as number;
    const h = HALF_ORDER[i] as number;
    if (b !== h) return b < h;
  }
  return true;
}

/**
 * The address that signed `digest` with the 65-byte signature (r, s, v) at `sigOffset`, written as 20 bytes at
 * `outOffset`; false (nothing written) when the signature is malformed. As OpenZeppelin's ECDSA: v is 27 or 28 and s
 * is in the lower half of the order, so a signature has one form only.
 */
export function recoverSignerInto(
  digest: Uint8Array,
  sigs: Uint8Array,
  sigOffset: number,
  out: Uint8Array,
  outOffset: number,
): boolean {
  const v = sigs[sigOffset + 64] ?? 0;
  if (v !== 27 && v !== 28) return false;
  if (!lowS(sigs, sigOffset + 32)) return false;
  let pub: Uint8Array;
  try {
    pub = secp256k1.ecdsaRecover(sigs.subarray(sigOffset, sigOffset + 64), v - 27, digest, false);
  } catch {
    return false;
  }
  out.set(keccak(pub.subarray(1)).subarray(12), outOffset);
  return true;
}

/** A signature as 65 bytes, or null when it is not 65 bytes of hex. */
export function signatureBytes(signature: Hex): Uint8Array | null {
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) return null;
  return Buffer.from(signature.slice(2), "hex");
}
