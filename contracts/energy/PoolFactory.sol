// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPoolFactory} from "./IPoolFactory.sol";
import {ConstantProductPool} from "./ConstantProductPool.sol";

/// @title The factory of constant-product pools (MX6)
/// @notice See `IPoolFactory`.
/// @dev A factory rather than a deployment per pair: it makes one pool per pair a rule rather than a habit, gives the
/// indexer one `PoolCreated` stream to follow, and lets anyone list a new pair with the Solar Token without a
/// release. Each pool is a full contract, not a clone, so its tokens are immutables and a swap pays no delegatecall.
contract PoolFactory is IPoolFactory {
    address[] private _pools;
    mapping(address token0 => mapping(address token1 => address pool)) private _poolOf;

    /// @inheritdoc IPoolFactory
    function createPool(address tokenA, address tokenB) external returns (address pool) {
        (address t0, address t1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        address existing = _poolOf[t0][t1];
        if (existing != address(0)) revert PoolExists(tokenA, tokenB, existing);
        // The pool's constructor rejects identical tokens and the zero address.
        pool = address(new ConstantProductPool{salt: keccak256(abi.encode(t0, t1))}(IERC20(t0), IERC20(t1)));
        _poolOf[t0][t1] = pool;
        _pools.push(pool);
        emit PoolCreated(t0, t1, pool, _pools.length);
    }

    /// @inheritdoc IPoolFactory
    function getPool(address tokenA, address tokenB) external view returns (address) {
        return tokenA < tokenB ? _poolOf[tokenA][tokenB] : _poolOf[tokenB][tokenA];
    }

    /// @inheritdoc IPoolFactory
    function poolAt(uint256 index) external view returns (address) {
        return _pools[index];
    }

    /// @inheritdoc IPoolFactory
    function poolCount() external view returns (uint256) {
        return _pools.length;
    }
}
