// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {DrexFixture} from "./DrexFixture.sol";
import {Marketplace} from "../marketplace/Marketplace.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";

/// @dev DX1 requests, DX2 bids, DX3 acceptance and cancellation, DX13 other utilities, and deployment checks.
contract MarketplaceTest is DrexFixture {
    // ------------------------------------------------------------------ deployment

    function test_DX2_DX4_deploy_seedPeriodsStored() public view {
        assertEq(market.biddingPeriod(), 7 days, "bidding");
        assertEq(market.acceptancePeriod(), 7 days, "acceptance");
        assertEq(market.financingPeriod(), 30 days, "financing");
        assertEq(market.activationGracePeriod(), 14 days, "grace");
        assertEq(market.SEED_BIDDING_PERIOD(), market.biddingPeriod(), "seed week");
        assertEq(market.SEED_FINANCING_PERIOD(), market.financingPeriod(), "seed month");
    }

    function test_DX2_DX4_deploy_revertsOnInvalidParameters() public {
        IERC20 t = IERC20(address(token));
        address impl = address(implementation);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidMarketplaceParameter.selector, "token"));
        new Marketplace(IERC20(address(0)), impl, 1, 1, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidMarketplaceParameter.selector, "generatorImplementation"));
        new Marketplace(t, outsider, 1, 1, 1, 1); // an address without code
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidMarketplaceParameter.selector, "biddingPeriod"));
        new Marketplace(t, impl, 0, 1, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidMarketplaceParameter.selector, "acceptancePeriod"));
        new Marketplace(t, impl, 1, 0, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidMarketplaceParameter.selector, "financingPeriod"));
        new Marketplace(t, impl, 1, 1, 0, 1);
        // A zero grace period is allowed: activation must then come within the installation time itself.
        assertEq(new Marketplace(t, impl, 1, 1, 1, 0).activationGracePeriod(), 0, "zero grace ok");
    }

    function test_DX8_linkDeviceModules_onlyTheDeployerOnce() public {
        assertEq(market.deviceModules(), address(deviceModules), "linked by the fixture");
        Marketplace fresh =
            new Marketplace(IERC20(address(token)), address(implementation), BIDDING, ACCEPTANCE, FINANCING, GRACE);
        assertEq(fresh.deviceModules(), address(0), "unlinked at first");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.DeviceModulesLinkClosed.selector, outsider));
        vm.prank(outsider);
        fresh.linkDeviceModules(address(deviceModules));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidMarketplaceParameter.selector, "deviceModules"));
        fresh.linkDeviceModules(outsider); // an address without code

        vm.expectEmit(true, true, true, true, address(fresh));
        emit IMarketplace.DeviceModulesLinked(address(deviceModules));
        fresh.linkDeviceModules(address(deviceModules));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.DeviceModulesLinkClosed.selector, address(this)));
        fresh.linkDeviceModules(address(devices));
        assertEq(fresh.deviceModules(), address(deviceModules), "fixed once linked");
    }

    // ------------------------------------------------------------------ DX1 request

    function test_DX1_createRequest_storesFieldsAndDefaults() public {
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.RequestCreated(
            1, creator, "Kisumu, Kenya", 5_000, "clinic refrigeration", "electricity", "kWh", uint64(START + BIDDING)
        );
        uint256 id = _request();
        assertEq(id, 1, "ids count from 1");
        assertEq(market.requestCount(), 1, "count");
        (IMarketplace.Request memory r, IMarketplace.RequestStatus status) = market.getRequest(id);
        assertEq(r.creator, creator, "creator is the sender");
        assertEq(r.createdAt, START, "createdAt");
        assertEq(r.wattageW, 5_000, "wattage");
        assertEq(r.location, "Kisumu, Kenya", "location");
        assertEq(r.reason, "clinic refrigeration", "reason");
        assertEq(r.utilityKind, "electricity", "default utility");
        assertEq(r.unit, "kWh", "default unit");
        assertEq(r.bidCount, 0, "no bids");
        assertEq(r.generator, address(0), "no generator");
        assertEq(uint256(status), uint256(S_BIDDING), "bidding opens at once");
        assertEq(_request(), 2, "next id");
    }

    function test_DX13_createRequest_customUtilityAndUnit() public {
        IMarketplace.RequestParams memory p = _params();
        p.utilityKind = "water";
        p.unit = "m3";
        p.reason = "";
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.RequestCreated(1, outsider, "Kisumu, Kenya", 5_000, "", "water", "m3", uint64(START + BIDDING));
        vm.prank(outsider);
        uint256 id = market.createRequest(p);
        (IMarketplace.Request memory r,) = market.getRequest(id);
        assertEq(r.utilityKind, "water", "kind kept");
        assertEq(r.unit, "m3", "unit kept");
        assertEq(r.reason, "", "reason optional");
        assertEq(r.creator, outsider, "creator");
    }

    function test_DX13_waterMill_runsTheSameFlow() public {
        IMarketplace.RequestParams memory p = _params();
        p.utilityKind = "water";
        p.unit = "m3";
        vm.prank(creator);
        uint256 id = market.createRequest(p);
        uint256 bidId = _bid(id, provider, 300e18);
        _closeBidding(id);
        vm.prank(creator);
        market.acceptBid(id, bidId);
        _fund(id, f1, 300e18);
        assertEq(uint256(_status(id)), uint256(IMarketplace.RequestStatus.Funded), "funded like electricity");
        _activate(_generatorOf(id));
        assertEq(uint256(_status(id)), uint256(IMarketplace.RequestStatus.Active), "active like electricity");
    }

    function test_DX1_createRequest_revertsOnEmptyLocation() public {
        IMarketplace.RequestParams memory p = _params();
        p.location = "";
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.EmptyField.selector, "location"));
        market.createRequest(p);
        assertEq(market.requestCount(), 0, "nothing created");
    }

    function test_DX1_createRequest_fieldLengthLimits() public {
        IMarketplace.RequestParams memory p = _params();
        // Each limit itself is accepted ...
        p.location = _repeat("x", 128);
        p.reason = _repeat("x", 512);
        p.utilityKind = _repeat("x", 32);
        p.unit = _repeat("x", 16);
        market.createRequest(p);
        // ... and one byte more is not.
        p.location = _repeat("x", 129);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.FieldTooLong.selector, "location", 129, 128));
        market.createRequest(p);
        p.location = "ok";
        p.reason = _repeat("x", 513);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.FieldTooLong.selector, "reason", 513, 512));
        market.createRequest(p);
        p.reason = "";
        p.utilityKind = _repeat("x", 33);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.FieldTooLong.selector, "utilityKind", 33, 32));
        market.createRequest(p);
        p.utilityKind = "";
        p.unit = _repeat("x", 17);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.FieldTooLong.selector, "unit", 17, 16));
        market.createRequest(p);
        assertEq(market.requestCount(), 1, "only the request at the limits");
    }

    function test_DX1_createRequest_wattageBounds() public {
        IMarketplace.RequestParams memory p = _params();
        uint64 max = market.MAX_WATTAGE_W();
        p.wattageW = 0;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidWattage.selector, 0, max));
        market.createRequest(p);
        p.wattageW = max + 1;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidWattage.selector, max + 1, max));
        market.createRequest(p);
        p.wattageW = max;
        uint256 id = market.createRequest(p);
        (IMarketplace.Request memory r,) = market.getRequest(id);
        assertEq(r.wattageW, max, "max accepted");
    }

    function test_DX1_unknownRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 7));
        market.getRequest(7);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 7));
        market.bidIdsOf(7);
        assertEq(uint256(market.requestStatus(7)), uint256(IMarketplace.RequestStatus.None), "status None");
    }

    // ------------------------------------------------------------------ DX2 bids

    function test_DX2_placeBid_storedWithEvent() public {
        uint256 id = _request();
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.BidPlaced(id, 1, provider, "5 kW mono + 10 kWh LFP", COST, INSTALL, "AXA");
        uint256 bidId = _bid(id, provider, COST);
        uint256 bidId2 = _bid(id, provider2, COST - 1);
        assertEq(bidId, 1, "bid ids count from 1");
        assertEq(bidId2, 2, "across requests");
        IMarketplace.Bid memory b = market.getBid(bidId);
        assertEq(b.provider, provider, "provider");
        assertEq(b.requestId, id, "request");
        assertEq(b.installationCostWei, COST, "cost");
        assertEq(b.installationSeconds, INSTALL, "time");
        assertEq(b.unitType, "5 kW mono + 10 kWh LFP", "unit type");
        assertEq(b.insurance, "AXA", "insurance");
        assertTrue(!b.withdrawn, "live");
        uint256[] memory ids = market.bidIdsOf(id);
        assertEq(ids.length, 2, "two bids listed");
        assertEq(ids[1], bidId2, "oldest first");
        (IMarketplace.Request memory r,) = market.getRequest(id);
        assertEq(r.bidCount, 2, "bid count");
        assertEq(market.bidCount(), 2, "global bid count");
    }

    function test_DX2_placeBid_onlyWithinTheBiddingWeek() public {
        uint256 id = _request();
        vm.warp(START + BIDDING); // the last second of the week
        _bid(id, provider, COST);
        vm.warp(START + BIDDING + 1);
        vm.expectRevert(_wrongStatus(id, S_AWAITING, S_BIDDING));
        _bid(id, provider2, COST);
        vm.warp(START + BIDDING + ACCEPTANCE + 1);
        vm.expectRevert(_wrongStatus(id, S_LAPSED, S_BIDDING));
        _bid(id, provider2, COST);
        assertEq(market.bidIdsOf(id).length, 1, "only the in-time bid");
    }

    function test_DX2_placeBid_revertsOnUnknownOrCancelledRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 1));
        _bid(1, provider, COST);
        uint256 id = _request();
        vm.prank(creator);
        market.cancelRequest(id);
        vm.expectRevert(_wrongStatus(id, S_CANCELLED, S_BIDDING));
        _bid(id, provider, COST);
    }

    function test_DX2_placeBid_revertsOnInvalidFields() public {
        uint256 id = _request();
        uint32 maxTime = market.MAX_INSTALLATION_SECONDS();
        IMarketplace.BidParams memory p = _bidParams(COST);
        vm.startPrank(provider);
        p.installationCostWei = 0;
        vm.expectRevert(IMarketplace.ZeroInstallationCost.selector);
        market.placeBid(id, p);
        p.installationCostWei = COST;
        p.installationSeconds = 0;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidInstallationTime.selector, 0, maxTime));
        market.placeBid(id, p);
        p.installationSeconds = maxTime + 1;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidInstallationTime.selector, maxTime + 1, maxTime));
        market.placeBid(id, p);
        p.installationSeconds = maxTime;
        p.unitType = "";
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.EmptyField.selector, "unitType"));
        market.placeBid(id, p);
        p.unitType = _repeat("x", 129);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.FieldTooLong.selector, "unitType", 129, 128));
        market.placeBid(id, p);
        p.unitType = _repeat("x", 128);
        p.insurance = _repeat("x", 257);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.FieldTooLong.selector, "insurance", 257, 256));
        market.placeBid(id, p);
        p.insurance = "";
        market.placeBid(id, p); // at every limit, without insurance: accepted
        vm.stopPrank();
        assertEq(market.bidCount(), 1, "only the valid bid");
    }

    function test_DX2_withdrawBid_byProviderBeforeAcceptance() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        _closeBidding(id); // withdrawal stays open while the creator has not accepted
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.BidWithdrawnByProvider(id, bidId, provider);
        vm.prank(provider);
        market.withdrawBid(bidId);
        assertTrue(market.getBid(bidId).withdrawn, "withdrawn");
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.BidWithdrawn.selector, bidId));
        vm.prank(provider);
        market.withdrawBid(bidId);
    }

    function test_DX2_withdrawBid_revertsForOthersAndUnknownBids() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotBidProvider.selector, bidId, creator, provider));
        vm.prank(creator);
        market.withdrawBid(bidId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownBid.selector, 9));
        vm.prank(provider);
        market.withdrawBid(9);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownBid.selector, 9));
        market.getBid(9);
        assertTrue(!market.getBid(bidId).withdrawn, "still live");
    }

    function test_DX2_withdrawBid_revertsAfterAcceptance() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        uint256 otherBid = _bid(id, provider2, COST);
        _closeBidding(id);
        vm.prank(creator);
        market.acceptBid(id, bidId);
        vm.expectRevert(_wrongStatus(id, S_FINANCING, S_BIDDING));
        vm.prank(provider);
        market.withdrawBid(bidId);
        // A losing bid is equally frozen once the request has moved on.
        vm.expectRevert(_wrongStatus(id, S_FINANCING, S_BIDDING));
        vm.prank(provider2);
        market.withdrawBid(otherBid);
    }

    // ------------------------------------------------------------------ DX3 acceptance

    function test_DX3_acceptBid_opensFinancing() public {
        uint256 id = _request();
        _bid(id, provider2, COST + 1);
        uint256 bidId = _bid(id, provider, COST);
        _closeBidding(id);
        uint64 deadline = uint64(block.timestamp) + FINANCING;
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.BidAccepted(id, bidId, provider, COST, deadline);
        vm.prank(creator);
        market.acceptBid(id, bidId);
        (IMarketplace.Request memory r, IMarketplace.RequestStatus status) = market.getRequest(id);
        assertEq(uint256(status), uint256(S_FINANCING), "financing");
        assertEq(r.acceptedBidId, bidId, "accepted bid");
        assertEq(r.targetWei, COST, "target is the accepted cost");
        assertEq(r.financingDeadline, deadline, "one month");
    }

    function test_DX3_acceptBid_onlyByCreator() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        _closeBidding(id);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotRequestCreator.selector, id, provider, creator));
        vm.prank(provider);
        market.acceptBid(id, bidId);
        assertEq(uint256(_status(id)), uint256(S_AWAITING), "still awaiting");
    }

    function test_DX3_acceptBid_onlyAfterBiddingAndWithinAcceptance() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        vm.warp(START + BIDDING);
        vm.expectRevert(_wrongStatus(id, S_BIDDING, S_AWAITING));
        vm.prank(creator);
        market.acceptBid(id, bidId);

        vm.warp(START + BIDDING + ACCEPTANCE + 1);
        assertEq(uint256(_status(id)), uint256(S_LAPSED), "lapsed");
        vm.expectRevert(_wrongStatus(id, S_LAPSED, S_AWAITING));
        vm.prank(creator);
        market.acceptBid(id, bidId);

        // The last second of the acceptance period still works.
        uint256 id2 = _request();
        uint256 bid2 = _bid(id2, provider, COST);
        vm.warp(block.timestamp + BIDDING + ACCEPTANCE);
        vm.prank(creator);
        market.acceptBid(id2, bid2);
        assertEq(uint256(_status(id2)), uint256(S_FINANCING), "accepted at the edge");
    }

    function test_DX3_acceptBid_rejectsWithdrawnForeignAndUnknownBids() public {
        uint256 id = _request();
        uint256 other = _request();
        uint256 withdrawn = _bid(id, provider, COST);
        uint256 foreign = _bid(other, provider2, COST);
        vm.prank(provider);
        market.withdrawBid(withdrawn);
        _closeBidding(id);
        vm.startPrank(creator);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.BidWithdrawn.selector, withdrawn));
        market.acceptBid(id, withdrawn);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.BidNotForRequest.selector, foreign, other, id));
        market.acceptBid(id, foreign);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownBid.selector, 99));
        market.acceptBid(id, 99);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 99));
        market.acceptBid(99, foreign);
        vm.stopPrank();
        assertEq(uint256(_status(id)), uint256(S_AWAITING), "nothing accepted");
    }

    function test_DX3_acceptBid_onlyOnce() public {
        (uint256 id, uint256 bidId) = _accepted(COST);
        vm.expectRevert(_wrongStatus(id, S_FINANCING, S_AWAITING));
        vm.prank(creator);
        market.acceptBid(id, bidId);
    }

    function test_DX3_cancelRequest_byCreatorBeforeAcceptance() public {
        uint256 id = _request();
        uint256 bidId = _bid(id, provider, COST);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotRequestCreator.selector, id, outsider, creator));
        vm.prank(outsider);
        market.cancelRequest(id);

        _closeBidding(id); // cancelling is still allowed while awaiting acceptance
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.RequestCancelled(id);
        vm.prank(creator);
        market.cancelRequest(id);
        assertEq(uint256(_status(id)), uint256(S_CANCELLED), "cancelled");
        vm.expectRevert(_wrongStatus(id, S_CANCELLED, S_AWAITING));
        vm.prank(creator);
        market.acceptBid(id, bidId);
        vm.expectRevert(_wrongStatus(id, S_CANCELLED, S_BIDDING));
        vm.prank(creator);
        market.cancelRequest(id);
    }

    function test_DX3_cancelRequest_revertsAfterAcceptance() public {
        (uint256 id,) = _accepted(COST);
        vm.expectRevert(_wrongStatus(id, S_FINANCING, S_BIDDING));
        vm.prank(creator);
        market.cancelRequest(id);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 42));
        market.cancelRequest(42);
    }

    function test_DX3_lapsedRequest_cannotBeFunded() public {
        uint256 id = _request();
        _bid(id, provider, COST);
        vm.warp(START + BIDDING + ACCEPTANCE + 1);
        vm.expectRevert(_wrongStatus(id, S_LAPSED, S_FINANCING));
        vm.prank(f1);
        market.fund(id, 1);
    }
}

/// @dev `s` repeated `n` times.
function _repeat(string memory s, uint256 n) pure returns (string memory out) {
    for (uint256 i; i < n; ++i) out = string.concat(out, s);
}
