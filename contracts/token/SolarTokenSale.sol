// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISolarTokenSale} from "./ISolarTokenSale.sol";

/// @title The initial sale of Solar Tokens (DX10)
/// @notice Holds a tranche of Solar Tokens and sells it at `priceWeiPerToken` ether-wei per whole token
/// (10^18 base units) until `deadline`. Fund it by minting or transferring the tranche to this contract.
/// @dev Proceeds are pulled to the treasury by `withdrawProceeds` rather than pushed on every purchase, so a
/// treasury that rejects ether can never block buyers.
contract SolarTokenSale is ISolarTokenSale, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant TOKEN_UNIT = 1e18;

    IERC20 public immutable token;
    address public immutable treasury;
    uint256 public immutable priceWeiPerToken;
    uint256 public immutable trancheTokenWei;
    uint64 public immutable deadline;

    /// @notice Solar Token base units sold so far.
    uint256 public soldTokenWei;

    constructor(IERC20 token_, address treasury_, uint256 priceWeiPerToken_, uint256 trancheTokenWei_, uint64 deadline_) {
        if (address(token_) == address(0)) revert InvalidSaleParameter("token");
        if (treasury_ == address(0)) revert InvalidSaleParameter("treasury");
        if (priceWeiPerToken_ == 0) revert InvalidSaleParameter("priceWeiPerToken");
        if (trancheTokenWei_ == 0) revert InvalidSaleParameter("trancheTokenWei");
        if (deadline_ <= block.timestamp) revert InvalidSaleParameter("deadline");
        token = token_;
        treasury = treasury_;
        priceWeiPerToken = priceWeiPerToken_;
        trancheTokenWei = trancheTokenWei_;
        deadline = deadline_;
    }

    /// @inheritdoc ISolarTokenSale
    function buy() external payable nonReentrant returns (uint256 tokenWei) {
        if (block.timestamp > deadline) revert SaleClosed(deadline, block.timestamp);
        tokenWei = msg.value * TOKEN_UNIT / priceWeiPerToken;
        if (tokenWei == 0) revert PaymentTooSmall(msg.value, priceWeiPerToken);
        uint256 remaining = trancheTokenWei - soldTokenWei;
        if (tokenWei > remaining) revert TrancheExceeded(tokenWei, remaining);
        soldTokenWei += tokenWei;
        emit TokensPurchased(msg.sender, msg.value, tokenWei);
        token.safeTransfer(msg.sender, tokenWei);
    }

    /// @inheritdoc ISolarTokenSale
    function withdrawProceeds() external nonReentrant {
        uint256 amountWei = address(this).balance;
        if (amountWei == 0) revert NothingToWithdraw();
        emit ProceedsWithdrawn(treasury, amountWei);
        Address.sendValue(payable(treasury), amountWei);
    }

    /// @inheritdoc ISolarTokenSale
    function reclaimUnsold() external nonReentrant {
        if (block.timestamp <= deadline) revert SaleStillOpen(deadline, block.timestamp);
        uint256 tokenWei = token.balanceOf(address(this));
        if (tokenWei == 0) revert NothingToWithdraw();
        emit UnsoldReclaimed(treasury, tokenWei);
        token.safeTransfer(treasury, tokenWei);
    }

    /// @inheritdoc ISolarTokenSale
    function remainingTokenWei() external view returns (uint256) {
        return trancheTokenWei - soldTokenWei;
    }
}
