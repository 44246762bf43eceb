// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EnergyFixture} from "./EnergyFixture.sol";
import {IReadingCommitments} from "../../energy/IReadingCommitments.sol";
import {IDaoControlled} from "../../energy/IDaoControlled.sol";
import {Reading} from "../../energy/libraries/ReadingHash.sol";

/// @dev MX2 signed readings committed by Merkle root, MX8 heartbeats in the reading: the commit, inclusion proofs for
/// disputes, and the EIP-712 signature a device makes and the node checks.
contract ReadingCommitmentsTest is EnergyFixture {
    uint256 internal constant N = 7;
    uint64 internal constant PERIOD = 494_444; // the hour of START

    Reading[] internal _batch;

    /// @dev Seven readings from two devices, committed as the root of `PERIOD`.
    function _committedBatch() internal returns (bytes32 root, bytes32[] memory leaves) {
        leaves = new bytes32[](N);
        for (uint256 i; i < N; ++i) {
            Reading memory r = _reading(i % 2 == 0 ? deviceKey : deviceKey2, uint64(i));
            _batch.push(r);
            leaves[i] = _leaf(r);
        }
        (root,) = _merkle(leaves, 0);
        _commit(PERIOD, root, uint32(N));
    }

    function _proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory proof) {
        (, proof) = _merkle(leaves, index);
    }

    // ------------------------------------------------------------------ commitRoot (MX2)

    function test_commitRoot_MX2_storesTheRootAndEmitsTheCount() public {
        bytes32 root = keccak256("root");
        vm.expectEmit(true, true, true, true, address(readings));
        emit IReadingCommitments.RootCommitted(PERIOD, root, 10_000, committer);
        _commit(PERIOD, root, 10_000);
        assertEq(uint256(readings.rootOf(PERIOD)), uint256(root), "root stored");
        assertTrue(readings.isCommitted(PERIOD), "committed");
        assertTrue(!readings.isCommitted(PERIOD + 1), "next period not");
    }

    function test_commitRoot_MX2_onlyTheCommitter() public {
        address[3] memory others = [dao, operator, deviceKey];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.NotCommitter.selector, others[i], committer));
            vm.prank(others[i]);
            readings.commitRoot(PERIOD, keccak256("root"), 1);
        }
    }

    function test_commitRoot_MX2_oncePerPeriod() public {
        bytes32 root = keccak256("root");
        _commit(PERIOD, root, 5);
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.RootAlreadyCommitted.selector, PERIOD, root));
        _commit(PERIOD, keccak256("another"), 5);
        assertEq(uint256(readings.rootOf(PERIOD)), uint256(root), "unchanged");
    }

    function test_commitRoot_MX2_revertsOnZeroRootOrNoReadings() public {
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.ZeroRoot.selector, PERIOD));
        _commit(PERIOD, bytes32(0), 5);
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.NoReadings.selector, PERIOD));
        _commit(PERIOD, keccak256("root"), 0);
    }

    function test_setCommitter_MX2_onlyTheDao() public {
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, committer, dao));
        vm.prank(committer);
        readings.setCommitter(outsider);
        vm.expectRevert(IReadingCommitments.ZeroCommitter.selector);
        vm.prank(dao);
        readings.setCommitter(address(0));
        vm.expectEmit(true, true, true, true, address(readings));
        emit IReadingCommitments.CommitterSet(committer, outsider);
        vm.prank(dao);
        readings.setCommitter(outsider);
        assertEq(readings.committer(), outsider, "new committer");
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.NotCommitter.selector, committer, outsider));
        _commit(PERIOD, keccak256("root"), 1);
    }

    // ------------------------------------------------------------------ verifyReading (MX2 disputes)

    function test_verifyReading_MX2_everyCommittedReadingVerifies() public {
        (, bytes32[] memory leaves) = _committedBatch();
        for (uint256 i; i < N; ++i) {
            assertTrue(readings.verifyReading(PERIOD, _batch[i], _proof(leaves, i)), "reading in the root");
        }
    }

    function test_verifyReading_MX2_aTamperedReadingFails() public {
        (, bytes32[] memory leaves) = _committedBatch();
        bytes32[] memory proof = _proof(leaves, 2);
        Reading memory r = _batch[2];
        r.sentWh += 1;
        assertTrue(!readings.verifyReading(PERIOD, r, proof), "sentWh raised by 1 Wh");
        r = _batch[2];
        r.device = deviceKey2;
        assertTrue(!readings.verifyReading(PERIOD, r, proof), "attributed to another device");
        r = _batch[2];
        r.heartbeats -= 1;
        assertTrue(!readings.verifyReading(PERIOD, r, proof), "a heartbeat fewer (MX8)");
    }

    function test_verifyReading_MX2_anotherReadingsProofFails() public {
        (, bytes32[] memory leaves) = _committedBatch();
        assertTrue(!readings.verifyReading(PERIOD, _batch[1], _proof(leaves, 2)), "proof of another leaf");
        assertTrue(!readings.verifyReading(PERIOD, _batch[1], new bytes32[](0)), "no proof");
    }

    function test_verifyReading_MX2_revertsForAnUncommittedPeriod() public {
        _committedBatch();
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.RootNotCommitted.selector, PERIOD + 1));
        readings.verifyReading(PERIOD + 1, _batch[0], new bytes32[](0));
    }

    /// @dev Whatever field is changed, by whatever amount, the committed proof no longer holds.
    function testFuzz_verifyReading_MX2_anyTamperingFails(uint256 index, uint256 field, uint64 delta) public {
        (, bytes32[] memory leaves) = _committedBatch();
        index = bound(index, 0, N - 1);
        delta = uint64(bound(delta, 1, type(uint32).max));
        Reading memory r = _batch[index];
        field = bound(field, 0, 7);
        if (field == 0) r.device = address(uint160(r.device) ^ uint160(delta));
        else if (field == 1) r.sequence ^= delta;
        else if (field == 2) r.periodStart ^= delta;
        else if (field == 3) r.periodEnd ^= delta;
        else if (field == 4) r.producedWh ^= delta;
        else if (field == 5) r.sentWh ^= delta;
        else if (field == 6) r.receivedWh ^= delta;
        else r.heartbeats ^= uint32(delta);
        assertTrue(!readings.verifyReading(PERIOD, r, _proof(leaves, index)), "tampered reading verified");
    }

    function test_readingLeaf_MX2_isTheStandardMerkleTreeLeaf() public view {
        Reading memory r = _reading(deviceKey, 3);
        assertEq(uint256(readings.readingLeaf(r)), uint256(_leaf(r)), "double keccak of the abi-encoded values");
    }

    // ------------------------------------------------------------------ EIP-712 signatures (MX2)

    function test_readingTypehash_MX2_matchesTheDocumentedTypeString() public view {
        bytes32 expected = keccak256(
            "Reading(address device,uint64 sequence,uint64 periodStart,uint64 periodEnd,uint64 producedWh,uint64 sentWh,uint64 receivedWh,uint32 heartbeats)"
        );
        assertEq(uint256(readings.READING_TYPEHASH()), uint256(expected), "type hash");
    }

    function test_readingDigest_MX2_isTheEip712DigestOfTheDomain() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            readings.eip712Domain();
        assertEq(name, "D-REX Readings", "domain name");
        assertEq(version, "1", "domain version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifyingContract, address(readings), "verifying contract");
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("D-REX Readings"),
                keccak256("1"),
                block.chainid,
                address(readings)
            )
        );
        Reading memory r = _reading(deviceKey, 1);
        bytes32 structHash = keccak256(
            abi.encode(
                readings.READING_TYPEHASH(),
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
        bytes32 expected = keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
        assertEq(uint256(readings.readingDigest(r)), uint256(expected), "typed-data digest");
    }

    function test_isSignedByDevice_MX2_theDevicesOwnSignature() public view {
        Reading memory r = _reading(deviceKey, 1);
        bytes memory sig = _sign(DEVICE_PK, r);
        assertTrue(readings.isSignedByDevice(r, sig), "signed by its device");
        assertEq(readings.recoverReadingSigner(r, sig), deviceKey, "signer");
    }

    function test_isSignedByDevice_MX2_anotherDevicesKeyFails() public view {
        Reading memory r = _reading(deviceKey, 1);
        bytes memory sig = _sign(DEVICE2_PK, r);
        assertTrue(!readings.isSignedByDevice(r, sig), "device 2 signing device 1's reading");
        assertEq(readings.recoverReadingSigner(r, sig), deviceKey2, "the real signer");
    }

    function test_isSignedByDevice_MX2_aTamperedReadingFails() public view {
        Reading memory r = _reading(deviceKey, 1);
        bytes memory sig = _sign(DEVICE_PK, r);
        r.producedWh += 1;
        assertTrue(!readings.isSignedByDevice(r, sig), "altered after signing");
    }

    function test_isSignedByDevice_MX2_aForgedSignatureFails() public view {
        Reading memory r = _reading(deviceKey, 1);
        bytes memory sig = _sign(DEVICE_PK, r);
        sig[10] ^= 0x01; // one bit of r flipped
        assertTrue(!readings.isSignedByDevice(r, sig), "bit-flipped signature");
        assertTrue(!readings.isSignedByDevice(r, new bytes(65)), "zero signature");
        assertTrue(!readings.isSignedByDevice(r, new bytes(64)), "short signature");
        assertEq(readings.recoverReadingSigner(r, new bytes(64)), address(0), "malformed: no signer");
        // A signature by the right key over another domain (a copy of the contract elsewhere) does not verify here.
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(DEVICE_PK, keccak256(abi.encode("another domain", r.sequence)));
        assertTrue(!readings.isSignedByDevice(r, abi.encodePacked(rr, s, v)), "signature of something else");
    }

    function test_isSignedByDevice_MX2_MX1_signerMapsToItsRegisteredDevice() public {
        uint256 id = _generator();
        Reading memory r = _reading(deviceKey, 4);
        bytes memory sig = _sign(DEVICE_PK, r);
        address signer = readings.recoverReadingSigner(r, sig);
        assertEq(devices.deviceIdOf(signer), id, "the signing key names the device");
        assertEq(devices.deviceIdOf(readings.recoverReadingSigner(r, _sign(DEVICE2_PK, r))), 0, "unregistered key");
    }
}
