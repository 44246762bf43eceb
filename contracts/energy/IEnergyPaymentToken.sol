// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";

/// @title A token minted only by the payments module on the DAO's approval (MX5)
/// @notice The Energy Token (one per verified kWh, 18 decimals) and the Reward Token. Who may mint is whatever the
/// registry's `payments` name points at now, so repointing that module (MX9) moves the right to mint with it.
/// Holders may burn their own tokens (and approved ones), as OpenZeppelin's ERC20Burnable allows.
interface IEnergyPaymentToken is IERC20 {
    /// @notice Thrown when anyone but the current payments module mints.
    error NotMinter(address caller, address minter);

    /// @notice Mints `amount` base units to `to`; only the payments module.
    function mint(address to, uint256 amount) external;

    /// @notice The account allowed to mint now: the registry's `payments` module.
    function minter() external view returns (address);

    /// @notice The module registry the minter is looked up in.
    function modules() external view returns (IModuleRegistry);
}
