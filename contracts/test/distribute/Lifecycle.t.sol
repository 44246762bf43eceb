// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DistributeFixture} from "./DistributeFixture.sol";
import {IDistributeProjects} from "../../distribute/IDistributeProjects.sol";
import {IDistributeTasks} from "../../distribute/IDistributeTasks.sol";

/// @dev One full lifecycle per outcome (DS8): complete, failed at staking, failed by validation and vote, expired.
contract LifecycleTest is DistributeFixture {
    function setUp() public override {
        super.setUp();
        _community();
    }

    /// @dev DS3 → DS4 → DS5 → DS6 → DS8: ten tasks claimed, submitted, validated unopposed; the project completes and
    /// every stake comes back with its share of the stakers' reward.
    function test_lifecycle_DS8_complete() public {
        uint256 poolBefore = capital.poolBalance();
        uint256 id = _propose(alice, COST, false);
        IDistributeProjects.Project memory p = projects.getProject(id);
        assertEq(p.tokenBar, 100e18, "DS3: 10% of the pool needs 10% of the 1,000 tokens");
        assertEq(p.reputationBar, 30e18, "DS3: and 10% of the 300 reputation");
        assertEq(p.collateral, 5e18, "DS3: collateral is 5% of the cost at 0.0232 per token");
        assertEq(capital.balanceOf(alice), 595e18, "collateral posted");

        _stakeTokens(alice, id, 60e18);
        _stakeTokens(bob, id, 40e18);
        _stakeReputation(w1, id, 20e18);
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Proposed, "one bar short");
        _stakeReputation(w2, id, 10e18);
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Staked, "DS4: both bars met");
        assertEq(capital.balanceOf(alice), 540e18, "DS4: collateral back (600 - 60 staked)");
        assertEq(currency.balanceOf(alice), 1e30 - 12e18 + 0.0232e18, "DS4: proposer earns 1% of the cost");
        assertEq(capital.poolBalance(), poolBefore - COST - 2 * 0.0232e18, "cost and both rewards left the pool");

        vm.prank(bob);
        uint256 listId = projects.proposeTaskList(id, _equalTasks(10));
        address[4] memory stakers = [alice, bob, w1, w2];
        for (uint256 i; i < stakers.length; ++i) {
            vm.prank(stakers[i]);
            projects.backTaskList(id, listId);
        }
        vm.warp(block.timestamp + TASK_LIST_SECONDS + 1);
        projects.advance(id);
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Active, "DS5: the backed list wins");

        _buy(carol, 50e18);
        uint256 poolWhileActive = capital.poolBalance();
        address[10] memory claimers = [w1, w1, w1, w1, w2, w2, w2, w3, w3, w3];
        for (uint256 i; i < 10; ++i) {
            assertEq(tasks.getTask(id, i).requisiteReputation, 3e18, "DS5: 30 staked x 10%");
            _claimAndSubmit(claimers[i], id, i);
            _validate(carol, id, i, true, 1e18);
        }
        assertEq(reputation.balanceOf(w1), 80e18 - 12e18, "four tasks posted 3 each");

        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);
        assertEq(tasks.advanceTasks(id), 10, "every task settles");
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Complete, "DS8: all validated");
        assertEq(reputation.balanceOf(w1), 80e18 + 12e18, "DS5: twice the posted reputation back");
        assertEq(currency.balanceOf(w1), 4 * 0.232e18, "DS5: a tenth of the cost per task");
        assertEq(capital.balanceOf(carol), 50e18, "DS6: unopposed validators get their stakes back");
        assertEq(capital.poolBalance(), poolWhileActive, "the whole cost was spent: nothing to return");

        vm.prank(alice);
        (uint256 tokens, uint256 rep, uint256 reward) = projects.withdrawStake(id);
        assertEq(tokens, 60e18, "DS8: stake back");
        assertEq(rep, 0, "no reputation staked");
        assertEq(reward, 0.0232e18 * 30 / 100, "DS8: 60% of the tokens and none of the reputation: 30% of the reward");
        vm.prank(w1);
        (tokens, rep, reward) = projects.withdrawStake(id);
        assertEq(rep, 20e18, "reputation back");
        assertEq(reward, uint256(0.0232e18) / 3, "two thirds of the reputation: a third of the reward");
        vm.prank(w1);
        vm.expectRevert(abi.encodeWithSelector(IDistributeProjects.NothingToWithdraw.selector, id, w1));
        projects.withdrawStake(id);
    }

    /// @dev DS4: three lists split the backing so that none has more than half; the project fails and every stake
    /// is burned, while the reserve goes back to the pool.
    function test_lifecycle_DS4_failedAtStakingWithoutClearMajority() public {
        uint256 id = _stakedProject();
        uint256 poolAfterStaking = capital.poolBalance();
        uint256 tokenSupply = capital.totalSupply();
        uint256 reputationSupply = reputation.totalSupply();
        uint256[3] memory lists;
        address[3] memory submitters = [alice, bob, w1];
        for (uint256 i; i < 3; ++i) {
            vm.prank(submitters[i]);
            lists[i] = projects.proposeTaskList(id, _equalTasks(i + 1));
        }
        // Scores (tokens x 30 + reputation x 100): alice 60 tokens 1,800; bob 40 tokens + w2 10 rep 2,200; w1 20
        // rep 2,000. The best, 2,200, is not more than half of 6,000.
        vm.prank(alice);
        projects.backTaskList(id, lists[0]);
        vm.prank(bob);
        projects.backTaskList(id, lists[1]);
        vm.prank(w2);
        projects.backTaskList(id, lists[1]);
        vm.prank(w1);
        projects.backTaskList(id, lists[2]);

        vm.expectRevert(
            abi.encodeWithSelector(IDistributeProjects.NothingDue.selector, id, IDistributeProjects.ProjectState.Staked)
        );
        projects.advance(id);
        vm.warp(block.timestamp + TASK_LIST_SECONDS + 1);
        projects.advance(id);
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Failed, "DS4: no clear majority fails");
        assertEq(capital.totalSupply(), tokenSupply - 100e18, "DS4: staked tokens burned");
        assertEq(reputation.totalSupply(), reputationSupply - 30e18, "DS4: staked reputation burned");
        assertEq(capital.poolBalance(), poolAfterStaking + COST + 0.0232e18, "reserve returned");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDistributeProjects.StakeForfeited.selector, id));
        projects.withdrawStake(id);
    }

    /// @dev DS4: a list backed by more than half of the weighted stake wins even without every staker.
    function test_advance_DS4_listWithMajorityWins() public {
        uint256 id = _stakedProject();
        vm.prank(alice);
        projects.proposeTaskList(id, _equalTasks(2));
        vm.prank(bob);
        projects.proposeTaskList(id, _equalTasks(3));
        // List 0: alice 1,800 + w2 1,000 = 2,800; list 1: bob 1,200 + w1 2,000 = 3,200 > 3,000.
        address[4] memory stakers = [alice, w2, bob, w1];
        for (uint256 i; i < 4; ++i) {
            vm.prank(stakers[i]);
            projects.backTaskList(id, i / 2);
        }
        // Moving a backing takes it off the old list.
        vm.prank(w2);
        projects.backTaskList(id, 1);
        vm.prank(w2);
        projects.backTaskList(id, 0);
        assertEq(projects.getTaskList(id, 0).backingReputation, 10e18, "w2 back on list 0");
        assertEq(projects.getTaskList(id, 1).backingReputation, 20e18, "only w1 on list 1");
        vm.warp(block.timestamp + TASK_LIST_SECONDS + 1);
        projects.advance(id);
        IDistributeProjects.Project memory p = projects.getProject(id);
        assertTrue(p.state == IDistributeProjects.ProjectState.Active, "active");
        assertEq(p.winningList, 1, "list 1 wins");
        assertEq(p.taskCount, 3, "its three tasks");
    }

    /// @dev DS6 + DS7 + DS8: the larger task is contested, voted down, and the project fails with only 40% of its
    /// weighting validated. The right validator takes the wrong ones' stakes; voters get their deposits back.
    function test_lifecycle_DS8_failedByValidationAndVote() public {
        uint16[] memory weightings = new uint16[](2);
        (weightings[0], weightings[1]) = (6_000, 4_000);
        uint256 id = _activeProject(_tasksWith(weightings));
        uint256 tokenSupply = capital.totalSupply();
        _buy(carol, 20e18);
        _buy(dave, 20e18);
        _buy(erin, 30e18);

        _claimAndSubmit(w1, id, 0); // posts 18 reputation
        _claimAndSubmit(w3, id, 1); // posts 12
        _validate(carol, id, 0, true, 10e18);
        _validate(dave, id, 0, true, 5e18);
        _validate(erin, id, 0, false, 20e18);
        _validate(carol, id, 1, true, 1e18);
        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);

        tasks.advanceTask(id, 1);
        assertTrue(_taskStatus(id, 1) == IDistributeTasks.TaskStatus.Validated, "task 1 unopposed");
        assertEq(currency.balanceOf(w3), 0.928e18, "40% of the cost");
        tasks.advanceTask(id, 0);
        IDistributeTasks.TaskView memory t = tasks.getTask(id, 0);
        assertTrue(t.state.status == IDistributeTasks.TaskStatus.Voting, "DS7: opposed validators go to a vote");
        uint256 pollId = t.state.pollId;

        // DS7: alice rejects with 100 tokens, w2 rejects with 30 reputation, w3 approves with 50 reputation.
        bytes32 salt = keccak256("salt");
        _deposit(alice, 100e18, 0);
        _deposit(w2, 0, 30e18);
        _deposit(w3, 0, 50e18);
        _commit(alice, pollId, false, salt, 100e18, 0);
        _commit(w2, pollId, false, salt, 0, 30e18);
        _commit(w3, pollId, true, salt, 0, 50e18);
        vm.warp(block.timestamp + COMMIT_SECONDS + 1);
        _reveal(alice, pollId, false, salt);
        _reveal(w2, pollId, false, salt);
        _reveal(w3, pollId, true, salt);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeTasks.NothingDue.selector, id, 0, IDistributeTasks.TaskStatus.Voting)
        );
        tasks.advanceTask(id, 0);
        vm.warp(block.timestamp + REVEAL_SECONDS + 1);
        (bool ended, bool approved) = voting.pollResult(pollId);
        assertTrue(ended && !approved, "DS7: rejected (100% of tokens and 3/8 of the reputation)");
        tasks.advanceTask(id, 0);

        assertTrue(_taskStatus(id, 0) == IDistributeTasks.TaskStatus.Failed, "task 0 failed");
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Failed, "DS8: 40% validated is not enough");
        assertEq(capital.balanceOf(erin), 30e18 + 15e18, "DS7: the right validator takes the wrong ones' stakes");
        assertEq(capital.balanceOf(carol), 20e18 - 10e18, "DS7: a wrong validator loses the stake");
        assertEq(capital.balanceOf(dave), 20e18 - 5e18, "and so does the other");
        assertEq(reputation.balanceOf(w1), 80e18 - 18e18, "the claimer's posted reputation is burned");
        assertEq(reputation.balanceOf(w3), 100e18 - 50e18 + 12e18, "w3: task 1 paid, vote deposit still held");
        assertEq(capital.totalSupply(), tokenSupply + 70e18 - 100e18, "DS8: the stakers' 100 tokens burned");

        // DS7: every voter's deposit comes back whatever they voted.
        uint256[] memory open = new uint256[](1);
        open[0] = pollId;
        vm.prank(alice);
        voting.withdraw(100e18, 0, open);
        vm.prank(w3);
        voting.withdraw(0, 50e18, open);
        assertEq(reputation.balanceOf(w3), 100e18 + 12e18, "deposit back");
        assertEq(capital.balanceOf(alice), 540e18, "alice's tokens back");
    }

    /// @dev DS3 + DS8: collateral in reputation; the deadline passes one bar short; anyone expires the project, the
    /// collateral is burned and stakers take their stakes back.
    function test_lifecycle_DS8_expired() public {
        uint256 id = _propose(w3, COST, true);
        assertEq(projects.getProject(id).collateral, 1.5e18, "DS3: 5% of the 30-reputation bar");
        uint256 reputationSupply = reputation.totalSupply();
        _stakeTokens(alice, id, 100e18);
        _stakeReputation(w1, id, 10e18);
        vm.prank(w1);
        projects.unstakeReputation(id, 4e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDistributeProjects.NothingDue.selector, id, IDistributeProjects.ProjectState.Proposed
            )
        );
        projects.advance(id);

        vm.warp(block.timestamp + 7 days + 1);
        vm.prank(w2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDistributeProjects.DeadlinePassed.selector, id, START + 7 days, block.timestamp
            )
        );
        projects.stakeReputation(id, 30e18);
        vm.prank(erin);
        projects.advance(id);
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Expired, "DS3: expired");
        assertEq(reputation.totalSupply(), reputationSupply - 1.5e18, "DS3: collateral burned");
        assertEq(reputation.balanceOf(w3), 100e18 - 1.5e18, "the proposer lost it");

        vm.prank(alice);
        projects.withdrawStake(id);
        vm.prank(w1);
        projects.withdrawStake(id);
        assertEq(capital.balanceOf(alice), 600e18, "DS3: stakes returned");
        assertEq(reputation.balanceOf(w1), 100e18, "reputation stake returned");
    }

    // ------------------------------------------------------------------ voting helpers

    function _deposit(address who, uint256 tokens, uint256 rep) internal {
        vm.prank(who);
        voting.deposit(tokens, rep);
    }

    function _commit(address who, uint256 pollId, bool approve, bytes32 salt, uint256 tokens, uint256 rep)
        internal
    {
        bytes32 secret = voting.voteSecret(pollId, who, approve, salt);
        vm.prank(who);
        voting.commitVote(pollId, secret, tokens, rep);
    }

    function _reveal(address who, uint256 pollId, bool approve, bytes32 salt) internal {
        vm.prank(who);
        voting.revealVote(pollId, approve, salt);
    }
}
