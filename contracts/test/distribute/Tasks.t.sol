// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DistributeFixture} from "./DistributeFixture.sol";
import {IDistributeProjects} from "../../distribute/IDistributeProjects.sol";
import {IDistributeTasks} from "../../distribute/IDistributeTasks.sol";
import {IReputation} from "../../distribute/IReputation.sol";

/// @dev DS5 and DS6: claims, deadlines and validation, including the adversarial cases.
contract TasksTest is DistributeFixture {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        _community();
        id = _activeProject(_equalTasks(2)); // two tasks of 50%: requisite 15 reputation each
        _buy(carol, 100e18);
        _buy(dave, 100e18);
    }

    // ------------------------------------------------------------------ DS5: claims

    function test_claimTask_DS5_withoutReputation_reverts() public {
        address stranger = actor("stranger");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IReputation.NotRegistered.selector, stranger));
        tasks.claimTask(id, 0);
        // w3 has put 95 of its 100 in the voting contract, leaving 5 against a requisite of 15.
        vm.prank(w3);
        voting.deposit(0, 95e18);
        vm.prank(w3);
        vm.expectRevert(abi.encodeWithSelector(IReputation.InsufficientReputation.selector, w3, 5e18, 15e18));
        tasks.claimTask(id, 0);
    }

    function test_claimTask_DS5_postsRequisiteAndOnlyOnce() public {
        vm.prank(w3);
        tasks.claimTask(id, 0);
        assertEq(reputation.balanceOf(w3), 85e18, "DS5: 30 staked x 50% posted");
        assertEq(reputation.balanceOf(address(tasks)), 15e18, "held by the task registry");
        vm.prank(w1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDistributeTasks.WrongTaskStatus.selector, id, 0, IDistributeTasks.TaskStatus.Claimed
            )
        );
        tasks.claimTask(id, 0);
    }

    /// @dev DS5: a claimer who misses the deadline loses the posted reputation (burned) and the task reopens.
    function test_advanceTask_DS5_missedDeadlineBurnsAndReopens() public {
        vm.prank(w3);
        tasks.claimTask(id, 0);
        uint256 deadline = block.timestamp + TASK_SECONDS;
        uint256 supply = reputation.totalSupply();
        vm.warp(deadline + 1);
        vm.prank(w3);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeTasks.TaskDeadlinePassed.selector, id, 0, deadline, deadline + 1)
        );
        tasks.submitTask(id, 0, bytes32("late"));
        tasks.advanceTask(id, 0);
        assertEq(reputation.totalSupply(), supply - 15e18, "DS5: posted reputation burned");
        assertTrue(_taskStatus(id, 0) == IDistributeTasks.TaskStatus.Open, "DS5: reopened");
        vm.prank(w1);
        tasks.claimTask(id, 0);
        assertEq(tasks.getTask(id, 0).state.claimer, w1, "claimed again");
    }

    function test_DS5_actingAfterTheClaimPeriod() public {
        vm.warp(block.timestamp + ACTIVE_SECONDS + 1);
        IDistributeProjects.Project memory p = projects.getProject(id);
        vm.prank(w3);
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeTasks.ClaimPeriodOver.selector, id, p.phaseDeadline, block.timestamp)
        );
        tasks.claimTask(id, 0);
        // Both tasks were never claimed: both fail and so does the project.
        assertEq(tasks.advanceTasks(id), 2, "both due");
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Failed, "DS8: nothing validated");
    }

    function test_submitTask_DS5_onlyTheClaimer() public {
        vm.prank(w3);
        tasks.claimTask(id, 0);
        vm.prank(w1);
        vm.expectRevert(abi.encodeWithSelector(IDistributeTasks.NotClaimer.selector, id, 0, w1, w3));
        tasks.submitTask(id, 0, bytes32("mine"));
    }

    // ------------------------------------------------------------------ DS6: validation

    function test_validate_DS6_ownTask_reverts() public {
        _buy(w3, 10e18);
        _claimAndSubmit(w3, id, 0);
        vm.prank(w3);
        vm.expectRevert(abi.encodeWithSelector(IDistributeTasks.ClaimerCannotValidate.selector, id, 0, w3));
        tasks.validate(id, 0, true, 1e18);
    }

    function test_validate_DS6_twice_reverts() public {
        _claimAndSubmit(w3, id, 0);
        _validate(carol, id, 0, true, 1e18);
        vm.startPrank(carol);
        vm.expectRevert(abi.encodeWithSelector(IDistributeTasks.AlreadyValidated.selector, id, 0, carol));
        tasks.validate(id, 0, true, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IDistributeTasks.AlreadyValidated.selector, id, 0, carol));
        tasks.validate(id, 0, false, 1e18);
        vm.stopPrank();
    }

    function test_validate_DS6_afterTheWindow_reverts() public {
        _claimAndSubmit(w3, id, 0);
        uint256 end = block.timestamp + VALIDATION_SECONDS;
        vm.warp(end + 1);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IDistributeTasks.TaskDeadlinePassed.selector, id, 0, end, end + 1));
        tasks.validate(id, 0, true, 1e18);
    }

    function test_validate_DS6_onlyTokenHolders() public {
        _claimAndSubmit(w3, id, 0);
        vm.prank(w1); // reputation, no tokens
        vm.expectRevert();
        tasks.validate(id, 0, true, 1e18);
    }

    /// @dev DS6 + DS7: five approvers stake 10 each, in order; one rejecter stakes 30; the vote approves. The
    /// approvers share the 30 as 5/15, 4/15, 3/15, 2/15, 1/15; a sixth approver finds no slot.
    function test_validate_DS6_earlierValidatorsEarnMore() public {
        _claimAndSubmit(w3, id, 0);
        address[5] memory approvers;
        for (uint256 i; i < 5; ++i) {
            approvers[i] = actor(string(abi.encode("approver", i)));
            _buy(approvers[i], 10e18);
            _validate(approvers[i], id, 0, true, 10e18);
        }
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IDistributeTasks.NoSlotLeft.selector, id, 0, true));
        tasks.validate(id, 0, true, 1e18);
        _validate(carol, id, 0, false, 30e18);
        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);
        tasks.advanceTask(id, 0);
        uint256 pollId = tasks.getTask(id, 0).state.pollId;
        bytes32 salt = bytes32("s");
        vm.startPrank(dave);
        voting.deposit(50e18, 0);
        voting.commitVote(pollId, voting.voteSecret(pollId, dave, true, salt), 50e18, 0);
        vm.warp(block.timestamp + COMMIT_SECONDS + 1);
        voting.revealVote(pollId, true, salt);
        vm.stopPrank();
        vm.warp(block.timestamp + REVEAL_SECONDS + 1);
        tasks.advanceTask(id, 0);
        assertTrue(_taskStatus(id, 0) == IDistributeTasks.TaskStatus.Validated, "DS7: approved");
        for (uint256 i; i < 5; ++i) {
            assertEq(capital.balanceOf(approvers[i]), 10e18 + (5 - i) * 2e18, "DS6: 5/15 .. 1/15 of 30");
        }
        assertEq(capital.balanceOf(carol), 70e18, "DS7: the wrong validator lost 30");
        assertEq(reputation.balanceOf(w3), 100e18 + 15e18, "DS5: twice the posted reputation back");
    }

    /// @dev DS6: open slots' parts go to the filled ones in the same proportions; rounding dust is burned.
    function test_validate_DS6_openSlotsSharedAndDustBurned() public {
        _claimAndSubmit(w3, id, 0);
        _validate(carol, id, 0, false, 10e18);
        _validate(dave, id, 0, false, 5e18);
        _validate(alice, id, 0, true, 7);
        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);
        tasks.advanceTask(id, 0);
        // Nobody votes: a poll without votes rejects, so the rejecters win 7: carol 5/9, dave 4/9.
        vm.warp(block.timestamp + COMMIT_SECONDS + REVEAL_SECONDS + 1);
        uint256 supply = capital.totalSupply();
        tasks.advanceTask(id, 0);
        assertEq(capital.balanceOf(carol), 100e18 + 3, "floor(7 x 5/9)");
        assertEq(capital.balanceOf(dave), 100e18 + 3, "floor(7 x 4/9)");
        assertEq(capital.totalSupply(), supply - 1, "the one unit left over is burned");
        assertEq(reputation.balanceOf(w3), 85e18, "DS5: failed task: posted reputation burned");
    }

    /// @dev DS6: nobody validates: the task fails unpaid, but the claimer keeps the posted reputation.
    function test_advanceTask_DS6_noValidatorsFailsWithoutForfeit() public {
        _claimAndSubmit(w3, id, 0);
        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);
        tasks.advanceTask(id, 0);
        assertTrue(_taskStatus(id, 0) == IDistributeTasks.TaskStatus.Failed, "failed");
        assertEq(reputation.balanceOf(w3), 100e18, "posted reputation returned");
        assertEq(currency.balanceOf(w3), 0, "unpaid");
    }

    function test_advanceTask_DS6_unopposedRejectionStands() public {
        _claimAndSubmit(w3, id, 0);
        _validate(carol, id, 0, false, 4e18);
        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);
        tasks.advanceTask(id, 0);
        assertTrue(_taskStatus(id, 0) == IDistributeTasks.TaskStatus.Failed, "DS6: the only side stands");
        assertEq(capital.balanceOf(carol), 100e18, "stake back");
        assertEq(reputation.balanceOf(w3), 85e18, "posted reputation burned");
        vm.expectRevert(
            abi.encodeWithSelector(IDistributeTasks.NothingDue.selector, id, 0, IDistributeTasks.TaskStatus.Failed)
        );
        tasks.advanceTask(id, 0);
    }

    function test_settleTask_DS5_onlyTheTaskRegistry() public {
        vm.prank(alice);
        vm.expectRevert();
        projects.settleTask(id, 0, true, alice);
    }
}
