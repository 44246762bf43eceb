// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IEnergyModule} from "./IEnergyModule.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";

/// @title Base of the measured-energy modules: the registry, the DAO, and the `onlyDao` guard
/// @dev The DAO's address is copied from the registry at deployment and is immutable: it costs no storage read on
/// the paths whose gas is budgeted. Replacing the governor itself means redeploying the modules; everything else the
/// DAO repoints through the registry.
abstract contract EnergyModule is IEnergyModule {
    /// @notice The module registry this module resolves its peers through (MX9).
    IModuleRegistry public immutable modules;
    /// @notice The Technical DAO's executor, the only account allowed the DAO's actions.
    address public immutable dao;

    constructor(IModuleRegistry registry) {
        modules = registry;
        dao = registry.dao();
    }

    modifier onlyDao() {
        if (msg.sender != dao) revert NotDao(msg.sender, dao);
        _;
    }
}
