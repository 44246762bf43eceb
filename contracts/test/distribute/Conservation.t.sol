// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DistributeFixture} from "./DistributeFixture.sol";
import {IDistributeProjects} from "../../distribute/IDistributeProjects.sol";
import {IDistributeTasks} from "../../distribute/IDistributeTasks.sol";
import {StakeMath} from "../../distribute/libraries/StakeMath.sol";

/// @dev Conservation over fuzzed sequences of actions (DS1–DS8): after every step, every capital token and every unit
/// of reputation is with a person or held by a protocol contract for exactly what that contract owes (stakes,
/// collateral, claims, validations, vote deposits), burned amounts having left the supply; the pool is what the
/// capital token holds; and each project registry's currency is its reserves plus the rewards it still owes.
contract ConservationTest is DistributeFixture {
    uint256 internal constant STEPS = 150;
    uint256 internal constant MAX_PROJECTS = 6;

    address[5] internal people;
    uint256 private _nonce;

    function setUp() public override {
        super.setUp();
        people = [alice, bob, w1, w2, w3];
        for (uint256 i; i < people.length; ++i) {
            _buy(people[i], (i + 1) * 100e18);
            _register(people[i]);
        }
    }

    function _rand(uint256 seed) internal returns (uint256) {
        return uint256(keccak256(abi.encode(seed, ++_nonce)));
    }

    function _as(address who, address target, bytes memory data) internal {
        vm.prank(who);
        (bool ok,) = target.call(data);
        ok; // a random action may well be refused; the invariants must hold either way
    }

    function testFuzz_DS8_conservation(uint256 seed) public {
        for (uint256 step; step < STEPS; ++step) {
            _step(seed);
            _checkConservation();
        }
    }

    function _step(uint256 seed) internal {
        address who = people[_rand(seed) % people.length];
        uint256 count = projects.projectCount();
        uint256 id = count == 0 ? 1 : 1 + _rand(seed) % count;
        uint256 action = _rand(seed) % 20;
        uint256 r = _rand(seed);
        address P = address(projects);
        address T = address(tasks);
        if (action == 0) {
            _as(who, address(capital), abi.encodeCall(capital.buy, (1 + r % 50e18, type(uint256).max)));
        } else if (action == 1) {
            _as(who, address(capital), abi.encodeCall(capital.sell, (1 + r % (capital.balanceOf(who) + 1), 0)));
        } else if (action == 2 && count < MAX_PROJECTS) {
            uint256 cost = capital.poolBalance() * (1 + r % 15) / 100;
            _as(who, P, abi.encodeCall(projects.propose, (cost, block.timestamp + 1 days + r % 4 days, r % 2 == 0)));
        } else if (action == 3 || action == 4) {
            // Half the time everything the bar still needs (the stake is clipped to it), else a random part.
            uint256 tokens = capital.balanceOf(who);
            uint256 rep = reputation.balanceOf(who);
            if (r % 2 == 0) (tokens, rep) = (1 + r % (tokens / 2 + 1), 1 + r % (rep / 2 + 1));
            _as(who, P, abi.encodeCall(projects.stakeTokens, (id, tokens)));
            _as(who, P, abi.encodeCall(projects.stakeReputation, (id, rep)));
        } else if (action == 5) {
            IDistributeProjects.Stake memory s = projects.stakeOf(id, who);
            _as(who, P, abi.encodeCall(projects.unstakeTokens, (id, s.tokens / 2 + 1)));
            _as(who, P, abi.encodeCall(projects.unstakeReputation, (id, s.reputation)));
        } else if (action == 6) {
            _as(who, P, abi.encodeCall(projects.proposeTaskList, (id, _equalTasks(1 + r % 3))));
            _as(who, P, abi.encodeCall(projects.backTaskList, (id, r % 2)));
        } else if (action == 7) {
            // Mostly the first list, so that a clear majority is common but not certain.
            _as(who, P, abi.encodeCall(projects.backTaskList, (id, r % 4 == 0 ? 1 : 0)));
        } else if (action == 8) {
            vm.warp(block.timestamp + r % 2 days);
        } else if (action == 9) {
            // A keeper's round: every project and every task.
            for (uint256 p = 1; p <= count; ++p) {
                _as(who, P, abi.encodeCall(projects.advance, (p)));
                _as(who, T, abi.encodeCall(tasks.advanceTasks, (p)));
            }
        } else if (action == 10) {
            _as(who, P, abi.encodeCall(projects.withdrawStake, (id)));
        } else if (action == 11 || action == 12 || action == 16) {
            id = _preferActive(id, count);
            _as(who, T, abi.encodeCall(tasks.claimTask, (id, r % 3)));
            _as(who, T, abi.encodeCall(tasks.submitTask, (id, r % 3, bytes32(r))));
        } else if (action == 13 || action == 17) {
            id = _preferActive(id, count);
            _as(who, T, abi.encodeCall(tasks.validate, (id, r % 3, r % 3 != 0, 1 + r % 5e18)));
        } else if (action >= 18) {
            _drive(id, r);
        } else if (action == 14) {
            _as(who, address(voting), abi.encodeCall(voting.deposit, (r % 20e18, r % 7e18)));
        } else {
            Deposit memory v = _deposit(who);
            _as(who, address(voting), abi.encodeCall(voting.withdraw, (v.tokens / 2, v.reputation, new uint256[](0))));
        }
    }

    /// @dev Takes project `id` one stage further the way its participants would (random actions alone rarely carry a
    /// project through every stage), each move still made by a random person and possibly refused.
    function _drive(uint256 id, uint256 r) internal {
        if (id > projects.projectCount()) return;
        IDistributeProjects.Project memory p = projects.getProject(id);
        address P = address(projects);
        address T = address(tasks);
        if (p.state == IDistributeProjects.ProjectState.Proposed) {
            for (uint256 i; i < people.length; ++i) {
                _as(people[i], P, abi.encodeCall(projects.stakeTokens, (id, capital.balanceOf(people[i]))));
                _as(people[i], P, abi.encodeCall(projects.stakeReputation, (id, reputation.balanceOf(people[i]))));
            }
        } else if (p.state == IDistributeProjects.ProjectState.Staked) {
            for (uint256 i; i < people.length; ++i) {
                if (p.listCount == 0) {
                    _as(people[i], P, abi.encodeCall(projects.proposeTaskList, (id, _equalTasks(1 + r % 3))));
                }
                _as(people[i], P, abi.encodeCall(projects.backTaskList, (id, 0)));
            }
            vm.warp(block.timestamp + TASK_LIST_SECONDS + 1);
            _as(people[0], P, abi.encodeCall(projects.advance, (id)));
        } else if (p.state == IDistributeProjects.ProjectState.Active) {
            for (uint256 t; t < p.taskCount; ++t) {
                address who = people[(r >> (8 * t)) % people.length];
                address validator = people[(r >> (8 * t + 4)) % people.length];
                _as(who, T, abi.encodeCall(tasks.claimTask, (id, t)));
                _as(who, T, abi.encodeCall(tasks.submitTask, (id, t, bytes32(r))));
                _as(validator, T, abi.encodeCall(tasks.validate, (id, t, (r >> t) % 4 != 0, 1 + r % 3e18)));
            }
            vm.warp(block.timestamp + VALIDATION_SECONDS + COMMIT_SECONDS + REVEAL_SECONDS + 1);
            _as(people[0], T, abi.encodeCall(tasks.advanceTasks, (id)));
        }
    }

    /// @dev An active project if there is one, so that task actions land somewhere they can succeed.
    function _preferActive(uint256 id, uint256 count) internal view returns (uint256) {
        for (uint256 i; i < count; ++i) {
            uint256 candidate = 1 + (id + i) % count;
            if (projects.getProject(candidate).state == IDistributeProjects.ProjectState.Active) return candidate;
        }
        return id;
    }

    struct Deposit {
        uint256 tokens;
        uint256 reputation;
    }

    function _deposit(address who) internal view returns (Deposit memory v) {
        (v.tokens, v.reputation) = (voting.voterOf(who).tokens, voting.voterOf(who).reputation);
    }

    // ------------------------------------------------------------------ invariants

    struct Owed {
        uint256 tokens;
        uint256 reputation;
        uint256 currencyWei;
        uint256 dustAllowanceWei;
    }

    function _checkConservation() internal view {
        // Every token and unit of reputation is with a person or a protocol contract.
        uint256 peopleTokens;
        uint256 peopleReputation;
        uint256 votingTokens;
        uint256 votingReputation;
        for (uint256 i; i < people.length; ++i) {
            peopleTokens += capital.balanceOf(people[i]);
            peopleReputation += reputation.balanceOf(people[i]);
            votingTokens += voting.voterOf(people[i]).tokens;
            votingReputation += voting.voterOf(people[i]).reputation;
        }
        assertEq(
            capital.totalSupply(),
            peopleTokens + capital.balanceOf(address(projects)) + capital.balanceOf(address(tasks))
                + capital.balanceOf(address(voting)),
            "token supply = people + protocol"
        );
        assertEq(
            reputation.totalSupply(),
            peopleReputation + reputation.balanceOf(address(projects)) + reputation.balanceOf(address(tasks))
                + reputation.balanceOf(address(voting)),
            "reputation supply = people + protocol"
        );
        // What each contract holds is exactly what it owes.
        assertEq(capital.balanceOf(address(voting)), votingTokens, "voting holds the token deposits");
        assertEq(reputation.balanceOf(address(voting)), votingReputation, "and the reputation deposits");
        assertEq(currency.balanceOf(address(capital)), capital.poolBalance(), "the pool is the capital token's");

        Owed memory projectsOwe;
        Owed memory tasksOwe;
        for (uint256 id = 1; id <= projects.projectCount(); ++id) {
            _owedByProjects(id, projectsOwe);
            _owedByTasks(id, tasksOwe);
        }
        assertEq(capital.balanceOf(address(projects)), projectsOwe.tokens, "projects hold stakes and collateral");
        assertEq(reputation.balanceOf(address(projects)), projectsOwe.reputation, "in both kinds");
        uint256 projectsWei = currency.balanceOf(address(projects));
        assertTrue(projectsWei >= projectsOwe.currencyWei, "projects hold every reserve and reward owed");
        assertLe(projectsWei, projectsOwe.currencyWei + projectsOwe.dustAllowanceWei, "and only rounding dust more");
        assertEq(capital.balanceOf(address(tasks)), tasksOwe.tokens, "tasks hold the validators' stakes");
        assertEq(reputation.balanceOf(address(tasks)), tasksOwe.reputation, "and the claimers' posted reputation");
    }

    function _owedByProjects(uint256 id, Owed memory owe) internal view {
        IDistributeProjects.Project memory p = projects.getProject(id);
        if (p.state == IDistributeProjects.ProjectState.Failed) return; // stakes burned
        for (uint256 i; i < people.length; ++i) {
            IDistributeProjects.Stake memory s = projects.stakeOf(id, people[i]);
            owe.tokens += s.tokens;
            owe.reputation += s.reputation;
            if (p.state == IDistributeProjects.ProjectState.Complete) {
                owe.currencyWei += StakeMath.rewardShare(
                    p.stakerRewardWei, s.tokens, s.reputation, p.tokensStaked, p.reputationStaked
                );
            }
        }
        if (p.state == IDistributeProjects.ProjectState.Proposed) {
            if (p.collateralInReputation) owe.reputation += p.collateral;
            else owe.tokens += p.collateral;
        } else if (
            p.state == IDistributeProjects.ProjectState.Staked || p.state == IDistributeProjects.ProjectState.Active
        ) {
            owe.currencyWei += uint256(p.costWei) + p.stakerRewardWei - p.paidWei;
        } else if (p.state == IDistributeProjects.ProjectState.Complete) {
            owe.dustAllowanceWei += people.length;
        }
    }

    function _owedByTasks(uint256 id, Owed memory owe) internal view {
        IDistributeProjects.Project memory p = projects.getProject(id);
        for (uint256 t; t < p.taskCount; ++t) {
            IDistributeTasks.TaskView memory v = tasks.getTask(id, t);
            IDistributeTasks.TaskStatus s = v.state.status;
            if (s == IDistributeTasks.TaskStatus.Claimed || s == IDistributeTasks.TaskStatus.Validating
                || s == IDistributeTasks.TaskStatus.Voting) owe.reputation += v.requisiteReputation;
            if (s == IDistributeTasks.TaskStatus.Validating || s == IDistributeTasks.TaskStatus.Voting) {
                for (uint256 i; i < v.approvals.length; ++i) {
                    owe.tokens += v.approvals[i].stake;
                }
                for (uint256 i; i < v.rejections.length; ++i) {
                    owe.tokens += v.rejections[i].stake;
                }
            }
        }
    }
}
