// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EnergyFixture} from "./EnergyFixture.sol";
import {IStorageNode} from "../../energy/IStorageNode.sol";
import {IDeviceRegistry} from "../../energy/IDeviceRegistry.sol";
import {LossMath} from "../../energy/libraries/LossMath.sol";

/// @dev MX3 transmission loss between a device and a storage node, MX7 store and take-out requests.
contract StorageNodeTest is EnergyFixture {
    uint256 internal gen;
    uint256 internal node;

    function setUp() public override {
        super.setUp();
        gen = _generator(); // declares MAX_LOSS_BPS = 5%
        node = _activeDevice(operator2, nodeKey, IDeviceRegistry.DeviceKind.StorageNode);
    }

    function _store(uint64 sentWh, uint64 receivedWh) internal returns (uint256 storeId) {
        vm.prank(deviceKey);
        storeId = storageNode.requestStore(node, gen, sentWh);
        vm.prank(nodeKey);
        storageNode.confirmStore(storeId, receivedWh);
    }

    // ------------------------------------------------------------------ store (MX3, MX7)

    function test_requestStore_MX7_byTheDeviceKeyOrItsOperator() public {
        vm.expectEmit(true, true, true, true, address(storageNode));
        emit IStorageNode.StoreRequested(1, node, gen, 10_000);
        vm.prank(deviceKey);
        uint256 a = storageNode.requestStore(node, gen, 10_000);
        vm.prank(operator);
        uint256 b = storageNode.requestStore(node, gen, 2_000);
        assertEq(a, 1, "first");
        assertEq(b, 2, "second");
        IStorageNode.StoreRecord memory s = storageNode.getStore(a);
        assertEq(s.nodeId, node, "node");
        assertEq(s.depositorId, gen, "depositor");
        assertEq(s.sentWh, 10_000, "sent");
        assertEq(uint256(s.status), uint256(IStorageNode.TransferStatus.Pending), "pending");
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.NotDeviceAgent.selector, gen, outsider));
        vm.prank(outsider);
        storageNode.requestStore(node, gen, 1);
    }

    function test_requestStore_MX7_onlyAtAnActiveStorageNode() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IDeviceRegistry.WrongDeviceKind.selector, gen, IDeviceRegistry.DeviceKind.Generator
            )
        );
        vm.prank(operator);
        storageNode.requestStore(gen, node, 1);
        vm.prank(dao);
        devices.suspendDevice(node, "battery fault");
        vm.expectRevert(
            abi.encodeWithSelector(
                IDeviceRegistry.WrongDeviceStatus.selector, node, IDeviceRegistry.DeviceStatus.Suspended
            )
        );
        vm.prank(deviceKey);
        storageNode.requestStore(node, gen, 1);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.SelfStorage.selector, node));
        vm.prank(nodeKey);
        storageNode.requestStore(node, node, 1);
        vm.expectRevert(IStorageNode.ZeroEnergy.selector);
        vm.prank(deviceKey);
        storageNode.requestStore(node, gen, 0);
    }

    function test_requestStore_MX7_suspendedDepositorRefused() public {
        vm.prank(dao);
        devices.suspendDevice(gen, "audit");
        vm.expectRevert(
            abi.encodeWithSelector(IDeviceRegistry.WrongDeviceStatus.selector, gen, IDeviceRegistry.DeviceStatus.Suspended)
        );
        vm.prank(deviceKey);
        storageNode.requestStore(node, gen, 1);
    }

    function test_confirmStore_MX3_computesTheLossAndCreditsWhatArrived() public {
        vm.prank(deviceKey);
        uint256 id = storageNode.requestStore(node, gen, 10_000);
        vm.expectEmit(true, true, true, true, address(storageNode));
        emit IStorageNode.StoreConfirmed(id, node, gen, 9_700, 300, 9_700);
        vm.prank(nodeKey);
        storageNode.confirmStore(id, 9_700);
        IStorageNode.StoreRecord memory s = storageNode.getStore(id);
        assertEq(s.receivedWh, 9_700, "received");
        assertEq(s.lossWh, 300, "loss = sent - received");
        assertTrue(!s.flagged, "3% is within the declared 5%");
        assertEq(uint256(s.status), uint256(IStorageNode.TransferStatus.Completed), "completed");
        assertEq(storageNode.holdingOf(node, gen).storedWh, 9_700, "stored for the depositor");
        assertEq(storageNode.excessiveLossCountOf(gen), 0, "no flag");
    }

    function test_confirmStore_MX3_flagsALossAboveTheDeclaredMaximum() public {
        vm.prank(deviceKey);
        uint256 id = storageNode.requestStore(node, gen, 10_000);
        vm.expectEmit(true, true, true, true, address(storageNode));
        emit IStorageNode.ExcessiveLoss(id, gen, 501, 10_000, MAX_LOSS_BPS);
        vm.prank(nodeKey);
        storageNode.confirmStore(id, 9_499);
        assertTrue(storageNode.getStore(id).flagged, "5.01% is above 5%");
        assertEq(storageNode.excessiveLossCountOf(gen), 1, "counted against the device");
        assertEq(storageNode.holdingOf(node, gen).storedWh, 9_499, "what arrived is still stored");
        // Exactly at the limit is not above it.
        uint256 atLimit = _store(10_000, 9_500);
        assertTrue(!storageNode.getStore(atLimit).flagged, "exactly 5%");
        assertEq(storageNode.excessiveLossCountOf(gen), 1, "still one");
    }

    function test_confirmStore_MX3_onlyTheNodeKeyOnceAndNoMoreThanSent() public {
        vm.prank(deviceKey);
        uint256 id = storageNode.requestStore(node, gen, 10_000);
        address[3] memory others = [operator2, deviceKey, dao];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IStorageNode.NotNodeKey.selector, node, others[i], nodeKey));
            vm.prank(others[i]);
            storageNode.confirmStore(id, 9_000);
        }
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.ReceivedExceedsSent.selector, id, 10_001, 10_000));
        vm.prank(nodeKey);
        storageNode.confirmStore(id, 10_001);
        vm.prank(nodeKey);
        storageNode.confirmStore(id, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.AlreadyCompleted.selector, id));
        vm.prank(nodeKey);
        storageNode.confirmStore(id, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.UnknownStore.selector, 9));
        vm.prank(nodeKey);
        storageNode.confirmStore(9, 1);
    }

    /// @dev The flag is raised exactly when loss / sent > maxLossBps / 10,000.
    function testFuzz_exceedsMaxLoss_MX3_exactComparison(uint64 sent, uint64 received, uint16 maxLossBps)
        public
        pure
    {
        sent = uint64(bound(sent, 1, type(uint64).max));
        received = uint64(bound(received, 0, sent));
        maxLossBps = uint16(bound(maxLossBps, 0, 10_000));
        uint256 loss = sent - received;
        bool flagged = LossMath.exceedsMaxLoss(loss, sent, maxLossBps);
        // Cross-multiplied in 256 bits: no rounding either way.
        assertTrue(flagged == (loss * 10_000 > uint256(sent) * maxLossBps), "flag");
        uint256 bps = LossMath.lossBps(loss, sent);
        // lossBps rounds up, so it shows above the limit exactly when the loss is flagged.
        if (flagged) assertTrue(bps > maxLossBps, "shown above the limit when flagged");
        else assertLe(bps, maxLossBps, "shown within the limit when not flagged");
    }

    // ------------------------------------------------------------------ take-out (MX7)

    function test_takeOut_MX7_reservesThenSendsBackAsReported() public {
        _store(10_000, 9_800);
        vm.expectEmit(true, true, true, true, address(storageNode));
        emit IStorageNode.TakeOutRequested(1, node, gen, 5_000, 4_800);
        vm.prank(operator);
        uint256 id = storageNode.requestTakeOut(node, gen, 5_000);
        IStorageNode.Holding memory h = storageNode.holdingOf(node, gen);
        assertEq(h.storedWh, 4_800, "reserved at once");
        assertEq(h.pendingTakeOutWh, 5_000, "pending");
        vm.expectEmit(true, true, true, true, address(storageNode));
        emit IStorageNode.TakeOutCompleted(id, node, gen, 4_900, 100, 4_900);
        vm.prank(nodeKey);
        storageNode.completeTakeOut(id, 4_900);
        h = storageNode.holdingOf(node, gen);
        assertEq(h.storedWh, 4_900, "what was not sent back returns");
        assertEq(h.pendingTakeOutWh, 0, "nothing pending");
        IStorageNode.TakeOutRecord memory t = storageNode.getTakeOut(id);
        assertEq(t.deliveredWh, 4_900, "delivered as the node reported");
        assertEq(uint256(t.status), uint256(IStorageNode.TransferStatus.Completed), "completed");
    }

    function test_requestTakeOut_MX7_noMoreThanStored() public {
        _store(1_000, 990);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.InsufficientStored.selector, node, gen, 990, 991));
        vm.prank(deviceKey);
        storageNode.requestTakeOut(node, gen, 991);
        vm.prank(deviceKey);
        storageNode.requestTakeOut(node, gen, 990);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.InsufficientStored.selector, node, gen, 0, 1));
        vm.prank(deviceKey);
        storageNode.requestTakeOut(node, gen, 1);
    }

    function test_requestTakeOut_MX7_keptPerDepositor() public {
        uint256 gen2 = _activeDevice(operator2, deviceKey2, IDeviceRegistry.DeviceKind.Generator);
        _store(1_000, 1_000);
        vm.prank(deviceKey2);
        uint256 id = storageNode.requestStore(node, gen2, 500);
        vm.prank(nodeKey);
        storageNode.confirmStore(id, 480);
        assertEq(storageNode.holdingOf(node, gen).storedWh, 1_000, "first depositor");
        assertEq(storageNode.holdingOf(node, gen2).storedWh, 480, "second depositor");
        // Neither can draw on the other's energy.
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.NotDeviceAgent.selector, gen, deviceKey2));
        vm.prank(deviceKey2);
        storageNode.requestTakeOut(node, gen, 100);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.InsufficientStored.selector, node, gen2, 480, 1_000));
        vm.prank(deviceKey2);
        storageNode.requestTakeOut(node, gen2, 1_000);
    }

    function test_requestTakeOut_MX7_allowedWhileSuspendedNotRevoked() public {
        _store(1_000, 1_000);
        vm.prank(dao);
        devices.suspendDevice(gen, "audit");
        vm.prank(operator);
        storageNode.requestTakeOut(node, gen, 100);
        vm.prank(dao);
        devices.revokeDevice(gen, "fraud");
        vm.expectRevert(
            abi.encodeWithSelector(IDeviceRegistry.WrongDeviceStatus.selector, gen, IDeviceRegistry.DeviceStatus.Revoked)
        );
        vm.prank(operator);
        storageNode.requestTakeOut(node, gen, 100);
    }

    function test_completeTakeOut_MX7_onlyTheNodeKeyOnceAndNoMoreThanAsked() public {
        _store(1_000, 1_000);
        vm.prank(deviceKey);
        uint256 id = storageNode.requestTakeOut(node, gen, 600);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.NotNodeKey.selector, node, deviceKey, nodeKey));
        vm.prank(deviceKey);
        storageNode.completeTakeOut(id, 600);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.DeliveredExceedsRequested.selector, id, 601, 600));
        vm.prank(nodeKey);
        storageNode.completeTakeOut(id, 601);
        vm.prank(nodeKey);
        storageNode.completeTakeOut(id, 600);
        vm.expectRevert(abi.encodeWithSelector(IStorageNode.AlreadyCompleted.selector, id));
        vm.prank(nodeKey);
        storageNode.completeTakeOut(id, 0);
        assertEq(storageNode.holdingOf(node, gen).storedWh, 400, "the rest");
        assertEq(storageNode.takeOutCount(), 1, "one take-out");
        assertEq(storageNode.storeCount(), 1, "one store");
    }

    /// @dev Whatever the sequence of stores and take-outs, stored plus pending equals everything received minus
    /// everything delivered.
    function testFuzz_holdings_MX7_conserveEnergy(uint256 seed) public {
        uint256 received;
        uint256 delivered;
        uint256[] memory open = new uint256[](16);
        uint256 openCount;
        for (uint256 i; i < 16; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (r % 3 != 0 || storageNode.holdingOf(node, gen).storedWh == 0) {
                uint64 sent = uint64(bound(r >> 8, 1, 1e9));
                uint64 got = uint64(bound(r >> 80, 0, sent));
                _store(sent, got);
                received += got;
            } else {
                uint64 stored = storageNode.holdingOf(node, gen).storedWh;
                uint64 ask = uint64(bound(r >> 8, 1, stored));
                vm.prank(deviceKey);
                open[openCount++] = storageNode.requestTakeOut(node, gen, ask);
                if ((r >> 200) % 2 == 0) {
                    uint256 id = open[--openCount];
                    uint64 give = uint64(bound(r >> 120, 0, ask));
                    vm.prank(nodeKey);
                    storageNode.completeTakeOut(id, give);
                    delivered += give;
                }
            }
            IStorageNode.Holding memory h = storageNode.holdingOf(node, gen);
            assertEq(uint256(h.storedWh) + h.pendingTakeOutWh, received - delivered, "conserved");
        }
    }
}
