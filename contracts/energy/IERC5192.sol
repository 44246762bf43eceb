// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title ERC-5192: Minimal Soulbound NFTs
/// @notice A token for which `locked` is true cannot be transferred. Interface id `0xb45a3c0e`.
interface IERC5192 {
    /// @notice Emitted when a token's locking status becomes locked (for ever, in D-REX's soulbound tokens).
    event Locked(uint256 tokenId);
    /// @notice Emitted when a token's locking status becomes unlocked (never, in D-REX's soulbound tokens).
    event Unlocked(uint256 tokenId);

    /// @notice Whether `tokenId` is locked; reverts for a token that does not exist.
    function locked(uint256 tokenId) external view returns (bool);
}
