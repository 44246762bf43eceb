// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IEnergyModule} from "./IEnergyModule.sol";

/// @title Payment requests, the DAO's approval or refusal, and the mint (MX4, MX5)
/// @notice Once a month a device's operator requests payment for the energy the device sent in that month, citing the
/// range of committed readings roots it rests on and the integrity figures the node computed (readings, gaps, uptime,
/// transmission loss). The Technical DAO checks them against the readings and the device, votes, and either approves
/// (the DAO's proposal calls `approvePayment`) or refuses with a reason kept on-chain.
///
/// Approval mints Energy Tokens for exactly the energy claimed and verified, `sentWh * 10^15` base units (one token
/// per kWh, 18 decimals), all to the operator; and `sentWh * rewardWeiPerWh` Reward Tokens, split by the DAO-set basis
/// points between the pool recipient, the DAO vault and the operator (who gets the rest, rounding included).
///
/// Never twice for the same energy: per device, approved months strictly increase and so do the readings roots they
/// cite. A month at or before the device's last paid month, or a roots range starting at or before the end of the last
/// paid range, is refused at request and again at approval. So the DAO approves a device's months in order; a month
/// skipped is not paid later. A refused request may be made again, corrected; several pending requests for the same
/// month may exist, and the first approved wins.
interface IEnergyPayments is IEnergyModule {
    /// @notice Where a payment request stands.
    enum PaymentStatus {
        None, // no such request
        Pending, // awaiting the DAO
        Approved, // tokens minted
        Refused // refused with a reason
    }

    /// @notice What an operator claims.
    struct PaymentClaim {
        uint256 deviceId;
        uint32 period; // the UTC month, YYYYMM
        uint64 firstRootPeriodId; // the first readings commit period the claim rests on
        uint64 lastRootPeriodId; // the last, inclusive
        uint64 sentWh; // energy sent in the month, watt-hours: what is to be paid
        uint32 readingCount; // readings of the device in the range
        uint32 gaps; // readings missing from the device's sequence in the range
        uint16 uptimeBps; // heartbeats' cover of the claimed hours (first reading to request), bps (MX8)
        uint64 lossWh; // transmission loss between what the device sent and what was received
    }

    /// @notice A payment request as stored.
    struct PaymentRequest {
        address operator;
        uint64 deviceId;
        uint32 period;
        PaymentStatus status;
        uint64 firstRootPeriodId;
        uint64 lastRootPeriodId;
        uint64 sentWh;
        uint32 gaps;
        uint16 uptimeBps;
        uint64 lossWh;
        uint32 readingCount;
        uint64 requestedAt;
        string refusalReason;
    }

    /// @notice What has been requested and paid for a device.
    struct DeviceLedger {
        uint32 lastPaidPeriod; // 0 until the first approval
        uint64 nextRootPeriodId; // the first readings commit period not yet paid for
        uint64 paidWh; // energy paid for, in total
        uint32 approvedCount;
        uint32 requestCount; // payment requests made, whatever became of them
    }

    /// @notice The reward rate and its split (DAO-set).
    struct RewardParameters {
        address vault; // the DAO vault
        uint96 rewardWeiPerWh; // Reward Token base units per verified Wh
        address poolRecipient; // where the liquidity pool's part goes
        uint16 poolBps;
        uint16 vaultBps; // the operator's part is 10,000 - poolBps - vaultBps
    }

    /// @notice Thrown when an id names no payment request.
    error UnknownPaymentRequest(uint256 requestId);
    /// @notice Thrown when a request is decided a second time.
    error WrongPaymentStatus(uint256 requestId, PaymentStatus status);
    /// @notice Thrown when a period is not a month YYYYMM from 200001 to 999912.
    error InvalidPeriod(uint32 period);
    /// @notice Thrown when the month is at or before the device's last paid month.
    error PeriodAlreadyPaid(uint256 deviceId, uint32 period, uint32 lastPaidPeriod);
    /// @notice Thrown when the roots range is reversed or ends at the largest id.
    error InvalidRootRange(uint64 firstRootPeriodId, uint64 lastRootPeriodId);
    /// @notice Thrown when the roots range starts before the first commit period not yet paid for the device.
    error ReadingsAlreadyPaid(uint256 deviceId, uint64 firstRootPeriodId, uint64 nextRootPeriodId);
    /// @notice Thrown when the energy claimed is zero or above what the rated power allows in the month.
    error InvalidEnergy(uint256 deviceId, uint64 sentWh, uint256 maxWh);
    /// @notice Thrown when an integrity figure is out of range (uptime over 10,000 bps, loss over the energy sent,
    /// no readings).
    error InvalidIntegrityFigure(string name, uint256 value);
    /// @notice Thrown when a refusal gives no reason, or one longer than `MAX_REASON_BYTES`.
    error InvalidReason(uint256 length, uint256 maxLength);
    /// @notice Thrown when the pool's and the vault's basis points add up to more than 10,000.
    error InvalidRewardSplit(uint16 poolBps, uint16 vaultBps);
    /// @notice Thrown when the pool recipient or the vault is the zero address.
    error ZeroRecipient(string role);

    /// @notice Emitted when the DAO sets the reward rate and split.
    event RewardParametersSet(
        uint96 rewardWeiPerWh, uint16 poolBps, uint16 vaultBps, address poolRecipient, address vault
    );
    /// @notice Emitted when an operator requests payment (MX4).
    event PaymentRequested(
        uint256 indexed requestId,
        uint256 indexed deviceId,
        address indexed operator,
        uint32 period,
        uint64 firstRootPeriodId,
        uint64 lastRootPeriodId,
        uint64 sentWh,
        uint32 readingCount,
        uint32 gaps,
        uint16 uptimeBps,
        uint64 lossWh
    );
    /// @notice Emitted when the DAO approves a payment and the tokens are minted (MX5).
    event PaymentApproved(
        uint256 indexed requestId,
        uint256 indexed deviceId,
        address indexed operator,
        uint32 period,
        uint256 energyWei,
        uint256 operatorRewardWei,
        uint256 poolRewardWei,
        uint256 vaultRewardWei
    );
    /// @notice Emitted when the DAO refuses a payment.
    event PaymentRefused(uint256 indexed requestId, uint256 indexed deviceId, uint32 period, string reason);

    /// @notice Requests payment for a device's energy in a month; only the device's operator, only while the device
    /// is active, and only a generator or storage node (MX4). Both ends of the roots range must be committed.
    /// @return requestId The new request's id, counting from 1.
    function requestPayment(PaymentClaim calldata claim) external returns (uint256 requestId);

    /// @notice Approves a pending request and mints (MX5); only the DAO. Reverts if the device is no longer active
    /// or the month or readings were paid meanwhile: the DAO refuses such a request instead.
    /// @return energyWei Energy Token base units minted to the operator, `sentWh * 10^15`.
    /// @return rewardWei Reward Token base units minted in all, `sentWh * rewardWeiPerWh`.
    function approvePayment(uint256 requestId) external returns (uint256 energyWei, uint256 rewardWei);

    /// @notice Refuses a pending request, keeping the reason on-chain; only the DAO (MX4).
    function refusePayment(uint256 requestId, string calldata reason) external;

    /// @notice Sets the reward rate and its split; only the DAO.
    function setRewardParameters(RewardParameters calldata parameters) external;

    /// @notice A payment request.
    function getPaymentRequest(uint256 requestId) external view returns (PaymentRequest memory);

    /// @notice What has been requested and paid for a device.
    function ledgerOf(uint256 deviceId) external view returns (DeviceLedger memory);

    /// @notice The reward rate and its split.
    function rewardParameters() external view returns (RewardParameters memory);

    /// @notice How many payment requests exist; ids run from 1 to this.
    function paymentRequestCount() external view returns (uint256);
}
