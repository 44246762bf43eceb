// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A plain OpenZeppelin ERC-20, deployed only by the gas benchmark as the yardstick for every other figure.
contract ReferenceERC20 is ERC20 {
    constructor(uint256 supplyWei) ERC20("Reference", "REF") {
        _mint(msg.sender, supplyWei);
    }
}
