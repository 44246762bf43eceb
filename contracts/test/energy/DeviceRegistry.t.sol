// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {EnergyFixture} from "./EnergyFixture.sol";
import {IDeviceRegistry} from "../../energy/IDeviceRegistry.sol";
import {IDaoControlled} from "../../energy/IDaoControlled.sol";
import {IERC5192} from "../../energy/IERC5192.sol";

/// @dev MX1: applications, the DAO's approval, soulbound device tokens (ERC-5192), attributes and their history,
/// suspension and revocation, and the views the node reads.
contract DeviceRegistryTest is EnergyFixture {
    IDeviceRegistry.DeviceKind internal constant GENERATOR = IDeviceRegistry.DeviceKind.Generator;
    IDeviceRegistry.DeviceKind internal constant NODE = IDeviceRegistry.DeviceKind.StorageNode;

    function _wrongStatus(uint256 id, IDeviceRegistry.DeviceStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDeviceRegistry.WrongDeviceStatus.selector, id, status);
    }

    function test_applyForDevice_MX1_storesTheApplication() public {
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceApplied(
            1, operator, deviceKey, GENERATOR, RATED_W, MAX_LOSS_BPS, "Oaxaca, MX", "pool=maxgreen;worker=panel-1", "ok"
        );
        uint256 id = _apply(operator, deviceKey, GENERATOR);
        assertEq(id, 1, "first id");
        IDeviceRegistry.Device memory d = devices.getDevice(id);
        assertEq(d.operator, operator, "operator is the sender");
        assertEq(d.key, deviceKey, "key");
        assertEq(uint256(d.kind), uint256(GENERATOR), "kind");
        assertEq(uint256(d.status), uint256(IDeviceRegistry.DeviceStatus.Applied), "applied");
        assertEq(d.ratedPowerW, RATED_W, "rated power");
        assertEq(d.maxLossBps, MAX_LOSS_BPS, "max loss");
        assertEq(d.appliedAt, START, "applied at");
        assertEq(d.location, "Oaxaca, MX", "location");
        assertEq(d.poolData, "pool=maxgreen;worker=panel-1", "pool data");
        assertEq(d.hardwareStatus, "ok", "hardware status");
        assertEq(devices.deviceCount(), 1, "count");
        assertEq(devices.balanceOf(operator), 0, "no token before approval");
    }

    function test_applyForDevice_MX1_revertsOnBadApplications() public {
        IDeviceRegistry.DeviceApplication memory a = _application(address(0), GENERATOR);
        vm.expectRevert(IDeviceRegistry.ZeroDeviceKey.selector);
        devices.applyForDevice(a);

        a = _application(deviceKey, GENERATOR);
        a.ratedPowerW = 0;
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.InvalidRatedPower.selector, 0, 1e9));
        devices.applyForDevice(a);
        a.ratedPowerW = 1e9 + 1;
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.InvalidRatedPower.selector, 1e9 + 1, 1e9));
        devices.applyForDevice(a);

        a = _application(deviceKey, GENERATOR);
        a.maxLossBps = 10_001;
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.InvalidMaxLoss.selector, 10_001));
        devices.applyForDevice(a);

        a = _application(deviceKey, GENERATOR);
        a.location = "";
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.EmptyText.selector, "location"));
        devices.applyForDevice(a);
        a.location = string(new bytes(513));
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.TextTooLong.selector, "location", 513, 512));
        devices.applyForDevice(a);
    }

    function test_applyForDevice_MX1_revertsWhenTheKeyBelongsToAnotherDevice() public {
        uint256 id = _apply(operator, deviceKey, GENERATOR);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.DeviceKeyTaken.selector, deviceKey, id));
        _apply(operator2, deviceKey, GENERATOR);
    }

    function test_approveDevice_MX1_mintsALockedSoulboundToken() public {
        uint256 id = _apply(operator, deviceKey, GENERATOR);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IERC721.Transfer(address(0), operator, id);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IERC5192.Locked(id);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceApproved(id, operator, deviceKey);
        vm.prank(dao);
        devices.approveDevice(id);
        assertEq(devices.ownerOf(id), operator, "the operator holds the device token");
        assertTrue(devices.locked(id), "locked");
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Active), "active");
        assertTrue(devices.supportsInterface(0xb45a3c0e), "ERC-5192");
        assertTrue(devices.supportsInterface(0x80ac58cd), "ERC-721");
    }

    function test_approveDevice_MX1_onlyTheDao() public {
        uint256 id = _apply(operator, deviceKey, GENERATOR);
        address[3] memory others = [operator, outsider, committer];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, others[i], dao));
            vm.prank(others[i]);
            devices.approveDevice(id);
        }
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.UnknownDevice.selector, 9));
        vm.prank(dao);
        devices.approveDevice(9);
        vm.prank(dao);
        devices.approveDevice(id);
        vm.expectRevert(_wrongStatus(id, IDeviceRegistry.DeviceStatus.Active));
        vm.prank(dao);
        devices.approveDevice(id);
    }

    function test_transfer_MX1_revertsForEveryPath() public {
        uint256 id = _generator();
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.Soulbound.selector, id));
        devices.transferFrom(operator, outsider, id);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.Soulbound.selector, id));
        devices.safeTransferFrom(operator, outsider, id);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.Soulbound.selector, id));
        devices.safeTransferFrom(operator, outsider, id, "");
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.Soulbound.selector, id));
        devices.approve(outsider, id);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.Soulbound.selector, 0));
        devices.setApprovalForAll(outsider, true);
        vm.stopPrank();
        assertEq(devices.ownerOf(id), operator, "still the operator's");
    }

    function test_locked_MX1_revertsForATokenThatDoesNotExist() public {
        uint256 id = _apply(operator, deviceKey, GENERATOR);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id));
        devices.locked(id);
    }

    function test_rejectDevice_MX1_freesTheKey() public {
        uint256 id = _apply(operator, deviceKey, GENERATOR);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceRejected(id, "no inverter certificate");
        vm.prank(dao);
        devices.rejectDevice(id, "no inverter certificate");
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Rejected), "rejected");
        assertEq(devices.deviceIdOf(deviceKey), 0, "key free");
        uint256 again = _apply(operator, deviceKey, GENERATOR);
        assertEq(devices.deviceIdOf(deviceKey), again, "reapplied with the same key");
        vm.expectRevert(_wrongStatus(id, IDeviceRegistry.DeviceStatus.Rejected));
        vm.prank(dao);
        devices.approveDevice(id);
    }

    function test_updateAttributes_MX1_byOperatorAndDaoEachAnEvent() public {
        uint256 id = _generator();
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.AttributesUpdated(id, operator, "pool=maxgreen;worker=panel-1", "fan replaced");
        vm.prank(operator);
        devices.updateAttributes(id, "pool=maxgreen;worker=panel-1", "fan replaced");
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.AttributesUpdated(id, dao, "pool=deca2", "inspected 2026-06-01");
        vm.prank(dao);
        devices.updateAttributes(id, "pool=deca2", "inspected 2026-06-01");
        IDeviceRegistry.Device memory d = devices.getDevice(id);
        assertEq(d.poolData, "pool=deca2", "pool data");
        assertEq(d.hardwareStatus, "inspected 2026-06-01", "hardware status");

        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.NotOperatorOrDao.selector, id, outsider));
        vm.prank(outsider);
        devices.updateAttributes(id, "x", "y");
    }

    function test_suspendDevice_MX1_thenReinstate() public {
        uint256 id = _generator();
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceSuspended(id, "heartbeats stopped");
        vm.prank(dao);
        devices.suspendDevice(id, "heartbeats stopped");
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Suspended), "suspended");
        assertTrue(devices.locked(id), "the token stays");
        // The operator may still report the hardware's state while suspended.
        vm.prank(operator);
        devices.updateAttributes(id, "", "repaired");
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, operator, dao));
        vm.prank(operator);
        devices.reinstateDevice(id);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceReinstated(id);
        vm.prank(dao);
        devices.reinstateDevice(id);
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Active), "active again");
    }

    function test_revokeDevice_MX1_burnsTheTokenForGood() public {
        uint256 id = _generator();
        vm.expectEmit(true, true, true, true, address(devices));
        emit IERC721.Transfer(operator, address(0), id);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceRevoked(id, "tampered meter");
        vm.prank(dao);
        devices.revokeDevice(id, "tampered meter");
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Revoked), "revoked");
        assertEq(devices.balanceOf(operator), 0, "token burnt");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id));
        devices.locked(id);
        // Revoked is final, and its key is never reused.
        vm.startPrank(dao);
        vm.expectRevert(_wrongStatus(id, IDeviceRegistry.DeviceStatus.Revoked));
        devices.reinstateDevice(id);
        vm.expectRevert(_wrongStatus(id, IDeviceRegistry.DeviceStatus.Revoked));
        devices.revokeDevice(id, "again");
        vm.expectRevert(_wrongStatus(id, IDeviceRegistry.DeviceStatus.Revoked));
        devices.updateAttributes(id, "", "");
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.DeviceKeyTaken.selector, deviceKey, id));
        _apply(operator, deviceKey, GENERATOR);
    }

    function test_suspendDevice_MX1_needsAReason() public {
        uint256 id = _generator();
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.EmptyText.selector, "reason"));
        vm.prank(dao);
        devices.suspendDevice(id, "");
    }

    function test_setRatings_MX1_onlyTheDao() public {
        uint256 id = _generator();
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, operator, dao));
        vm.prank(operator);
        devices.setRatings(id, 9_000, 300);
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.RatingsUpdated(id, 9_000, 300);
        vm.prank(dao);
        devices.setRatings(id, 9_000, 300);
        assertEq(devices.ratedPowerOf(id), 9_000, "rated power");
        assertEq(devices.deviceSummary(id).maxLossBps, 300, "max loss");
    }

    function test_setDeviceKey_MX1_oldKeyStillPointsAtTheDevice() public {
        uint256 id = _generator();
        vm.expectEmit(true, true, true, true, address(devices));
        emit IDeviceRegistry.DeviceKeyChanged(id, deviceKey, deviceKey2);
        vm.prank(dao);
        devices.setDeviceKey(id, deviceKey2);
        assertEq(devices.deviceSummary(id).key, deviceKey2, "new key");
        assertEq(devices.deviceIdOf(deviceKey2), id, "new key maps to the device");
        assertEq(devices.deviceIdOf(deviceKey), id, "old key still attributable");
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.DeviceKeyTaken.selector, deviceKey, id));
        _apply(operator2, deviceKey, GENERATOR);
    }

    function test_views_MX1_byKeyByIdStatusAndRatedPower() public {
        uint256 gen = _generator();
        uint256 node = _apply(operator2, nodeKey, NODE);
        (uint256 id, IDeviceRegistry.Device memory d) = devices.deviceByKey(nodeKey);
        assertEq(id, node, "by key");
        assertEq(d.operator, operator2, "its operator");
        assertEq(uint256(d.kind), uint256(NODE), "its kind");
        assertEq(devices.ratedPowerOf(gen), RATED_W, "rated power");
        assertEq(uint256(devices.statusOf(node)), uint256(IDeviceRegistry.DeviceStatus.Applied), "status");
        assertEq(uint256(devices.statusOf(99)), uint256(IDeviceRegistry.DeviceStatus.None), "unknown: None");
        IDeviceRegistry.DeviceSummary memory s = devices.deviceSummary(gen);
        assertEq(s.operator, operator, "summary operator");
        assertEq(s.key, deviceKey, "summary key");
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.UnknownDeviceKey.selector, outsider));
        devices.deviceByKey(outsider);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.UnknownDevice.selector, 99));
        devices.getDevice(99);
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.UnknownDevice.selector, 99));
        devices.ratedPowerOf(99);
    }
}
