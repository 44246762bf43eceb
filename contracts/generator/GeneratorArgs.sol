// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @notice What a generator is fixed with when financing completes, kept in its clone's code, not in storage.
struct GeneratorConfig {
    address marketplace;
    address token;
    address requester;
    address provider;
    uint64 requestId;
    uint128 targetWei;
    uint16 dustShares;
}

/// @title Packing and reading a generator clone's immutable arguments
/// @dev 106 bytes, packed: marketplace(20) token(20) requester(20) provider(20) requestId(8) targetWei(16) dust(2).
/// Reading them back from code costs a few hundred gas instead of seven cold storage reads.
library GeneratorArgs {
    uint256 internal constant LENGTH = 106;

    function encode(GeneratorConfig memory c) internal pure returns (bytes memory) {
        return abi.encodePacked(
            c.marketplace, c.token, c.requester, c.provider, c.requestId, c.targetWei, c.dustShares
        );
    }

    function load() internal view returns (GeneratorConfig memory c) {
        bytes memory args = Clones.fetchCloneArgs(address(this));
        if (args.length != LENGTH) return c;
        assembly ("memory-safe") {
            let p := add(args, 32)
            mstore(c, shr(96, mload(p)))
            mstore(add(c, 0x20), shr(96, mload(add(p, 20))))
            mstore(add(c, 0x40), shr(96, mload(add(p, 40))))
            mstore(add(c, 0x60), shr(96, mload(add(p, 60))))
            mstore(add(c, 0x80), shr(192, mload(add(p, 80))))
            mstore(add(c, 0xa0), shr(128, mload(add(p, 88))))
            mstore(add(c, 0xc0), shr(240, mload(add(p, 104))))
        }
    }
}
