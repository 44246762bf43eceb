// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title A constant-product liquidity pool between two ERC-20 tokens (MX6)
/// @notice Liquidity providers deposit both tokens in the pool's proportion and receive shares (this contract is
/// their ERC-20); anyone swaps one token for the other at the constant-product price, paying a 0.3% fee that stays
/// in the pool, so the providers earn it when they redeem. Every operation takes a deadline and a minimum the sender
/// accepts. Every rounding favours the pool (see `ConstantProductMath`): the product of the reserves never falls
/// across a swap, and shares never redeem for more than their part.
///
/// The pool pulls what comes in with `transferFrom` (approve it first) and tracks its reserves itself: tokens that
/// take a fee on transfer or change balances on their own are not supported. Tokens sent to the pool directly (the
/// liquidity pool's part of a payment's reward, for instance) are a gift to the liquidity providers once anyone calls
/// `sync`.
interface IConstantProductPool is IERC20 {
    /// @notice Thrown when a transaction arrives after its deadline.
    error Expired(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when a swap's token is neither of the pool's.
    error UnknownToken(address token);
    /// @notice Thrown when an amount is zero.
    error ZeroAmount();
    /// @notice Thrown when a swap would pay out nothing or less than the sender's minimum.
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    /// @notice Thrown when a deposit or withdrawal moves less of a token than the sender's minimum.
    error InsufficientAmount(address token, uint256 amount, uint256 minAmount);
    /// @notice Thrown when a deposit would earn no shares (or, the first, no more than the locked minimum).
    error InsufficientLiquidityMinted(uint256 shares);
    /// @notice Thrown when a reserve would pass 2^112 - 1.
    error ReserveOverflow(uint256 reserve);
    /// @notice Thrown when a pool is created with the same token twice or with the zero address.
    error InvalidPair(address token0, address token1);

    /// @notice Emitted for each deposit.
    event LiquidityAdded(
        address indexed provider, address indexed to, uint256 amount0, uint256 amount1, uint256 shares
    );
    /// @notice Emitted for each withdrawal.
    event LiquidityRemoved(
        address indexed provider, address indexed to, uint256 amount0, uint256 amount1, uint256 shares
    );
    /// @notice Emitted for each swap, with the reserves after it.
    event Swap(
        address indexed sender,
        address indexed tokenIn,
        address indexed to,
        uint256 amountIn,
        uint256 amountOut,
        uint112 reserve0,
        uint112 reserve1
    );
    /// @notice Emitted when `sync` sets the reserves to the balances.
    event Sync(uint112 reserve0, uint112 reserve1);

    /// @notice Deposits both tokens in the pool's proportion, taking at most the desired amounts and at least the
    /// minimums, and mints shares to `to`. The first deposit sets the price and locks 1,000 shares for ever.
    function addLiquidity(
        uint256 amount0Desired,
        uint256 amount1Desired,
        uint256 amount0Min,
        uint256 amount1Min,
        address to,
        uint256 deadline
    ) external returns (uint256 amount0, uint256 amount1, uint256 shares);

    /// @notice Burns the sender's `shares` and sends `to` their part of both reserves, rounded down.
    function removeLiquidity(uint256 shares, uint256 amount0Min, uint256 amount1Min, address to, uint256 deadline)
        external
        returns (uint256 amount0, uint256 amount1);

    /// @notice Swaps exactly `amountIn` of `tokenIn` for at least `minAmountOut` of the other token, sent to `to`.
    function swapExactIn(address tokenIn, uint256 amountIn, uint256 minAmountOut, address to, uint256 deadline)
        external
        returns (uint256 amountOut);

    /// @notice Sets the reserves to the pool's balances, so tokens sent to it directly go to the providers.
    function sync() external;

    /// @notice What `swapExactIn` would pay out now for `amountIn` of `tokenIn`.
    function quoteExactIn(address tokenIn, uint256 amountIn) external view returns (uint256 amountOut);

    /// @notice The reserves of token0 and token1.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1);

    /// @notice The pool's first token (the lower address).
    function token0() external view returns (IERC20);

    /// @notice The pool's second token (the higher address).
    function token1() external view returns (IERC20);

    /// @notice The contract that created the pool.
    function factory() external view returns (address);
}
