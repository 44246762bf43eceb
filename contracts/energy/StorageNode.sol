// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStorageNode} from "./IStorageNode.sol";
import {IDeviceRegistry} from "./IDeviceRegistry.sol";
import {IModuleRegistry, EnergyModules} from "./IModuleRegistry.sol";
import {EnergyModule} from "./EnergyModule.sol";
import {LossMath} from "./libraries/LossMath.sol";

/// @title Storage nodes (MX3, MX7)
/// @notice See `IStorageNode`. One contract serves every storage node; the devices are looked up in the registry.
contract StorageNode is EnergyModule, IStorageNode {
    uint256 private _storeCount;
    uint256 private _takeOutCount;
    mapping(uint256 storeId => StoreRecord) private _stores;
    mapping(uint256 takeOutId => TakeOutRecord) private _takeOuts;
    mapping(uint256 nodeId => mapping(uint256 depositorId => Holding)) private _holdings;
    mapping(uint256 deviceId => uint256) private _excessiveLossCount;

    constructor(IModuleRegistry registry) EnergyModule(registry) {}

    // ---------------------------------------------------------------- store (MX3, MX7)

    /// @inheritdoc IStorageNode
    function requestStore(uint256 nodeId, uint256 depositorId, uint64 sentWh) external returns (uint256 storeId) {
        if (sentWh == 0) revert ZeroEnergy();
        if (nodeId == depositorId) revert SelfStorage(nodeId);
        IDeviceRegistry devices = _devices();
        _requireActiveNode(devices, nodeId);
        IDeviceRegistry.DeviceSummary memory d = _requireAgent(devices, depositorId);
        if (d.status != IDeviceRegistry.DeviceStatus.Active) {
            revert IDeviceRegistry.WrongDeviceStatus(depositorId, d.status);
        }
        storeId = ++_storeCount;
        _stores[storeId] = StoreRecord({
            nodeId: SafeCast.toUint64(nodeId),
            depositorId: SafeCast.toUint64(depositorId),
            sentWh: sentWh,
            requestedAt: uint64(block.timestamp),
            receivedWh: 0,
            lossWh: 0,
            status: TransferStatus.Pending,
            flagged: false
        });
        emit StoreRequested(storeId, nodeId, depositorId, sentWh);
    }

    /// @inheritdoc IStorageNode
    function confirmStore(uint256 storeId, uint64 receivedWh) external {
        StoreRecord storage s = _stores[storeId];
        if (s.status == TransferStatus.None) revert UnknownStore(storeId);
        if (s.status == TransferStatus.Completed) revert AlreadyCompleted(storeId);
        (uint64 nodeId, uint64 depositorId, uint64 sentWh) = (s.nodeId, s.depositorId, s.sentWh);
        IDeviceRegistry devices = _devices();
        _requireNodeKey(devices, nodeId);
        if (receivedWh > sentWh) revert ReceivedExceedsSent(storeId, receivedWh, sentWh);
        uint64 lossWh;
        unchecked {
            // receivedWh <= sentWh was checked just above.
            lossWh = sentWh - receivedWh;
        }
        uint16 maxLossBps = devices.deviceSummary(depositorId).maxLossBps;
        bool flagged = LossMath.exceedsMaxLoss(lossWh, sentWh, maxLossBps);
        s.receivedWh = receivedWh;
        s.lossWh = lossWh;
        s.status = TransferStatus.Completed;
        s.flagged = flagged;

        Holding storage h = _holdings[nodeId][depositorId];
        uint256 stored = uint256(h.storedWh) + receivedWh;
        if (stored + h.pendingTakeOutWh > type(uint64).max) revert StoredOverflow(nodeId, depositorId);
        h.storedWh = uint64(stored);
        emit StoreConfirmed(storeId, nodeId, depositorId, receivedWh, lossWh, uint64(stored));
        if (flagged) {
            ++_excessiveLossCount[depositorId];
            emit ExcessiveLoss(storeId, depositorId, lossWh, sentWh, maxLossBps);
        }
    }

    // ---------------------------------------------------------------- take-out (MX7)

    /// @inheritdoc IStorageNode
    function requestTakeOut(uint256 nodeId, uint256 depositorId, uint64 wh) external returns (uint256 takeOutId) {
        if (wh == 0) revert ZeroEnergy();
        IDeviceRegistry devices = _devices();
        _requireActiveNode(devices, nodeId);
        IDeviceRegistry.DeviceSummary memory d = _requireAgent(devices, depositorId);
        if (d.status != IDeviceRegistry.DeviceStatus.Active && d.status != IDeviceRegistry.DeviceStatus.Suspended) {
            revert IDeviceRegistry.WrongDeviceStatus(depositorId, d.status);
        }
        Holding storage h = _holdings[nodeId][depositorId];
        uint64 stored = h.storedWh;
        if (wh > stored) revert InsufficientStored(nodeId, depositorId, stored, wh);
        unchecked {
            // wh <= stored was checked just above, and pending + stored never passes uint64 (checked on credit).
            stored -= wh;
            h.pendingTakeOutWh += wh;
        }
        h.storedWh = stored;
        takeOutId = ++_takeOutCount;
        _takeOuts[takeOutId] = TakeOutRecord({
            nodeId: SafeCast.toUint64(nodeId),
            depositorId: SafeCast.toUint64(depositorId),
            requestedWh: wh,
            deliveredWh: 0,
            requestedAt: uint64(block.timestamp),
            status: TransferStatus.Pending
        });
        emit TakeOutRequested(takeOutId, nodeId, depositorId, wh, stored);
    }

    /// @inheritdoc IStorageNode
    function completeTakeOut(uint256 takeOutId, uint64 deliveredWh) external {
        TakeOutRecord storage t = _takeOuts[takeOutId];
        if (t.status == TransferStatus.None) revert UnknownTakeOut(takeOutId);
        if (t.status == TransferStatus.Completed) revert AlreadyCompleted(takeOutId);
        (uint64 nodeId, uint64 depositorId, uint64 requestedWh) = (t.nodeId, t.depositorId, t.requestedWh);
        _requireNodeKey(_devices(), nodeId);
        if (deliveredWh > requestedWh) revert DeliveredExceedsRequested(takeOutId, deliveredWh, requestedWh);
        t.deliveredWh = deliveredWh;
        t.status = TransferStatus.Completed;
        Holding storage h = _holdings[nodeId][depositorId];
        uint64 returnedWh;
        uint64 stored;
        unchecked {
            // deliveredWh <= requestedWh (checked above); the request reserved requestedWh in pendingTakeOutWh, and
            // stored + pending never passes uint64 (checked on every credit).
            returnedWh = requestedWh - deliveredWh;
            h.pendingTakeOutWh -= requestedWh;
            stored = h.storedWh + returnedWh;
        }
        h.storedWh = stored;
        emit TakeOutCompleted(takeOutId, nodeId, depositorId, deliveredWh, returnedWh, stored);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStorageNode
    function getStore(uint256 storeId) external view returns (StoreRecord memory s) {
        s = _stores[storeId];
        if (s.status == TransferStatus.None) revert UnknownStore(storeId);
    }

    /// @inheritdoc IStorageNode
    function getTakeOut(uint256 takeOutId) external view returns (TakeOutRecord memory t) {
        t = _takeOuts[takeOutId];
        if (t.status == TransferStatus.None) revert UnknownTakeOut(takeOutId);
    }

    /// @inheritdoc IStorageNode
    function holdingOf(uint256 nodeId, uint256 depositorId) external view returns (Holding memory) {
        return _holdings[nodeId][depositorId];
    }

    /// @inheritdoc IStorageNode
    function excessiveLossCountOf(uint256 deviceId) external view returns (uint256) {
        return _excessiveLossCount[deviceId];
    }

    /// @inheritdoc IStorageNode
    function storeCount() external view returns (uint256) {
        return _storeCount;
    }

    /// @inheritdoc IStorageNode
    function takeOutCount() external view returns (uint256) {
        return _takeOutCount;
    }

    // ---------------------------------------------------------------- checks

    function _devices() private view returns (IDeviceRegistry) {
        return IDeviceRegistry(modules.requireModule(EnergyModules.DEVICES));
    }

    function _requireActiveNode(IDeviceRegistry devices, uint256 nodeId)
        private
        view
        returns (IDeviceRegistry.DeviceSummary memory n)
    {
        n = devices.deviceSummary(nodeId);
        if (n.kind != IDeviceRegistry.DeviceKind.StorageNode) revert IDeviceRegistry.WrongDeviceKind(nodeId, n.kind);
        if (n.status != IDeviceRegistry.DeviceStatus.Active) revert IDeviceRegistry.WrongDeviceStatus(nodeId, n.status);
    }

    function _requireNodeKey(IDeviceRegistry devices, uint256 nodeId) private view {
        IDeviceRegistry.DeviceSummary memory n = _requireActiveNode(devices, nodeId);
        if (msg.sender != n.key) revert NotNodeKey(nodeId, msg.sender, n.key);
    }

    function _requireAgent(IDeviceRegistry devices, uint256 deviceId)
        private
        view
        returns (IDeviceRegistry.DeviceSummary memory d)
    {
        d = devices.deviceSummary(deviceId);
        if (msg.sender != d.key && msg.sender != d.operator) revert NotDeviceAgent(deviceId, msg.sender);
    }
}
