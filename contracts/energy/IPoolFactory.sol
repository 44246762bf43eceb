// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The factory of constant-product pools, one per pair of tokens (MX6)
/// @notice Anyone may create the pool of a pair that has none: Reward Token / Energy Token, Energy Token / Solar
/// Token, or any other. The factory is the one place the node and the web app find every pool, and it guarantees a
/// single pool (one price, one set of providers) per pair.
interface IPoolFactory {
    /// @notice Thrown when the pair already has its pool.
    error PoolExists(address tokenA, address tokenB, address pool);

    /// @notice Emitted when a pool is created.
    event PoolCreated(address indexed token0, address indexed token1, address pool, uint256 poolCount);

    /// @notice Creates the pool of `tokenA` and `tokenB` (in either order), at a CREATE2 address salted by the
    /// sorted pair.
    function createPool(address tokenA, address tokenB) external returns (address pool);

    /// @notice The pool of a pair, in either order; zero when none.
    function getPool(address tokenA, address tokenB) external view returns (address);

    /// @notice The `index`-th pool created, from 0.
    function poolAt(uint256 index) external view returns (address);

    /// @notice How many pools exist.
    function poolCount() external view returns (uint256);
}
