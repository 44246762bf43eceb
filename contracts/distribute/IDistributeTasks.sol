// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The Distribute Protocol's tasks: claims, validation and votes (DS5, DS6, DS7)
/// @notice The tasks of an active project (the winning task list in `IDistributeProjects`) are claimed here by
/// registered reputation holders, who post the requisite reputation: the project's staked reputation times the
/// task's weighting. A claim runs for the task's time allowance; a claimer who has not submitted evidence of the work
/// by then loses the posted reputation (burned) and the task reopens, as long as the project's claim period lasts.
///
/// Submitting evidence opens the task's validation window. Capital-token holders other than the claimer stake tokens
/// for or against it, one stake per holder per task, five slots a side. When the window closes:
/// - nobody validated: the task fails, and the claimer gets the posted reputation back (nobody judged the work, so
///   nobody found it wanting);
/// - one side only: that side stands and its validators get their stakes back;
/// - both sides: a commit-reveal poll in `IDistributeVoting` decides, by a simple majority of token and reputation
///   holders (a tie rejects). The side that was right takes back its stakes and shares the other side's in the
///   proportions 5:4:3:2:1 by the order in which it staked (`StakeMath.validatorShare`; the parts of open slots are
///   shared the same way; what rounding leaves over is burned).
/// A validated task pays the claimer the posted reputation back plus as much again newly minted, and (through the
/// project registry) its weighting's share of the project cost. A task that fails burns the posted reputation. A task
/// still open, or claimed and overdue, when the claim period ends fails. Every time-dependent step happens when anyone
/// calls `advanceTask` or `advanceTasks`, which a keeper calls.
interface IDistributeTasks {
    /// @notice Where a task stands.
    enum TaskStatus {
        Open,
        Claimed,
        Validating,
        Voting,
        Validated,
        Failed
    }

    /// @notice A task's state. `deadline` is the end of the claim's time allowance while Claimed and the end of the
    /// validation window while Validating; `pollId` is the deciding poll while Voting and after.
    struct TaskState {
        address claimer;
        uint40 deadline;
        TaskStatus status;
        uint8 approvers;
        uint8 rejecters;
        uint32 pollId;
    }

    /// @notice A validator's stake in one slot.
    struct Validation {
        address validator;
        uint96 stake;
    }

    /// @notice A task as a dashboard shows it.
    struct TaskView {
        TaskState state;
        bytes32 evidenceHash;
        uint256 requisiteReputation;
        Validation[] approvals;
        Validation[] rejections;
    }

    /// @notice The periods the task registry runs on, in seconds.
    struct Periods {
        uint32 validationSeconds;
        uint32 commitSeconds;
        uint32 revealSeconds;
    }

    /// @notice Thrown when an action needs the task in another status.
    error WrongTaskStatus(uint256 projectId, uint256 taskIndex, TaskStatus status);
    /// @notice Thrown when claiming after the project's claim period.
    error ClaimPeriodOver(uint256 projectId, uint256 claimDeadline, uint256 timestamp);
    /// @notice Thrown when acting on a task after its deadline.
    error TaskDeadlinePassed(uint256 projectId, uint256 taskIndex, uint256 deadline, uint256 timestamp);
    /// @notice Thrown when someone other than the claimer submits the task.
    error NotClaimer(uint256 projectId, uint256 taskIndex, address account, address claimer);
    /// @notice Thrown when the claimer tries to validate their own task.
    error ClaimerCannotValidate(uint256 projectId, uint256 taskIndex, address claimer);
    /// @notice Thrown when a holder validates the same task a second time.
    error AlreadyValidated(uint256 projectId, uint256 taskIndex, address validator);
    /// @notice Thrown when every slot on the chosen side is taken.
    error NoSlotLeft(uint256 projectId, uint256 taskIndex, bool approve);
    /// @notice Thrown when a validation stake is zero or does not fit 96 bits.
    error InvalidStake(uint256 amount);
    /// @notice Thrown when `advanceTask` finds nothing due.
    error NothingDue(uint256 projectId, uint256 taskIndex, TaskStatus status);
    /// @notice Thrown at deployment for a zero address or a zero period.
    error InvalidConfiguration();

    /// @notice Emitted when a task is claimed, with the reputation posted and the claim's deadline.
    event TaskClaimed(
        uint256 indexed projectId,
        uint256 indexed taskIndex,
        address indexed claimer,
        uint256 reputationPosted,
        uint256 deadline
    );
    /// @notice Emitted when a claim runs out: the posted reputation is burned and the task reopens (or fails).
    event ClaimExpired(
        uint256 indexed projectId, uint256 indexed taskIndex, address indexed claimer, uint256 reputationBurned
    );
    /// @notice Emitted when the claimer submits evidence, opening validation until `validationEnd`.
    event TaskSubmitted(
        uint256 indexed projectId,
        uint256 indexed taskIndex,
        address indexed claimer,
        bytes32 evidenceHash,
        uint256 validationEnd
    );
    /// @notice Emitted for each validation stake, with its slot on its side (0 is the earliest).
    event TaskValidated(
        uint256 indexed projectId,
        uint256 indexed taskIndex,
        address indexed validator,
        bool approve,
        uint256 slot,
        uint256 stake
    );
    /// @notice Emitted when opposing validations send a task to a vote.
    event TaskVoteStarted(uint256 indexed projectId, uint256 indexed taskIndex, uint256 indexed pollId);
    /// @notice Emitted when a task is validated or fails.
    event TaskResolved(
        uint256 indexed projectId,
        uint256 indexed taskIndex,
        address indexed claimer,
        bool validated,
        uint256 reputationMinted
    );
    /// @notice Emitted when a validator is paid out: their stake back plus their part of the other side's.
    event ValidatorPaid(
        uint256 indexed projectId, uint256 indexed taskIndex, address indexed validator, uint256 stake, uint256 reward
    );
    /// @notice Emitted when the wrong side's stakes are forfeited; `burned` is what rounding left over.
    event ValidatorsForfeited(uint256 indexed projectId, uint256 indexed taskIndex, uint256 forfeited, uint256 burned);

    /// @notice Claims task `taskIndex` of active project `projectId`, posting the requisite reputation.
    function claimTask(uint256 projectId, uint256 taskIndex) external;

    /// @notice The claimer submits evidence of the work (its hash), before the claim's deadline.
    function submitTask(uint256 projectId, uint256 taskIndex, bytes32 evidenceHash) external;

    /// @notice Stakes `amount` capital tokens (approve this contract first) for (`approve`) or against the task.
    function validate(uint256 projectId, uint256 taskIndex, bool approve, uint256 amount) external;

    /// @notice Makes the step due by time for one task; reverts with `NothingDue` otherwise.
    function advanceTask(uint256 projectId, uint256 taskIndex) external;

    /// @notice Makes every step due by time for every task of the project; returns how many tasks moved.
    function advanceTasks(uint256 projectId) external returns (uint256 advanced);

    /// @notice A task with its evidence, requisite and validations.
    function getTask(uint256 projectId, uint256 taskIndex) external view returns (TaskView memory);

    /// @notice Whether a time-dependent step is due for the task now.
    function isDue(uint256 projectId, uint256 taskIndex) external view returns (bool);
}
