// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The split of a payment's reward between the operator, the liquidity pool and the DAO vault (MX5)
/// @notice The pool's and the vault's parts are their basis points of the total, each rounded down; the operator gets
/// the rest, rounding remainder included, so the three parts always add up to exactly the total.
library RewardSplit {
    /// @notice Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /// @notice Splits `total`; expects `poolBps + vaultBps <= BPS`.
    /// @return operatorPart `total - poolPart - vaultPart`, at least `total * (BPS - poolBps - vaultBps) / BPS`.
    /// @return poolPart `floor(total * poolBps / BPS)`.
    /// @return vaultPart `floor(total * vaultBps / BPS)`.
    function split(uint256 total, uint16 poolBps, uint16 vaultBps)
        internal
        pure
        returns (uint256 operatorPart, uint256 poolPart, uint256 vaultPart)
    {
        poolPart = total * poolBps / BPS;
        vaultPart = total * vaultBps / BPS;
        unchecked {
            // poolPart + vaultPart <= total * (poolBps + vaultBps) / BPS <= total, so neither step can underflow.
            operatorPart = total - poolPart - vaultPart;
        }
    }
}
