// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {TestBase} from "../Vm.sol";
import {TestToken} from "../energy/TestToken.sol";
import {CapitalToken} from "../../distribute/CapitalToken.sol";
import {Reputation} from "../../distribute/Reputation.sol";
import {DistributeVoting} from "../../distribute/DistributeVoting.sol";
import {DistributeProjects} from "../../distribute/DistributeProjects.sol";
import {DistributeTasks} from "../../distribute/DistributeTasks.sol";
import {IDistributeProjects} from "../../distribute/IDistributeProjects.sol";
import {IDistributeTasks} from "../../distribute/IDistributeTasks.sol";

/// @dev Cheatcodes beyond those in Vm.sol that the gas measurements use; EDR serves them at the same address.
interface GasCheats {
    /// @dev Marks every storage slot of `target`, and the account itself, cold, as at the start of a transaction.
    function cool(address target) external;
}

/// @dev The Distribute Protocol deployed and wired as a deployment would: the capital token over a test currency,
/// reputation with a registrar, the voting contract, the project registry and the task registry, with the roles each
/// needs. Helpers buy tokens, register people, and take a project through its stages.
abstract contract DistributeFixture is TestBase {
    GasCheats internal constant cheats = GasCheats(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant START = 1_780_000_000; // 2026-05-28
    uint256 internal constant FLOOR_PRICE = 1e16; // 0.01 currency per token
    uint256 internal constant INITIAL_REPUTATION = 100e18;
    uint32 internal constant TASK_LIST_SECONDS = 3 days;
    uint32 internal constant ACTIVE_SECONDS = 30 days;
    uint32 internal constant VALIDATION_SECONDS = 2 days;
    uint32 internal constant COMMIT_SECONDS = 2 days;
    uint32 internal constant REVEAL_SECONDS = 2 days;
    uint32 internal constant TASK_SECONDS = 5 days;

    TestToken internal currency;
    CapitalToken internal capital;
    Reputation internal reputation;
    DistributeVoting internal voting;
    DistributeProjects internal projects;
    DistributeTasks internal tasks;

    address internal registrar;
    address internal alice; // token holders
    address internal bob;
    address internal carol;
    address internal dave;
    address internal erin;
    address internal w1; // reputation holders
    address internal w2;
    address internal w3;

    function setUp() public virtual {
        vm.warp(START);
        registrar = actor("registrar");
        alice = actor("alice");
        bob = actor("bob");
        carol = actor("carol");
        dave = actor("dave");
        erin = actor("erin");
        w1 = actor("w1");
        w2 = actor("w2");
        w3 = actor("w3");
        _deploy();
    }

    function _deploy() internal {
        currency = new TestToken("SOLAR");
        capital = new CapitalToken("Distribute Capital", "DCAP", currency, FLOOR_PRICE, address(this));
        reputation = new Reputation("Distribute Reputation", "DREP", INITIAL_REPUTATION, address(this));
        voting = new DistributeVoting(capital, reputation, address(this));
        projects = new DistributeProjects(
            capital,
            reputation,
            IDistributeProjects.Periods({taskListSeconds: TASK_LIST_SECONDS, activeSeconds: ACTIVE_SECONDS}),
            address(this)
        );
        tasks = new DistributeTasks(
            projects,
            voting,
            capital,
            reputation,
            IDistributeTasks.Periods({
                validationSeconds: VALIDATION_SECONDS, commitSeconds: COMMIT_SECONDS, revealSeconds: REVEAL_SECONDS
            })
        );
        capital.grantRole(capital.SPENDER_ROLE(), address(projects));
        reputation.grantRole(reputation.REGISTRAR_ROLE(), registrar);
        reputation.grantRole(reputation.PROTOCOL_ROLE(), address(projects));
        reputation.grantRole(reputation.PROTOCOL_ROLE(), address(tasks));
        reputation.grantRole(reputation.PROTOCOL_ROLE(), address(voting));
        voting.grantRole(voting.POLL_CREATOR_ROLE(), address(tasks));
        projects.grantRole(projects.TASK_REGISTRY_ROLE(), address(tasks));
    }

    // ------------------------------------------------------------------ holders

    /// @dev Gives `who` currency, approves every contract that pulls tokens or currency, and buys `tokens`.
    function _buy(address who, uint256 tokens) internal returns (uint256 cost) {
        currency.mint(who, 1e30);
        vm.startPrank(who);
        currency.approve(address(capital), type(uint256).max);
        capital.approve(address(projects), type(uint256).max);
        capital.approve(address(tasks), type(uint256).max);
        capital.approve(address(voting), type(uint256).max);
        cost = capital.buy(tokens, type(uint256).max);
        vm.stopPrank();
    }

    function _register(address who) internal {
        vm.prank(registrar);
        reputation.register(who, keccak256(abi.encode("did:example", who)));
    }

    /// @dev 1,000 tokens (alice 600, bob 400), pool 23.2 currency; w1, w2, w3 registered with 100 reputation each.
    function _community() internal {
        _buy(alice, 600e18);
        _buy(bob, 400e18);
        _register(w1);
        _register(w2);
        _register(w3);
    }

    // ------------------------------------------------------------------ projects

    /// @dev 10% of the community's pool: bars of 100 tokens and 30 reputation, collateral 5 tokens.
    uint256 internal constant COST = 2.32e18;

    function _propose(address who, uint256 cost, bool inReputation) internal returns (uint256 id) {
        vm.prank(who);
        id = projects.propose(cost, block.timestamp + 7 days, inReputation);
    }

    function _stakeTokens(address who, uint256 id, uint256 amount) internal {
        vm.prank(who);
        projects.stakeTokens(id, amount);
    }

    function _stakeReputation(address who, uint256 id, uint256 amount) internal {
        vm.prank(who);
        projects.stakeReputation(id, amount);
    }

    /// @dev Proposed by alice and staked by alice (60 tokens), bob (40), w1 (20 reputation) and w2 (10).
    function _stakedProject() internal returns (uint256 id) {
        id = _propose(alice, COST, false);
        _stakeTokens(alice, id, 60e18);
        _stakeTokens(bob, id, 40e18);
        _stakeReputation(w1, id, 20e18);
        _stakeReputation(w2, id, 10e18);
    }

    /// @dev `n` tasks of equal weighting (the first takes the remainder), each allowed TASK_SECONDS.
    function _equalTasks(uint256 n) internal pure returns (IDistributeProjects.TaskSpec[] memory list) {
        list = new IDistributeProjects.TaskSpec[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = IDistributeProjects.TaskSpec({
                descriptionHash: keccak256(abi.encode("task", i)),
                weightingBps: uint16(10_000 / n),
                durationSeconds: TASK_SECONDS
            });
        }
        list[0].weightingBps += uint16(10_000 % n);
    }

    function _tasksWith(uint16[] memory weightings) internal pure returns (IDistributeProjects.TaskSpec[] memory list) {
        list = new IDistributeProjects.TaskSpec[](weightings.length);
        for (uint256 i; i < weightings.length; ++i) {
            list[i] = IDistributeProjects.TaskSpec({
                descriptionHash: keccak256(abi.encode("task", i)),
                weightingBps: weightings[i],
                durationSeconds: TASK_SECONDS
            });
        }
    }

    /// @dev Staked, one list put forward by alice and backed by every staker, then activated.
    function _activeProject(IDistributeProjects.TaskSpec[] memory list) internal returns (uint256 id) {
        id = _stakedProject();
        vm.prank(alice);
        uint256 listId = projects.proposeTaskList(id, list);
        address[4] memory stakers = [alice, bob, w1, w2];
        for (uint256 i; i < stakers.length; ++i) {
            vm.prank(stakers[i]);
            projects.backTaskList(id, listId);
        }
        vm.warp(block.timestamp + TASK_LIST_SECONDS + 1);
        projects.advance(id);
    }

    function _claimAndSubmit(address who, uint256 id, uint256 taskIndex) internal {
        vm.startPrank(who);
        tasks.claimTask(id, taskIndex);
        tasks.submitTask(id, taskIndex, keccak256(abi.encode("evidence", id, taskIndex)));
        vm.stopPrank();
    }

    function _validate(address who, uint256 id, uint256 taskIndex, bool approve, uint256 amount) internal {
        vm.prank(who);
        tasks.validate(id, taskIndex, approve, amount);
    }

    function _state(uint256 id) internal view returns (IDistributeProjects.ProjectState) {
        return projects.getProject(id).state;
    }

    function _taskStatus(uint256 id, uint256 taskIndex) internal view returns (IDistributeTasks.TaskStatus) {
        return tasks.getTask(id, taskIndex).state.status;
    }

    /// @dev What calldata costs a transaction (EIP-2028): 16 gas per non-zero byte, 4 per zero byte.
    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }
}
