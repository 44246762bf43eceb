// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title A D-REX generator: its ownership shares, price vote, activation, energy sales and revenue (DX5–DX9)
/// @notice Each generator is its own contract and an ERC-20 of exactly 10,000 ownership shares (0 decimals, so one
/// share is 0.01%). Until the requesting consumer activates it, only two things happen: owners vote the price and the
/// provider registers the device key. Activation is the consumer's first transaction with an initial Solar Token;
/// afterwards anyone may buy energy, every payment goes to the owners pro rata, and only the device key reports usage.
interface IGenerator is IERC20Metadata {
    /// @notice The generator's lifecycle.
    enum Phase {
        Pending, // awaiting activation by the requesting consumer
        Active, // activated: energy on sale
        Failed // not activated in time: financiers take their money back through the marketplace
    }

    /// @notice Everything a screen shows about a generator, in one read.
    struct GeneratorState {
        Phase phase;
        uint256 requestId;
        address marketplace;
        address token;
        address requester;
        address provider;
        address deviceKey;
        uint64 activatedAt;
        uint256 escrowWei; // the installation cost financed
        uint256 priceWeiPerUnit; // getAvg()
        uint256 votingShares;
        uint256 cumulativeRevenueWei; // every payment ever received
        uint256 unitsSold;
        uint256 deliveredMilliUnits;
    }

    /// @notice Thrown when an action needs another phase.
    error WrongPhase(Phase phase, Phase required);
    /// @notice Thrown when someone other than the requesting consumer tries to activate the generator.
    error NotRequester(address caller, address requester);
    /// @notice Thrown when someone other than the winning provider registers the device key.
    error NotProvider(address caller, address provider);
    /// @notice Thrown when the device key is zero.
    error InvalidDeviceKey();
    /// @notice Thrown when activation is attempted before the provider has registered a device key.
    error DeviceKeyNotRegistered();
    /// @notice Thrown when activation carries no initial token.
    error InitialTokenRequired();
    /// @notice Thrown when usage is reported by anything but the registered device key.
    error NotDevice(address caller, address deviceKey);
    /// @notice Thrown when an account without shares votes.
    error NotAnOwner(address account);
    /// @notice Thrown when withdrawing a vote that was never cast.
    error NoVote(address account);
    /// @notice Thrown when a voted price is above `MAX_PRICE_WEI_PER_UNIT`.
    error PriceTooHigh(uint256 priceWeiPerUnit, uint256 maxPriceWeiPerUnit);
    /// @notice Thrown when a purchase asks for zero units or more than `MAX_UNITS_PER_PURCHASE`.
    error InvalidUnits(uint256 units, uint256 maxUnits);
    /// @notice Thrown when the price has risen above what the buyer agreed to pay.
    error PriceAboveLimit(uint256 priceWeiPerUnit, uint256 maxPriceWeiPerUnit);
    /// @notice Thrown when usage is zero or exceeds the consumer's credit.
    error InsufficientCredit(address consumer, uint256 creditMilliUnits, uint256 requestedMilliUnits);
    /// @notice Thrown when lifetime revenue would pass `MAX_CUMULATIVE_REVENUE_WEI`.
    error RevenueCapExceeded(uint256 cumulativeRevenueWei, uint256 paymentWei, uint256 maxCumulativeRevenueWei);
    /// @notice Thrown when an owner with nothing claimable claims.
    error NothingToClaim(address account);

    /// @notice Emitted when the provider registers (or, before activation, replaces) the device key.
    event DeviceRegistered(address indexed provider, address indexed deviceKey);
    /// @notice Emitted when the requesting consumer activates the generator.
    event Activated(address indexed consumer, uint256 initialTokenWei, address indexed provider, uint256 escrowWei);
    /// @notice Emitted when an owner votes a price, or changes their vote.
    event PriceVoted(address indexed owner, uint256 priceWeiPerUnit, uint256 averagePriceWeiPerUnit);
    /// @notice Emitted when an owner withdraws their vote, or loses it by transferring away every share.
    event VoteWithdrawn(address indexed owner, uint256 averagePriceWeiPerUnit);
    /// @notice Emitted for each purchase of energy.
    event EnergyPurchased(
        address indexed buyer, uint256 units, uint256 priceWeiPerUnit, uint256 costWei, uint256 creditMilliUnits
    );
    /// @notice Emitted when the device reports energy delivered to a consumer.
    event UsageReported(address indexed consumer, uint256 milliUnits, uint256 creditMilliUnits);
    /// @notice Emitted when a payment (a purchase or the activation token) is added to the owners' revenue.
    event RevenueReceived(address indexed payer, uint256 amountWei, uint256 cumulativeRevenueWei);
    /// @notice Emitted when an owner claims revenue.
    event RevenueClaimed(address indexed owner, uint256 amountWei);

    /// @notice Registers the key the installed device signs usage reports with; only the provider, before activation.
    function registerDevice(address deviceKey) external;

    /// @notice Activates the generator with an initial payment of `initialTokenWei` Solar Token base units (approved
    /// beforehand); only the requesting consumer, within the activation window. The payment is shared among the
    /// owners like any other revenue, and the escrowed installation cost goes to the provider.
    function activate(uint256 initialTokenWei) external;

    /// @notice Votes the price the sender wants per unit, in Solar Token base units; replaces an earlier vote.
    function votePrice(uint256 priceWeiPerUnit) external;

    /// @notice Withdraws the sender's vote: their shares stop counting towards the price.
    function withdrawVote() external;

    /// @notice Buys `units` whole units (kWh for electricity) at the current price, paid in approved Solar Tokens;
    /// reverts if the price is above `maxPriceWeiPerUnit`. Credits the buyer `units * 1000` milli-units (Wh).
    /// @return costWei What the buyer paid.
    function buyEnergy(uint256 units, uint256 maxPriceWeiPerUnit) external returns (uint256 costWei);

    /// @notice Draws down `consumer`'s credit by energy delivered; only the registered device key.
    function reportUsage(address consumer, uint256 milliUnits) external;

    /// @notice Pays the sender all the revenue they can claim.
    /// @return amountWei What was paid.
    function claimRevenue() external returns (uint256 amountWei);

    /// @notice Writes an account's share allocation from financing into storage; anyone may call it, and every
    /// action on the account does it first. Emits `Transfer(0, account, shares)` when there are shares.
    function materialize(address account) external;

    /// @notice The price per unit now: the stake-weighted average of the votes cast, 0 with no votes (DX6).
    function getAvg() external view returns (uint256 priceWeiPerUnit);

    /// @notice The generator's whole state (DX5–DX9), for dashboards.
    function state() external view returns (GeneratorState memory);

    /// @notice The generator's phase now.
    function phase() external view returns (Phase);

    /// @notice Revenue `account` can claim now.
    function claimableRevenue(address account) external view returns (uint256 amountWei);

    /// @notice Energy credit `account` has bought and not yet used, in milli-units (Wh for electricity).
    function creditOf(address account) external view returns (uint256 creditMilliUnits);

    /// @notice `account`'s vote: whether it voted and at what price.
    function voteOf(address account) external view returns (bool voted, uint256 priceWeiPerUnit);
}
