// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The initial sale of Solar Tokens (DX10)
/// @notice Sells one fixed tranche at one fixed price until a deadline; proceeds go to the treasury.
interface ISolarTokenSale {
    /// @notice Thrown when a purchase arrives after the sale's deadline.
    error SaleClosed(uint64 deadline, uint256 timestamp);
    /// @notice Thrown when unsold tokens are reclaimed before the deadline.
    error SaleStillOpen(uint64 deadline, uint256 timestamp);
    /// @notice Thrown when the payment buys less than one base unit of Solar Token.
    error PaymentTooSmall(uint256 paidWei, uint256 priceWeiPerToken);
    /// @notice Thrown when a purchase asks for more than is left of the tranche.
    error TrancheExceeded(uint256 requestedTokenWei, uint256 remainingTokenWei);
    /// @notice Thrown when there is nothing to forward to the treasury.
    error NothingToWithdraw();
    /// @notice Thrown when a constructor parameter is zero or otherwise unusable.
    error InvalidSaleParameter(string name);

    /// @notice Emitted when a buyer pays ether for Solar Tokens.
    event TokensPurchased(address indexed buyer, uint256 paidWei, uint256 tokenWei);
    /// @notice Emitted when collected ether is forwarded to the treasury.
    event ProceedsWithdrawn(address indexed treasury, uint256 amountWei);
    /// @notice Emitted when tokens left unsold after the deadline go back to the treasury.
    event UnsoldReclaimed(address indexed treasury, uint256 tokenWei);

    /// @notice Buys Solar Tokens with the ether sent, at the fixed price, rounded down in the treasury's favour.
    /// @return tokenWei Solar Token base units bought.
    function buy() external payable returns (uint256 tokenWei);

    /// @notice Forwards all collected ether to the treasury. Anyone may call it.
    function withdrawProceeds() external;

    /// @notice After the deadline, returns every unsold token to the treasury. Anyone may call it.
    function reclaimUnsold() external;

    /// @notice Solar Token base units still for sale.
    function remainingTokenWei() external view returns (uint256);
}
