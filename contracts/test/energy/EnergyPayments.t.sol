// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EnergyFixture} from "./EnergyFixture.sol";
import {IEnergyPayments} from "../../energy/IEnergyPayments.sol";
import {IDeviceRegistry} from "../../energy/IDeviceRegistry.sol";
import {IReadingCommitments} from "../../energy/IReadingCommitments.sol";
import {IDaoControlled} from "../../energy/IDaoControlled.sol";
import {IEnergyPaymentToken} from "../../energy/IEnergyPaymentToken.sol";
import {EnergyModules} from "../../energy/IModuleRegistry.sol";
import {EnergyPayments} from "../../energy/EnergyPayments.sol";
import {EnergyMath} from "../../energy/libraries/EnergyMath.sol";
import {RewardSplit} from "../../energy/libraries/RewardSplit.sol";

/// @dev MX4 payment requests and the DAO's decision, MX5 minting Energy and Reward Tokens, never twice for the same
/// device and month or the same readings.
contract EnergyPaymentsTest is EnergyFixture {
    uint64 internal constant SENT_WH = 432_100; // 432.1 kWh
    uint256 internal constant KWH = 1e18;

    uint256 internal gen;

    function setUp() public override {
        super.setUp();
        gen = _generator();
    }

    function _status(uint256 requestId) internal view returns (IEnergyPayments.PaymentStatus) {
        return payments.getPaymentRequest(requestId).status;
    }

    // ------------------------------------------------------------------ requestPayment (MX4)

    function test_requestPayment_MX4_storesTheClaim() public {
        _commitRange(100, 103);
        vm.expectEmit(true, true, true, true, address(payments));
        emit IEnergyPayments.PaymentRequested(1, gen, operator, MONTH, 100, 103, SENT_WH, 720, 0, 9_990, SENT_WH / 50);
        vm.prank(operator);
        uint256 id = payments.requestPayment(_claim(gen, MONTH, 100, 103, SENT_WH));
        assertEq(id, 1, "first id");
        IEnergyPayments.PaymentRequest memory r = payments.getPaymentRequest(id);
        assertEq(r.operator, operator, "operator");
        assertEq(r.deviceId, gen, "device");
        assertEq(r.period, MONTH, "month");
        assertEq(uint256(r.status), uint256(IEnergyPayments.PaymentStatus.Pending), "pending");
        assertEq(r.firstRootPeriodId, 100, "first root");
        assertEq(r.lastRootPeriodId, 103, "last root");
        assertEq(r.sentWh, SENT_WH, "sent");
        assertEq(r.readingCount, 720, "readings");
        assertEq(r.uptimeBps, 9_990, "uptime (MX8)");
        assertEq(r.lossWh, SENT_WH / 50, "loss");
        assertEq(r.requestedAt, START, "requested at");
        assertEq(payments.paymentRequestCount(), 1, "count");
    }

    function test_requestPayment_MX4_onlyTheDevicesOperator() public {
        _commitRange(1, 1);
        address[3] memory others = [operator2, deviceKey, dao];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDeviceRegistry.NotDeviceOperator.selector, gen, others[i], operator)
            );
            vm.prank(others[i]);
            payments.requestPayment(_claim(gen, MONTH, 1, 1, SENT_WH));
        }
    }

    function test_requestPayment_MX4_suspendedDeviceRefused() public {
        _commitRange(1, 1);
        vm.prank(dao);
        devices.suspendDevice(gen, "hardware check overdue");
        vm.expectRevert(
            abi.encodeWithSelector(
                IDeviceRegistry.WrongDeviceStatus.selector, gen, IDeviceRegistry.DeviceStatus.Suspended
            )
        );
        vm.prank(operator);
        payments.requestPayment(_claim(gen, MONTH, 1, 1, SENT_WH));
    }

    function test_requestPayment_MX4_revokedDeviceRefused() public {
        _commitRange(1, 1);
        vm.prank(dao);
        devices.revokeDevice(gen, "tampered");
        vm.expectRevert(
            abi.encodeWithSelector(IDeviceRegistry.WrongDeviceStatus.selector, gen, IDeviceRegistry.DeviceStatus.Revoked)
        );
        vm.prank(operator);
        payments.requestPayment(_claim(gen, MONTH, 1, 1, SENT_WH));
    }

    function test_requestPayment_MX4_notYetApprovedOrMeterRefused() public {
        _commitRange(1, 1);
        uint256 applied = _apply(operator2, deviceKey2, IDeviceRegistry.DeviceKind.Generator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDeviceRegistry.WrongDeviceStatus.selector, applied, IDeviceRegistry.DeviceStatus.Applied
            )
        );
        vm.prank(operator2);
        payments.requestPayment(_claim(applied, MONTH, 1, 1, SENT_WH));
        uint256 meter = _activeDevice(operator2, nodeKey, IDeviceRegistry.DeviceKind.Meter);
        vm.expectRevert(
            abi.encodeWithSelector(IDeviceRegistry.WrongDeviceKind.selector, meter, IDeviceRegistry.DeviceKind.Meter)
        );
        vm.prank(operator2);
        payments.requestPayment(_claim(meter, MONTH, 1, 1, SENT_WH));
        vm.expectRevert(abi.encodeWithSelector(IDeviceRegistry.UnknownDevice.selector, 77));
        vm.prank(operator2);
        payments.requestPayment(_claim(77, MONTH, 1, 1, SENT_WH));
    }

    function test_requestPayment_MX4_rootsMustBeCommitted() public {
        _commitRange(10, 10);
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.RootNotCommitted.selector, 9));
        payments.requestPayment(_claim(gen, MONTH, 9, 10, SENT_WH));
        vm.expectRevert(abi.encodeWithSelector(IReadingCommitments.RootNotCommitted.selector, 11));
        payments.requestPayment(_claim(gen, MONTH, 10, 11, SENT_WH));
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidRootRange.selector, 10, 9));
        payments.requestPayment(_claim(gen, MONTH, 10, 9, SENT_WH));
        vm.stopPrank();
    }

    function test_requestPayment_MX4_invalidMonthRefused() public {
        _commitRange(1, 1);
        uint32[5] memory bad = [uint32(202600), 202613, 199912, 2026, 0];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidPeriod.selector, bad[i]));
            vm.prank(operator);
            payments.requestPayment(_claim(gen, bad[i], 1, 1, SENT_WH));
        }
    }

    function test_requestPayment_MX4_energyWithinRatedPowerForTheMonth() public {
        _commitRange(1, 1);
        uint256 maxWh = uint256(RATED_W) * 30 * 24; // June: 30 days at 5 kW
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidEnergy.selector, gen, maxWh + 1, maxWh));
        payments.requestPayment(_claim(gen, MONTH, 1, 1, uint64(maxWh + 1)));
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidEnergy.selector, gen, 0, maxWh));
        payments.requestPayment(_claim(gen, MONTH, 1, 1, 0));
        payments.requestPayment(_claim(gen, MONTH, 1, 1, uint64(maxWh))); // exactly full power all month
        vm.stopPrank();
    }

    function test_requestPayment_MX4_MX8_integrityFiguresInRange() public {
        _commitRange(1, 1);
        IEnergyPayments.PaymentClaim memory c = _claim(gen, MONTH, 1, 1, SENT_WH);
        c.uptimeBps = 10_001;
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidIntegrityFigure.selector, "uptimeBps", 10_001));
        vm.prank(operator);
        payments.requestPayment(c);
        c = _claim(gen, MONTH, 1, 1, SENT_WH);
        c.lossWh = SENT_WH + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IEnergyPayments.InvalidIntegrityFigure.selector, "lossWh", SENT_WH + 1)
        );
        vm.prank(operator);
        payments.requestPayment(c);
        c = _claim(gen, MONTH, 1, 1, SENT_WH);
        c.readingCount = 0;
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidIntegrityFigure.selector, "readingCount", 0));
        vm.prank(operator);
        payments.requestPayment(c);
    }

    // ------------------------------------------------------------------ approvePayment (MX5)

    function test_approvePayment_MX5_mintsExactlyTheVerifiedEnergyAndSplitsTheReward() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 24, SENT_WH);
        uint256 energyWei = uint256(SENT_WH) * 1e15;
        uint256 rewardWei = uint256(SENT_WH) * REWARD_PER_WH;
        uint256 poolPart = rewardWei * POOL_BPS / 10_000;
        uint256 vaultPart = rewardWei * VAULT_BPS / 10_000;
        uint256 operatorPart = rewardWei - poolPart - vaultPart;
        vm.expectEmit(true, true, true, true, address(payments));
        emit IEnergyPayments.PaymentApproved(id, gen, operator, MONTH, energyWei, operatorPart, poolPart, vaultPart);
        (uint256 mintedEnergy, uint256 mintedReward) = _approvePayment(id);
        assertEq(mintedEnergy, energyWei, "returned energy");
        assertEq(mintedReward, rewardWei, "returned reward");
        assertEq(energy.balanceOf(operator), 432_100e15, "432.1 kWh = 432.1 tokens of 18 decimals");
        assertEq(energy.totalSupply(), energyWei, "nothing else minted");
        assertEq(energy.balanceOf(operator) * 1000 / KWH, SENT_WH, "one token per kWh");
        assertEq(reward.balanceOf(operator), operatorPart, "operator's reward: 70%");
        assertEq(reward.balanceOf(poolRecipient), poolPart, "pool's reward: 20%");
        assertEq(reward.balanceOf(vault), vaultPart, "vault's reward: 10%");
        assertEq(reward.totalSupply(), rewardWei, "the parts add up");
        assertEq(uint256(_status(id)), uint256(IEnergyPayments.PaymentStatus.Approved), "approved");
        IEnergyPayments.DeviceLedger memory l = payments.ledgerOf(gen);
        assertEq(l.lastPaidPeriod, MONTH, "last paid month");
        assertEq(l.nextRootPeriodId, 25, "next unpaid root");
        assertEq(l.paidWh, SENT_WH, "paid energy");
        assertEq(l.approvedCount, 1, "approvals");
    }

    function test_approvePayment_MX5_secondMintForTheSameDeviceAndMonthFails() public {
        uint256 first = _requestPayment(gen, MONTH, 1, 24, SENT_WH);
        _commitRange(25, 48);
        // A second request for the same month, on other readings, made while the first is pending.
        vm.prank(operator);
        uint256 second = payments.requestPayment(_claim(gen, MONTH, 25, 48, SENT_WH));
        _approvePayment(first);
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.PeriodAlreadyPaid.selector, gen, MONTH, MONTH));
        _approvePayment(second);
        // And no new request for it either.
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.PeriodAlreadyPaid.selector, gen, MONTH, MONTH));
        vm.prank(operator);
        payments.requestPayment(_claim(gen, MONTH, 25, 48, SENT_WH));
        // Nor an earlier month.
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.PeriodAlreadyPaid.selector, gen, MONTH - 1, MONTH));
        vm.prank(operator);
        payments.requestPayment(_claim(gen, MONTH - 1, 25, 48, SENT_WH));
        assertEq(energy.totalSupply(), uint256(SENT_WH) * 1e15, "minted once");
    }

    function test_approvePayment_MX5_theSameReadingsAreNeverPaidTwice() public {
        uint256 june = _requestPayment(gen, MONTH, 1, 24, SENT_WH);
        _approvePayment(june);
        // July citing readings that overlap June's.
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.ReadingsAlreadyPaid.selector, gen, 24, 25));
        vm.prank(operator);
        payments.requestPayment(_claim(gen, MONTH + 1, 24, 30, SENT_WH));
        // July on the next readings is paid.
        uint256 july = _requestPayment(gen, MONTH + 1, 25, 48, SENT_WH);
        _approvePayment(july);
        assertEq(payments.ledgerOf(gen).paidWh, 2 * uint256(SENT_WH), "two months paid");
    }

    function test_approvePayment_MX5_overlappingPendingRequestsOnlyOnePaid() public {
        uint256 june = _requestPayment(gen, MONTH, 1, 24, SENT_WH);
        uint256 july = _requestPayment(gen, MONTH + 1, 20, 48, SENT_WH);
        _approvePayment(june);
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.ReadingsAlreadyPaid.selector, gen, 20, 25));
        _approvePayment(july);
    }

    function test_approvePayment_MX4_suspendedSinceTheRequestRefused() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 1, SENT_WH);
        vm.prank(dao);
        devices.suspendDevice(gen, "hardware integrity check failed");
        vm.expectRevert(
            abi.encodeWithSelector(
                IDeviceRegistry.WrongDeviceStatus.selector, gen, IDeviceRegistry.DeviceStatus.Suspended
            )
        );
        _approvePayment(id);
        vm.prank(dao);
        payments.refusePayment(id, "device suspended: hardware integrity check failed");
        assertEq(energy.totalSupply(), 0, "nothing minted");
    }

    function test_approvePayment_MX5_onlyTheDaoAndOnlyOnce() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 1, SENT_WH);
        address[3] memory others = [operator, committer, outsider];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, others[i], dao));
            vm.prank(others[i]);
            payments.approvePayment(id);
        }
        _approvePayment(id);
        vm.expectRevert(
            abi.encodeWithSelector(IEnergyPayments.WrongPaymentStatus.selector, id, IEnergyPayments.PaymentStatus.Approved)
        );
        _approvePayment(id);
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.UnknownPaymentRequest.selector, 5));
        _approvePayment(5);
    }

    function test_mint_MX5_onlyThePaymentsModule() public {
        address[3] memory others = [dao, operator, address(this)];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IEnergyPaymentToken.NotMinter.selector, others[i], payments));
            vm.prank(others[i]);
            energy.mint(others[i], 1);
            vm.expectRevert(abi.encodeWithSelector(IEnergyPaymentToken.NotMinter.selector, others[i], payments));
            vm.prank(others[i]);
            reward.mint(others[i], 1);
        }
        assertEq(energy.minter(), address(payments), "energy minter");
        assertEq(reward.minter(), address(payments), "reward minter");
        assertEq(energy.decimals(), 18, "18 decimals");
    }

    function test_approvePayment_MX9_repointedPaymentsModuleTakesOverTheMint() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 1, SENT_WH);
        EnergyPayments next = new EnergyPayments(registry, _rewardParameters(0, 0, 0));
        vm.prank(dao);
        registry.setModule(EnergyModules.PAYMENTS, address(next));
        assertEq(energy.minter(), address(next), "minting moved with the module");
        // The old module's pending approval can no longer mint.
        vm.expectRevert(abi.encodeWithSelector(IEnergyPaymentToken.NotMinter.selector, payments, next));
        _approvePayment(id);
        // The new module pays, with its own parameters: energy only, no reward.
        vm.prank(operator);
        uint256 newId = next.requestPayment(_claim(gen, MONTH, 1, 1, SENT_WH));
        vm.prank(dao);
        next.approvePayment(newId);
        assertEq(energy.balanceOf(operator), uint256(SENT_WH) * 1e15, "energy minted by the new module");
        assertEq(reward.totalSupply(), 0, "no reward at rate 0");
    }

    // ------------------------------------------------------------------ refusePayment (MX4)

    function test_refusePayment_MX4_keepsTheReasonOnChain() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 1, SENT_WH);
        vm.expectEmit(true, true, true, true, address(payments));
        emit IEnergyPayments.PaymentRefused(id, gen, MONTH, "uptime 61%: heartbeats missing 3-9 June");
        vm.prank(dao);
        payments.refusePayment(id, "uptime 61%: heartbeats missing 3-9 June");
        IEnergyPayments.PaymentRequest memory r = payments.getPaymentRequest(id);
        assertEq(uint256(r.status), uint256(IEnergyPayments.PaymentStatus.Refused), "refused");
        assertEq(r.refusalReason, "uptime 61%: heartbeats missing 3-9 June", "reason stored");
        vm.expectRevert(
            abi.encodeWithSelector(IEnergyPayments.WrongPaymentStatus.selector, id, IEnergyPayments.PaymentStatus.Refused)
        );
        _approvePayment(id);
        assertEq(energy.totalSupply(), 0, "nothing minted");
    }

    function test_refusePayment_MX4_aCorrectedRequestCanBeApproved() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 1, SENT_WH);
        vm.prank(dao);
        payments.refusePayment(id, "sentWh does not match the readings: 431,900");
        uint256 corrected = _requestPayment(gen, MONTH, 1, 1, 431_900);
        _approvePayment(corrected);
        assertEq(energy.balanceOf(operator), 431_900e15, "paid the corrected figure");
    }

    function test_refusePayment_MX4_needsAReasonAndTheDao() public {
        uint256 id = _requestPayment(gen, MONTH, 1, 1, SENT_WH);
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, operator, dao));
        vm.prank(operator);
        payments.refusePayment(id, "no");
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidReason.selector, 0, 512));
        vm.prank(dao);
        payments.refusePayment(id, "");
    }

    // ------------------------------------------------------------------ reward parameters (MX5)

    function test_setRewardParameters_MX5_validatedAndOnlyTheDao() public {
        IEnergyPayments.RewardParameters memory p = _rewardParameters(5e14, 3_000, 2_000);
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, operator, dao));
        vm.prank(operator);
        payments.setRewardParameters(p);
        vm.expectEmit(true, true, true, true, address(payments));
        emit IEnergyPayments.RewardParametersSet(5e14, 3_000, 2_000, poolRecipient, vault);
        vm.prank(dao);
        payments.setRewardParameters(p);
        assertEq(payments.rewardParameters().rewardWeiPerWh, 5e14, "rate");

        p = _rewardParameters(1, 6_000, 4_001);
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.InvalidRewardSplit.selector, 6_000, 4_001));
        vm.prank(dao);
        payments.setRewardParameters(p);
        p = _rewardParameters(1, 0, 0);
        p.vault = address(0);
        vm.expectRevert(abi.encodeWithSelector(IEnergyPayments.ZeroRecipient.selector, "vault"));
        vm.prank(dao);
        payments.setRewardParameters(p);
    }

    /// @dev The three parts always add up to exactly the reward, the pool's and vault's are their share rounded down,
    /// and the operator never gets less than theirs.
    function testFuzz_split_MX5_partsAddUpExactly(uint256 total, uint16 poolBps, uint16 vaultBps) public pure {
        total = bound(total, 0, type(uint160).max);
        poolBps = uint16(bound(poolBps, 0, 10_000));
        vaultBps = uint16(bound(vaultBps, 0, 10_000 - poolBps));
        (uint256 op, uint256 pool, uint256 v) = RewardSplit.split(total, poolBps, vaultBps);
        assertEq(op + pool + v, total, "sum");
        assertEq(pool, total * poolBps / 10_000, "pool rounded down");
        assertEq(v, total * vaultBps / 10_000, "vault rounded down");
        assertTrue(op >= total * (10_000 - poolBps - vaultBps) / 10_000, "operator at least their share");
    }

    function test_energyMath_MX4_monthsAndUnits() public pure {
        assertEq(EnergyMath.daysInMonth(202602), 28, "February 2026");
        assertEq(EnergyMath.daysInMonth(202802), 29, "February 2028, leap");
        assertEq(EnergyMath.daysInMonth(210002), 28, "February 2100, not leap");
        assertEq(EnergyMath.daysInMonth(200002), 29, "February 2000, leap");
        assertEq(EnergyMath.daysInMonth(202604), 30, "April");
        assertEq(EnergyMath.daysInMonth(202612), 31, "December");
        assertEq(EnergyMath.maxEnergyWh(1_000, 202601), 744_000, "1 kW for 31 days");
        assertEq(EnergyMath.energyTokenWei(1_000), 1e18, "1 kWh is one token");
        assertEq(EnergyMath.energyTokenWei(1), 1e15, "1 Wh");
    }
}
