// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IReadingCommitments} from "./IReadingCommitments.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";
import {EnergyModule} from "./EnergyModule.sol";
import {Reading, ReadingHash} from "./libraries/ReadingHash.sol";

/// @title Readings commitments (MX2, MX8)
/// @notice See `IReadingCommitments`. The EIP-712 domain is readable through ERC-5267 `eip712Domain()`.
contract ReadingCommitments is EIP712, EnergyModule, IReadingCommitments {
    /// @notice The EIP-712 type hash of `Reading`: `keccak256("Reading(address device,uint64 sequence,uint64
    /// periodStart,uint64 periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)")`.
    bytes32 public constant READING_TYPEHASH = ReadingHash.READING_TYPEHASH;

    /// @notice The account allowed to commit roots.
    address public committer;
    mapping(uint64 periodId => bytes32 root) private _roots;

    /// @param initialCommitter The node's key, allowed to commit roots until the DAO sets another.
    constructor(IModuleRegistry registry, address initialCommitter)
        EIP712("D-REX Readings", "1")
        EnergyModule(registry)
    {
        _setCommitter(initialCommitter);
    }

    /// @inheritdoc IReadingCommitments
    function commitRoot(uint64 periodId, bytes32 root, uint32 readingCount) external {
        if (msg.sender != committer) revert NotCommitter(msg.sender, committer);
        if (root == bytes32(0)) revert ZeroRoot(periodId);
        if (readingCount == 0) revert NoReadings(periodId);
        bytes32 existing = _roots[periodId];
        if (existing != bytes32(0)) revert RootAlreadyCommitted(periodId, existing);
        _roots[periodId] = root;
        emit RootCommitted(periodId, root, readingCount, msg.sender);
    }

    /// @inheritdoc IReadingCommitments
    function setCommitter(address newCommitter) external onlyDao {
        _setCommitter(newCommitter);
    }

    /// @inheritdoc IReadingCommitments
    function rootOf(uint64 periodId) external view returns (bytes32) {
        return _roots[periodId];
    }

    /// @inheritdoc IReadingCommitments
    function isCommitted(uint64 periodId) external view returns (bool) {
        return _roots[periodId] != bytes32(0);
    }

    /// @inheritdoc IReadingCommitments
    function verifyReading(uint64 periodId, Reading calldata reading, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = _roots[periodId];
        if (root == bytes32(0)) revert RootNotCommitted(periodId);
        return MerkleProof.verifyCalldata(proof, root, ReadingHash.leaf(reading));
    }

    /// @inheritdoc IReadingCommitments
    function readingLeaf(Reading calldata reading) external pure returns (bytes32) {
        return ReadingHash.leaf(reading);
    }

    /// @inheritdoc IReadingCommitments
    function readingDigest(Reading calldata reading) public view returns (bytes32) {
        return _hashTypedDataV4(ReadingHash.structHash(reading));
    }

    /// @inheritdoc IReadingCommitments
    function recoverReadingSigner(Reading calldata reading, bytes calldata signature) public view returns (address) {
        (address signer,,) = ECDSA.tryRecoverCalldata(readingDigest(reading), signature);
        return signer;
    }

    /// @inheritdoc IReadingCommitments
    function isSignedByDevice(Reading calldata reading, bytes calldata signature) external view returns (bool) {
        address signer = recoverReadingSigner(reading, signature);
        return signer != address(0) && signer == reading.device;
    }

    function _setCommitter(address newCommitter) private {
        if (newCommitter == address(0)) revert ZeroCommitter();
        emit CommitterSet(committer, newCommitter);
        committer = newCommitter;
    }
}
