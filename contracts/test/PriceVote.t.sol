// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DrexFixture} from "./DrexFixture.sol";
import {Generator} from "../generator/Generator.sol";
import {IGenerator} from "../generator/IGenerator.sol";

/// @dev DX6: the stake-weighted price vote. The fixture's owners are f1 5,000, f2 3,000 and f3 2,000 shares.
contract PriceVoteTest is DrexFixture {
    function _assertAvg(Generator gen, uint256 expected, uint256 votingShares, string memory what) internal view {
        assertEq(gen.getAvg(), expected, what);
        IGenerator.GeneratorState memory s = gen.state();
        assertEq(s.priceWeiPerUnit, expected, "state price matches getAvg");
        assertEq(s.votingShares, votingShares, "voting shares");
    }

    function test_DX6_getAvgIsZeroWithoutVotes() public {
        (, Generator gen) = _funded();
        _assertAvg(gen, 0, 0, "no votes: free");
        (bool voted, uint256 price) = gen.voteOf(f1);
        assertTrue(!voted && price == 0, "no vote recorded");
    }

    function test_DX6_votesAllowedWhilePending() public {
        (, Generator gen) = _funded();
        assertEq(uint256(gen.phase()), uint256(IGenerator.Phase.Pending), "pending");
        _vote(gen, f3, 42);
        _assertAvg(gen, 42, 2_000, "a pending generator takes votes");
    }

    function test_DX6_weightedAverageOverVotersOnly() public {
        (, Generator gen) = _funded();
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.PriceVoted(f1, 100, 100);
        _vote(gen, f1, 100);
        _assertAvg(gen, 100, 5_000, "one voter sets the price alone");

        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.PriceVoted(f2, 200, 137);
        _vote(gen, f2, 200);
        // (5,000 * 100 + 3,000 * 200) / 8,000 = 137.5, rounded down; f3's 2,000 silent shares have no say.
        _assertAvg(gen, 137, 8_000, "weighted over voters only");
        (bool voted, uint256 price) = gen.voteOf(f2);
        assertTrue(voted, "f2 voted");
        assertEq(price, 200, "f2's price");
    }

    function test_DX6_voteChangeReplacesTheOldVote() public {
        (, Generator gen) = _funded();
        _vote(gen, f1, 100);
        _vote(gen, f2, 200);
        _vote(gen, f1, 300);
        // (5,000 * 300 + 3,000 * 200) / 8,000 = 262.5: the old 100 no longer counts, nor do f1's shares twice.
        _assertAvg(gen, 262, 8_000, "changed vote");
        _vote(gen, f1, 0); // voting zero is a real vote for a free generator
        _assertAvg(gen, 75, 8_000, "zero price counts with its weight");
    }

    function test_DX6_withdrawVote() public {
        (, Generator gen) = _funded();
        _vote(gen, f1, 100);
        _vote(gen, f2, 200);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.VoteWithdrawn(f1, 200);
        vm.prank(f1);
        gen.withdrawVote();
        _assertAvg(gen, 200, 3_000, "only f2 left");
        (bool voted, uint256 price) = gen.voteOf(f1);
        assertTrue(!voted && price == 0, "f1's vote cleared");

        vm.expectRevert(abi.encodeWithSelector(IGenerator.NoVote.selector, f1));
        vm.prank(f1);
        gen.withdrawVote();
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NoVote.selector, f3));
        vm.prank(f3);
        gen.withdrawVote();
        vm.prank(f2);
        gen.withdrawVote();
        _assertAvg(gen, 0, 0, "nobody voting: free again");
    }

    function test_DX6_onlyOwnersVote_andPriceCapped() public {
        (, Generator gen) = _funded();
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NotAnOwner.selector, outsider));
        vm.prank(outsider);
        gen.votePrice(1);
        uint256 max = gen.MAX_PRICE_WEI_PER_UNIT();
        vm.expectRevert(abi.encodeWithSelector(IGenerator.PriceTooHigh.selector, max + 1, max));
        vm.prank(f1);
        gen.votePrice(max + 1);
        _assertAvg(gen, 0, 0, "rejected votes leave no trace");
        _vote(gen, f1, max);
        _assertAvg(gen, max, 5_000, "the cap itself is allowed");
    }

    function test_DX6_followsShareTransfers() public {
        (, Generator gen) = _active();
        _vote(gen, f1, 100);
        _vote(gen, f2, 200);
        _assertAvg(gen, 137, 8_000, "start");

        // Voter to non-voter: 1,000 of f1's shares fall silent.
        _transferShares(gen, f1, f3, 1_000);
        _assertAvg(gen, 142, 7_000, "(4,000*100 + 3,000*200) / 7,000");

        // Non-voter to voter: they take f2's price.
        _transferShares(gen, f3, f2, 1_000);
        _assertAvg(gen, 150, 8_000, "(4,000*100 + 4,000*200) / 8,000");

        // Voter to voter: they change price.
        _transferShares(gen, f2, f1, 2_000);
        _assertAvg(gen, 125, 8_000, "(6,000*100 + 2,000*200) / 8,000");

        // A voter selling out loses the vote with the last share, and cannot vote again without shares.
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.VoteWithdrawn(f1, 200);
        _transferShares(gen, f1, outsider, 6_000);
        _assertAvg(gen, 200, 2_000, "only f2's shares vote");
        (bool f1Voted, uint256 f1Price) = gen.voteOf(f1);
        assertTrue(!f1Voted && f1Price == 0, "the seller's vote is gone");
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NotAnOwner.selector, f1));
        vm.prank(f1);
        gen.votePrice(1);

        // The new owner votes; shares coming back to f1 are silent: the old vote does not return by itself.
        _vote(gen, outsider, 50);
        _assertAvg(gen, 87, 8_000, "(6,000*50 + 2,000*200) / 8,000");
        _transferShares(gen, outsider, f1, 1_000);
        _assertAvg(gen, 92, 7_000, "(5,000*50 + 2,000*200) / 7,000; f1's 1,000 shares have no say");
    }

    function test_DX6_transferFromMovesVotesToo() public {
        (, Generator gen) = _active();
        _vote(gen, f2, 300);
        vm.prank(f2);
        gen.approve(buyer, 3_000);
        vm.prank(buyer);
        gen.transferFrom(f2, f1, 1_500);
        _assertAvg(gen, 300, 1_500, "the spender-driven transfer takes the shares' weight along");
    }
}
