// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IConstantProductPool} from "./IConstantProductPool.sol";
import {ConstantProductMath} from "./libraries/ConstantProductMath.sol";

/// @title A constant-product liquidity pool between two ERC-20 tokens (MX6)
/// @notice See `IConstantProductPool`. Created by `PoolFactory`, one per pair.
/// @dev Follows Uniswap v2's pool (0.3% fee, 1,000 shares locked at the first deposit against share-price
/// inflation, uint112 reserves) with two departures: the pool pulls tokens with `transferFrom` in the same call
/// rather than expecting them sent beforehand, and the reserves are tracked rather than read back from balances
/// after each transfer. Both keep a swap to one storage read and one write of the reserves.
contract ConstantProductPool is ERC20, ReentrancyGuardTransient, IConstantProductPool {
    using SafeERC20 for IERC20;

    /// @notice Shares locked for ever at the first deposit, held by `0x…dEaD`.
    uint256 public constant MINIMUM_LIQUIDITY = 1000;
    address private constant LOCKED_SHARES_HOLDER = 0x000000000000000000000000000000000000dEaD;

    /// @notice The pool's first token (the lower address).
    IERC20 public immutable token0;
    /// @notice The pool's second token (the higher address).
    IERC20 public immutable token1;
    /// @notice The contract that created the pool.
    address public immutable factory;

    uint112 private _reserve0;
    uint112 private _reserve1;

    /// @param tokenA One of the pair's tokens; the order does not matter.
    /// @param tokenB The other.
    constructor(IERC20 tokenA, IERC20 tokenB) ERC20("D-REX Pool Share", "DREX-LP") {
        if (address(tokenA) == address(tokenB) || address(tokenA) == address(0) || address(tokenB) == address(0)) {
            revert InvalidPair(address(tokenA), address(tokenB));
        }
        (token0, token1) = address(tokenA) < address(tokenB) ? (tokenA, tokenB) : (tokenB, tokenA);
        factory = msg.sender;
    }

    modifier beforeDeadline(uint256 deadline) {
        if (block.timestamp > deadline) revert Expired(deadline, block.timestamp);
        _;
    }

    // ---------------------------------------------------------------- liquidity

    /// @inheritdoc IConstantProductPool
    function addLiquidity(
        uint256 amount0Desired,
        uint256 amount1Desired,
        uint256 amount0Min,
        uint256 amount1Min,
        address to,
        uint256 deadline
    ) external nonReentrant beforeDeadline(deadline) returns (uint256 amount0, uint256 amount1, uint256 shares) {
        (uint256 r0, uint256 r1) = (_reserve0, _reserve1);
        uint256 supply = totalSupply();
        if (supply == 0) {
            (amount0, amount1) = (amount0Desired, amount1Desired);
            _checkFits(r0 + amount0, r1 + amount1);
            shares = ConstantProductMath.initialShares(amount0, amount1);
            if (shares <= MINIMUM_LIQUIDITY) revert InsufficientLiquidityMinted(shares);
            unchecked {
                // shares > MINIMUM_LIQUIDITY was checked just above.
                shares -= MINIMUM_LIQUIDITY;
            }
            _mint(LOCKED_SHARES_HOLDER, MINIMUM_LIQUIDITY);
        } else {
            (amount0, amount1) = ConstantProductMath.depositAmounts(amount0Desired, amount1Desired, r0, r1);
            _checkFits(r0 + amount0, r1 + amount1);
            shares = ConstantProductMath.sharesFor(amount0, amount1, r0, r1, supply);
            if (shares == 0) revert InsufficientLiquidityMinted(0);
        }
        if (amount0 < amount0Min) revert InsufficientAmount(address(token0), amount0, amount0Min);
        if (amount1 < amount1Min) revert InsufficientAmount(address(token1), amount1, amount1Min);
        // Both sums fit in uint112 (checked above).
        (_reserve0, _reserve1) = (uint112(r0 + amount0), uint112(r1 + amount1));
        _mint(to, shares);
        emit LiquidityAdded(msg.sender, to, amount0, amount1, shares);
        token0.safeTransferFrom(msg.sender, address(this), amount0);
        token1.safeTransferFrom(msg.sender, address(this), amount1);
    }

    /// @inheritdoc IConstantProductPool
    function removeLiquidity(uint256 shares, uint256 amount0Min, uint256 amount1Min, address to, uint256 deadline)
        external
        nonReentrant
        beforeDeadline(deadline)
        returns (uint256 amount0, uint256 amount1)
    {
        if (shares == 0) revert ZeroAmount();
        (uint256 r0, uint256 r1) = (_reserve0, _reserve1);
        uint256 supply = totalSupply();
        amount0 = ConstantProductMath.redeemed(shares, r0, supply);
        amount1 = ConstantProductMath.redeemed(shares, r1, supply);
        if (amount0 < amount0Min) revert InsufficientAmount(address(token0), amount0, amount0Min);
        if (amount1 < amount1Min) revert InsufficientAmount(address(token1), amount1, amount1Min);
        _burn(msg.sender, shares); // reverts with ERC20InsufficientBalance beyond the sender's shares
        unchecked {
            // shares <= supply (the burn succeeded), so each amount is at most its reserve.
            (_reserve0, _reserve1) = (uint112(r0 - amount0), uint112(r1 - amount1));
        }
        emit LiquidityRemoved(msg.sender, to, amount0, amount1, shares);
        if (amount0 != 0) token0.safeTransfer(to, amount0);
        if (amount1 != 0) token1.safeTransfer(to, amount1);
    }

    // ---------------------------------------------------------------- swaps

    /// @inheritdoc IConstantProductPool
    function swapExactIn(address tokenIn, uint256 amountIn, uint256 minAmountOut, address to, uint256 deadline)
        external
        nonReentrant
        beforeDeadline(deadline)
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert ZeroAmount();
        bool zeroForOne = tokenIn == address(token0);
        if (!zeroForOne && tokenIn != address(token1)) revert UnknownToken(tokenIn);
        uint112 r0;
        uint112 r1;
        (amountOut, r0, r1) = _applySwap(zeroForOne, amountIn);
        if (amountOut == 0 || amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
        emit Swap(msg.sender, tokenIn, to, amountIn, amountOut, r0, r1);
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        (zeroForOne ? token1 : token0).safeTransfer(to, amountOut);
    }

    /// @inheritdoc IConstantProductPool
    function sync() external nonReentrant {
        uint256 b0 = token0.balanceOf(address(this));
        uint256 b1 = token1.balanceOf(address(this));
        _checkFits(b0, b1);
        (_reserve0, _reserve1) = (uint112(b0), uint112(b1));
        emit Sync(uint112(b0), uint112(b1));
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IConstantProductPool
    function quoteExactIn(address tokenIn, uint256 amountIn) external view returns (uint256) {
        (uint256 r0, uint256 r1) = (_reserve0, _reserve1);
        if (tokenIn == address(token0)) return _quote(amountIn, r0, r1);
        if (tokenIn == address(token1)) return _quote(amountIn, r1, r0);
        revert UnknownToken(tokenIn);
    }

    /// @inheritdoc IConstantProductPool
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1) {
        return (_reserve0, _reserve1);
    }

    /// @dev Prices the swap and writes the new reserves; the caller reverts if the output is short.
    function _applySwap(bool zeroForOne, uint256 amountIn) private returns (uint256 out, uint112 r0, uint112 r1) {
        (r0, r1) = (_reserve0, _reserve1);
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 newReserveIn = reserveIn + amountIn;
        if (newReserveIn > type(uint112).max) revert ReserveOverflow(newReserveIn);
        out = ConstantProductMath.amountOut(amountIn, reserveIn, reserveOut);
        uint112 newReserveOut;
        unchecked {
            // out < reserveOut always (see ConstantProductMath.amountOut), or both are 0 on an empty pool.
            newReserveOut = uint112(reserveOut - out);
        }
        (r0, r1) = zeroForOne ? (uint112(newReserveIn), newReserveOut) : (newReserveOut, uint112(newReserveIn));
        (_reserve0, _reserve1) = (r0, r1);
    }

    function _quote(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) private pure returns (uint256) {
        if (reserveIn + amountIn > type(uint112).max) revert ReserveOverflow(reserveIn + amountIn);
        return ConstantProductMath.amountOut(amountIn, reserveIn, reserveOut);
    }

    function _checkFits(uint256 reserve0, uint256 reserve1) private pure {
        if (reserve0 > type(uint112).max) revert ReserveOverflow(reserve0);
        if (reserve1 > type(uint112).max) revert ReserveOverflow(reserve1);
    }
}
