// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title Solar Token (DX10)
/// @notice The currency of D-REX: consumers pay for energy with it and financiers fund generators with it.
/// The supply cap is fixed at deployment and can never move; EIP-2612 `permit` lets a relayer pay gas for phone users.
contract SolarToken is ERC20Capped, ERC20Permit, Ownable {
    /// @param capWei The most Solar Token base units (18 decimals) that will ever exist.
    /// @param initialOwner The account allowed to mint, up to the cap.
    constructor(uint256 capWei, address initialOwner)
        ERC20("Solar Token", "SOLAR")
        ERC20Capped(capWei)
        ERC20Permit("Solar Token")
        Ownable(initialOwner)
    {}

    /// @notice Mints `amountWei` base units to `to`; reverts with `ERC20ExceededCap` past the cap.
    function mint(address to, uint256 amountWei) external onlyOwner {
        _mint(to, amountWei);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
