// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IEnergyModule} from "./IEnergyModule.sol";

/// @title The device registry: applications, the Technical DAO's approval, soulbound device tokens (MX1)
/// @notice An operator applies for a clean-energy device with its key (the address the device signs readings with),
/// its kind, rated power, declared maximum transmission loss, location, pool data and hardware status. The DAO
/// approves (minting the operator a soulbound ERC-721, ERC-5192 locked, whose id is the device id) or rejects; it may
/// later suspend, reinstate or revoke (which burns the token). The operator and the DAO update the attributes (pool
/// data, hardware status), each change an event, so the events are the attributes' history. A key belongs to one
/// device for ever: the DAO may give a device a new key, and the old one keeps pointing at the device so that
/// readings it signed stay attributable, but no other device can take it. A rejected application frees its key.
interface IDeviceRegistry is IEnergyModule {
    /// @notice What a device is.
    enum DeviceKind {
        Generator, // produces energy (a solar panel with its embedded miner)
        StorageNode, // stores energy for other devices and sends it back on take-out (MX7)
        Meter // measures only
    }

    /// @notice Where a device stands.
    enum DeviceStatus {
        None, // no such device
        Applied, // awaiting the DAO's decision
        Active, // approved; its soulbound token exists
        Suspended, // approved but suspended by the DAO: no payments, no storage
        Revoked, // revoked by the DAO for good; its token is burnt
        Rejected // the application was rejected; its key is free again
    }

    /// @notice An operator's application.
    struct DeviceApplication {
        address key; // the address the device signs with
        DeviceKind kind;
        uint64 ratedPowerW; // rated power, watts
        uint16 maxLossBps; // declared maximum transmission loss, basis points of the energy sent
        string location;
        string poolData; // the mining-pool data the seed's miner reports
        string hardwareStatus;
    }

    /// @notice A device's fixed-size fields, cheap for other contracts to read.
    struct DeviceSummary {
        address operator;
        DeviceKind kind;
        DeviceStatus status;
        uint16 maxLossBps;
        uint64 appliedAt;
        address key;
        uint64 ratedPowerW;
    }

    /// @notice A device with its attributes.
    struct Device {
        address operator;
        DeviceKind kind;
        DeviceStatus status;
        uint16 maxLossBps;
        uint64 appliedAt;
        address key;
        uint64 ratedPowerW;
        string location;
        string poolData;
        string hardwareStatus;
    }

    /// @notice Thrown when an id names no device.
    error UnknownDevice(uint256 deviceId);
    /// @notice Thrown when a key names no device.
    error UnknownDeviceKey(address key);
    /// @notice Thrown when a device key is the zero address.
    error ZeroDeviceKey();
    /// @notice Thrown when a device key already belongs (or belonged) to a device.
    error DeviceKeyTaken(address key, uint256 deviceId);
    /// @notice Thrown when a rated power is zero or above `MAX_RATED_POWER_W`.
    error InvalidRatedPower(uint64 ratedPowerW, uint64 maxRatedPowerW);
    /// @notice Thrown when a maximum loss is above 10,000 basis points.
    error InvalidMaxLoss(uint16 maxLossBps);
    /// @notice Thrown when a text field is empty but must not be.
    error EmptyText(string field);
    /// @notice Thrown when a text field is longer than `MAX_TEXT_BYTES`.
    error TextTooLong(string field, uint256 length, uint256 maxLength);
    /// @notice Thrown when an action needs the device in another status (here or in another module).
    error WrongDeviceStatus(uint256 deviceId, DeviceStatus status);
    /// @notice Thrown when someone other than the device's operator or the DAO updates its attributes.
    error NotOperatorOrDao(uint256 deviceId, address caller);
    /// @notice Thrown when someone other than a device's operator acts as its operator (here or in another module).
    error NotDeviceOperator(uint256 deviceId, address caller, address operator);
    /// @notice Thrown when a device of this kind cannot do what was asked (here or in another module).
    error WrongDeviceKind(uint256 deviceId, DeviceKind kind);
    /// @notice Thrown on any transfer or approval of a device token: it is soulbound (ERC-5192).
    error Soulbound(uint256 tokenId);

    /// @notice Emitted when an operator applies for a device.
    event DeviceApplied(
        uint256 indexed deviceId,
        address indexed operator,
        address indexed key,
        DeviceKind kind,
        uint64 ratedPowerW,
        uint16 maxLossBps,
        string location,
        string poolData,
        string hardwareStatus
    );
    /// @notice Emitted when the DAO approves a device; its soulbound token is minted to the operator.
    event DeviceApproved(uint256 indexed deviceId, address indexed operator, address indexed key);
    /// @notice Emitted when the DAO rejects an application.
    event DeviceRejected(uint256 indexed deviceId, string reason);
    /// @notice Emitted when the DAO suspends a device.
    event DeviceSuspended(uint256 indexed deviceId, string reason);
    /// @notice Emitted when the DAO lifts a suspension.
    event DeviceReinstated(uint256 indexed deviceId);
    /// @notice Emitted when the DAO revokes a device; its token is burnt.
    event DeviceRevoked(uint256 indexed deviceId, string reason);
    /// @notice Emitted for every attribute update: the history of a device's pool data and hardware status.
    event AttributesUpdated(uint256 indexed deviceId, address indexed by, string poolData, string hardwareStatus);
    /// @notice Emitted when the DAO changes a device's rated power or declared maximum loss.
    event RatingsUpdated(uint256 indexed deviceId, uint64 ratedPowerW, uint16 maxLossBps);
    /// @notice Emitted when the DAO gives a device a new key.
    event DeviceKeyChanged(uint256 indexed deviceId, address indexed previousKey, address indexed key);

    /// @notice Applies for a device; the sender is its operator (MX1).
    /// @return deviceId The new device's id, counting from 1; also its token id once approved.
    function applyForDevice(DeviceApplication calldata application) external returns (uint256 deviceId);

    /// @notice Approves an application and mints the soulbound device token to the operator; only the DAO (MX1).
    function approveDevice(uint256 deviceId) external;

    /// @notice Rejects an application and frees its key; only the DAO (MX1).
    function rejectDevice(uint256 deviceId, string calldata reason) external;

    /// @notice Suspends an active device; only the DAO. A suspended device is paid nothing and stores nothing.
    function suspendDevice(uint256 deviceId, string calldata reason) external;

    /// @notice Lifts a suspension; only the DAO.
    function reinstateDevice(uint256 deviceId) external;

    /// @notice Revokes an active or suspended device for good and burns its token; only the DAO.
    function revokeDevice(uint256 deviceId, string calldata reason) external;

    /// @notice Updates pool data and hardware status; the operator or the DAO, while the device is not revoked or
    /// rejected. Each update is an `AttributesUpdated` event (MX1).
    function updateAttributes(uint256 deviceId, string calldata poolData, string calldata hardwareStatus) external;

    /// @notice Sets rated power and declared maximum loss; only the DAO.
    function setRatings(uint256 deviceId, uint64 ratedPowerW, uint16 maxLossBps) external;

    /// @notice Gives a device a new key (after a hardware change); only the DAO. The old key stays the device's.
    function setDeviceKey(uint256 deviceId, address key) external;

    /// @notice A device with its attributes.
    function getDevice(uint256 deviceId) external view returns (Device memory);

    /// @notice A device's fixed-size fields.
    function deviceSummary(uint256 deviceId) external view returns (DeviceSummary memory);

    /// @notice The id of the device a key belongs (or belonged) to; 0 when none.
    function deviceIdOf(address key) external view returns (uint256);

    /// @notice The device a key belongs (or belonged) to; reverts with `UnknownDeviceKey` when none.
    function deviceByKey(address key) external view returns (uint256 deviceId, Device memory device);

    /// @notice A device's status; `None` for an unknown id.
    function statusOf(uint256 deviceId) external view returns (DeviceStatus);

    /// @notice A device's rated power in watts.
    function ratedPowerOf(uint256 deviceId) external view returns (uint64);

    /// @notice How many devices were applied for; ids run from 1 to this.
    function deviceCount() external view returns (uint256);
}
