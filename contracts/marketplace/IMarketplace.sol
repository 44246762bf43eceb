// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The D-REX marketplace: requests, bids, acceptance, financing and refunds (DX1–DX4, DX13)
/// @notice A consumer requests a utility (a solar generator by default), providers bid for a week, the consumer
/// accepts one bid once bidding has closed, and financiers fund the accepted installation cost for a month. Reaching
/// the target creates the generator; a month without reaching it lets every financier take back all they put in.
/// The marketplace escrows the money until the consumer activates the generator, then pays the provider.
interface IMarketplace {
    /// @notice Where a request stands. Time moves a request between some of these without a transaction.
    enum RequestStatus {
        None, // no such request
        Bidding, // providers may bid (for `biddingPeriod` from creation)
        AwaitingAcceptance, // bidding closed; the creator may accept a bid (for `acceptancePeriod`)
        Lapsed, // nobody accepted a bid in time
        Cancelled, // the creator withdrew the request before accepting a bid
        Financing, // a bid is accepted and financiers may fund (for `financingPeriod`)
        FinancingFailed, // the target was not reached in time: financiers take their money back
        Funded, // the generator exists and awaits activation by the consumer
        ActivationFailed, // no activation within the installation time plus the grace period: financiers refunded
        Active // activated: the provider is paid and the generator sells energy
    }

    /// @notice What a consumer asks for (DX1, DX13).
    struct RequestParams {
        string location;
        uint64 wattageW; // power required, in watts
        string reason;
        string utilityKind; // "electricity" when empty
        string unit; // "kWh" when empty: the unit energy is sold in
    }

    /// @notice A request as stored.
    struct Request {
        address creator;
        uint64 createdAt;
        uint64 wattageW;
        uint32 bidCount;
        uint64 acceptedBidId; // 0 until a bid is accepted
        uint64 financingDeadline; // 0 until a bid is accepted
        uint64 activationDeadline; // 0 until funded
        uint32 financierCount;
        uint128 targetWei; // the accepted installation cost
        uint128 raisedWei; // contributed and not refunded; stays at the target once the escrow goes to the provider
        address generator; // zero until funded
        string location;
        string reason;
        string utilityKind;
        string unit;
    }

    /// @notice What a provider offers (DX2).
    struct BidParams {
        string unitType; // the kind of unit to install, e.g. "5 kW monocrystalline + 10 kWh LFP"
        uint128 installationCostWei; // in Solar Token base units
        uint32 installationSeconds; // how long installation takes after funding
        string insurance; // the provider's insurance, in words
    }

    /// @notice A bid as stored.
    struct Bid {
        address provider;
        uint64 requestId;
        uint32 installationSeconds;
        bool withdrawn;
        uint128 installationCostWei;
        string unitType;
        string insurance;
    }

    /// @notice Thrown when an id names no request.
    error UnknownRequest(uint256 requestId);
    /// @notice Thrown when an id names no bid.
    error UnknownBid(uint256 bidId);
    /// @notice Thrown when a text field is empty but must not be.
    error EmptyField(string field);
    /// @notice Thrown when a text field is longer than allowed.
    error FieldTooLong(string field, uint256 length, uint256 maxLength);
    /// @notice Thrown when a request asks for zero watts or more than `MAX_WATTAGE_W`.
    error InvalidWattage(uint64 wattageW, uint64 maxWattageW);
    /// @notice Thrown when a bid's installation cost is zero.
    error ZeroInstallationCost();
    /// @notice Thrown when a bid's installation time is zero or longer than `MAX_INSTALLATION_SECONDS`.
    error InvalidInstallationTime(uint32 installationSeconds, uint32 maxInstallationSeconds);
    /// @notice Thrown when an action needs the request in one status but it is in another.
    error WrongRequestStatus(uint256 requestId, RequestStatus status, RequestStatus required);
    /// @notice Thrown when someone other than the request's creator acts as its creator.
    error NotRequestCreator(uint256 requestId, address caller, address creator);
    /// @notice Thrown when someone other than the bid's provider acts as its provider.
    error NotBidProvider(uint256 bidId, address caller, address provider);
    /// @notice Thrown when the bid accepted belongs to another request.
    error BidNotForRequest(uint256 bidId, uint256 bidRequestId, uint256 requestId);
    /// @notice Thrown when a withdrawn bid is accepted or withdrawn again.
    error BidWithdrawn(uint256 bidId);
    /// @notice Thrown when a financier contributes nothing.
    error ZeroContribution();
    /// @notice Thrown when a contribution would take the raised amount past the target.
    error ExceedsFundingTarget(uint256 requestId, uint256 amountWei, uint256 remainingWei);
    /// @notice Thrown when a refund is asked for while none is due.
    error RefundNotAvailable(uint256 requestId, RequestStatus status);
    /// @notice Thrown when an account with nothing (left) to refund asks for a refund.
    error NothingToRefund(uint256 requestId, address financier);
    /// @notice Thrown when someone other than a request's generator asks for its escrow.
    error NotRequestGenerator(uint256 requestId, address caller, address generator);
    /// @notice Thrown when a deployment parameter is zero or out of range.
    error InvalidMarketplaceParameter(string name);
    /// @notice Thrown when anyone but the deployer links the device modules, or the deployer does so a second time.
    error DeviceModulesLinkClosed(address caller);

    /// @notice Emitted when a consumer requests a generator.
    event RequestCreated(
        uint256 indexed requestId,
        address indexed creator,
        string location,
        uint64 wattageW,
        string reason,
        string utilityKind,
        string unit,
        uint64 biddingEndsAt
    );
    /// @notice Emitted when a provider bids on a request.
    event BidPlaced(
        uint256 indexed requestId,
        uint256 indexed bidId,
        address indexed provider,
        string unitType,
        uint128 installationCostWei,
        uint32 installationSeconds,
        string insurance
    );
    /// @notice Emitted when a provider withdraws a bid.
    event BidWithdrawnByProvider(uint256 indexed requestId, uint256 indexed bidId, address indexed provider);
    /// @notice Emitted when the creator cancels a request.
    event RequestCancelled(uint256 indexed requestId);
    /// @notice Emitted when the creator accepts a bid; financing opens.
    event BidAccepted(
        uint256 indexed requestId, uint256 indexed bidId, address indexed provider, uint128 targetWei, uint64 financingDeadline
    );
    /// @notice Emitted for every contribution to a request's financing.
    event Contributed(
        uint256 indexed requestId, address indexed financier, uint256 amountWei, uint256 raisedWei, uint256 targetWei
    );
    /// @notice Emitted when financing reaches its target and the generator is created.
    event GeneratorCreated(
        uint256 indexed requestId, address indexed generator, uint32 financierCount, uint16 dustShares, uint64 activationDeadline
    );
    /// @notice Emitted when a financier takes back a contribution after financing or activation failed.
    event Refunded(uint256 indexed requestId, address indexed financier, uint256 amountWei);
    /// @notice Emitted when activation releases the escrowed installation cost to the provider.
    event EscrowReleased(uint256 indexed requestId, address indexed provider, uint256 amountWei);
    /// @notice Emitted when the deployer links the measured-energy module registry the generators check devices in.
    event DeviceModulesLinked(address indexed deviceModules);

    /// @notice Requests a generator; the sender is its creator (DX1).
    /// @return requestId The new request's id, counting from 1.
    function createRequest(RequestParams calldata params) external returns (uint256 requestId);

    /// @notice Bids on a request while its bidding window is open (DX2).
    /// @return bidId The new bid's id, counting from 1 across all requests.
    function placeBid(uint256 requestId, BidParams calldata params) external returns (uint256 bidId);

    /// @notice Withdraws the sender's bid; allowed until a bid on that request is accepted (DX2).
    function withdrawBid(uint256 bidId) external;

    /// @notice Accepts one bid; only the creator, only after bidding has closed and within the acceptance period (DX3).
    function acceptBid(uint256 requestId, uint256 bidId) external;

    /// @notice Cancels a request; only the creator, only before a bid is accepted (DX3).
    function cancelRequest(uint256 requestId) external;

    /// @notice Contributes Solar Tokens (approved beforehand) to an accepted request's financing (DX4).
    /// The contribution that reaches the target creates the generator.
    function fund(uint256 requestId, uint256 amountWei) external;

    /// @notice Returns everything the sender contributed, when financing or activation has failed (DX4, DX7).
    function refund(uint256 requestId) external returns (uint256 amountWei);

    /// @notice Pays the escrowed installation cost to the provider; only the request's generator, on activation (DX7).
    function releaseEscrow(uint256 requestId) external returns (address provider, uint256 amountWei);

    /// @notice Links the measured-energy module registry whose `devices` module every generator checks its device in
    /// (DX8, MX1); only the deployer, once. Needed because the energy modules are deployed after the marketplace.
    function linkDeviceModules(address deviceModules) external;

    /// @notice The measured-energy module registry the generators check devices in; zero until linked.
    function deviceModules() external view returns (address);

    /// @notice A request with its current status.
    function getRequest(uint256 requestId) external view returns (Request memory request, RequestStatus status);

    /// @notice A request's status now.
    function requestStatus(uint256 requestId) external view returns (RequestStatus);

    /// @notice A bid.
    function getBid(uint256 bidId) external view returns (Bid memory);

    /// @notice Every bid id placed on a request, withdrawn ones included, oldest first.
    function bidIdsOf(uint256 requestId) external view returns (uint256[] memory);

    /// @notice A financier's outstanding contribution and 1-based order of first contribution (0: never).
    function contributionOf(uint256 requestId, address financier) external view returns (uint128 amountWei, uint32 order);

    /// @notice How many requests exist; ids run from 1 to this.
    function requestCount() external view returns (uint256);

    /// @notice How many bids exist; ids run from 1 to this.
    function bidCount() external view returns (uint256);
}
