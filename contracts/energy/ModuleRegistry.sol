// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IModuleRegistry} from "./IModuleRegistry.sol";

/// @title The module registry of the measured-energy system (MX9)
/// @notice See `IModuleRegistry`. The DAO repoints modules by proposal; the deployer only bootstraps, once.
contract ModuleRegistry is IModuleRegistry {
    /// @notice The Technical DAO's executor, the only account allowed to set modules.
    address public immutable dao;
    address private _bootstrapper;
    mapping(bytes32 name => address module) private _modules;

    /// @param dao_ The Technical DAO's executor (the `TechnicalDAO` governor).
    constructor(address dao_) {
        dao = dao_;
        _bootstrapper = msg.sender;
    }

    /// @inheritdoc IModuleRegistry
    function bootstrap(bytes32[] calldata names, address[] calldata modules) external {
        if (msg.sender != _bootstrapper) revert BootstrapClosed(msg.sender);
        if (names.length != modules.length) revert LengthMismatch(names.length, modules.length);
        _bootstrapper = address(0);
        for (uint256 i; i < names.length; ++i) {
            _set(names[i], modules[i]);
        }
        emit BootstrapCompleted(msg.sender);
    }

    /// @inheritdoc IModuleRegistry
    function setModule(bytes32 name, address module) external {
        if (msg.sender != dao) revert NotDao(msg.sender, dao);
        _set(name, module);
    }

    /// @inheritdoc IModuleRegistry
    function moduleOf(bytes32 name) external view returns (address) {
        return _modules[name];
    }

    /// @inheritdoc IModuleRegistry
    function requireModule(bytes32 name) external view returns (address module) {
        module = _modules[name];
        if (module == address(0)) revert ModuleNotSet(name);
    }

    /// @inheritdoc IModuleRegistry
    function bootstrapOpen() external view returns (bool) {
        return _bootstrapper != address(0);
    }

    function _set(bytes32 name, address module) private {
        emit ModuleSet(name, _modules[name], module);
        _modules[name] = module;
    }
}
