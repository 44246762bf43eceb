// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IDeviceRegistry} from "../energy/IDeviceRegistry.sol";
import {Usage} from "./UsageHash.sol";

/// @title A D-REX generator: its ownership shares, price vote, activation, energy sales and revenue (DX5–DX9)
/// @notice Each generator is its own contract and an ERC-20 of exactly 10,000 ownership shares (0 decimals, so one
/// share is 0.01%). Until the requesting consumer activates it, only two things happen: owners vote the price and the
/// provider registers the device. Activation is the consumer's first transaction with an initial Solar Token;
/// afterwards anyone may buy energy and every payment goes to the owners pro rata.
///
/// The device (DX8) is a measured-energy device (MX1): one the Technical DAO approved in the device registry, of kind
/// Generator, operated by the provider. Usage reaches the chain only as that device's signed usage readings (`Usage`):
/// anyone may relay one, and it counts only if the device's current key signed it while the device is active.
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
        uint256 deviceId; // the device in the device registry; 0 until registered
        address deviceKey; // the device's current key in the registry; zero until registered
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
    /// @notice Thrown when a device is needed but the marketplace has no device modules linked.
    error DeviceModulesNotLinked(address marketplace);
    /// @notice Thrown when a key belongs to no device in the device registry.
    error UnknownDeviceKey(address key);
    /// @notice Thrown when a key once belonged to a device that has since been given another key.
    error NotCurrentDeviceKey(uint256 deviceId, address deviceKey, address currentKey);
    /// @notice Thrown when the device is not of kind Generator.
    error NotAGeneratorDevice(uint256 deviceId, IDeviceRegistry.DeviceKind kind);
    /// @notice Thrown when the device is not active in the registry (applied, suspended, revoked or rejected).
    error DeviceNotActive(uint256 deviceId, IDeviceRegistry.DeviceStatus status);
    /// @notice Thrown when the device's operator in the registry is not the generator's provider.
    error DeviceNotProviders(uint256 deviceId, address operator, address provider);
    /// @notice Thrown when activation is attempted before the provider has registered a device.
    error DeviceKeyNotRegistered();
    /// @notice Thrown when activation carries no initial token.
    error InitialTokenRequired();
    /// @notice Thrown when a usage reading is not signed by the device's current key (`signer` is zero when the
    /// signature is malformed).
    error NotSignedByDevice(address signer, address deviceKey);
    /// @notice Thrown when a usage reading is dated after the current block.
    error UsageFromFuture(uint64 readAt, uint256 blockTimestamp);
    /// @notice Thrown when a usage reading is not after both the consumer's last one and the activation.
    error StaleUsage(address consumer, uint64 readAt, uint64 lastReadAt, uint64 activatedAt);
    /// @notice Thrown when a usage reading's cumulative delivery is not above the consumer's last one.
    error UsageNotIncreasing(address consumer, uint256 deliveredMilliUnits, uint256 lastDeliveredMilliUnits);
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
    /// @notice Thrown when the usage a reading adds exceeds the consumer's credit.
    error InsufficientCredit(address consumer, uint256 creditMilliUnits, uint256 requestedMilliUnits);
    /// @notice Thrown when lifetime revenue would pass `MAX_CUMULATIVE_REVENUE_WEI`.
    error RevenueCapExceeded(uint256 cumulativeRevenueWei, uint256 paymentWei, uint256 maxCumulativeRevenueWei);
    /// @notice Thrown when an owner with nothing claimable claims.
    error NothingToClaim(address account);

    /// @notice Emitted when the provider registers (or, before activation, replaces) the device.
    event DeviceRegistered(address indexed provider, address indexed deviceKey, uint256 indexed deviceId);
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
    /// @notice Emitted for each accepted usage reading: `milliUnits` drawn from the consumer's credit, which leaves
    /// `creditMilliUnits`; `deliveredMilliUnits` and `readAt` are the reading's.
    event UsageReported(
        address indexed consumer,
        uint256 milliUnits,
        uint256 creditMilliUnits,
        uint256 deliveredMilliUnits,
        uint64 readAt
    );
    /// @notice Emitted when a payment (a purchase or the activation token) is added to the owners' revenue.
    event RevenueReceived(address indexed payer, uint256 amountWei, uint256 cumulativeRevenueWei);
    /// @notice Emitted when an owner claims revenue.
    event RevenueClaimed(address indexed owner, uint256 amountWei);

    /// @notice Registers the installed device by its key; only the provider, before activation (a later call
    /// replaces the device). The key must be the current key of an active Generator device the provider operates in
    /// the device registry (MX1).
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

    /// @notice Draws down `usage.consumer`'s credit by the energy delivered since their last usage reading; anyone
    /// may relay it. The reading must be signed by the device's current key while the device is active, dated after
    /// the consumer's last reading (and the activation) and not after this block, and its cumulative delivery must
    /// rise by no more than the consumer's credit.
    /// @param signature 65 bytes (r, s, v) over `usageDigest(usage)`.
    function reportUsage(Usage calldata usage, bytes calldata signature) external;

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

    /// @notice The EIP-712 digest the device signs for `usage` in this generator's domain.
    function usageDigest(Usage calldata usage) external view returns (bytes32);

    /// @notice The last accepted usage reading of `consumer`: cumulative delivery and when it was read.
    function usageOf(address consumer) external view returns (uint256 deliveredMilliUnits, uint64 readAt);

    /// @notice `account`'s vote: whether it voted and at what price.
    function voteOf(address account) external view returns (bool voted, uint256 priceWeiPerUnit);
}
