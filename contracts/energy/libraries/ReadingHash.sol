// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice One signed meter reading of one device over one interval (MX2, MX8). The EIP-712 type is
/// `Reading(address device,uint64 sequence,uint64 periodStart,uint64 periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)`.
struct Reading {
    address device; // the device key that signs the reading (not the device id)
    uint64 sequence; // the device's reading counter: consecutive readings differ by one, so a gap shows
    uint64 periodStart; // Unix seconds, inclusive
    uint64 periodEnd; // Unix seconds, exclusive
    uint64 producedWh; // energy produced over the interval, watt-hours
    uint64 sentWh; // energy sent out (to the grid or a storage node), watt-hours
    uint64 receivedWh; // energy received (from a storage node, on take-out), watt-hours
    uint32 heartbeats; // signed heartbeats the device emitted over the interval: its proof of operation (MX8)
}

/// @title How a reading is hashed: its EIP-712 struct hash and its Merkle leaf (MX2)
/// @notice The leaf is OpenZeppelin's StandardMerkleTree leaf of the eight values in order with the types
/// `["address","uint64","uint64","uint64","uint64","uint64","uint64","uint32"]`:
/// `keccak256(bytes.concat(keccak256(abi.encode(device, sequence, periodStart, periodEnd, producedWh, sentWh,
/// receivedWh, heartbeats))))`. The hash is doubled so no leaf can be read as an inner node. Inner nodes hash their
/// two children sorted (`MerkleProof`'s commutative keccak256).
library ReadingHash {
    /// @notice `keccak256("Reading(address device,uint64 sequence,uint64 periodStart,uint64 periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)")`.
    bytes32 internal constant READING_TYPEHASH = keccak256(
        "Reading(address device,uint64 sequence,uint64 periodStart,uint64 periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)"
    );

    /// @notice The reading's EIP-712 struct hash (`hashStruct`), to be wrapped in the domain's typed-data digest.
    function structHash(Reading calldata r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                READING_TYPEHASH,
                r.device,
                r.sequence,
                r.periodStart,
                r.periodEnd,
                r.producedWh,
                r.sentWh,
                r.receivedWh,
                r.heartbeats
            )
        );
    }

    /// @notice The reading's Merkle leaf, as OpenZeppelin's StandardMerkleTree computes it.
    function leaf(Reading calldata r) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                keccak256(
                    abi.encode(
                        r.device,
                        r.sequence,
                        r.periodStart,
                        r.periodEnd,
                        r.producedWh,
                        r.sentWh,
                        r.receivedWh,
                        r.heartbeats
                    )
                )
            )
        );
    }
}
