// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev Receives the hostile token's callback.
interface ITransferHook {
    function onTokenTransfer(address from, address to, uint256 amount) external;
}

/// @dev An ERC-20 that, once armed, hands control to a hook in the middle of its next transfer (after balances move,
/// like an ERC-777 receive hook), so the hook can re-enter whichever contract is moving the tokens.
contract HostileToken is ERC20 {
    address public hook;

    constructor() ERC20("Hostile", "HOST") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev The next transfer or transferFrom calls `hook_` once; the hook is cleared first, so it fires only once.
    function arm(address hook_) external {
        hook = hook_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address h = hook;
        if (h != address(0) && from != address(0)) {
            hook = address(0);
            ITransferHook(h).onTokenTransfer(from, to, value);
        }
    }
}

/// @dev A contract account that acts as a financier, owner or provider, and when the hostile token calls it back,
/// makes one prepared call (the re-entry) and records how it ended instead of reverting, so the outer call can
/// complete and the test can inspect both.
contract Attacker is ITransferHook {
    address public reentryTarget;
    bytes public reentryData;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryResult;

    /// @dev Any call as this account (approve, fund, claimRevenue ...); bubbles a revert.
    function act(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    /// @dev Prepares the call to make from inside the next token transfer.
    function prepareReentry(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryData = data;
    }

    function onTokenTransfer(address, address, uint256) external {
        if (reentryTarget == address(0)) return;
        address target = reentryTarget;
        reentryTarget = address(0);
        reentered = true;
        (reentrySucceeded, reentryResult) = target.call(reentryData);
    }
}
