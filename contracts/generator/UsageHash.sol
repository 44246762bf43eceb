// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice A usage reading the generator's device signs (DX8): the energy it has delivered to one consumer since the
/// generator was activated, as read at `readAt`. The EIP-712 type is
/// `Usage(address consumer,uint256 deliveredMilliUnits,uint64 readAt)`, in the generator's own domain (`name` "D-REX
/// Generator", `version` "1", this chain's id, `verifyingContract` the generator), so a reading signed for one
/// generator means nothing to another.
struct Usage {
    address consumer;
    uint256 deliveredMilliUnits; // cumulative to this consumer, milli-units (Wh for electricity): never decreases
    uint64 readAt; // Unix seconds when the device read its meter
}

/// @title How a usage reading is hashed for signing (DX8)
library UsageHash {
    /// @notice `keccak256("Usage(address consumer,uint256 deliveredMilliUnits,uint64 readAt)")`.
    bytes32 internal constant USAGE_TYPEHASH =
        keccak256("Usage(address consumer,uint256 deliveredMilliUnits,uint64 readAt)");

    /// @notice The usage reading's EIP-712 struct hash, to be wrapped in the generator's typed-data digest.
    function structHash(Usage calldata u) internal pure returns (bytes32) {
        return keccak256(abi.encode(USAGE_TYPEHASH, u.consumer, u.deliveredMilliUnits, u.readAt));
    }
}
