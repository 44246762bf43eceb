// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IDeviceRegistry} from "./IDeviceRegistry.sol";
import {IERC5192} from "./IERC5192.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";
import {EnergyModule} from "./EnergyModule.sol";

/// @title The device registry with soulbound device tokens (MX1)
/// @notice See `IDeviceRegistry`. The token id is the device id; the token is the operator's.
/// @dev Departs from ERC-721 as ERC-5192 requires of a soulbound token: `locked` is true for every token, `Locked` is
/// emitted at the mint, and every transfer, `approve` and `setApprovalForAll` reverts with `Soulbound`. Only the mint
/// (approval) and the burn (revocation) move a token.
contract DeviceRegistry is ERC721, EnergyModule, IDeviceRegistry, IERC5192 {
    /// @notice The highest rated power a device may declare: 1 GW.
    uint64 public constant MAX_RATED_POWER_W = 1e9;
    /// @notice The longest text field, in bytes.
    uint256 public constant MAX_TEXT_BYTES = 512;
    uint16 private constant BPS = 10_000;

    uint256 private _deviceCount;
    mapping(uint256 deviceId => Device) private _devices;
    mapping(address key => uint256 deviceId) private _deviceIdOfKey;

    constructor(IModuleRegistry registry) ERC721("D-REX Device", "DREX-DEVICE") EnergyModule(registry) {}

    // ---------------------------------------------------------------- applications (MX1)

    /// @inheritdoc IDeviceRegistry
    function applyForDevice(DeviceApplication calldata a) external returns (uint256 deviceId) {
        _checkKeyFree(a.key);
        _checkRatings(a.ratedPowerW, a.maxLossBps);
        _checkText("location", a.location, true);
        _checkText("poolData", a.poolData, false);
        _checkText("hardwareStatus", a.hardwareStatus, false);
        deviceId = ++_deviceCount;
        _devices[deviceId] = Device({
            operator: msg.sender,
            kind: a.kind,
            status: DeviceStatus.Applied,
            maxLossBps: a.maxLossBps,
            appliedAt: uint64(block.timestamp),
            key: a.key,
            ratedPowerW: a.ratedPowerW,
            location: a.location,
            poolData: a.poolData,
            hardwareStatus: a.hardwareStatus
        });
        _deviceIdOfKey[a.key] = deviceId;
        emit DeviceApplied(
            deviceId,
            msg.sender,
            a.key,
            a.kind,
            a.ratedPowerW,
            a.maxLossBps,
            a.location,
            a.poolData,
            a.hardwareStatus
        );
    }

    /// @inheritdoc IDeviceRegistry
    function approveDevice(uint256 deviceId) external onlyDao {
        Device storage d = _requireStatus(deviceId, DeviceStatus.Applied);
        d.status = DeviceStatus.Active;
        address operator = d.operator;
        _mint(operator, deviceId);
        emit Locked(deviceId);
        emit DeviceApproved(deviceId, operator, d.key);
    }

    /// @inheritdoc IDeviceRegistry
    function rejectDevice(uint256 deviceId, string calldata reason) external onlyDao {
        Device storage d = _requireStatus(deviceId, DeviceStatus.Applied);
        _checkText("reason", reason, true);
        d.status = DeviceStatus.Rejected;
        delete _deviceIdOfKey[d.key];
        emit DeviceRejected(deviceId, reason);
    }

    // ---------------------------------------------------------------- the DAO's oversight

    /// @inheritdoc IDeviceRegistry
    function suspendDevice(uint256 deviceId, string calldata reason) external onlyDao {
        Device storage d = _requireStatus(deviceId, DeviceStatus.Active);
        _checkText("reason", reason, true);
        d.status = DeviceStatus.Suspended;
        emit DeviceSuspended(deviceId, reason);
    }

    /// @inheritdoc IDeviceRegistry
    function reinstateDevice(uint256 deviceId) external onlyDao {
        Device storage d = _requireStatus(deviceId, DeviceStatus.Suspended);
        d.status = DeviceStatus.Active;
        emit DeviceReinstated(deviceId);
    }

    /// @inheritdoc IDeviceRegistry
    function revokeDevice(uint256 deviceId, string calldata reason) external onlyDao {
        Device storage d = _devices[deviceId];
        DeviceStatus status = d.status;
        if (status != DeviceStatus.Active && status != DeviceStatus.Suspended) {
            revert WrongDeviceStatus(deviceId, status);
        }
        _checkText("reason", reason, true);
        d.status = DeviceStatus.Revoked;
        _burn(deviceId);
        emit DeviceRevoked(deviceId, reason);
    }

    /// @inheritdoc IDeviceRegistry
    function updateAttributes(uint256 deviceId, string calldata poolData, string calldata hardwareStatus) external {
        Device storage d = _devices[deviceId];
        DeviceStatus status = d.status;
        if (status == DeviceStatus.None) revert UnknownDevice(deviceId);
        if (status == DeviceStatus.Revoked || status == DeviceStatus.Rejected) {
            revert WrongDeviceStatus(deviceId, status);
        }
        if (msg.sender != d.operator && msg.sender != dao) revert NotOperatorOrDao(deviceId, msg.sender);
        _checkText("poolData", poolData, false);
        _checkText("hardwareStatus", hardwareStatus, false);
        d.poolData = poolData;
        d.hardwareStatus = hardwareStatus;
        emit AttributesUpdated(deviceId, msg.sender, poolData, hardwareStatus);
    }

    /// @inheritdoc IDeviceRegistry
    function setRatings(uint256 deviceId, uint64 ratedPowerW, uint16 maxLossBps) external onlyDao {
        Device storage d = _requireLive(deviceId);
        _checkRatings(ratedPowerW, maxLossBps);
        d.ratedPowerW = ratedPowerW;
        d.maxLossBps = maxLossBps;
        emit RatingsUpdated(deviceId, ratedPowerW, maxLossBps);
    }

    /// @inheritdoc IDeviceRegistry
    function setDeviceKey(uint256 deviceId, address key) external onlyDao {
        Device storage d = _requireLive(deviceId);
        _checkKeyFree(key);
        address previous = d.key;
        d.key = key;
        _deviceIdOfKey[key] = deviceId;
        emit DeviceKeyChanged(deviceId, previous, key);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDeviceRegistry
    function getDevice(uint256 deviceId) public view returns (Device memory device) {
        device = _devices[deviceId];
        if (device.status == DeviceStatus.None) revert UnknownDevice(deviceId);
    }

    /// @inheritdoc IDeviceRegistry
    function deviceSummary(uint256 deviceId) external view returns (DeviceSummary memory s) {
        Device storage d = _devices[deviceId];
        s = DeviceSummary({
            operator: d.operator,
            kind: d.kind,
            status: d.status,
            maxLossBps: d.maxLossBps,
            appliedAt: d.appliedAt,
            key: d.key,
            ratedPowerW: d.ratedPowerW
        });
        if (s.status == DeviceStatus.None) revert UnknownDevice(deviceId);
    }

    /// @inheritdoc IDeviceRegistry
    function deviceIdOf(address key) external view returns (uint256) {
        return _deviceIdOfKey[key];
    }

    /// @inheritdoc IDeviceRegistry
    function deviceByKey(address key) external view returns (uint256 deviceId, Device memory device) {
        deviceId = _deviceIdOfKey[key];
        if (deviceId == 0) revert UnknownDeviceKey(key);
        device = _devices[deviceId];
    }

    /// @inheritdoc IDeviceRegistry
    function statusOf(uint256 deviceId) external view returns (DeviceStatus) {
        return _devices[deviceId].status;
    }

    /// @inheritdoc IDeviceRegistry
    function ratedPowerOf(uint256 deviceId) external view returns (uint64) {
        Device storage d = _devices[deviceId];
        if (d.status == DeviceStatus.None) revert UnknownDevice(deviceId);
        return d.ratedPowerW;
    }

    /// @inheritdoc IDeviceRegistry
    function deviceCount() external view returns (uint256) {
        return _deviceCount;
    }

    // ---------------------------------------------------------------- soulbound (ERC-5192)

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    /// @notice Always reverts: device tokens are soulbound.
    function approve(address, uint256 tokenId) public pure override {
        revert Soulbound(tokenId);
    }

    /// @notice Always reverts: device tokens are soulbound.
    function setApprovalForAll(address, bool) public pure override {
        revert Soulbound(0);
    }

    /// @notice ERC-165: ERC-721, its metadata, and ERC-5192 (`0xb45a3c0e`).
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC5192).interfaceId || super.supportsInterface(interfaceId);
    }

    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0) && to != address(0)) revert Soulbound(tokenId);
    }

    // ---------------------------------------------------------------- checks

    function _requireStatus(uint256 deviceId, DeviceStatus required) private view returns (Device storage d) {
        d = _devices[deviceId];
        DeviceStatus status = d.status;
        if (status == DeviceStatus.None) revert UnknownDevice(deviceId);
        if (status != required) revert WrongDeviceStatus(deviceId, status);
    }

    /// @dev A device that is applied for, active or suspended: not revoked, not rejected.
    function _requireLive(uint256 deviceId) private view returns (Device storage d) {
        d = _devices[deviceId];
        DeviceStatus status = d.status;
        if (status == DeviceStatus.None) revert UnknownDevice(deviceId);
        if (status == DeviceStatus.Revoked || status == DeviceStatus.Rejected) {
            revert WrongDeviceStatus(deviceId, status);
        }
    }

    function _checkKeyFree(address key) private view {
        if (key == address(0)) revert ZeroDeviceKey();
        uint256 holder = _deviceIdOfKey[key];
        if (holder != 0) revert DeviceKeyTaken(key, holder);
    }

    function _checkRatings(uint64 ratedPowerW, uint16 maxLossBps) private pure {
        if (ratedPowerW == 0 || ratedPowerW > MAX_RATED_POWER_W) {
            revert InvalidRatedPower(ratedPowerW, MAX_RATED_POWER_W);
        }
        if (maxLossBps > BPS) revert InvalidMaxLoss(maxLossBps);
    }

    function _checkText(string memory field, string calldata text, bool required) private pure {
        uint256 length = bytes(text).length;
        if (required && length == 0) revert EmptyText(field);
        if (length > MAX_TEXT_BYTES) revert TextTooLong(field, length, MAX_TEXT_BYTES);
    }
}
