// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @dev The few Foundry-compatible cheatcodes these tests use, which Hardhat's Solidity test runner provides at the
/// standard cheatcode address. Declared here because the npm package named `forge-std` is not today's forge-std.
/// Every cheatcode below was checked to work under Hardhat 3.17 (EDR) before the tests relied on it.
interface Vm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function warp(uint256 timestamp) external;
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function deal(address account, uint256 newBalance) external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 selector) external;
    function expectRevert() external;
    function expectEmit() external;
    /// @dev Checks the next event's topics 1–3 and data as selected, and that `emitter` emitted it.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function assume(bool condition) external;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function label(address account, string calldata name) external;
}

/// @dev Base for the Solidity tests: the cheatcodes and small assertion helpers with values in their messages.
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error AssertionFailed(string what, uint256 actual, uint256 expected);
    error AddressAssertionFailed(string what, address actual, address expected);
    error StringAssertionFailed(string what, string actual, string expected);
    error BytesAssertionFailed(string what, bytes actual, bytes expected);

    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailed(what, actual, expected);
    }

    function assertEq(address actual, address expected, string memory what) internal pure {
        if (actual != expected) revert AddressAssertionFailed(what, actual, expected);
    }

    function assertEq(string memory actual, string memory expected, string memory what) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) {
            revert StringAssertionFailed(what, actual, expected);
        }
    }

    function assertEq(bytes memory actual, bytes memory expected, string memory what) internal pure {
        if (keccak256(actual) != keccak256(expected)) revert BytesAssertionFailed(what, actual, expected);
    }

    function assertLe(uint256 actual, uint256 limit, string memory what) internal pure {
        if (actual > limit) revert AssertionFailed(what, actual, limit);
    }

    function assertLt(uint256 actual, uint256 limit, string memory what) internal pure {
        if (actual >= limit) revert AssertionFailed(what, actual, limit);
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert AssertionFailed(what, 0, 1);
    }

    /// @dev Maps a fuzzed value into [min, max] without discarding runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        if (min == 0 && max == type(uint256).max) return x;
        return min + x % (max - min + 1);
    }

    /// @dev A deterministic address for a named actor.
    function actor(string memory name) internal returns (address a) {
        a = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(a, name);
    }
}
