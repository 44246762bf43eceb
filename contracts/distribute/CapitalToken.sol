// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICapitalToken} from "./ICapitalToken.sol";
import {CapitalMath} from "./libraries/CapitalMath.sol";

/// @title Capital tokens and the collective pool (DS1)
/// @notice See `ICapitalToken`.
contract CapitalToken is ERC20, AccessControl, ReentrancyGuardTransient, ICapitalToken {
    using SafeERC20 for IERC20;

    /// @notice The role allowed to `spend` the pool: the project registry.
    bytes32 public constant SPENDER_ROLE = keccak256("SPENDER_ROLE");
    /// @notice The most tokens that may exist, so that stakes pack into 112 bits.
    uint256 public constant MAX_SUPPLY = type(uint112).max;

    /// @inheritdoc ICapitalToken
    IERC20 public immutable currency;
    /// @inheritdoc ICapitalToken
    uint256 public immutable floorPriceWeiPerToken;
    /// @inheritdoc ICapitalToken
    uint256 public poolBalance;

    /// @param currency_ The pool currency.
    /// @param floorPriceWeiPerToken_ The launch price, and the lowest balance per token a purchase is priced at.
    /// @param admin Holds `DEFAULT_ADMIN_ROLE`, which grants `SPENDER_ROLE` to the registry.
    constructor(
        string memory name,
        string memory symbol,
        IERC20 currency_,
        uint256 floorPriceWeiPerToken_,
        address admin
    ) ERC20(name, symbol) {
        if (address(currency_) == address(0) || floorPriceWeiPerToken_ == 0) revert InvalidConfiguration();
        currency = currency_;
        floorPriceWeiPerToken = floorPriceWeiPerToken_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc ICapitalToken
    function buy(uint256 tokens, uint256 maxCostWei) external nonReentrant returns (uint256 costWei) {
        if (tokens == 0) revert ZeroAmount();
        uint256 supply = totalSupply();
        if (supply + tokens > MAX_SUPPLY) revert SupplyCapExceeded(supply + tokens, MAX_SUPPLY);
        uint256 pool = poolBalance;
        costWei = CapitalMath.buyCost(tokens, pool, supply, floorPriceWeiPerToken);
        if (costWei > maxCostWei) revert CostAboveMaximum(costWei, maxCostWei);
        poolBalance = pool + costWei;
        _mint(msg.sender, tokens);
        emit Bought(msg.sender, tokens, costWei, pool + costWei, supply + tokens);
        currency.safeTransferFrom(msg.sender, address(this), costWei);
    }

    /// @inheritdoc ICapitalToken
    function sell(uint256 tokens, uint256 minRefundWei) external nonReentrant returns (uint256 refundWei) {
        if (tokens == 0) revert ZeroAmount();
        uint256 supply = totalSupply();
        uint256 pool = poolBalance;
        _burn(msg.sender, tokens); // reverts with ERC20InsufficientBalance beyond the seller's tokens
        refundWei = CapitalMath.sellRefund(tokens, pool, supply);
        if (refundWei < minRefundWei) revert RefundBelowMinimum(refundWei, minRefundWei);
        unchecked {
            // tokens <= supply (the burn succeeded), so the refund is at most the pool.
            poolBalance = pool - refundWei;
            emit Sold(msg.sender, tokens, refundWei, pool - refundWei, supply - tokens);
        }
        if (refundWei != 0) currency.safeTransfer(msg.sender, refundWei);
    }

    /// @inheritdoc ICapitalToken
    function burn(uint256 tokens) external {
        _burn(msg.sender, tokens);
    }

    /// @inheritdoc ICapitalToken
    function fund(uint256 amountWei) external nonReentrant {
        if (amountWei == 0) revert ZeroAmount();
        uint256 pool = poolBalance + amountWei;
        poolBalance = pool;
        emit PoolFunded(msg.sender, amountWei, pool);
        currency.safeTransferFrom(msg.sender, address(this), amountWei);
    }

    /// @inheritdoc ICapitalToken
    function spend(address to, uint256 amountWei) external nonReentrant onlyRole(SPENDER_ROLE) {
        uint256 pool = poolBalance;
        if (amountWei > pool) revert InsufficientPool(amountWei, pool);
        unchecked {
            // Checked just above.
            pool -= amountWei;
        }
        poolBalance = pool;
        emit PoolSpent(msg.sender, to, amountWei, pool);
        currency.safeTransfer(to, amountWei);
    }

    /// @inheritdoc ICapitalToken
    function quoteBuy(uint256 tokens) external view returns (uint256) {
        if (tokens == 0) revert ZeroAmount();
        uint256 supply = totalSupply();
        if (supply + tokens > MAX_SUPPLY) revert SupplyCapExceeded(supply + tokens, MAX_SUPPLY);
        return CapitalMath.buyCost(tokens, poolBalance, supply, floorPriceWeiPerToken);
    }

    /// @inheritdoc ICapitalToken
    function quoteSell(uint256 tokens) external view returns (uint256) {
        uint256 supply = totalSupply();
        if (tokens == 0) revert ZeroAmount();
        if (tokens > supply) revert ERC20InsufficientBalance(address(0), supply, tokens);
        return CapitalMath.sellRefund(tokens, poolBalance, supply);
    }
}
