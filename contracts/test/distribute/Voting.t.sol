// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DistributeFixture} from "./DistributeFixture.sol";
import {IDistributeVoting} from "../../distribute/IDistributeVoting.sol";

/// @dev DS7: commit-reveal voting with per-poll locks. Polls are opened by this test contract, standing in for the
/// task registry.
contract VotingTest is DistributeFixture {
    bytes32 internal constant SALT = keccak256("salt");

    function setUp() public override {
        super.setUp();
        _community();
        voting.grantRole(voting.POLL_CREATOR_ROLE(), address(this));
        _deposit(alice, 100e18, 0);
        _deposit(bob, 100e18, 0);
        _deposit(w1, 0, 50e18);
    }

    function _deposit(address who, uint256 tokens, uint256 rep) internal {
        vm.prank(who);
        voting.deposit(tokens, rep);
    }

    function _poll() internal returns (uint256) {
        return voting.startPoll(COMMIT_SECONDS, REVEAL_SECONDS);
    }

    function _commit(address who, uint256 pollId, bool approve, uint256 tokens, uint256 rep) internal {
        bytes32 secret = voting.voteSecret(pollId, who, approve, SALT);
        vm.prank(who);
        voting.commitVote(pollId, secret, tokens, rep);
    }

    function _reveal(address who, uint256 pollId, bool approve) internal {
        vm.prank(who);
        voting.revealVote(pollId, approve, SALT);
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _toReveal() internal {
        vm.warp(block.timestamp + COMMIT_SECONDS + 1);
    }

    function _toEnd() internal {
        vm.warp(block.timestamp + COMMIT_SECONDS + REVEAL_SECONDS + 1);
    }

    // ------------------------------------------------------------------ reveals

    function test_revealVote_DS7_majorityOfTokenAndReputationShares() public {
        uint256 pollId = _poll();
        _commit(alice, pollId, true, 100e18, 0);
        _commit(bob, pollId, false, 60e18, 0);
        _commit(w1, pollId, false, 0, 10e18);
        _toReveal();
        _reveal(alice, pollId, true);
        _reveal(bob, pollId, false);
        _reveal(w1, pollId, false);
        vm.warp(block.timestamp + REVEAL_SECONDS + 1);
        IDistributeVoting.PollView memory p = voting.getPoll(pollId);
        assertEq(p.approvals.tokens, 100e18, "tokens for");
        assertEq(p.rejections.tokens, 60e18, "tokens against");
        assertEq(p.rejections.reputation, 10e18, "reputation against");
        // For: 100/160 of the tokens + 0 of the reputation = 0.625; against: 0.375 + 1.
        assertTrue(p.ended && !p.approved, "all the reputation outweighs a token majority of 62.5%");
    }

    function test_pollResult_DS7_tieAndNoVotesReject() public {
        uint256 tie = _poll();
        uint256 empty = _poll();
        _commit(alice, tie, true, 100e18, 0);
        _commit(bob, tie, false, 100e18, 0);
        _toReveal();
        _reveal(alice, tie, true);
        _reveal(bob, tie, false);
        vm.warp(block.timestamp + REVEAL_SECONDS + 1);
        (bool ended, bool approved) = voting.pollResult(tie);
        assertTrue(ended && !approved, "a tie rejects");
        (ended, approved) = voting.pollResult(empty);
        assertTrue(ended && !approved, "no vote rejects");
    }

    function test_revealVote_DS7_wrongSaltOrChoice_reverts() public {
        uint256 pollId = _poll();
        _commit(alice, pollId, true, 100e18, 0);
        _toReveal();
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.SecretMismatch.selector, pollId, alice));
        voting.revealVote(pollId, true, keccak256("another salt"));
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.SecretMismatch.selector, pollId, alice));
        voting.revealVote(pollId, false, SALT);
        voting.revealVote(pollId, true, SALT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDistributeVoting.NothingToReveal.selector, pollId, alice, IDistributeVoting.LockStatus.Revealed
            )
        );
        voting.revealVote(pollId, true, SALT);
        vm.stopPrank();
    }

    function test_revealVote_DS7_copiedSecretCannotBeRevealed() public {
        uint256 pollId = _poll();
        _commit(alice, pollId, true, 100e18, 0);
        bytes32 copied = voting.voteSecret(pollId, alice, true, SALT);
        vm.prank(bob);
        voting.commitVote(pollId, copied, 100e18, 0);
        _toReveal();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.SecretMismatch.selector, pollId, bob));
        voting.revealVote(pollId, true, SALT);
    }

    function test_DS7_actingOutsideThePeriods_reverts() public {
        uint256 pollId = _poll();
        uint256 commitEnd = block.timestamp + COMMIT_SECONDS;
        uint256 revealEnd = commitEnd + REVEAL_SECONDS;
        _commit(alice, pollId, true, 100e18, 0);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDistributeVoting.NotRevealPeriod.selector, pollId, commitEnd, revealEnd, block.timestamp
            )
        );
        voting.revealVote(pollId, true, SALT);
        _toReveal();
        bytes32 secret = voting.voteSecret(pollId, bob, true, SALT);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeVoting.CommitPeriodOver.selector, pollId, commitEnd, block.timestamp)
        );
        voting.commitVote(pollId, secret, 1, 0);
        vm.warp(revealEnd + 1);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDistributeVoting.NotRevealPeriod.selector, pollId, commitEnd, revealEnd, revealEnd + 1
            )
        );
        voting.revealVote(pollId, true, SALT);
    }

    function test_commitVote_DS7_aboveDeposit_reverts() public {
        uint256 pollId = _poll();
        bytes32 secret = voting.voteSecret(pollId, alice, true, SALT);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeVoting.WeightAboveDeposit.selector, 101e18, 0, 100e18, 0)
        );
        voting.commitVote(pollId, secret, 101e18, 0);
    }

    // ------------------------------------------------------------------ locks

    /// @dev DS7: the original PLCR fault where a commitment to a later poll kept an earlier poll's tokens locked. Here
    /// the earlier poll's lock ends with that poll; the later poll holds only what was committed to it.
    function test_withdraw_DS7_recommitDoesNotExtendEarlierLock() public {
        uint256 early = _poll();
        vm.warp(block.timestamp + 1 days);
        uint256 late = _poll();
        _commit(alice, early, true, 100e18, 0);
        _commit(alice, early, false, 90e18, 0); // re-commit within the period replaces, in one place
        _commit(alice, late, true, 30e18, 0);
        assertEq(voting.voterOf(alice).openCommits, 2, "two open commitments");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeVoting.WithdrawalAboveUnlocked.selector, 11e18, 0, 10e18, 0)
        );
        voting.withdraw(11e18, 0, _ids(early, late));

        // The early poll ends (unrevealed); the late one is still in its reveal period.
        vm.warp(block.timestamp + COMMIT_SECONDS + REVEAL_SECONDS);
        (bool earlyEnded,) = voting.pollResult(early);
        (bool lateEnded,) = voting.pollResult(late);
        assertTrue(earlyEnded && !lateEnded, "only the early poll has ended");
        vm.prank(alice);
        voting.withdraw(70e18, 0, _ids(early, late));
        assertEq(voting.voterOf(alice).openCommits, 1, "the early lock is released");
        assertTrue(voting.lockOf(early, alice).status == IDistributeVoting.LockStatus.Released, "released");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.WithdrawalAboveUnlocked.selector, 1, 0, 0, 0));
        voting.withdraw(1, 0, _ids(late));

        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        voting.release(late);
        vm.prank(alice);
        voting.withdraw(30e18, 0, new uint256[](0));
        assertEq(capital.balanceOf(alice), 600e18, "everything back");
    }

    /// @dev DS7: one deposit weighs in two polls at once; the lock is the larger weight, never the sum, so nothing goes
    /// negative, and the whole deposit comes back once both end.
    function test_withdraw_DS7_stakeReusedAcrossPolls() public {
        uint256 a = _poll();
        uint256 b = _poll();
        uint256[] memory both = _ids(a, b);
        bool[] memory choices = new bool[](2);
        bytes32[] memory salts = new bytes32[](2);
        bytes32[] memory secrets = new bytes32[](2);
        uint256[] memory weights = new uint256[](2);
        uint256[] memory none = new uint256[](2);
        (choices[0], choices[1]) = (true, false);
        (salts[0], salts[1]) = (SALT, SALT);
        secrets[0] = voting.voteSecret(a, alice, true, SALT);
        secrets[1] = voting.voteSecret(b, alice, false, SALT);
        (weights[0], weights[1]) = (100e18, 100e18);
        vm.prank(alice);
        voting.commitVotes(both, secrets, weights, none);
        _toReveal();
        vm.prank(alice);
        voting.revealVotes(both, choices, salts);
        assertEq(voting.getPoll(a).approvals.tokens, 100e18, "full weight in poll a");
        assertEq(voting.getPoll(b).rejections.tokens, 100e18, "and in poll b");

        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.WithdrawalAboveUnlocked.selector, 1, 0, 0, 0));
        voting.withdraw(1, 0, both);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.OpenCommitsMissing.selector, 1, 2));
        voting.withdraw(1, 0, _ids(a));
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.NotOpenCommit.selector, a, alice));
        voting.withdraw(1, 0, _ids(a, a));
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.NotOpenCommit.selector, a, alice));
        voting.withdraw(1, 0, _ids(b, a));
        vm.warp(block.timestamp + REVEAL_SECONDS + 1);
        voting.withdraw(100e18, 0, both);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.WithdrawalAboveUnlocked.selector, 1, 0, 0, 0));
        voting.withdraw(1, 0, new uint256[](0));
        vm.stopPrank();
        assertEq(voting.voterOf(alice).tokens, 0, "deposit spent down to zero, not below");
        assertEq(capital.balanceOf(alice), 600e18, "every token back");
    }

    function test_release_DS7_onlyAfterThePoll() public {
        uint256 pollId = _poll();
        _commit(w1, pollId, true, 0, 50e18);
        uint256 revealEnd = block.timestamp + COMMIT_SECONDS + REVEAL_SECONDS;
        vm.prank(w1);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeVoting.PollNotEnded.selector, pollId, revealEnd, block.timestamp)
        );
        voting.release(pollId);
        _toEnd();
        vm.prank(w1);
        voting.release(pollId);
        vm.prank(w1);
        vm.expectRevert(abi.encodeWithSelector(IDistributeVoting.NotOpenCommit.selector, pollId, w1));
        voting.release(pollId);
        vm.prank(w1);
        voting.withdraw(0, 50e18, new uint256[](0));
        assertEq(reputation.balanceOf(w1), 100e18, "reputation back though never revealed");
    }

    function test_startPoll_DS7_onlyTheTaskRegistry() public {
        vm.prank(alice);
        vm.expectRevert();
        voting.startPoll(1, 1);
    }
}
