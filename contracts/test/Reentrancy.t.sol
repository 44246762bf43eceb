// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {DrexFixture} from "./DrexFixture.sol";
import {HostileToken, Attacker} from "./Hostile.sol";
import {Marketplace} from "../marketplace/Marketplace.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {Generator} from "../generator/Generator.sol";
import {IGenerator} from "../generator/IGenerator.sol";
import {IDeviceRegistry} from "../energy/IDeviceRegistry.sol";

/// @dev A marketplace built on a hostile token whose transfers call back into an attacker contract, which then
/// re-enters the marketplace or the generator mid-transfer. Every re-entry must fail with
/// `ReentrancyGuardReentrantCall`, and nobody may be paid twice.
contract ReentrancyTest is DrexFixture {
    HostileToken internal htoken;
    Marketplace internal hmarket;
    Attacker internal attacker;
    /// @dev The attacker's own Generator device, for the requests where it is the provider.
    address internal attackerDevice;

    function setUp() public override {
        super.setUp();
        htoken = new HostileToken();
        hmarket = new Marketplace(IERC20(address(htoken)), address(implementation), BIDDING, ACCEPTANCE, FINANCING, GRACE);
        hmarket.linkDeviceModules(address(deviceModules));
        attacker = new Attacker();
        attackerDevice = vm.addr(0xA77AC);
        _approvedDevice(address(attacker), attackerDevice, IDeviceRegistry.DeviceKind.Generator);
        htoken.mint(address(attacker), 1_000e18);
        htoken.mint(f1, 1_000e18);
        htoken.mint(creator, 1_000e18);
        htoken.mint(buyer, 1_000e18);
    }

    // ------------------------------------------------------------------ helpers

    function _as(bytes memory call) internal returns (bytes memory) {
        return attacker.act(address(hmarket), call);
    }

    /// @dev A request on the hostile marketplace with `bidder`'s bid of `cost` accepted.
    function _hAccepted(address bidder, uint128 cost) internal returns (uint256 id) {
        vm.prank(creator);
        id = hmarket.createRequest(_params());
        uint256 bidId;
        if (bidder == address(attacker)) {
            bidId = abi.decode(_as(abi.encodeCall(IMarketplace.placeBid, (id, _bidParams(cost)))), (uint256));
        } else {
            vm.prank(bidder);
            bidId = hmarket.placeBid(id, _bidParams(cost));
        }
        vm.warp(block.timestamp + BIDDING + 1);
        vm.prank(creator);
        hmarket.acceptBid(id, bidId);
    }

    function _attackerFunds(uint256 id, uint256 amount) internal {
        attacker.act(address(htoken), abi.encodeCall(IERC20.approve, (address(hmarket), type(uint256).max)));
        _as(abi.encodeCall(IMarketplace.fund, (id, amount)));
    }

    function _f1Funds(uint256 id, uint256 amount) internal {
        vm.startPrank(f1);
        htoken.approve(address(hmarket), amount);
        hmarket.fund(id, amount);
        vm.stopPrank();
    }

    function _activateH(Generator gen, address deviceRegistrar) internal {
        vm.prank(deviceRegistrar);
        gen.registerDevice(device);
        vm.startPrank(creator);
        htoken.approve(address(gen), 100e18);
        gen.activate(100e18);
        vm.stopPrank();
    }

    function _assertReentryBlocked() internal view {
        assertTrue(attacker.reentered(), "the hook ran mid-transfer");
        assertTrue(!attacker.reentrySucceeded(), "re-entry failed");
        assertEq(
            attacker.reentryResult(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stopped by the reentrancy guard"
        );
    }

    // ------------------------------------------------------------------ marketplace

    function test_DX4_reentrancy_refundCannotReenterRefund() public {
        uint256 id = _hAccepted(provider, 100e18);
        _attackerFunds(id, 40e18);
        _f1Funds(id, 30e18);
        vm.warp(block.timestamp + FINANCING + 1);

        htoken.arm(address(attacker));
        attacker.prepareReentry(address(hmarket), abi.encodeCall(IMarketplace.refund, (id)));
        _as(abi.encodeCall(IMarketplace.refund, (id)));
        _assertReentryBlocked();
        assertEq(htoken.balanceOf(address(attacker)), 1_000e18, "attacker refunded once: back to its start");
        assertEq(htoken.balanceOf(address(hmarket)), 30e18, "f1's money untouched");

        // And in sequence: a refund cannot be taken twice.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToRefund.selector, id, address(attacker)));
        _as(abi.encodeCall(IMarketplace.refund, (id)));
        vm.prank(f1);
        assertEq(hmarket.refund(id), 30e18, "f1 still gets everything back");
    }

    function test_DX4_reentrancy_fundCannotReenterFundOrRefund() public {
        uint256 id = _hAccepted(provider, 100e18);
        htoken.arm(address(attacker));
        attacker.prepareReentry(address(hmarket), abi.encodeCall(IMarketplace.fund, (id, 10e18)));
        _attackerFunds(id, 40e18);
        _assertReentryBlocked();
        (uint128 amount,) = hmarket.contributionOf(id, address(attacker));
        assertEq(amount, 40e18, "only the outer contribution counts");
        assertEq(htoken.balanceOf(address(hmarket)), 40e18, "and only it was taken");

        htoken.arm(address(attacker));
        attacker.prepareReentry(address(hmarket), abi.encodeCall(IMarketplace.refund, (id)));
        _as(abi.encodeCall(IMarketplace.fund, (id, 60e18))); // completes the financing
        _assertReentryBlocked();
        assertEq(uint256(hmarket.requestStatus(id)), uint256(S_FUNDED), "funded");
        assertEq(htoken.balanceOf(address(hmarket)), 100e18, "escrow complete");
    }

    // ------------------------------------------------------------------ generator

    function _hActive(address bidder) internal returns (uint256 id, Generator gen) {
        id = _hAccepted(bidder, 100e18);
        _attackerFunds(id, 50e18);
        _f1Funds(id, 50e18);
        (IMarketplace.Request memory r,) = hmarket.getRequest(id);
        gen = Generator(r.generator);
    }

    function test_DX9_reentrancy_claimCannotReenterClaim() public {
        (, Generator gen) = _hActive(provider);
        _activateH(gen, provider); // 100 tokens of revenue: 50 each for the attacker and f1

        htoken.arm(address(attacker));
        attacker.prepareReentry(address(gen), abi.encodeCall(IGenerator.claimRevenue, ()));
        bytes memory paid = attacker.act(address(gen), abi.encodeCall(IGenerator.claimRevenue, ()));
        _assertReentryBlocked();
        assertEq(abi.decode(paid, (uint256)), 50e18, "claimed its half");
        assertEq(htoken.balanceOf(address(attacker)), 1_000e18 - 50e18 + 50e18, "paid once");
        assertEq(htoken.balanceOf(address(gen)), 50e18, "f1's half still there");

        // And in sequence: the second claim has nothing to pay.
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NothingToClaim.selector, address(attacker)));
        attacker.act(address(gen), abi.encodeCall(IGenerator.claimRevenue, ()));
        vm.prank(f1);
        assertEq(gen.claimRevenue(), 50e18, "f1 paid in full");
    }

    function test_DX7_reentrancy_escrowReleaseCannotReenterGenerator() public {
        // The attacker is the provider: the escrow transfer on activation calls it back.
        (uint256 id, Generator gen) = _hActive(address(attacker));
        attacker.act(address(gen), abi.encodeCall(IGenerator.registerDevice, (attackerDevice)));
        htoken.arm(address(attacker));
        attacker.prepareReentry(address(gen), abi.encodeCall(IGenerator.claimRevenue, ()));
        vm.startPrank(creator);
        htoken.approve(address(gen), 100e18);
        gen.activate(100e18);
        vm.stopPrank();
        _assertReentryBlocked();
        assertEq(htoken.balanceOf(address(attacker)), 1_000e18 - 50e18 + 100e18, "escrow paid once");
        assertEq(uint256(hmarket.requestStatus(id)), uint256(S_ACTIVE), "active");
        assertEq(gen.claimableRevenue(address(attacker)), 50e18, "its revenue share is intact, not taken early");
    }

    function test_DX7_reentrancy_escrowReleaseCannotReenterMarketplace() public {
        (uint256 id, Generator gen) = _hActive(address(attacker));
        attacker.act(address(gen), abi.encodeCall(IGenerator.registerDevice, (attackerDevice)));
        htoken.arm(address(attacker));
        attacker.prepareReentry(address(hmarket), abi.encodeCall(IMarketplace.releaseEscrow, (id)));
        vm.startPrank(creator);
        htoken.approve(address(gen), 100e18);
        gen.activate(100e18);
        vm.stopPrank();
        _assertReentryBlocked();
        assertEq(htoken.balanceOf(address(hmarket)), 0, "escrow released exactly once");
        assertEq(htoken.balanceOf(address(attacker)), 1_000e18 - 50e18 + 100e18, "escrow paid once");
    }

    function test_DX8_reentrancy_purchaseCannotReenterClaim() public {
        (, Generator gen) = _hActive(provider);
        _activateH(gen, provider);
        vm.prank(f1);
        gen.votePrice(1e18);
        attacker.act(address(htoken), abi.encodeCall(IERC20.approve, (address(gen), type(uint256).max)));
        htoken.arm(address(attacker));
        attacker.prepareReentry(address(gen), abi.encodeCall(IGenerator.claimRevenue, ()));
        attacker.act(address(gen), abi.encodeCall(IGenerator.buyEnergy, (10, 1e18)));
        _assertReentryBlocked();
        assertEq(gen.creditOf(address(attacker)), 10_000, "the purchase itself went through");
        // 100 from activation + 10 from the purchase, half each; nothing was claimed mid-purchase.
        assertEq(gen.claimableRevenue(address(attacker)), 55e18, "claimable intact");
        assertEq(htoken.balanceOf(address(gen)), 110e18, "generator holds all revenue");
    }
}
