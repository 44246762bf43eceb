// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title How a generator's 10,000 ownership shares are split among its financiers (DX5)
/// @notice Each financier gets `floor(contribution * 10,000 / target)`; the few shares that rounding leaves over
/// (`dust`, always fewer than the number of financiers) go one each to the earliest financiers, by the order of their
/// first contribution. The total is exactly 10,000 and nobody is more than one share from exact pro rata.
/// @dev Both parts are computable per financier in O(1), which is what lets financing complete at a cost that does
/// not grow with the number of financiers: shares are handed out lazily, on each financier's first touch.
library ShareAllocation {
    /// @notice Every generator's share supply: 10,000 shares, each 0.01% of the generator.
    uint256 internal constant TOTAL_SHARES = 10_000;

    /// @notice Shares a contribution earns before the rounding remainder is handed out.
    function flooredShares(uint256 contributionWei, uint256 targetWei) internal pure returns (uint256) {
        return contributionWei * TOTAL_SHARES / targetWei;
    }

    /// @notice A financier's final share count.
    /// @param order The financier's 1-based position by first contribution (0: never contributed).
    /// @param dustShares `TOTAL_SHARES` minus the sum of every financier's floored shares.
    function sharesOf(uint256 contributionWei, uint256 order, uint256 targetWei, uint256 dustShares)
        internal
        pure
        returns (uint256)
    {
        if (order == 0) return 0;
        return flooredShares(contributionWei, targetWei) + (order <= dustShares ? 1 : 0);
    }
}
