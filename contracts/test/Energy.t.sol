// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DrexFixture} from "./DrexFixture.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {Generator} from "../generator/Generator.sol";
import {IGenerator} from "../generator/IGenerator.sol";
import {Usage} from "../generator/UsageHash.sol";
import {IDeviceRegistry} from "../energy/IDeviceRegistry.sol";

/// @dev DX8 energy purchases and the device's signed usage readings, DX9 revenue sharing. Owners: f1 50%, f2 30%, f3 20%; the
/// activation token (1 SOLAR) is the first revenue.
contract EnergyTest is DrexFixture {
    uint256 internal constant PRICE = 2e18;

    // ------------------------------------------------------------------ DX8 purchases

    function test_DX8_buyEnergy_atTheVotedPrice() public {
        (, Generator gen) = _active();
        _vote(gen, f1, PRICE);
        uint256 buyerBefore = token.balanceOf(buyer);
        uint256 genBefore = token.balanceOf(address(gen));
        vm.startPrank(buyer);
        token.approve(address(gen), type(uint256).max);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.RevenueReceived(buyer, 10e18, INITIAL_TOKEN + 10e18);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.EnergyPurchased(buyer, 5, PRICE, 10e18, 5_000);
        uint256 cost = gen.buyEnergy(5, PRICE);
        vm.stopPrank();
        assertEq(cost, 10e18, "units * getAvg()");
        assertEq(token.balanceOf(buyer), buyerBefore - 10e18, "buyer paid");
        assertEq(token.balanceOf(address(gen)), genBefore + 10e18, "generator received");
        assertEq(gen.creditOf(buyer), 5_000, "credit in milli-units");
        // Anyone may buy, the creator and owners included, and credit adds up.
        _buy(gen, buyer, 3);
        _buy(gen, f2, 1);
        assertEq(gen.creditOf(buyer), 8_000, "credit accumulates");
        assertEq(gen.creditOf(f2), 1_000, "owner's own credit");
        assertEq(gen.state().unitsSold, 9, "units sold");
    }

    function test_DX8_buyEnergy_revertsAbovePriceLimit() public {
        (, Generator gen) = _active();
        _vote(gen, f1, PRICE);
        vm.startPrank(buyer);
        token.approve(address(gen), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.PriceAboveLimit.selector, PRICE, PRICE - 1));
        gen.buyEnergy(1, PRICE - 1);
        vm.stopPrank();
        assertEq(gen.creditOf(buyer), 0, "no credit");
        // A vote raising the price after the buyer's quote is what the limit protects against.
        _vote(gen, f2, 10 * PRICE);
        uint256 newPrice = gen.getAvg();
        vm.expectRevert(abi.encodeWithSelector(IGenerator.PriceAboveLimit.selector, newPrice, PRICE));
        vm.prank(buyer);
        gen.buyEnergy(1, PRICE);
    }

    function test_DX8_buyEnergy_revertsOnInvalidUnits() public {
        (, Generator gen) = _active();
        uint256 max = gen.MAX_UNITS_PER_PURCHASE();
        vm.expectRevert(abi.encodeWithSelector(IGenerator.InvalidUnits.selector, 0, max));
        vm.prank(buyer);
        gen.buyEnergy(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.InvalidUnits.selector, max + 1, max));
        vm.prank(buyer);
        gen.buyEnergy(max + 1, 0);
    }

    function test_DX8_buyEnergy_freeWithoutVotes() public {
        (, Generator gen) = _active();
        uint256 before = token.balanceOf(buyer);
        vm.prank(buyer); // no approval needed: nothing is taken
        assertEq(gen.buyEnergy(3, 0), 0, "free");
        assertEq(token.balanceOf(buyer), before, "buyer paid nothing");
        assertEq(gen.creditOf(buyer), 3_000, "credit still given");
        assertEq(gen.state().cumulativeRevenueWei, INITIAL_TOKEN, "no revenue added");
    }

    function test_DX8_buyEnergy_revertsPastTheRevenueCap() public {
        (, Generator gen) = _active();
        _vote(gen, f1, 1e28);
        uint256 max = gen.MAX_CUMULATIVE_REVENUE_WEI();
        vm.expectRevert(
            abi.encodeWithSelector(IGenerator.RevenueCapExceeded.selector, INITIAL_TOKEN, 1e34, max)
        );
        vm.prank(buyer);
        gen.buyEnergy(1e6, type(uint256).max);
    }

    // ------------------------------------------------------------------ DX8 usage: the device's signed readings

    function test_DX8_reportUsage_signedReadingsDrawDownCredit() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 5);
        vm.warp(block.timestamp + 600);
        (Usage memory first, bytes memory sig) = _signedUsage(gen, DEVICE_PK, buyer, 1_500);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.UsageReported(buyer, 1_500, 3_500, 1_500, first.readAt);
        vm.prank(outsider); // anyone relays: the signature is what counts
        gen.reportUsage(first, sig);
        assertEq(gen.creditOf(buyer), 3_500, "credit left");

        vm.warp(block.timestamp + 600);
        _reportUsage(gen, buyer, 5_000); // cumulative: 3,500 more
        assertEq(gen.creditOf(buyer), 0, "all used");
        assertEq(gen.state().deliveredMilliUnits, 5_000, "delivered");
        (uint256 delivered, uint64 readAt) = gen.usageOf(buyer);
        assertEq(delivered, 5_000, "the consumer's cumulative delivery");
        assertEq(readAt, block.timestamp, "read at");
    }

    function test_DX8_reportUsage_onlyTheDevicesSignature() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 5);
        // Signed by any key but the device's.
        uint256[3] memory others = [uint256(0xB0B), 0xF1, 0xC0C];
        for (uint256 i; i < others.length; ++i) {
            (Usage memory u, bytes memory sig) = _signedUsage(gen, others[i], buyer, 1_000);
            vm.expectRevert(abi.encodeWithSelector(IGenerator.NotSignedByDevice.selector, vm.addr(others[i]), device));
            gen.reportUsage(u, sig);
        }
        // Altered after signing: the signature recovers to someone else.
        (Usage memory signed, bytes memory good) = _signedUsage(gen, DEVICE_PK, buyer, 1_000);
        signed.deliveredMilliUnits = 5_000;
        vm.expectRevert();
        gen.reportUsage(signed, good);
        // Malformed: no signer at all.
        signed.deliveredMilliUnits = 1_000;
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NotSignedByDevice.selector, address(0), device));
        gen.reportUsage(signed, hex"1234");
        assertEq(gen.creditOf(buyer), 5_000, "credit untouched");
        assertEq(gen.state().deliveredMilliUnits, 0, "nothing delivered");
    }

    function test_DX8_reportUsage_aReadingForAnotherGeneratorIsRefused() public {
        (, Generator gen) = _active();
        (, Generator other) = _active();
        _buy(gen, buyer, 5);
        (Usage memory u, bytes memory sig) = _signedUsage(other, DEVICE_PK, buyer, 1_000);
        vm.expectRevert();
        gen.reportUsage(u, sig);
        assertEq(gen.creditOf(buyer), 5_000, "credit untouched");
    }

    function test_DX8_reportUsage_refusesReplaysAndFallingCounters() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 5);
        vm.warp(block.timestamp + 60);
        (Usage memory u, bytes memory sig) = _signedUsage(gen, DEVICE_PK, buyer, 2_000);
        gen.reportUsage(u, sig);
        uint64 activatedAt = gen.state().activatedAt;
        vm.expectRevert(abi.encodeWithSelector(IGenerator.StaleUsage.selector, buyer, u.readAt, u.readAt, activatedAt));
        gen.reportUsage(u, sig);

        vm.warp(block.timestamp + 60);
        (Usage memory lower, bytes memory lowerSig) = _signedUsage(gen, DEVICE_PK, buyer, 1_999);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.UsageNotIncreasing.selector, buyer, 1_999, 2_000));
        gen.reportUsage(lower, lowerSig);
        (Usage memory same, bytes memory sameSig) = _signedUsage(gen, DEVICE_PK, buyer, 2_000);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.UsageNotIncreasing.selector, buyer, 2_000, 2_000));
        gen.reportUsage(same, sameSig);
        assertEq(gen.creditOf(buyer), 3_000, "drawn down once");
    }

    function test_DX8_reportUsage_refusesFutureAndPreActivationReadings() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 5);
        uint64 activatedAt = gen.state().activatedAt;
        vm.warp(block.timestamp + 3_600);
        Usage memory future = Usage({consumer: buyer, deliveredMilliUnits: 1_000, readAt: uint64(block.timestamp + 1)});
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(DEVICE_PK, gen.usageDigest(future));
        vm.expectRevert(abi.encodeWithSelector(IGenerator.UsageFromFuture.selector, future.readAt, block.timestamp));
        gen.reportUsage(future, abi.encodePacked(r, s, v));

        Usage memory before = Usage({consumer: buyer, deliveredMilliUnits: 1_000, readAt: activatedAt - 1});
        (v, r, s) = vm.sign(DEVICE_PK, gen.usageDigest(before));
        vm.expectRevert(abi.encodeWithSelector(IGenerator.StaleUsage.selector, buyer, activatedAt - 1, 0, activatedAt));
        gen.reportUsage(before, abi.encodePacked(r, s, v));
        assertEq(gen.creditOf(buyer), 5_000, "credit untouched");
    }

    function test_DX8_reportUsage_revertsBeyondCredit() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 2);
        (Usage memory u, bytes memory sig) = _signedUsage(gen, DEVICE_PK, buyer, 2_001);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.InsufficientCredit.selector, buyer, 2_000, 2_001));
        gen.reportUsage(u, sig);
        (u, sig) = _signedUsage(gen, DEVICE_PK, outsider, 1);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.InsufficientCredit.selector, outsider, 0, 1));
        gen.reportUsage(u, sig);
        assertEq(gen.creditOf(buyer), 2_000, "credit untouched");
    }

    function test_DX8_reportUsage_onlyWhileTheDeviceIsActive() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 5);
        vm.prank(deviceDao);
        devices.suspendDevice(deviceId, "meter tampering reported");
        vm.warp(block.timestamp + 60);
        (Usage memory u, bytes memory sig) = _signedUsage(gen, DEVICE_PK, buyer, 1_000);
        vm.expectRevert(
            abi.encodeWithSelector(IGenerator.DeviceNotActive.selector, deviceId, IDeviceRegistry.DeviceStatus.Suspended)
        );
        gen.reportUsage(u, sig);
        vm.prank(deviceDao);
        devices.reinstateDevice(deviceId);
        gen.reportUsage(u, sig);
        assertEq(gen.creditOf(buyer), 4_000, "accepted once reinstated");
    }

    function test_DX8_reportUsage_followsTheRegistrysKeyChange() public {
        (, Generator gen) = _active();
        _buy(gen, buyer, 5);
        uint256 newPk = 0xBEEF;
        vm.prank(deviceDao);
        devices.setDeviceKey(deviceId, vm.addr(newPk));
        assertEq(gen.state().deviceKey, vm.addr(newPk), "the registry's current key");
        vm.warp(block.timestamp + 60);
        (Usage memory u, bytes memory sig) = _signedUsage(gen, DEVICE_PK, buyer, 1_000);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NotSignedByDevice.selector, device, vm.addr(newPk)));
        gen.reportUsage(u, sig);
        (u, sig) = _signedUsage(gen, newPk, buyer, 1_000);
        gen.reportUsage(u, sig);
        assertEq(gen.creditOf(buyer), 4_000, "the new key's reading counts");
    }

    // ------------------------------------------------------------------ DX9 revenue

    function test_DX9_claimsAreProRata() public {
        (, Generator gen) = _active();
        _vote(gen, f1, PRICE);
        _buy(gen, buyer, 5); // 10 SOLAR; 11 SOLAR of revenue with the activation token
        assertEq(gen.claimableRevenue(f1), 5.5e18, "f1 50%");
        assertEq(gen.claimableRevenue(f2), 3.3e18, "f2 30%");
        assertEq(gen.claimableRevenue(f3), 2.2e18, "f3 20%");
        assertEq(gen.claimableRevenue(outsider), 0, "outsider");

        uint256 before = token.balanceOf(f2);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.RevenueClaimed(f2, 3.3e18);
        vm.prank(f2);
        assertEq(gen.claimRevenue(), 3.3e18, "claimed");
        assertEq(token.balanceOf(f2), before + 3.3e18, "paid");
        vm.prank(f1);
        gen.claimRevenue();
        vm.prank(f3);
        gen.claimRevenue();
        assertEq(token.balanceOf(address(gen)), 0, "every payment shared out in full");
    }

    function test_DX9_claimAnyTime_onlyNewRevenueTheSecondTime() public {
        (, Generator gen) = _active();
        vm.prank(f1);
        assertEq(gen.claimRevenue(), INITIAL_TOKEN / 2, "half the activation token");
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NothingToClaim.selector, f1));
        vm.prank(f1);
        gen.claimRevenue();
        _vote(gen, f3, PRICE);
        _buy(gen, buyer, 1);
        vm.prank(f1);
        assertEq(gen.claimRevenue(), PRICE / 2, "half the new payment only");
        // f2 waited and gets both payments' share at once.
        vm.prank(f2);
        assertEq(gen.claimRevenue(), (INITIAL_TOKEN + PRICE) * 3 / 10, "waiting loses nothing");
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NothingToClaim.selector, outsider));
        vm.prank(outsider);
        gen.claimRevenue();
    }

    function test_DX9_pastRevenueStaysWithSeller() public {
        (, Generator gen) = _active();
        _vote(gen, f2, PRICE);
        _buy(gen, buyer, 5); // R = 11 SOLAR
        _transferShares(gen, f1, outsider, 5_000);
        assertEq(gen.claimableRevenue(f1), 5.5e18, "seller keeps revenue earned while holding");
        assertEq(gen.claimableRevenue(outsider), 0, "buyer of shares gets none of it");
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NothingToClaim.selector, outsider));
        vm.prank(outsider);
        gen.claimRevenue();

        _buy(gen, buyer, 10); // 20 SOLAR more
        assertEq(gen.claimableRevenue(outsider), 10e18, "buyer earns from the purchase on");
        assertEq(gen.claimableRevenue(f1), 5.5e18, "seller earns nothing new");

        // A partial sale splits later revenue by the new stakes only.
        _transferShares(gen, f2, f3, 1_000);
        _buy(gen, buyer, 5); // 10 SOLAR more
        assertEq(gen.claimableRevenue(f2), 3.3e18 + 6e18 + 2e18, "30% then 20%");
        assertEq(gen.claimableRevenue(f3), 2.2e18 + 4e18 + 3e18, "20% then 30%");
        vm.prank(f1);
        assertEq(gen.claimRevenue(), 5.5e18, "seller claims after selling");
    }

    /// @dev DX9: "at a cost per payment that does not grow with the number of owners". A purchase from a generator
    /// with 150 owners costs the same gas, within a few units, as one with a single owner.
    function test_DX9_purchaseCostIndependentOfOwnerCount() public {
        Generator one = _generatorWithOwners(1);
        Generator many = _generatorWithOwners(150);
        address buyerA = actor("buyerA");
        address buyerB = actor("buyerB");
        token.mint(buyerA, 100e18);
        token.mint(buyerB, 100e18);
        vm.prank(buyerA);
        token.approve(address(one), type(uint256).max);
        vm.prank(buyerB);
        token.approve(address(many), type(uint256).max);

        vm.prank(buyerA);
        uint256 g = gasleft();
        one.buyEnergy(1, type(uint256).max);
        uint256 gasOne = g - gasleft();
        vm.prank(buyerB);
        g = gasleft();
        many.buyEnergy(1, type(uint256).max);
        uint256 gasMany = g - gasleft();
        // A few gas of slack for incidental differences (addresses, slot values); any per-owner work would cost at
        // least a storage read (2,100 gas) for each of the 149 extra owners.
        assertLe(gasMany, gasOne + 100, "no more gas with 150 owners");
        assertLe(gasOne, gasMany + 100, "no less either");
    }

    function _generatorWithOwners(uint256 n) internal returns (Generator gen) {
        (uint256 id,) = _accepted(uint128(n * 1e18));
        for (uint256 i; i < n; ++i) _fund(id, address(uint160(0xF0000 + i + n * 1000)), 1e18);
        gen = _generatorOf(id);
        _activate(gen);
        _vote(gen, address(uint160(0xF0000 + n * 1000)), 1e18);
    }
}
