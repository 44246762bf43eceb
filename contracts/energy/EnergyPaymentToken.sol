// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IEnergyPaymentToken} from "./IEnergyPaymentToken.sol";
import {IModuleRegistry, EnergyModules} from "./IModuleRegistry.sol";

/// @title Base of the tokens the payments module mints (MX5)
/// @notice ERC-20 with EIP-2612 permit and burning, minted only by the registry's current `payments` module.
abstract contract EnergyPaymentToken is ERC20, ERC20Permit, ERC20Burnable, IEnergyPaymentToken {
    /// @notice The module registry the minter is looked up in.
    IModuleRegistry public immutable modules;

    constructor(string memory name, string memory symbol, IModuleRegistry registry)
        ERC20(name, symbol)
        ERC20Permit(name)
    {
        modules = registry;
    }

    /// @inheritdoc IEnergyPaymentToken
    function mint(address to, uint256 amount) external {
        address current = modules.moduleOf(EnergyModules.PAYMENTS);
        if (msg.sender != current) revert NotMinter(msg.sender, current);
        _mint(to, amount);
    }

    /// @inheritdoc IEnergyPaymentToken
    function minter() external view returns (address) {
        return modules.moduleOf(EnergyModules.PAYMENTS);
    }
}

/// @title The Energy Token: one token per verified kWh, never minted twice for the same energy (MX5)
/// @notice 18 decimals: one Wh is 10^15 base units. Minted by the payments module for exactly the energy the DAO
/// verified and approved.
contract EnergyToken is EnergyPaymentToken {
    constructor(IModuleRegistry registry) EnergyPaymentToken("D-REX Energy Token", "DREX-KWH", registry) {}
}

/// @title The Reward Token paid with each approved payment (MX5)
/// @notice Minted by the payments module at the DAO-set rate per verified Wh, split between the device's operator,
/// the liquidity pool and the DAO vault.
contract RewardToken is EnergyPaymentToken {
    constructor(IModuleRegistry registry) EnergyPaymentToken("D-REX Green Reward", "DREX-GREEN", registry) {}
}
