// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The stake-weighted price vote of a generator (DX6)
/// @notice The price is the average of the prices the voting owners asked for, each weighted by the shares the voter
/// holds now. Owners who did not vote have no say; with no votes the price is 0 and the generator runs for free.
/// @dev The running sums move with every vote and share transfer, so reading the price is O(1).
library PriceVote {
    /// @notice The average, rounded down (in the buyer's favour); 0 when no shares are voting.
    function average(uint256 weightedPriceSum, uint256 votingShares) internal pure returns (uint256) {
        return votingShares == 0 ? 0 : weightedPriceSum / votingShares;
    }
}
