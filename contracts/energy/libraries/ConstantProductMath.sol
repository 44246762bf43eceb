// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title The constant-product pool's arithmetic (MX6)
/// @notice Every division rounds in the pool's favour, so that rounding can only leave value in the pool: what a
/// trader or a liquidity provider takes out rounds down, what they must bring in rounds up.
library ConstantProductMath {
    /// @notice The fee: 3 parts in 1,000 (0.3%) of what comes in stays in the pool for the liquidity providers.
    uint256 internal constant FEE_DENOMINATOR = 1000;
    /// @notice What counts towards the price after the fee: 997 parts in 1,000.
    uint256 internal constant AMOUNT_AFTER_FEE = 997;

    /// @notice What a swap of `amountIn` pays out: `floor(amountIn * 997 * reserveOut / (reserveIn * 1000 + amountIn
    /// * 997))`, **rounded down**. Always below `reserveOut`, and the product of the reserves after the swap is at
    /// least the product before. Expects every argument below 2^112, so nothing overflows.
    function amountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) internal pure returns (uint256) {
        uint256 inAfterFee = amountIn * AMOUNT_AFTER_FEE;
        return inAfterFee * reserveOut / (reserveIn * FEE_DENOMINATOR + inAfterFee);
    }

    /// @notice The first deposit's shares before the locked minimum is taken off: `floor(sqrt(amount0 * amount1))`,
    /// **rounded down**.
    function initialShares(uint256 amount0, uint256 amount1) internal pure returns (uint256) {
        return Math.sqrt(amount0 * amount1);
    }

    /// @notice What a deposit of at most `desired0` and `desired1` takes, in the pool's proportion: all of one side
    /// and, of the other, the proportional amount **rounded up**, `ceil(desired0 * reserve1 / reserve0)` or
    /// `ceil(desired1 * reserve0 / reserve1)`, whichever fits within what the depositor offered.
    function depositAmounts(uint256 desired0, uint256 desired1, uint256 reserve0, uint256 reserve1)
        internal
        pure
        returns (uint256 amount0, uint256 amount1)
    {
        uint256 optimal1 = Math.mulDiv(desired0, reserve1, reserve0, Math.Rounding.Ceil);
        if (optimal1 <= desired1) return (desired0, optimal1);
        // optimal1 > desired1 means desired1 * reserve0 / reserve1 < desired0, so this is at most desired0.
        return (Math.mulDiv(desired1, reserve0, reserve1, Math.Rounding.Ceil), desired1);
    }

    /// @notice The shares a proportional deposit earns: `min(floor(amount0 * supply / reserve0), floor(amount1 *
    /// supply / reserve1))`, each **rounded down**.
    function sharesFor(uint256 amount0, uint256 amount1, uint256 reserve0, uint256 reserve1, uint256 supply)
        internal
        pure
        returns (uint256)
    {
        return Math.min(Math.mulDiv(amount0, supply, reserve0), Math.mulDiv(amount1, supply, reserve1));
    }

    /// @notice What `shares` of `supply` redeem of a reserve: `floor(shares * reserve / supply)`, **rounded down**.
    function redeemed(uint256 shares, uint256 reserve, uint256 supply) internal pure returns (uint256) {
        return Math.mulDiv(shares, reserve, supply);
    }
}
