// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Capital tokens and the collective pool (DS1)
/// @notice An ERC-20 (18 decimals) minted against the pool currency, an ERC-20 such as the Solar Token, which stays in
/// this contract as the collective pool. `buy` mints tokens at the price of `CapitalMath.buyCost`: the pool's balance
/// per token (never below the launch price) raised by the share of all tokens the buyer is acquiring. `sell` burns
/// tokens for their proportional share of the pool. Holders may also `burn` tokens, which leaves their share of the
/// pool to everyone else: that is how forfeited stakes are destroyed. The project registry, holding `SPENDER_ROLE`,
/// takes project budgets and rewards out of the pool; `fund` puts currency back (or in as a gift).
///
/// The pool balance is tracked, not read from the currency's `balanceOf`: currency sent here directly is not part of
/// the pool until someone passes it through `fund`. Currencies that take a fee on transfer are not supported.
interface ICapitalToken is IERC20 {
    /// @notice Thrown when an amount is zero.
    error ZeroAmount();
    /// @notice Thrown when a purchase would cost more than the buyer's maximum.
    error CostAboveMaximum(uint256 costWei, uint256 maxCostWei);
    /// @notice Thrown when a sale would pay less than the seller's minimum.
    error RefundBelowMinimum(uint256 refundWei, uint256 minRefundWei);
    /// @notice Thrown when a purchase would take the supply past `MAX_SUPPLY`.
    error SupplyCapExceeded(uint256 supply, uint256 cap);
    /// @notice Thrown when the pool would have to pay out more than it holds.
    error InsufficientPool(uint256 requestedWei, uint256 poolWei);
    /// @notice Thrown at deployment when the currency is the zero address or the launch price is zero.
    error InvalidConfiguration();

    /// @notice Emitted for each purchase, with the pool and supply after it.
    event Bought(address indexed buyer, uint256 tokens, uint256 costWei, uint256 poolWei, uint256 supply);
    /// @notice Emitted for each sale, with the pool and supply after it.
    event Sold(address indexed seller, uint256 tokens, uint256 refundWei, uint256 poolWei, uint256 supply);
    /// @notice Emitted when currency is put into the pool with `fund`.
    event PoolFunded(address indexed from, uint256 amountWei, uint256 poolWei);
    /// @notice Emitted when the registry takes currency out of the pool.
    event PoolSpent(address indexed spender, address indexed to, uint256 amountWei, uint256 poolWei);

    /// @notice Mints exactly `tokens` to the sender for at most `maxCostWei` of the currency (approve this contract
    /// first). Returns what it cost.
    function buy(uint256 tokens, uint256 maxCostWei) external returns (uint256 costWei);

    /// @notice Burns `tokens` of the sender's and pays them their share of the pool, at least `minRefundWei`.
    function sell(uint256 tokens, uint256 minRefundWei) external returns (uint256 refundWei);

    /// @notice Burns `tokens` of the sender's; the pool stays, so every other token's share grows.
    function burn(uint256 tokens) external;

    /// @notice Adds `amountWei` of the sender's currency to the pool (approve this contract first).
    function fund(uint256 amountWei) external;

    /// @notice Pays `amountWei` of the pool to `to`; only `SPENDER_ROLE` (the project registry).
    function spend(address to, uint256 amountWei) external;

    /// @notice What `buy(tokens, …)` would cost now.
    function quoteBuy(uint256 tokens) external view returns (uint256 costWei);

    /// @notice What `sell(tokens, …)` would pay now.
    function quoteSell(uint256 tokens) external view returns (uint256 refundWei);

    /// @notice The collective pool: currency base units held for the token holders.
    function poolBalance() external view returns (uint256);

    /// @notice The pool currency.
    function currency() external view returns (IERC20);

    /// @notice The lowest balance per whole token a purchase is priced at, in currency base units.
    function floorPriceWeiPerToken() external view returns (uint256);
}
