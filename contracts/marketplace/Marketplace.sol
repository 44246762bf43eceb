// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMarketplace} from "./IMarketplace.sol";
import {ShareAllocation} from "../libraries/ShareAllocation.sol";
import {GeneratorArgs, GeneratorConfig} from "../generator/GeneratorArgs.sol";

/// @title The D-REX marketplace (DX1–DX4, DX7 escrow, DX13)
/// @notice Choices the seed leaves open, fixed here:
/// - A bid is accepted only after the bidding week has closed, so every provider gets the whole week the seed
///   promises; the creator then has `acceptancePeriod` to accept one, after which the request lapses.
/// - A request may be cancelled only before a bid is accepted; once financing opens it runs its course.
/// - A contribution that would pass the target reverts (`ExceedsFundingTarget` carries what is left to fund).
/// - The escrow stays here until the consumer activates the generator, then goes to the provider in full; without
///   activation by the installation time plus `activationGracePeriod`, every financier takes back their contribution.
contract Marketplace is IMarketplace, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The seed's bidding window.
    uint64 public constant SEED_BIDDING_PERIOD = 7 days;
    /// @notice The seed's financing window.
    uint64 public constant SEED_FINANCING_PERIOD = 30 days;
    uint64 public constant MAX_WATTAGE_W = 10_000_000_000; // 10 GW: far past any community installation
    uint32 public constant MAX_INSTALLATION_SECONDS = 365 days;
    uint256 private constant MAX_LOCATION_BYTES = 128;
    uint256 private constant MAX_REASON_BYTES = 512;
    uint256 private constant MAX_KIND_BYTES = 32;
    uint256 private constant MAX_UNIT_BYTES = 16;
    uint256 private constant MAX_UNIT_TYPE_BYTES = 128;
    uint256 private constant MAX_INSURANCE_BYTES = 256;

    /// @dev What has happened to a request; time refines it into a `RequestStatus`.
    enum Stage {
        Open,
        Cancelled,
        Accepted,
        Funded,
        Activated
    }

    /// @dev Laid out so that funding reads two slots: (targetWei, raisedWei) and the deadlines with the stage.
    struct RequestRecord {
        address creator;
        uint64 createdAt;
        uint128 targetWei;
        uint128 raisedWei;
        uint64 financingDeadline;
        uint64 activationDeadline;
        uint32 financierCount;
        uint16 flooredShares;
        uint64 acceptedBidId;
        Stage stage;
        address generator;
        uint64 wattageW;
        uint32 bidCount;
        string location;
        string reason;
        string utilityKind;
        string unit;
    }

    struct Contribution {
        uint128 amountWei;
        uint32 order;
    }

    IERC20 public immutable token;
    address public immutable generatorImplementation;
    uint64 public immutable biddingPeriod;
    uint64 public immutable acceptancePeriod;
    uint64 public immutable financingPeriod;
    uint64 public immutable activationGracePeriod;
    /// @dev Who may link the device modules, once; the marketplace has no other privileged account.
    address private immutable _deployer;

    /// @inheritdoc IMarketplace
    address public deviceModules;

    uint256 private _requestCount;
    uint256 private _bidCount;
    mapping(uint256 requestId => RequestRecord) private _requests;
    mapping(uint256 bidId => Bid) private _bids;
    mapping(uint256 requestId => uint256[] bidIds) private _bidIds;
    mapping(uint256 requestId => mapping(address financier => Contribution)) private _contributions;

    /// @param token_ The Solar Token that financing and payments are made in.
    /// @param generatorImplementation_ The `Generator` every generator is a clone of.
    /// @param biddingPeriod_ How long providers may bid after a request (the seed: one week).
    /// @param acceptancePeriod_ How long the creator may take to accept a bid once bidding has closed.
    /// @param financingPeriod_ How long financiers may fund an accepted request (the seed: one month).
    /// @param activationGracePeriod_ How long past the installation time activation may still come.
    constructor(
        IERC20 token_,
        address generatorImplementation_,
        uint64 biddingPeriod_,
        uint64 acceptancePeriod_,
        uint64 financingPeriod_,
        uint64 activationGracePeriod_
    ) {
        if (address(token_) == address(0)) revert InvalidMarketplaceParameter("token");
        if (generatorImplementation_.code.length == 0) revert InvalidMarketplaceParameter("generatorImplementation");
        if (biddingPeriod_ == 0) revert InvalidMarketplaceParameter("biddingPeriod");
        if (acceptancePeriod_ == 0) revert InvalidMarketplaceParameter("acceptancePeriod");
        if (financingPeriod_ == 0) revert InvalidMarketplaceParameter("financingPeriod");
        token = token_;
        generatorImplementation = generatorImplementation_;
        biddingPeriod = biddingPeriod_;
        acceptancePeriod = acceptancePeriod_;
        financingPeriod = financingPeriod_;
        activationGracePeriod = activationGracePeriod_;
        _deployer = msg.sender;
    }

    /// @inheritdoc IMarketplace
    /// @dev A one-time bootstrap, as the module registry's own: the link is fixed for ever once made, and the DAO
    /// moves the device registry itself by repointing `devices` in the linked registry (MX9).
    function linkDeviceModules(address deviceModules_) external {
        if (msg.sender != _deployer || deviceModules != address(0)) revert DeviceModulesLinkClosed(msg.sender);
        if (deviceModules_.code.length == 0) revert InvalidMarketplaceParameter("deviceModules");
        deviceModules = deviceModules_;
        emit DeviceModulesLinked(deviceModules_);
    }

    /// @inheritdoc IMarketplace
    function createRequest(RequestParams calldata p) external returns (uint256 requestId) {
        _checkText("location", p.location, MAX_LOCATION_BYTES, true);
        _checkText("reason", p.reason, MAX_REASON_BYTES, false);
        _checkText("utilityKind", p.utilityKind, MAX_KIND_BYTES, false);
        _checkText("unit", p.unit, MAX_UNIT_BYTES, false);
        if (p.wattageW == 0 || p.wattageW > MAX_WATTAGE_W) revert InvalidWattage(p.wattageW, MAX_WATTAGE_W);

        requestId = ++_requestCount;
        RequestRecord storage r = _requests[requestId];
        r.creator = msg.sender;
        r.createdAt = uint64(block.timestamp);
        r.wattageW = p.wattageW;
        r.location = p.location;
        r.reason = p.reason;
        r.utilityKind = bytes(p.utilityKind).length == 0 ? "electricity" : p.utilityKind;
        r.unit = bytes(p.unit).length == 0 ? "kWh" : p.unit;
        emit RequestCreated(
            requestId,
            msg.sender,
            p.location,
            p.wattageW,
            p.reason,
            r.utilityKind,
            r.unit,
            uint64(block.timestamp) + biddingPeriod
        );
    }

    /// @inheritdoc IMarketplace
    function placeBid(uint256 requestId, BidParams calldata p) external returns (uint256 bidId) {
        RequestRecord storage r = _existing(requestId);
        _requireStatus(requestId, r, RequestStatus.Bidding);
        _checkText("unitType", p.unitType, MAX_UNIT_TYPE_BYTES, true);
        _checkText("insurance", p.insurance, MAX_INSURANCE_BYTES, false);
        if (p.installationCostWei == 0) revert ZeroInstallationCost();
        if (p.installationSeconds == 0 || p.installationSeconds > MAX_INSTALLATION_SECONDS) {
            revert InvalidInstallationTime(p.installationSeconds, MAX_INSTALLATION_SECONDS);
        }

        bidId = ++_bidCount;
        _bids[bidId] = Bid({
            provider: msg.sender,
            requestId: uint64(requestId),
            installationSeconds: p.installationSeconds,
            withdrawn: false,
            installationCostWei: p.installationCostWei,
            unitType: p.unitType,
            insurance: p.insurance
        });
        _bidIds[requestId].push(bidId);
        r.bidCount += 1;
        emit BidPlaced(
            requestId, bidId, msg.sender, p.unitType, p.installationCostWei, p.installationSeconds, p.insurance
        );
    }

    /// @inheritdoc IMarketplace
    function withdrawBid(uint256 bidId) external {
        Bid storage b = _existingBid(bidId);
        if (b.provider != msg.sender) revert NotBidProvider(bidId, msg.sender, b.provider);
        if (b.withdrawn) revert BidWithdrawn(bidId);
        RequestRecord storage r = _requests[b.requestId];
        if (r.stage != Stage.Open) revert WrongRequestStatus(b.requestId, _status(r), RequestStatus.Bidding);
        b.withdrawn = true;
        emit BidWithdrawnByProvider(b.requestId, bidId, msg.sender);
    }

    /// @inheritdoc IMarketplace
    function acceptBid(uint256 requestId, uint256 bidId) external {
        RequestRecord storage r = _existing(requestId);
        if (r.creator != msg.sender) revert NotRequestCreator(requestId, msg.sender, r.creator);
        _requireStatus(requestId, r, RequestStatus.AwaitingAcceptance);
        Bid storage b = _existingBid(bidId);
        if (b.requestId != requestId) revert BidNotForRequest(bidId, b.requestId, requestId);
        if (b.withdrawn) revert BidWithdrawn(bidId);

        uint64 deadline = uint64(block.timestamp) + financingPeriod;
        r.stage = Stage.Accepted;
        r.acceptedBidId = uint64(bidId);
        r.targetWei = b.installationCostWei;
        r.financingDeadline = deadline;
        emit BidAccepted(requestId, bidId, b.provider, b.installationCostWei, deadline);
    }

    /// @inheritdoc IMarketplace
    function cancelRequest(uint256 requestId) external {
        RequestRecord storage r = _existing(requestId);
        if (r.creator != msg.sender) revert NotRequestCreator(requestId, msg.sender, r.creator);
        if (r.stage != Stage.Open) revert WrongRequestStatus(requestId, _status(r), RequestStatus.Bidding);
        r.stage = Stage.Cancelled;
        emit RequestCancelled(requestId);
    }

    /// @inheritdoc IMarketplace
    function fund(uint256 requestId, uint256 amountWei) external nonReentrant {
        RequestRecord storage r = _requests[requestId];
        if (r.stage != Stage.Accepted || block.timestamp > r.financingDeadline) {
            _existing(requestId);
            revert WrongRequestStatus(requestId, _status(r), RequestStatus.Financing);
        }
        if (amountWei == 0) revert ZeroContribution();
        uint256 targetWei = r.targetWei;
        uint256 remainingWei = targetWei - r.raisedWei;
        if (amountWei > remainingWei) revert ExceedsFundingTarget(requestId, amountWei, remainingWei);

        Contribution storage c = _contributions[requestId][msg.sender];
        uint256 oldAmountWei = c.amountWei;
        uint256 newAmountWei = oldAmountWei + amountWei;
        uint32 order = c.order;
        if (order == 0) order = ++r.financierCount;
        // Both amounts are at most the target, a uint128, so the narrowing casts below cannot truncate.
        c.amountWei = uint128(newAmountWei);
        c.order = order;
        r.flooredShares += uint16(
            ShareAllocation.flooredShares(newAmountWei, targetWei) - ShareAllocation.flooredShares(oldAmountWei, targetWei)
        );
        uint256 raisedWei = targetWei - remainingWei + amountWei;
        r.raisedWei = uint128(raisedWei);
        emit Contributed(requestId, msg.sender, amountWei, raisedWei, targetWei);

        token.safeTransferFrom(msg.sender, address(this), amountWei);
        if (raisedWei == targetWei) _createGenerator(requestId, r);
    }

    /// @inheritdoc IMarketplace
    function refund(uint256 requestId) external nonReentrant returns (uint256 amountWei) {
        RequestRecord storage r = _existing(requestId);
        RequestStatus status = _status(r);
        if (status != RequestStatus.FinancingFailed && status != RequestStatus.ActivationFailed) {
            revert RefundNotAvailable(requestId, status);
        }
        Contribution storage c = _contributions[requestId][msg.sender];
        amountWei = c.amountWei;
        if (amountWei == 0) revert NothingToRefund(requestId, msg.sender);
        c.amountWei = 0;
        r.raisedWei -= uint128(amountWei);
        emit Refunded(requestId, msg.sender, amountWei);
        token.safeTransfer(msg.sender, amountWei);
    }

    /// @inheritdoc IMarketplace
    function releaseEscrow(uint256 requestId) external nonReentrant returns (address provider, uint256 amountWei) {
        RequestRecord storage r = _existing(requestId);
        if (msg.sender != r.generator) revert NotRequestGenerator(requestId, msg.sender, r.generator);
        _requireStatus(requestId, r, RequestStatus.Funded);
        r.stage = Stage.Activated;
        provider = _bids[r.acceptedBidId].provider;
        amountWei = r.targetWei;
        emit EscrowReleased(requestId, provider, amountWei);
        token.safeTransfer(provider, amountWei);
    }

    /// @inheritdoc IMarketplace
    function getRequest(uint256 requestId) external view returns (Request memory request, RequestStatus status) {
        RequestRecord storage r = _existing(requestId);
        request = Request({
            creator: r.creator,
            createdAt: r.createdAt,
            wattageW: r.wattageW,
            bidCount: r.bidCount,
            acceptedBidId: r.acceptedBidId,
            financingDeadline: r.financingDeadline,
            activationDeadline: r.activationDeadline,
            financierCount: r.financierCount,
            targetWei: r.targetWei,
            raisedWei: r.raisedWei,
            generator: r.generator,
            location: r.location,
            reason: r.reason,
            utilityKind: r.utilityKind,
            unit: r.unit
        });
        status = _status(r);
    }

    /// @inheritdoc IMarketplace
    function requestStatus(uint256 requestId) external view returns (RequestStatus) {
        return _status(_requests[requestId]);
    }

    /// @inheritdoc IMarketplace
    function getBid(uint256 bidId) external view returns (Bid memory) {
        return _existingBid(bidId);
    }

    /// @inheritdoc IMarketplace
    function bidIdsOf(uint256 requestId) external view returns (uint256[] memory) {
        _existing(requestId);
        return _bidIds[requestId];
    }

    /// @inheritdoc IMarketplace
    function contributionOf(uint256 requestId, address financier) external view returns (uint128, uint32) {
        Contribution storage c = _contributions[requestId][financier];
        return (c.amountWei, c.order);
    }

    /// @inheritdoc IMarketplace
    function requestCount() external view returns (uint256) {
        return _requestCount;
    }

    /// @inheritdoc IMarketplace
    function bidCount() external view returns (uint256) {
        return _bidCount;
    }

    function _createGenerator(uint256 requestId, RequestRecord storage r) private {
        Bid storage b = _bids[r.acceptedBidId];
        uint16 dustShares = uint16(ShareAllocation.TOTAL_SHARES) - r.flooredShares;
        uint64 activationDeadline = uint64(block.timestamp) + b.installationSeconds + activationGracePeriod;
        address generator = Clones.cloneWithImmutableArgs(
            generatorImplementation,
            GeneratorArgs.encode(
                GeneratorConfig({
                    marketplace: address(this),
                    token: address(token),
                    requester: r.creator,
                    provider: b.provider,
                    requestId: uint64(requestId),
                    targetWei: r.targetWei,
                    dustShares: dustShares
                })
            )
        );
        r.stage = Stage.Funded;
        r.activationDeadline = activationDeadline;
        r.generator = generator;
        emit GeneratorCreated(requestId, generator, r.financierCount, dustShares, activationDeadline);
    }

    function _status(RequestRecord storage r) private view returns (RequestStatus) {
        if (r.creator == address(0)) return RequestStatus.None;
        Stage stage = r.stage;
        if (stage == Stage.Open) {
            uint256 biddingEnd = uint256(r.createdAt) + biddingPeriod;
            if (block.timestamp <= biddingEnd) return RequestStatus.Bidding;
            if (block.timestamp <= biddingEnd + acceptancePeriod) return RequestStatus.AwaitingAcceptance;
            return RequestStatus.Lapsed;
        }
        if (stage == Stage.Cancelled) return RequestStatus.Cancelled;
        if (stage == Stage.Accepted) {
            return block.timestamp <= r.financingDeadline ? RequestStatus.Financing : RequestStatus.FinancingFailed;
        }
        if (stage == Stage.Funded) {
            return block.timestamp <= r.activationDeadline ? RequestStatus.Funded : RequestStatus.ActivationFailed;
        }
        return RequestStatus.Active;
    }

    function _requireStatus(uint256 requestId, RequestRecord storage r, RequestStatus required) private view {
        RequestStatus status = _status(r);
        if (status != required) revert WrongRequestStatus(requestId, status, required);
    }

    function _existing(uint256 requestId) private view returns (RequestRecord storage r) {
        r = _requests[requestId];
        if (r.creator == address(0)) revert UnknownRequest(requestId);
    }

    function _existingBid(uint256 bidId) private view returns (Bid storage b) {
        b = _bids[bidId];
        if (b.provider == address(0)) revert UnknownBid(bidId);
    }

    function _checkText(string memory field, string calldata value, uint256 maxBytes, bool required) private pure {
        uint256 length = bytes(value).length;
        if (required && length == 0) revert EmptyField(field);
        if (length > maxBytes) revert FieldTooLong(field, length, maxBytes);
    }
}
