// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IEnergyModule} from "./IEnergyModule.sol";

/// @title Storage nodes: energy stored for devices and sent back on take-out (MX3, MX7)
/// @notice A storage node is a registered device of kind `StorageNode`, acting through its device key. A device (its
/// key or its operator) asks a node to store energy it is sending, stating what it sent; the node confirms what it
/// received; the difference is the transmission loss, and a loss above the sending device's declared maximum
/// (`maxLossBps` in the device registry) is flagged, on the record and in the device's count, with an
/// `ExcessiveLoss` event. What the node received is kept as the depositor's stored energy at that node. On take-out
/// the depositor asks for some of it back; the amount is reserved at once, and the node completes the take-out with
/// what it actually sent back, any rest returning to the depositor's stored energy.
interface IStorageNode is IEnergyModule {
    /// @notice Where a store or take-out stands.
    enum TransferStatus {
        None, // no such record
        Pending, // awaiting the node
        Completed // confirmed by the node
    }

    /// @notice A store request.
    struct StoreRecord {
        uint64 nodeId;
        uint64 depositorId;
        uint64 sentWh; // as the depositor reported
        uint64 requestedAt;
        uint64 receivedWh; // as the node reported
        uint64 lossWh; // sentWh - receivedWh
        TransferStatus status;
        bool flagged; // loss above the depositor's declared maximum
    }

    /// @notice A take-out request.
    struct TakeOutRecord {
        uint64 nodeId;
        uint64 depositorId;
        uint64 requestedWh;
        uint64 deliveredWh; // as the node reported
        uint64 requestedAt;
        TransferStatus status;
    }

    /// @notice A depositor's energy at a node.
    struct Holding {
        uint64 storedWh; // available to take out
        uint64 pendingTakeOutWh; // reserved by take-outs the node has not completed
    }

    /// @notice Thrown when someone other than a device's key or operator acts for it.
    error NotDeviceAgent(uint256 deviceId, address caller);
    /// @notice Thrown when someone other than a node's device key confirms for it.
    error NotNodeKey(uint256 nodeId, address caller, address key);
    /// @notice Thrown when a node is asked to store for itself.
    error SelfStorage(uint256 nodeId);
    /// @notice Thrown when an amount of energy is zero.
    error ZeroEnergy();
    /// @notice Thrown when an id names no store request.
    error UnknownStore(uint256 storeId);
    /// @notice Thrown when an id names no take-out request.
    error UnknownTakeOut(uint256 takeOutId);
    /// @notice Thrown when a store or take-out is completed a second time.
    error AlreadyCompleted(uint256 id);
    /// @notice Thrown when a node reports receiving more than the device sent.
    error ReceivedExceedsSent(uint256 storeId, uint64 receivedWh, uint64 sentWh);
    /// @notice Thrown when a take-out asks for more than the depositor has stored at the node.
    error InsufficientStored(uint256 nodeId, uint256 depositorId, uint64 storedWh, uint64 requestedWh);
    /// @notice Thrown when a node reports sending back more than was asked for.
    error DeliveredExceedsRequested(uint256 takeOutId, uint64 deliveredWh, uint64 requestedWh);
    /// @notice Thrown when a stored amount would pass `type(uint64).max` watt-hours.
    error StoredOverflow(uint256 nodeId, uint256 depositorId);

    /// @notice Emitted when a device asks a node to store energy it sent (MX7).
    event StoreRequested(
        uint256 indexed storeId, uint256 indexed nodeId, uint256 indexed depositorId, uint64 sentWh
    );
    /// @notice Emitted when the node confirms what it received; `lossWh` is sent minus received (MX3).
    event StoreConfirmed(
        uint256 indexed storeId,
        uint256 indexed nodeId,
        uint256 indexed depositorId,
        uint64 receivedWh,
        uint64 lossWh,
        uint64 storedWh
    );
    /// @notice Emitted when a loss is above the sending device's declared maximum (MX3).
    event ExcessiveLoss(
        uint256 indexed storeId, uint256 indexed depositorId, uint64 lossWh, uint64 sentWh, uint16 maxLossBps
    );
    /// @notice Emitted when a depositor asks for stored energy back (MX7).
    event TakeOutRequested(
        uint256 indexed takeOutId, uint256 indexed nodeId, uint256 indexed depositorId, uint64 requestedWh, uint64 storedWh
    );
    /// @notice Emitted when the node reports what it sent back; `returnedWh` went back to the depositor's store.
    event TakeOutCompleted(
        uint256 indexed takeOutId,
        uint256 indexed nodeId,
        uint256 indexed depositorId,
        uint64 deliveredWh,
        uint64 returnedWh,
        uint64 storedWh
    );

    /// @notice Asks an active storage node to store `sentWh` the depositor device sent; the depositor's key or
    /// operator, while the depositor is active (MX7).
    /// @return storeId The new store request's id, counting from 1.
    function requestStore(uint256 nodeId, uint256 depositorId, uint64 sentWh) external returns (uint256 storeId);

    /// @notice Confirms what the node received, computes the loss, flags it above the depositor's declared maximum,
    /// and credits the depositor; only the node's device key, while the node is active (MX3).
    function confirmStore(uint256 storeId, uint64 receivedWh) external;

    /// @notice Asks for `wh` of the depositor's stored energy back, reserving it; the depositor's key or operator,
    /// while the depositor is active or suspended (MX7).
    /// @return takeOutId The new take-out's id, counting from 1.
    function requestTakeOut(uint256 nodeId, uint256 depositorId, uint64 wh) external returns (uint256 takeOutId);

    /// @notice Reports what the node sent back; the rest of the reserved amount returns to the depositor's stored
    /// energy. Only the node's device key, while the node is active (MX7).
    function completeTakeOut(uint256 takeOutId, uint64 deliveredWh) external;

    /// @notice A store request.
    function getStore(uint256 storeId) external view returns (StoreRecord memory);

    /// @notice A take-out request.
    function getTakeOut(uint256 takeOutId) external view returns (TakeOutRecord memory);

    /// @notice A depositor's energy at a node.
    function holdingOf(uint256 nodeId, uint256 depositorId) external view returns (Holding memory);

    /// @notice How many of a device's stores had a loss above its declared maximum.
    function excessiveLossCountOf(uint256 deviceId) external view returns (uint256);

    /// @notice How many store requests exist; ids run from 1 to this.
    function storeCount() external view returns (uint256);

    /// @notice How many take-out requests exist; ids run from 1 to this.
    function takeOutCount() external view returns (uint256);
}
