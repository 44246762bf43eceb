// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDistributeTasks} from "./IDistributeTasks.sol";
import {IDistributeProjects} from "./IDistributeProjects.sol";
import {IDistributeVoting} from "./IDistributeVoting.sol";
import {ICapitalToken} from "./ICapitalToken.sol";
import {IReputation} from "./IReputation.sol";
import {StakeMath} from "./libraries/StakeMath.sol";

/// @title The Distribute Protocol's tasks (DS5, DS6, DS7)
/// @notice See `IDistributeTasks`. Holds the reputation claimers post and the tokens validators stake.
/// @dev Needs `PROTOCOL_ROLE` on the reputation, `POLL_CREATOR_ROLE` on the voting contract and `TASK_REGISTRY_ROLE`
/// on the project registry. The posted reputation is not stored: it is the project's staked reputation times the
/// task's weighting, both frozen once the project is active, so it is recomputed from `taskTerms`.
contract DistributeTasks is ReentrancyGuardTransient, IDistributeTasks {
    using SafeERC20 for IERC20;

    /// @notice The project registry.
    IDistributeProjects public immutable projects;
    /// @notice The voting contract.
    IDistributeVoting public immutable voting;
    /// @notice The capital token validators stake.
    ICapitalToken public immutable capitalToken;
    /// @notice Reputation, which claimers post.
    IReputation public immutable reputation;
    /// @notice How long a task's validation window lasts after the claimer submits it.
    uint32 public immutable validationSeconds;
    /// @notice A task vote's commit period.
    uint32 public immutable commitSeconds;
    /// @notice A task vote's reveal period.
    uint32 public immutable revealSeconds;

    uint256 private constant SLOTS = StakeMath.VALIDATION_SLOTS;

    mapping(uint256 projectId => mapping(uint256 taskIndex => TaskState)) private _tasks;
    mapping(uint256 projectId => mapping(uint256 taskIndex => bytes32)) private _evidence;
    /// @dev Slots 0–4 approve, 5–9 reject.
    mapping(uint256 projectId => mapping(uint256 taskIndex => Validation[10])) private _validations;
    mapping(uint256 projectId => mapping(uint256 taskIndex => mapping(address => bool))) private _hasValidated;

    constructor(
        IDistributeProjects projects_,
        IDistributeVoting voting_,
        ICapitalToken capitalToken_,
        IReputation reputation_,
        Periods memory periods
    ) {
        if (
            address(projects_) == address(0) || address(voting_) == address(0) || address(capitalToken_) == address(0)
                || address(reputation_) == address(0) || periods.validationSeconds == 0 || periods.commitSeconds == 0
                || periods.revealSeconds == 0
        ) revert InvalidConfiguration();
        projects = projects_;
        voting = voting_;
        capitalToken = capitalToken_;
        reputation = reputation_;
        validationSeconds = periods.validationSeconds;
        commitSeconds = periods.commitSeconds;
        revealSeconds = periods.revealSeconds;
    }

    // ---------------------------------------------------------------- DS5: active

    /// @inheritdoc IDistributeTasks
    function claimTask(uint256 projectId, uint256 taskIndex) external nonReentrant {
        IDistributeProjects.TaskTerms memory terms = projects.taskTerms(projectId, taskIndex);
        if (block.timestamp > terms.claimDeadline) {
            revert ClaimPeriodOver(projectId, terms.claimDeadline, block.timestamp);
        }
        TaskState storage t = _tasks[projectId][taskIndex];
        if (t.status != TaskStatus.Open) revert WrongTaskStatus(projectId, taskIndex, t.status);
        uint256 deadline = block.timestamp + terms.durationSeconds;
        // An open task has no validations or poll yet, so the whole slot is written at once.
        _tasks[projectId][taskIndex] = TaskState({
            claimer: msg.sender,
            deadline: uint40(deadline),
            status: TaskStatus.Claimed,
            approvers: 0,
            rejecters: 0,
            pollId: 0
        });
        emit TaskClaimed(projectId, taskIndex, msg.sender, terms.requisiteReputation, deadline);
        // Reverts unless the claimer registered and holds the requisite reputation.
        reputation.take(msg.sender, terms.requisiteReputation);
    }

    /// @inheritdoc IDistributeTasks
    function submitTask(uint256 projectId, uint256 taskIndex, bytes32 evidenceHash) external {
        TaskState storage t = _tasks[projectId][taskIndex];
        if (t.status != TaskStatus.Claimed) revert WrongTaskStatus(projectId, taskIndex, t.status);
        if (t.claimer != msg.sender) revert NotClaimer(projectId, taskIndex, msg.sender, t.claimer);
        if (block.timestamp > t.deadline) revert TaskDeadlinePassed(projectId, taskIndex, t.deadline, block.timestamp);
        uint256 validationEnd = block.timestamp + validationSeconds;
        t.status = TaskStatus.Validating;
        t.deadline = uint40(validationEnd);
        _evidence[projectId][taskIndex] = evidenceHash;
        emit TaskSubmitted(projectId, taskIndex, msg.sender, evidenceHash, validationEnd);
    }

    // ---------------------------------------------------------------- DS6: validation

    /// @inheritdoc IDistributeTasks
    function validate(uint256 projectId, uint256 taskIndex, bool approve, uint256 amount) external nonReentrant {
        if (amount == 0 || amount > type(uint96).max) revert InvalidStake(amount);
        TaskState storage t = _tasks[projectId][taskIndex];
        TaskState memory task = t;
        if (task.status != TaskStatus.Validating) revert WrongTaskStatus(projectId, taskIndex, task.status);
        if (block.timestamp > task.deadline) {
            revert TaskDeadlinePassed(projectId, taskIndex, task.deadline, block.timestamp);
        }
        if (msg.sender == task.claimer) revert ClaimerCannotValidate(projectId, taskIndex, msg.sender);
        mapping(address => bool) storage validated = _hasValidated[projectId][taskIndex];
        if (validated[msg.sender]) revert AlreadyValidated(projectId, taskIndex, msg.sender);
        uint256 slot = approve ? task.approvers : task.rejecters;
        if (slot == SLOTS) revert NoSlotLeft(projectId, taskIndex, approve);
        validated[msg.sender] = true;
        // slot < 5 and the amount fits 96 bits, both checked above.
        if (approve) t.approvers = uint8(slot + 1);
        else t.rejecters = uint8(slot + 1);
        _validations[projectId][taskIndex][approve ? slot : SLOTS + slot] =
            Validation({validator: msg.sender, stake: uint96(amount)});
        emit TaskValidated(projectId, taskIndex, msg.sender, approve, slot, amount);
        IERC20(capitalToken).safeTransferFrom(msg.sender, address(this), amount);
    }

    // ---------------------------------------------------------------- transitions

    /// @inheritdoc IDistributeTasks
    function advanceTask(uint256 projectId, uint256 taskIndex) external nonReentrant {
        IDistributeProjects.TaskTerms memory terms = projects.taskTerms(projectId, taskIndex);
        TaskState memory t = _tasks[projectId][taskIndex];
        if (!_due(t, terms.claimDeadline)) revert NothingDue(projectId, taskIndex, t.status);
        _advance(projectId, taskIndex, t, terms);
    }

    /// @inheritdoc IDistributeTasks
    function advanceTasks(uint256 projectId) external nonReentrant returns (uint256 advanced) {
        IDistributeProjects.Project memory p = projects.getProject(projectId);
        if (p.state != IDistributeProjects.ProjectState.Active) return 0;
        for (uint256 i; i < p.taskCount; ++i) {
            TaskState memory t = _tasks[projectId][i];
            if (!_due(t, p.phaseDeadline)) continue;
            _advance(projectId, i, t, projects.taskTerms(projectId, i));
            ++advanced;
            // The last task to settle settles the project; nothing further is due then.
            if (projects.getProject(projectId).state != IDistributeProjects.ProjectState.Active) break;
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDistributeTasks
    function getTask(uint256 projectId, uint256 taskIndex) external view returns (TaskView memory v) {
        IDistributeProjects.Project memory p = projects.getProject(projectId);
        if (p.taskCount == 0 || taskIndex >= p.taskCount) {
            revert IDistributeProjects.UnknownTask(projectId, taskIndex);
        }
        TaskState memory t = _tasks[projectId][taskIndex];
        v.state = t;
        v.evidenceHash = _evidence[projectId][taskIndex];
        v.requisiteReputation = StakeMath.requisite(
            p.reputationStaked, projects.getTask(projectId, taskIndex).weightingBps
        );
        Validation[10] storage all = _validations[projectId][taskIndex];
        v.approvals = new Validation[](t.approvers);
        v.rejections = new Validation[](t.rejecters);
        for (uint256 i; i < t.approvers; ++i) {
            v.approvals[i] = all[i];
        }
        for (uint256 i; i < t.rejecters; ++i) {
            v.rejections[i] = all[SLOTS + i];
        }
    }

    /// @inheritdoc IDistributeTasks
    function isDue(uint256 projectId, uint256 taskIndex) external view returns (bool) {
        IDistributeProjects.Project memory p = projects.getProject(projectId);
        if (p.state != IDistributeProjects.ProjectState.Active || taskIndex >= p.taskCount) return false;
        return _due(_tasks[projectId][taskIndex], p.phaseDeadline);
    }

    // ---------------------------------------------------------------- internals

    function _due(TaskState memory t, uint256 claimDeadline) private view returns (bool) {
        TaskStatus s = t.status;
        if (s == TaskStatus.Open) return block.timestamp > claimDeadline;
        if (s == TaskStatus.Claimed || s == TaskStatus.Validating || s == TaskStatus.Voting) {
            return block.timestamp > t.deadline;
        }
        return false;
    }

    /// @dev The step due for a task `_due` has approved.
    function _advance(
        uint256 projectId,
        uint256 taskIndex,
        TaskState memory t,
        IDistributeProjects.TaskTerms memory terms
    ) private {
        TaskState storage stored = _tasks[projectId][taskIndex];
        uint256 posted = terms.requisiteReputation;
        if (t.status == TaskStatus.Open) {
            // The claim period ended with nobody on the task.
            stored.status = TaskStatus.Failed;
            emit TaskResolved(projectId, taskIndex, address(0), false, 0);
            projects.settleTask(projectId, taskIndex, false, address(0));
        } else if (t.status == TaskStatus.Claimed) {
            emit ClaimExpired(projectId, taskIndex, t.claimer, posted);
            if (block.timestamp > terms.claimDeadline) {
                stored.status = TaskStatus.Failed;
                emit TaskResolved(projectId, taskIndex, t.claimer, false, 0);
                _burnReputation(posted);
                projects.settleTask(projectId, taskIndex, false, t.claimer);
            } else {
                delete _tasks[projectId][taskIndex];
                _burnReputation(posted);
            }
        } else if (t.status == TaskStatus.Validating) {
            if (t.approvers != 0 && t.rejecters != 0) {
                uint256 pollId = voting.startPoll(commitSeconds, revealSeconds);
                stored.status = TaskStatus.Voting;
                // Poll ids count up from 1; 2^32 polls are out of reach.
                stored.pollId = uint32(pollId);
                stored.deadline = uint40(block.timestamp + commitSeconds + revealSeconds);
                emit TaskVoteStarted(projectId, taskIndex, pollId);
            } else if (t.approvers == 0 && t.rejecters == 0) {
                // Nobody judged the work: it is not paid, and the claimer keeps what they posted.
                stored.status = TaskStatus.Failed;
                emit TaskResolved(projectId, taskIndex, t.claimer, false, 0);
                if (posted != 0) reputation.give(t.claimer, posted);
                projects.settleTask(projectId, taskIndex, false, t.claimer);
            } else {
                _resolve(projectId, taskIndex, t, posted, t.approvers != 0);
            }
        } else {
            (, bool approved) = voting.pollResult(t.pollId);
            _resolve(projectId, taskIndex, t, posted, approved);
        }
    }

    /// @dev Settles a judged task: the validators, then the claimer, then the project.
    function _resolve(
        uint256 projectId,
        uint256 taskIndex,
        TaskState memory t,
        uint256 posted,
        bool validated
    ) private {
        _tasks[projectId][taskIndex].status = validated ? TaskStatus.Validated : TaskStatus.Failed;
        emit TaskResolved(projectId, taskIndex, t.claimer, validated, validated ? posted : 0);
        // Unopposed, the other side is empty and the validators simply get their stakes back.
        (uint256 winners, uint256 winnerBase, uint256 losers, uint256 loserBase) =
            validated
            ? (uint256(t.approvers), uint256(0), uint256(t.rejecters), SLOTS)
            : (uint256(t.rejecters), SLOTS, uint256(t.approvers), uint256(0));
        _payValidators(projectId, taskIndex, winners, winnerBase, losers, loserBase);
        if (validated) {
            if (posted != 0) {
                reputation.give(t.claimer, posted);
                reputation.mint(t.claimer, posted);
            }
        } else {
            _burnReputation(posted);
        }
        projects.settleTask(projectId, taskIndex, validated, t.claimer);
    }

    /// @dev Pays the `winners` validators from `winnerBase` their stakes and their parts of the `losers` validators'
    /// stakes from `loserBase`, and burns what rounding leaves of the latter.
    function _payValidators(
        uint256 projectId,
        uint256 taskIndex,
        uint256 winners,
        uint256 winnerBase,
        uint256 losers,
        uint256 loserBase
    ) private {
        Validation[10] storage all = _validations[projectId][taskIndex];
        uint256 forfeited;
        for (uint256 i; i < losers; ++i) {
            forfeited += all[loserBase + i].stake;
        }
        uint256 paidOut;
        for (uint256 i; i < winners; ++i) {
            Validation memory v = all[winnerBase + i];
            uint256 reward = losers == 0 ? 0 : StakeMath.validatorShare(forfeited, i, winners);
            paidOut += reward;
            emit ValidatorPaid(projectId, taskIndex, v.validator, v.stake, reward);
            IERC20(capitalToken).safeTransfer(v.validator, v.stake + reward);
        }
        if (forfeited != 0) {
            // The shares are floors of parts of `forfeited` whose weights sum to one, so they sum to at most it.
            uint256 burned = forfeited - paidOut;
            emit ValidatorsForfeited(projectId, taskIndex, forfeited, burned);
            if (burned != 0) capitalToken.burn(burned);
        }
    }

    function _burnReputation(uint256 amount) private {
        if (amount != 0) reputation.burn(amount);
    }
}
