// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {console} from "hardhat/console.sol";
import {DistributeFixture} from "./DistributeFixture.sol";
import {IDistributeProjects} from "../../distribute/IDistributeProjects.sol";

/// @dev Gas of the Distribute Protocol's hot paths against their budgets, as a transaction would pay it: before each
/// measured call every protocol contract is cooled (its account and storage cold, as at the start of a transaction),
/// and the figure is the call's gas (from `gasleft()` around it, which includes the call's own cold-account charge)
/// plus the 21,000 intrinsic gas and the calldata's cost (EIP-2028). That slightly overstates a real transaction,
/// which pays no CALL overhead on top of its intrinsic gas. Each path is the warm one a second user pays: the
/// project, poll or task exists and the contracts already hold balances; the user's own record is new.
contract GasTest is DistributeFixture {
    uint256 internal constant STAKE_BUDGET = 90_000;
    uint256 internal constant CLAIM_BUDGET = 100_000;
    uint256 internal constant COMMIT_BUDGET = 80_000;
    uint256 internal constant REVEAL_BUDGET = 60_000;

    function setUp() public override {
        super.setUp();
        _community();
    }

    function _cool() internal {
        cheats.cool(address(capital));
        cheats.cool(address(reputation));
        cheats.cool(address(voting));
        cheats.cool(address(projects));
        cheats.cool(address(tasks));
        cheats.cool(address(currency));
    }

    /// @dev Sends `data` to `target` from `from` as a fresh transaction would, and returns its gas.
    function _tx(address from, address target, bytes memory data) internal returns (uint256) {
        _cool();
        vm.prank(from);
        uint256 before = gasleft();
        (bool ok, bytes memory ret) = target.call(data);
        uint256 used = before - gasleft();
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return used + 21_000 + _calldataGas(data);
    }

    function test_gas_DS3_stakeWithinBudget() public {
        uint256 id = _propose(alice, COST, false);
        _stakeTokens(alice, id, 10e18);
        uint256 tokenGas = _tx(bob, address(projects), abi.encodeCall(projects.stakeTokens, (id, 40e18)));
        _stakeReputation(w1, id, 5e18);
        uint256 repGas = _tx(w2, address(projects), abi.encodeCall(projects.stakeReputation, (id, 10e18)));
        console.log("stakeTokens gas", tokenGas);
        console.log("stakeReputation gas", repGas);
        assertLe(tokenGas, STAKE_BUDGET, "stakeTokens");
        assertLe(repGas, STAKE_BUDGET, "stakeReputation");
    }

    function test_gas_DS5_claimTaskWithinBudget() public {
        uint256 id = _activeProject(_equalTasks(10));
        vm.prank(w1);
        tasks.claimTask(id, 0);
        uint256 gas = _tx(w3, address(tasks), abi.encodeCall(tasks.claimTask, (id, 1)));
        console.log("claimTask gas", gas);
        assertLe(gas, CLAIM_BUDGET, "claimTask");
    }

    function test_gas_DS7_commitAndRevealWithinBudget() public {
        voting.grantRole(voting.POLL_CREATOR_ROLE(), address(this));
        uint256 pollId = voting.startPoll(COMMIT_SECONDS, REVEAL_SECONDS);
        bytes32 salt = keccak256("salt");
        vm.prank(alice);
        voting.deposit(100e18, 0);
        vm.prank(bob);
        voting.deposit(100e18, 0);
        bytes32 aliceSecret = voting.voteSecret(pollId, alice, true, salt);
        vm.prank(alice);
        voting.commitVote(pollId, aliceSecret, 100e18, 0);
        bytes32 secret = voting.voteSecret(pollId, bob, true, salt);
        uint256 commitGas = _tx(bob, address(voting), abi.encodeCall(voting.commitVote, (pollId, secret, 100e18, 0)));
        vm.warp(block.timestamp + COMMIT_SECONDS + 1);
        vm.prank(alice);
        voting.revealVote(pollId, true, salt);
        uint256 revealGas = _tx(bob, address(voting), abi.encodeCall(voting.revealVote, (pollId, true, salt)));
        console.log("commitVote gas", commitGas);
        console.log("revealVote gas", revealGas);
        assertLe(commitGas, COMMIT_BUDGET, "commitVote");
        assertLe(revealGas, REVEAL_BUDGET, "revealVote");
    }

    /// @dev The whole of a 10-task project, proposal to completion and every stake withdrawn, summed as transactions
    /// (no budget; reported).
    function test_gas_DS8_tenTaskProjectReported() public {
        _buy(carol, 50e18);
        uint256 total;
        uint256 id = projects.projectCount() + 1;
        uint256 deadline = block.timestamp + 7 days;
        total += _tx(alice, address(projects), abi.encodeCall(projects.propose, (COST, deadline, false)));
        total += _tx(alice, address(projects), abi.encodeCall(projects.stakeTokens, (id, 60e18)));
        total += _tx(bob, address(projects), abi.encodeCall(projects.stakeTokens, (id, 40e18)));
        total += _tx(w1, address(projects), abi.encodeCall(projects.stakeReputation, (id, 20e18)));
        total += _tx(w2, address(projects), abi.encodeCall(projects.stakeReputation, (id, 10e18)));
        uint256 staking = total;
        total += _tx(bob, address(projects), abi.encodeCall(projects.proposeTaskList, (id, _equalTasks(10))));
        address[4] memory stakers = [alice, bob, w1, w2];
        for (uint256 i; i < 4; ++i) {
            total += _tx(stakers[i], address(projects), abi.encodeCall(projects.backTaskList, (id, 0)));
        }
        vm.warp(block.timestamp + TASK_LIST_SECONDS + 1);
        total += _tx(erin, address(projects), abi.encodeCall(projects.advance, (id)));
        uint256 planning = total - staking;
        address[10] memory claimers = [w1, w1, w1, w1, w2, w2, w2, w3, w3, w3];
        for (uint256 i; i < 10; ++i) {
            total += _tx(claimers[i], address(tasks), abi.encodeCall(tasks.claimTask, (id, i)));
            total += _tx(claimers[i], address(tasks), abi.encodeCall(tasks.submitTask, (id, i, bytes32(i + 1))));
            total += _tx(carol, address(tasks), abi.encodeCall(tasks.validate, (id, i, true, 1e18)));
        }
        vm.warp(block.timestamp + VALIDATION_SECONDS + 1);
        uint256 settle = _tx(erin, address(tasks), abi.encodeCall(tasks.advanceTasks, (id)));
        total += settle;
        assertTrue(_state(id) == IDistributeProjects.ProjectState.Complete, "complete");
        for (uint256 i; i < 4; ++i) {
            total += _tx(stakers[i], address(projects), abi.encodeCall(projects.withdrawStake, (id)));
        }
        console.log("10-task project: proposal and staking gas", staking);
        console.log("10-task project: task list, backing, activation gas", planning);
        console.log("10-task project: advanceTasks settling all ten gas", settle);
        console.log("10-task project: total gas, proposal to withdrawals", total);
        assertTrue(total > 0, "measured");
    }
}
