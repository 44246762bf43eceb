// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IEnergyPayments} from "./IEnergyPayments.sol";
import {IDeviceRegistry} from "./IDeviceRegistry.sol";
import {IReadingCommitments} from "./IReadingCommitments.sol";
import {IEnergyPaymentToken} from "./IEnergyPaymentToken.sol";
import {IModuleRegistry, EnergyModules} from "./IModuleRegistry.sol";
import {EnergyModule} from "./EnergyModule.sol";
import {EnergyMath} from "./libraries/EnergyMath.sol";
import {RewardSplit} from "./libraries/RewardSplit.sol";

/// @title Payment requests, the DAO's approval or refusal, and the mint (MX4, MX5)
/// @notice See `IEnergyPayments`. The devices, the readings and both tokens are looked up in the module registry at
/// the moment they are needed, so the DAO's module updates (MX9) take effect at once.
/// @dev Every storage slot the approval writes already exists when it runs: the request's, and the device's ledger,
/// which the request creates by counting itself (`requestCount`). That keeps the DAO's approval, the path whose gas
/// is budgeted, to one new slot per token balance the mint creates.
contract EnergyPayments is EnergyModule, IEnergyPayments {
    /// @notice The longest refusal reason, in bytes.
    uint256 public constant MAX_REASON_BYTES = 512;
    uint256 private constant BPS = 10_000;

    uint256 private _requestCount;
    RewardParameters private _reward;
    mapping(uint256 requestId => PaymentRequest) private _requests;
    mapping(uint256 deviceId => DeviceLedger) private _ledgers;

    /// @param initialReward The first reward rate and split; the DAO changes them with `setRewardParameters`.
    constructor(IModuleRegistry registry, RewardParameters memory initialReward) EnergyModule(registry) {
        _setRewardParameters(initialReward);
    }

    // ---------------------------------------------------------------- requests (MX4)

    /// @inheritdoc IEnergyPayments
    function requestPayment(PaymentClaim calldata c) external returns (uint256 requestId) {
        uint64 deviceId = SafeCast.toUint64(c.deviceId);
        IModuleRegistry m = modules;
        IDeviceRegistry.DeviceSummary memory d =
            IDeviceRegistry(m.requireModule(EnergyModules.DEVICES)).deviceSummary(deviceId);
        if (msg.sender != d.operator) revert IDeviceRegistry.NotDeviceOperator(deviceId, msg.sender, d.operator);
        if (d.status != IDeviceRegistry.DeviceStatus.Active) {
            revert IDeviceRegistry.WrongDeviceStatus(deviceId, d.status);
        }
        if (d.kind == IDeviceRegistry.DeviceKind.Meter) revert IDeviceRegistry.WrongDeviceKind(deviceId, d.kind);
        if (!EnergyMath.isValidPeriod(c.period)) revert InvalidPeriod(c.period);
        DeviceLedger memory ledger = _ledgers[deviceId];
        _checkNotPaid(deviceId, c.period, c.firstRootPeriodId, ledger);
        if (c.firstRootPeriodId > c.lastRootPeriodId || c.lastRootPeriodId == type(uint64).max) {
            revert InvalidRootRange(c.firstRootPeriodId, c.lastRootPeriodId);
        }
        IReadingCommitments readings = IReadingCommitments(m.requireModule(EnergyModules.READINGS));
        if (!readings.isCommitted(c.firstRootPeriodId)) {
            revert IReadingCommitments.RootNotCommitted(c.firstRootPeriodId);
        }
        if (!readings.isCommitted(c.lastRootPeriodId)) {
            revert IReadingCommitments.RootNotCommitted(c.lastRootPeriodId);
        }
        uint256 maxWh = EnergyMath.maxEnergyWh(d.ratedPowerW, c.period);
        if (c.sentWh == 0 || c.sentWh > maxWh) revert InvalidEnergy(deviceId, c.sentWh, maxWh);
        if (c.readingCount == 0) revert InvalidIntegrityFigure("readingCount", 0);
        if (c.uptimeBps > BPS) revert InvalidIntegrityFigure("uptimeBps", c.uptimeBps);
        if (c.lossWh > c.sentWh) revert InvalidIntegrityFigure("lossWh", c.lossWh);

        ledger.requestCount += 1;
        _ledgers[deviceId] = ledger;
        requestId = ++_requestCount;
        _requests[requestId] = PaymentRequest({
            operator: msg.sender,
            deviceId: deviceId,
            period: c.period,
            status: PaymentStatus.Pending,
            firstRootPeriodId: c.firstRootPeriodId,
            lastRootPeriodId: c.lastRootPeriodId,
            sentWh: c.sentWh,
            gaps: c.gaps,
            uptimeBps: c.uptimeBps,
            lossWh: c.lossWh,
            readingCount: c.readingCount,
            requestedAt: uint64(block.timestamp),
            refusalReason: ""
        });
        _emitRequested(requestId, c);
    }

    // ---------------------------------------------------------------- the DAO's decision (MX4, MX5)

    /// @inheritdoc IEnergyPayments
    function approvePayment(uint256 requestId) external onlyDao returns (uint256 energyWei, uint256 rewardWei) {
        (address operator, uint64 deviceId, uint32 period, uint64 sentWh) = _settle(requestId);
        RewardParameters memory p = _reward;
        energyWei = EnergyMath.energyTokenWei(sentWh);
        rewardWei = uint256(sentWh) * p.rewardWeiPerWh;
        (uint256 operatorPart, uint256 poolPart, uint256 vaultPart) =
            RewardSplit.split(rewardWei, p.poolBps, p.vaultBps);
        emit PaymentApproved(requestId, deviceId, operator, period, energyWei, operatorPart, poolPart, vaultPart);

        IModuleRegistry m = modules;
        IEnergyPaymentToken(m.requireModule(EnergyModules.ENERGY_TOKEN)).mint(operator, energyWei);
        if (rewardWei != 0) {
            IEnergyPaymentToken reward = IEnergyPaymentToken(m.requireModule(EnergyModules.REWARD_TOKEN));
            if (operatorPart != 0) reward.mint(operator, operatorPart);
            if (poolPart != 0) reward.mint(p.poolRecipient, poolPart);
            if (vaultPart != 0) reward.mint(p.vault, vaultPart);
        }
    }

    /// @inheritdoc IEnergyPayments
    function refusePayment(uint256 requestId, string calldata reason) external onlyDao {
        PaymentRequest storage r = _requests[requestId];
        _requirePending(requestId, r.status);
        uint256 length = bytes(reason).length;
        if (length == 0 || length > MAX_REASON_BYTES) revert InvalidReason(length, MAX_REASON_BYTES);
        r.status = PaymentStatus.Refused;
        r.refusalReason = reason;
        emit PaymentRefused(requestId, r.deviceId, r.period, reason);
    }

    /// @inheritdoc IEnergyPayments
    function setRewardParameters(RewardParameters calldata parameters) external onlyDao {
        _setRewardParameters(parameters);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IEnergyPayments
    function getPaymentRequest(uint256 requestId) external view returns (PaymentRequest memory request) {
        request = _requests[requestId];
        if (request.status == PaymentStatus.None) revert UnknownPaymentRequest(requestId);
    }

    /// @inheritdoc IEnergyPayments
    function ledgerOf(uint256 deviceId) external view returns (DeviceLedger memory) {
        return _ledgers[deviceId];
    }

    /// @inheritdoc IEnergyPayments
    function rewardParameters() external view returns (RewardParameters memory) {
        return _reward;
    }

    /// @inheritdoc IEnergyPayments
    function paymentRequestCount() external view returns (uint256) {
        return _requestCount;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Checks a pending request can still be paid and records it as paid: the device is active and neither the
    /// month nor the readings were paid since the request.
    function _settle(uint256 requestId)
        private
        returns (address operator, uint64 deviceId, uint32 period, uint64 sentWh)
    {
        PaymentRequest storage r = _requests[requestId];
        _requirePending(requestId, r.status);
        deviceId = r.deviceId;
        IDeviceRegistry.DeviceStatus status =
            IDeviceRegistry(modules.requireModule(EnergyModules.DEVICES)).statusOf(deviceId);
        if (status != IDeviceRegistry.DeviceStatus.Active) revert IDeviceRegistry.WrongDeviceStatus(deviceId, status);
        DeviceLedger memory ledger = _ledgers[deviceId];
        period = r.period;
        _checkNotPaid(deviceId, period, r.firstRootPeriodId, ledger);
        operator = r.operator;
        sentWh = r.sentWh;
        ledger.lastPaidPeriod = period;
        ledger.nextRootPeriodId = r.lastRootPeriodId + 1; // below type(uint64).max, checked at request
        ledger.paidWh += sentWh;
        ledger.approvedCount += 1;
        _ledgers[deviceId] = ledger;
        r.status = PaymentStatus.Approved;
    }

    /// @dev The on-chain guard against paying the same energy twice: months and readings ranges strictly increase.
    function _checkNotPaid(uint64 deviceId, uint32 period, uint64 firstRoot, DeviceLedger memory ledger)
        private
        pure
    {
        if (period <= ledger.lastPaidPeriod) revert PeriodAlreadyPaid(deviceId, period, ledger.lastPaidPeriod);
        if (firstRoot < ledger.nextRootPeriodId) {
            revert ReadingsAlreadyPaid(deviceId, firstRoot, ledger.nextRootPeriodId);
        }
    }

    /// @dev Its own frame: the event's eleven fields do not fit in `requestPayment`'s stack.
    function _emitRequested(uint256 requestId, PaymentClaim calldata c) private {
        emit PaymentRequested(
            requestId,
            c.deviceId,
            msg.sender,
            c.period,
            c.firstRootPeriodId,
            c.lastRootPeriodId,
            c.sentWh,
            c.readingCount,
            c.gaps,
            c.uptimeBps,
            c.lossWh
        );
    }

    function _requirePending(uint256 requestId, PaymentStatus status) private pure {
        if (status == PaymentStatus.None) revert UnknownPaymentRequest(requestId);
        if (status != PaymentStatus.Pending) revert WrongPaymentStatus(requestId, status);
    }

    function _setRewardParameters(RewardParameters memory p) private {
        if (uint256(p.poolBps) + p.vaultBps > BPS) revert InvalidRewardSplit(p.poolBps, p.vaultBps);
        if (p.poolRecipient == address(0)) revert ZeroRecipient("poolRecipient");
        if (p.vault == address(0)) revert ZeroRecipient("vault");
        _reward = p;
        emit RewardParametersSet(p.rewardWeiPerWh, p.poolBps, p.vaultBps, p.poolRecipient, p.vault);
    }
}
