// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title The capital tokens' price (DS1)
/// @notice Buying `n` tokens when `S` exist and the pool holds `P` costs `n × p × (S + 2n) / (S + n)`, where `p` is the
/// pool's balance per token, `P / S`, or the launch price when that is higher (or no token exists yet). The factor
/// `(S + 2n) / (S + n)` is `1 + n / (S + n)`: one plus the share of all tokens the buyer is acquiring, so a buyer
/// taking a tenth of the market pays 10% over the balance per token and one taking all of it pays double. Selling
/// `m` tokens pays `m × P / S`, a proportional share of the pool. Every purchase therefore raises the balance per
/// token for those already holding, and a purchase sold straight back loses its premium to them.
///
/// Every rounding favours the pool: what a buyer pays rounds up (at each of the two steps), what a seller receives
/// rounds down. See contracts/distribute/README.md for a worked example.
library CapitalMath {
    /// @notice One whole token in base units (18 decimals): prices are in pool-currency base units per whole token.
    uint256 internal constant ONE_TOKEN = 1e18;

    /// @notice What buying `tokens` costs, **rounded up**: `ceil(ceil(tokens × p) × (supply + 2 tokens) / (supply +
    /// tokens))` with `p = poolWei / supply` or, when that is below it or `supply` is 0, `floorPriceWeiPerToken /
    /// 10^18`. Expects every argument below 2^128 and `tokens > 0`.
    function buyCost(uint256 tokens, uint256 poolWei, uint256 supply, uint256 floorPriceWeiPerToken)
        internal
        pure
        returns (uint256)
    {
        uint256 baseWei = usesFloorPrice(poolWei, supply, floorPriceWeiPerToken)
            ? Math.mulDiv(tokens, floorPriceWeiPerToken, ONE_TOKEN, Math.Rounding.Ceil)
            : Math.mulDiv(tokens, poolWei, supply, Math.Rounding.Ceil);
        return Math.mulDiv(baseWei, supply + 2 * tokens, supply + tokens, Math.Rounding.Ceil);
    }

    /// @notice What selling `tokens` of `supply` pays out of `poolWei`: `floor(tokens × poolWei / supply)`, **rounded
    /// down**. Expects `tokens <= supply` and `supply > 0`.
    function sellRefund(uint256 tokens, uint256 poolWei, uint256 supply) internal pure returns (uint256) {
        return Math.mulDiv(tokens, poolWei, supply);
    }

    /// @notice Whether the launch price applies: no token exists, or the pool holds less per token than it.
    function usesFloorPrice(uint256 poolWei, uint256 supply, uint256 floorPriceWeiPerToken)
        internal
        pure
        returns (bool)
    {
        return supply == 0 || poolWei * ONE_TOKEN < floorPriceWeiPerToken * supply;
    }
}
