// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDaoControlled} from "./IDaoControlled.sol";

/// @title The module registry of the measured-energy system (MX9)
/// @notice Maps each module's name to the contract that plays it now. The modules look their peers up here at the
/// moment they need them, so a DAO proposal that repoints a name (`setModule`) moves the role at once: repointing
/// `payments` moves the right to mint Energy and Reward Tokens, repointing `devices` moves the device registry the
/// payments and the storage node consult. Names are the ASCII text right-padded with zero bytes to 32 bytes (viem:
/// `stringToHex("payments", { size: 32 })`); the ones in use are listed in `EnergyModules`.
interface IModuleRegistry is IDaoControlled {
    /// @notice Thrown when a module is needed but its name points nowhere.
    error ModuleNotSet(bytes32 name);
    /// @notice Thrown when anyone but the deployer bootstraps, or the deployer does so a second time.
    error BootstrapClosed(address caller);
    /// @notice Thrown when the bootstrap's names and addresses are not of the same length.
    error LengthMismatch(uint256 names, uint256 modules);

    /// @notice Emitted whenever a name is pointed at a contract (or at zero, which switches the module off).
    event ModuleSet(bytes32 indexed name, address indexed previous, address indexed module);
    /// @notice Emitted when the deployer's one-time bootstrap is done; from then on only the DAO sets modules.
    event BootstrapCompleted(address indexed deployer);

    /// @notice Sets the first modules; only the deployer, once. Needed because every module is deployed with the
    /// registry's address, so the registry exists before its modules do.
    function bootstrap(bytes32[] calldata names, address[] calldata modules) external;

    /// @notice Points `name` at `module`, or at zero to switch the module off; only the DAO (MX9).
    function setModule(bytes32 name, address module) external;

    /// @notice The contract `name` points at now; zero when unset.
    function moduleOf(bytes32 name) external view returns (address);

    /// @notice The contract `name` points at now; reverts with `ModuleNotSet` when unset.
    function requireModule(bytes32 name) external view returns (address);

    /// @notice True until the deployer's bootstrap is done.
    function bootstrapOpen() external view returns (bool);
}

/// @title The names of the measured-energy modules in the registry
library EnergyModules {
    /// @notice `DeviceRegistry`: devices and their soulbound tokens (MX1).
    bytes32 internal constant DEVICES = "devices";
    /// @notice `ReadingCommitments`: Merkle roots of the readings (MX2, MX8).
    bytes32 internal constant READINGS = "readings";
    /// @notice `EnergyPayments`: payment requests, approvals and the mint (MX4, MX5).
    bytes32 internal constant PAYMENTS = "payments";
    /// @notice `StorageNode`: store and take-out of energy (MX3, MX7).
    bytes32 internal constant STORAGE = "storage";
    /// @notice `EnergyToken`: one token per verified kWh (MX5).
    bytes32 internal constant ENERGY_TOKEN = "energyToken";
    /// @notice `RewardToken`: the reward paid with each approved payment (MX5).
    bytes32 internal constant REWARD_TOKEN = "rewardToken";
    /// @notice `PoolFactory`: the constant-product pools (MX6).
    bytes32 internal constant POOLS = "pools";
}
