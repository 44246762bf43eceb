// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDaoControlled} from "./IDaoControlled.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";

/// @title A module of the measured-energy system: controlled by the Technical DAO, finding its peers in the registry
interface IEnergyModule is IDaoControlled {
    /// @notice The module registry this module resolves its peers through (MX9).
    function modules() external view returns (IModuleRegistry);
}
