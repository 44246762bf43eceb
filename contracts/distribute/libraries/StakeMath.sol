// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title The Distribute Protocol's stake arithmetic (DS3–DS7)
/// @notice Bars and collateral round up (the protocol asks for at least the exact figure), payments and rewards round
/// down (it never pays more than the exact figure). Tokens and reputation are different units, so wherever the two
/// are weighed together each counts as its proportion of a total: a holder of 30% of the tokens and 10% of the
/// reputation in question weighs `(30% + 10%) / 2 = 20%`. A kind of which the total is zero is left out.
library StakeMath {
    /// @notice Basis points in one whole.
    uint256 internal constant BPS = 10_000;
    /// @notice The proposer's collateral: 5% of the cost, in tokens or reputation (DS3).
    uint256 internal constant COLLATERAL_BPS = 500;
    /// @notice The proposer's reward when the project is staked: 1% of the cost (DS4).
    uint256 internal constant PROPOSER_REWARD_BPS = 100;
    /// @notice The stakers' reward when the project completes: 1% of the cost, shared by weighted stake (DS8).
    uint256 internal constant STAKER_REWARD_BPS = 100;
    /// @notice A project completes when the weightings of its validated tasks sum to more than this (DS8).
    uint256 internal constant COMPLETION_BPS = 5_000;
    /// @notice Validation slots per side (DS6).
    uint256 internal constant VALIDATION_SLOTS = 5;

    /// @notice The stake a project of `costWei` needs of a kind of which `supply` exist, when the pool holds
    /// `poolWei`: `ceil(supply × costWei / poolWei)`, the same share of the kind as the cost is of the pool.
    function bar(uint256 supply, uint256 costWei, uint256 poolWei) internal pure returns (uint256) {
        return Math.mulDiv(supply, costWei, poolWei, Math.Rounding.Ceil);
    }

    /// @notice The proposer's collateral in a kind of which `supply` exist: `ceil(supply × costWei × 5% / poolWei)`.
    /// In tokens that is 5% of the cost at the pool's balance per token; in reputation, 5% of the reputation bar.
    function collateral(uint256 supply, uint256 costWei, uint256 poolWei) internal pure returns (uint256) {
        return Math.mulDiv(supply, costWei * COLLATERAL_BPS, poolWei * BPS, Math.Rounding.Ceil);
    }

    /// @notice `bps` of `amount`, **rounded down**: rewards and task payments.
    function portion(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return amount * bps / BPS;
    }

    /// @notice The reputation a task needs posted: `ceil(reputationStaked × weightingBps / 10,000)` (DS5).
    function requisite(uint256 reputationStaked, uint256 weightingBps) internal pure returns (uint256) {
        return Math.mulDiv(reputationStaked, weightingBps, BPS, Math.Rounding.Ceil);
    }

    /// @notice The weight of `tokens` and `reputation` against totals `tokenTotal` and `reputationTotal`, scaled by
    /// the common denominator: `tokens × reputationTotal + reputation × tokenTotal` (or just the one kind when the
    /// other's total is zero). Comparable between holdings against the same totals. Expects inputs below 2^112.
    function score(uint256 tokens, uint256 reputation, uint256 tokenTotal, uint256 reputationTotal)
        internal
        pure
        returns (uint256)
    {
        if (reputationTotal == 0) return tokens;
        if (tokenTotal == 0) return reputation;
        return tokens * reputationTotal + reputation * tokenTotal;
    }

    /// @notice The score of holding everything: what `score` of the totals themselves, halved for the mean, divides.
    function fullScore(uint256 tokenTotal, uint256 reputationTotal) internal pure returns (uint256) {
        if (reputationTotal == 0) return tokenTotal;
        if (tokenTotal == 0) return reputationTotal;
        return 2 * tokenTotal * reputationTotal;
    }

    /// @notice A staker's part of `rewardWei`, **rounded down**: the reward times their weighted share of the stake.
    function rewardShare(
        uint256 rewardWei,
        uint256 tokens,
        uint256 reputation,
        uint256 tokenTotal,
        uint256 reputationTotal
    ) internal pure returns (uint256) {
        uint256 whole = fullScore(tokenTotal, reputationTotal);
        if (whole == 0) return 0;
        return Math.mulDiv(rewardWei, score(tokens, reputation, tokenTotal, reputationTotal), whole);
    }

    /// @notice Whether a vote carries: the approving side's score is strictly above the rejecting side's (a simple
    /// majority of the mean of the token share and the reputation share). A tie, or no vote at all, rejects.
    function approved(uint256 tokensFor, uint256 reputationFor, uint256 tokensAgainst, uint256 reputationAgainst)
        internal
        pure
        returns (bool)
    {
        uint256 tokenTotal = tokensFor + tokensAgainst;
        uint256 reputationTotal = reputationFor + reputationAgainst;
        return score(tokensFor, reputationFor, tokenTotal, reputationTotal)
            > score(tokensAgainst, reputationAgainst, tokenTotal, reputationTotal);
    }

    /// @notice The weight of validation slot `slot` (0 is the earliest): 5, 4, 3, 2, 1.
    function slotWeight(uint256 slot) internal pure returns (uint256) {
        return VALIDATION_SLOTS - slot;
    }

    /// @notice The winning validator in slot `slot`'s part of the losers' stakes when `filled` winning slots are
    /// taken: `floor(losersStake × slotWeight(slot) / (sum of the filled slots' weights))`. With all five taken that
    /// is 5/15, 4/15, 3/15, 2/15 and 1/15; open slots' parts are shared among the filled ones in the same
    /// proportions. Expects `slot < filled <= 5`.
    function validatorShare(uint256 losersStake, uint256 slot, uint256 filled) internal pure returns (uint256) {
        // The first `filled` weights sum to filled × (11 − filled) / 2: 5, 9, 12, 14, 15.
        uint256 weights = filled * (2 * VALIDATION_SLOTS + 1 - filled) / 2;
        return losersStake * slotWeight(slot) / weights;
    }
}
