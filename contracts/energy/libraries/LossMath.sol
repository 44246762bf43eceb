// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Transmission loss between what a device sent and what a storage node received (MX3)
library LossMath {
    /// @notice Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /// @notice Whether `lossWh` of `sentWh` is above `maxLossBps` basis points. Compared as `lossWh * 10,000 >
    /// sentWh * maxLossBps`, exactly, without dividing: a loss right at the limit is not above it.
    function exceedsMaxLoss(uint256 lossWh, uint256 sentWh, uint256 maxLossBps) internal pure returns (bool) {
        return lossWh * BPS > sentWh * maxLossBps;
    }

    /// @notice The loss as basis points of the energy sent, rounded up, so a loss shown at the limit is never above
    /// it. 0 when nothing was sent.
    function lossBps(uint256 lossWh, uint256 sentWh) internal pure returns (uint256) {
        if (sentWh == 0) return 0;
        return (lossWh * BPS + sentWh - 1) / sentWh;
    }
}
