// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {DrexFixture} from "./DrexFixture.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {Generator} from "../generator/Generator.sol";
import {IGenerator} from "../generator/IGenerator.sol";

/// @dev DX4: financing an accepted request for one month, the generator created on reaching the target, and refunds
/// when financing (or, DX7, activation) fails.
contract FinancingTest is DrexFixture {
    function test_DX4_fund_recordsContributionAndEscrowsTokens() public {
        (uint256 id,) = _accepted(COST);
        uint256 before = token.balanceOf(f1);
        vm.startPrank(f1);
        token.approve(address(market), 300e18);
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.Contributed(id, f1, 100e18, 100e18, COST);
        market.fund(id, 100e18);
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.Contributed(id, f1, 200e18, 300e18, COST);
        market.fund(id, 200e18);
        vm.stopPrank();
        _fund(id, f2, 50e18);

        (uint128 amount, uint32 order) = market.contributionOf(id, f1);
        assertEq(amount, 300e18, "f1 total");
        assertEq(order, 1, "f1 first");
        (amount, order) = market.contributionOf(id, f2);
        assertEq(amount, 50e18, "f2 total");
        assertEq(order, 2, "f2 second");
        (amount, order) = market.contributionOf(id, f3);
        assertEq(amount, 0, "f3 nothing");
        assertEq(order, 0, "f3 never");
        (IMarketplace.Request memory r, IMarketplace.RequestStatus status) = market.getRequest(id);
        assertEq(r.raisedWei, 350e18, "raised");
        assertEq(r.financierCount, 2, "financiers");
        assertEq(uint256(status), uint256(S_FINANCING), "still financing");
        assertEq(token.balanceOf(f1), before - 300e18, "paid in");
        assertEq(token.balanceOf(address(market)), 350e18, "escrowed");
    }

    function test_DX4_fund_onlyWithinTheFinancingMonth() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        vm.expectRevert(_wrongStatus(id, S_BIDDING, S_FINANCING));
        vm.prank(f1);
        market.fund(id, 1);

        _closeBidding(id);
        vm.expectRevert(_wrongStatus(id, S_AWAITING, S_FINANCING));
        vm.prank(f1);
        market.fund(id, 1);

        vm.prank(creator);
        market.acceptBid(id, bidId);
        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(r.financingDeadline); // the month's last second
        _fund(id, f1, 1);
        vm.warp(uint256(r.financingDeadline) + 1);
        assertEq(uint256(_status(id)), uint256(S_FINANCING_FAILED), "failed after the month");
        vm.expectRevert(_wrongStatus(id, S_FINANCING_FAILED, S_FINANCING));
        vm.prank(f2);
        market.fund(id, 1);

        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 77));
        market.fund(77, 1);
    }

    function test_DX4_fund_revertsOnZeroContribution() public {
        (uint256 id,) = _accepted(COST);
        vm.expectRevert(IMarketplace.ZeroContribution.selector);
        vm.prank(f1);
        market.fund(id, 0);
    }

    function test_DX4_fund_revertsWhenOverfunding() public {
        (uint256 id,) = _accepted(COST);
        _fund(id, f1, 600e18);
        vm.startPrank(f2);
        token.approve(address(market), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ExceedsFundingTarget.selector, id, 400e18 + 1, 400e18));
        market.fund(id, 400e18 + 1);
        vm.stopPrank();
        (IMarketplace.Request memory r,) = market.getRequest(id);
        assertEq(r.raisedWei, 600e18, "unchanged");
        // Exactly the remainder is fine and completes the financing.
        _fund(id, f2, 400e18);
        assertEq(uint256(_status(id)), uint256(S_FUNDED), "funded");
    }

    function test_DX4_fund_revertsWithoutAllowance() public {
        (uint256 id,) = _accepted(COST);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, 1e18)
        );
        vm.prank(f1);
        market.fund(id, 1e18);
        (uint128 amount,) = market.contributionOf(id, f1);
        assertEq(amount, 0, "no contribution recorded");
    }

    function test_DX4_reachingTargetCreatesGenerator() public {
        (uint256 id,) = _accepted(COST);
        _fund(id, f1, 700e18);
        vm.startPrank(f2);
        token.approve(address(market), 300e18);
        uint64 activationDeadline = uint64(block.timestamp) + INSTALL + GRACE;
        // The generator's address (topic 2) is not known in advance; the rest of the event is checked.
        vm.expectEmit(true, false, true, true, address(market));
        emit IMarketplace.GeneratorCreated(id, address(0), 2, 0, activationDeadline);
        market.fund(id, 300e18);
        vm.stopPrank();

        (IMarketplace.Request memory r, IMarketplace.RequestStatus status) = market.getRequest(id);
        assertEq(uint256(status), uint256(S_FUNDED), "funded");
        assertTrue(r.generator.code.length > 0, "generator deployed");
        assertEq(r.activationDeadline, activationDeadline, "installation time plus grace");
        assertEq(r.raisedWei, COST, "raised the target");
        Generator gen = Generator(r.generator);
        assertEq(uint256(gen.phase()), uint256(IGenerator.Phase.Pending), "pending");
        IGenerator.GeneratorState memory s = gen.state();
        assertEq(s.requestId, id, "request id");
        assertEq(s.marketplace, address(market), "marketplace");
        assertEq(s.token, address(token), "token");
        assertEq(s.requester, creator, "requester");
        assertEq(s.provider, provider, "provider");
        assertEq(s.escrowWei, COST, "escrow");
        assertEq(token.balanceOf(address(market)), COST, "escrow held by the marketplace, not yet the provider");
        assertEq(token.balanceOf(provider), 0, "provider not paid before activation");
        // Each funded request gets its own generator contract.
        (uint256 id2, Generator gen2) = _funded();
        assertTrue(address(gen2) != address(gen) && id2 != id, "separate generator");
    }

    function test_DX4_fund_revertsOnceFunded() public {
        (uint256 id,) = _funded();
        vm.expectRevert(_wrongStatus(id, S_FUNDED, S_FINANCING));
        vm.prank(f1);
        market.fund(id, 1);
    }

    function test_DX4_financingFailed_refundsExactlyWhatWasPaid() public {
        (uint256 id,) = _accepted(COST);
        // f1 contributes three times, f2 once; 998 of 1,000 tokens raised.
        _fund(id, f1, 100e18);
        _fund(id, f2, 250e18);
        _fund(id, f1, 1);
        _fund(id, f1, 649e18 - 1 - 1e18);
        uint256 f1Paid = 100e18 + 1 + (649e18 - 1 - 1e18);
        uint256 f1Before = token.balanceOf(f1) + f1Paid;
        uint256 f2Before = token.balanceOf(f2) + 250e18;

        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(uint256(r.financingDeadline) + 1);
        assertEq(uint256(_status(id)), uint256(S_FINANCING_FAILED), "failed");

        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.Refunded(id, f1, f1Paid);
        vm.prank(f1);
        assertEq(market.refund(id), f1Paid, "f1 refund amount");
        vm.prank(f2);
        assertEq(market.refund(id), 250e18, "f2 refund amount");
        assertEq(token.balanceOf(f1), f1Before, "f1 whole again");
        assertEq(token.balanceOf(f2), f2Before, "f2 whole again");
        assertEq(token.balanceOf(address(market)), 0, "nothing left behind");
        (r,) = market.getRequest(id);
        assertEq(r.raisedWei, 0, "raised drawn down");
        (uint128 left,) = market.contributionOf(id, f1);
        assertEq(left, 0, "contribution cleared");
    }

    function test_DX4_refund_revertsTheSecondTime() public {
        (uint256 id,) = _accepted(COST);
        _fund(id, f1, 10e18);
        vm.warp(block.timestamp + FINANCING + 1);
        vm.prank(f1);
        market.refund(id);
        uint256 balance = token.balanceOf(f1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToRefund.selector, id, f1));
        vm.prank(f1);
        market.refund(id);
        assertEq(token.balanceOf(f1), balance, "not paid twice");
        // Someone who never contributed has nothing to take either.
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToRefund.selector, id, outsider));
        vm.prank(outsider);
        market.refund(id);
    }

    function test_DX4_refund_notAvailableUnlessFailed() public {
        uint256 open = _request();
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RefundNotAvailable.selector, open, S_BIDDING));
        market.refund(open);
        vm.prank(creator);
        market.cancelRequest(open);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RefundNotAvailable.selector, open, S_CANCELLED));
        market.refund(open);

        (uint256 id,) = _accepted(COST);
        _fund(id, f1, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RefundNotAvailable.selector, id, S_FINANCING));
        vm.prank(f1);
        market.refund(id);

        (uint256 funded, Generator gen) = _funded();
        (IMarketplace.Request memory r,) = market.getRequest(funded);
        vm.warp(r.activationDeadline); // funded and still inside the activation window
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RefundNotAvailable.selector, funded, S_FUNDED));
        vm.prank(f1);
        market.refund(funded);

        _activate(gen);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.RefundNotAvailable.selector, funded, S_ACTIVE));
        vm.prank(f1);
        market.refund(funded);

        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 99));
        market.refund(99);
    }
}
