// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IEnergyModule} from "./IEnergyModule.sol";
import {Reading} from "./libraries/ReadingHash.sol";

/// @title Readings commitments: one Merkle root per commit period over every device's readings (MX2, MX8)
/// @notice Devices sign their readings with EIP-712 (domain `name` "D-REX Readings", `version` "1", this chain's id,
/// `verifyingContract` this contract; primary type `Reading(address device,uint64 sequence,uint64 periodStart,uint64
/// periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)`). The node checks each signature,
/// keeps the readings, and the committer (the node's key, set by the DAO) commits one Merkle root per commit period
/// covering every reading of that period, whatever their number. Anyone holding a reading and its proof can then
/// show on-chain that it was committed (`verifyReading`) and that the device signed it (`isSignedByDevice`).
///
/// A commit period is an id the committer chooses, each committed once and never changed; the node numbers its
/// periods by the hour, `floor(start / 3600)` in Unix seconds, so ids increase with time. Only the root is stored;
/// the reading count and the committer are in the `RootCommitted` event.
interface IReadingCommitments is IEnergyModule {
    /// @notice Thrown when someone other than the committer commits a root.
    error NotCommitter(address caller, address committer);
    /// @notice Thrown when the committer is set to the zero address.
    error ZeroCommitter();
    /// @notice Thrown when a commit period already has its root.
    error RootAlreadyCommitted(uint64 periodId, bytes32 root);
    /// @notice Thrown when a root is zero.
    error ZeroRoot(uint64 periodId);
    /// @notice Thrown when a root is committed over no readings.
    error NoReadings(uint64 periodId);
    /// @notice Thrown when a commit period has no root.
    error RootNotCommitted(uint64 periodId);

    /// @notice Emitted when the DAO sets the committer.
    event CommitterSet(address indexed previous, address indexed committer);
    /// @notice Emitted for each committed root.
    event RootCommitted(uint64 indexed periodId, bytes32 root, uint32 readingCount, address indexed committer);

    /// @notice Commits the Merkle root of a commit period's readings; only the committer, once per period (MX2).
    /// Costs the same whatever `readingCount` is: one storage slot and one event.
    function commitRoot(uint64 periodId, bytes32 root, uint32 readingCount) external;

    /// @notice Sets the account allowed to commit roots (the node's key); only the DAO.
    function setCommitter(address committer) external;

    /// @notice The account allowed to commit roots.
    function committer() external view returns (address);

    /// @notice The root of a commit period; zero when none is committed.
    function rootOf(uint64 periodId) external view returns (bytes32);

    /// @notice Whether a commit period has its root.
    function isCommitted(uint64 periodId) external view returns (bool);

    /// @notice Whether `reading` is one of the readings committed for `periodId`, given its Merkle proof (MX2).
    /// Reverts with `RootNotCommitted` when the period has no root.
    function verifyReading(uint64 periodId, Reading calldata reading, bytes32[] calldata proof)
        external
        view
        returns (bool);

    /// @notice The reading's Merkle leaf: `keccak256(bytes.concat(keccak256(abi.encode(device, sequence,
    /// periodStart, periodEnd, producedWh, sentWh, receivedWh, heartbeats))))`.
    function readingLeaf(Reading calldata reading) external pure returns (bytes32);

    /// @notice The EIP-712 digest a device signs for `reading` in this contract's domain.
    function readingDigest(Reading calldata reading) external view returns (bytes32);

    /// @notice The EIP-712 type hash of `Reading`.
    function READING_TYPEHASH() external view returns (bytes32);

    /// @notice The address that signed `reading`: a 65-byte ECDSA signature (r, s, v) of `readingDigest`, with s in
    /// the lower half order as OpenZeppelin's ECDSA requires; zero when the signature is malformed.
    function recoverReadingSigner(Reading calldata reading, bytes calldata signature)
        external
        view
        returns (address);

    /// @notice Whether `signature` is `reading.device`'s signature of the reading (MX2). A reading signed with
    /// another device's key, or altered after signing, is not.
    function isSignedByDevice(Reading calldata reading, bytes calldata signature) external view returns (bool);
}
