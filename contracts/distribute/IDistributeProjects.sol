// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title The Distribute Protocol's projects: proposal, staking, task lists and outcome (DS3, DS4, DS8)
/// @notice A proposer asks for `costWei` of the collective pool and sets a staking deadline, posting 5% of the cost
/// as collateral in capital tokens or in reputation. The bars are frozen at proposal: a project asking for x% of the
/// pool needs x% of all capital tokens and x% of all reputation staked, "all" being each total supply at proposal,
/// everything in circulation included (tokens staked elsewhere, escrowed or deposited for voting are still tokens).
/// The collateral is a bond, not a stake: it does not count towards the bars.
///
/// Reaching both bars moves the project to Staked at once: the proposer gets the collateral back and 1% of the cost
/// from the pool, and the cost plus a 1% stakers' reward is reserved from the pool (should the pool have shrunk below
/// that since the proposal, the stake that would meet the bars reverts with `InsufficientPool` and the project waits
/// for the pool to grow or expires). The deadline passing first lets anyone expire the project: stakes come back, the
/// collateral is burned. While Staked, stakers put forward task
/// lists (a description hash, a weighting in basis points summing to 10,000, and a time allowance per task) and back
/// one with all their stake. At the end of the period the list backed by more than half of all the backing wins (a
/// backer's weight is the mean of their token share and reputation share of the project's stake); with no such list
/// the project fails and every stake is burned. The winning list's tasks are then claimed, validated and voted on in
/// the task registry, which reports each task's outcome here; this contract pays a validated task's share of the cost.
/// Once every task is settled, the project is complete if the validated tasks' weightings sum to more than half, and
/// failed otherwise. Complete: stakers withdraw their stakes and their share of the reward; failed: stakes burned.
/// Unspent budget goes back to the pool.
///
/// Every time-dependent transition happens when anyone calls `advance`, which a keeper calls.
interface IDistributeProjects {
    /// @notice A project's stage.
    enum ProjectState {
        None,
        Proposed,
        Staked,
        Active,
        Complete,
        Failed,
        Expired
    }

    /// @notice A project. `phaseDeadline` is the end of the task-list period while Staked and the last moment to
    /// claim a task while Active. Amounts of tokens and reputation are in base units (18 decimals).
    struct Project {
        address proposer;
        uint40 stakingDeadline;
        uint40 phaseDeadline;
        ProjectState state;
        bool collateralInReputation;
        uint128 costWei;
        uint128 collateral;
        uint128 tokenBar;
        uint128 reputationBar;
        uint128 tokensStaked;
        uint128 reputationStaked;
        uint128 poolWeiAtProposal;
        uint128 stakerRewardWei;
        uint128 tokenSupplyAtProposal;
        uint128 reputationSupplyAtProposal;
        uint128 paidWei;
        uint16 completedBps;
        uint8 taskCount;
        uint8 settledTasks;
        uint8 listCount;
        uint8 winningList;
    }

    /// @notice One task of a task list.
    struct TaskSpec {
        bytes32 descriptionHash;
        uint16 weightingBps;
        uint32 durationSeconds;
    }

    /// @notice A task list with the stake backing it.
    struct TaskListView {
        address submitter;
        uint128 backingTokens;
        uint128 backingReputation;
        TaskSpec[] tasks;
    }

    /// @notice A staker's stake in a project, and the task list (its index plus one; 0 for none) it backs.
    struct Stake {
        uint112 tokens;
        uint112 reputation;
        uint32 backedList;
    }

    /// @notice What the task registry needs to let a task of an active project be claimed.
    struct TaskTerms {
        uint16 weightingBps;
        uint32 durationSeconds;
        uint40 claimDeadline;
        uint256 requisiteReputation;
    }

    /// @notice The periods the protocol runs on, in seconds.
    struct Periods {
        uint32 taskListSeconds;
        uint32 activeSeconds;
    }

    /// @notice Thrown when a project's cost is zero.
    error ZeroCost();
    /// @notice Thrown when the cost and both 1% rewards are more than the pool holds.
    error CostExceedsPool(uint256 costWei, uint256 reserveWei, uint256 poolWei);
    /// @notice Thrown when a staking deadline is not in the future or does not fit 40 bits.
    error InvalidDeadline(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when the collateral would be zero (nothing of the chosen kind exists).
    error ZeroCollateral();
    /// @notice Thrown for a project that does not exist.
    error UnknownProject(uint256 projectId);
    /// @notice Thrown when an action needs the project in another stage.
    error WrongState(uint256 projectId, ProjectState state, ProjectState expected);
    /// @notice Thrown when an action comes after the deadline of its stage.
    error DeadlinePassed(uint256 projectId, uint256 deadline, uint256 timestamp);
    /// @notice Thrown when staking a kind whose bar is already met.
    error BarAlreadyMet(uint256 projectId, uint256 bar);
    /// @notice Thrown when an amount is zero.
    error ZeroAmount();
    /// @notice Thrown when unstaking more than the sender staked.
    error InsufficientStake(uint256 projectId, address account, uint256 staked, uint256 requested);
    /// @notice Thrown when someone without a stake in the project acts as a staker.
    error NotStaker(uint256 projectId, address account);
    /// @notice Thrown when a project already has the most task lists allowed.
    error TooManyTaskLists(uint256 projectId, uint256 max);
    /// @notice Thrown when a task list has no tasks or more than allowed.
    error InvalidTaskCount(uint256 count, uint256 max);
    /// @notice Thrown when a task has a zero weighting or a zero time allowance.
    error InvalidTask(uint256 index);
    /// @notice Thrown when a task list's weightings do not sum to 10,000 basis points.
    error WeightingsDoNotSum(uint256 totalBps);
    /// @notice Thrown for a task list that does not exist.
    error UnknownTaskList(uint256 projectId, uint256 listId);
    /// @notice Thrown for a task that does not exist.
    error UnknownTask(uint256 projectId, uint256 taskIndex);
    /// @notice Thrown when `advance` finds no transition due.
    error NothingDue(uint256 projectId, ProjectState state);
    /// @notice Thrown when withdrawing a stake that a failed project burned.
    error StakeForfeited(uint256 projectId);
    /// @notice Thrown when withdrawing with no stake left.
    error NothingToWithdraw(uint256 projectId, address account);
    /// @notice Thrown when the task registry settles a task twice.
    error TaskAlreadySettled(uint256 projectId, uint256 taskIndex);
    /// @notice Thrown at deployment for a zero address or a zero period.
    error InvalidConfiguration();

    /// @notice Emitted when a project is proposed, with its frozen bars and the collateral posted.
    event ProjectProposed(
        uint256 indexed projectId,
        address indexed proposer,
        uint256 costWei,
        uint256 stakingDeadline,
        uint256 tokenBar,
        uint256 reputationBar,
        uint256 collateral,
        bool collateralInReputation
    );
    /// @notice Emitted for each stake, with the project's total of that kind after it.
    event Staked(uint256 indexed projectId, address indexed staker, bool reputation, uint256 amount, uint256 total);
    /// @notice Emitted for each unstake, with the project's total of that kind after it.
    event Unstaked(uint256 indexed projectId, address indexed staker, bool reputation, uint256 amount, uint256 total);
    /// @notice Emitted when both bars are met: the proposer's reward and the reserve taken from the pool.
    event ProjectStaked(
        uint256 indexed projectId, uint256 taskListDeadline, uint256 proposerRewardWei, uint256 reservedWei
    );
    /// @notice Emitted when an unstaked project expires and its collateral is burned.
    event ProjectExpired(uint256 indexed projectId, uint256 collateralBurned);
    /// @notice Emitted when a staker puts forward a task list.
    event TaskListProposed(
        uint256 indexed projectId, uint256 indexed listId, address indexed submitter, TaskSpec[] tasks
    );
    /// @notice Emitted when a staker backs a task list (replacing any earlier backing), with the list's backing after.
    event TaskListBacked(
        uint256 indexed projectId,
        uint256 indexed listId,
        address indexed staker,
        uint256 backingTokens,
        uint256 backingReputation
    );
    /// @notice Emitted when a task list wins and the project becomes active.
    event ProjectActivated(uint256 indexed projectId, uint256 indexed listId, uint256 claimDeadline, uint256 taskCount);
    /// @notice Emitted when the task registry settles a task, with what the claimer was paid.
    event TaskSettled(
        uint256 indexed projectId, uint256 indexed taskIndex, address indexed claimer, bool validated, uint256 paidWei
    );
    /// @notice Emitted when a project completes.
    event ProjectCompleted(uint256 indexed projectId, uint256 completedBps, uint256 returnedToPoolWei);
    /// @notice Emitted when a project fails (at staking or after its tasks), with the stakes burned.
    event ProjectFailed(
        uint256 indexed projectId, uint256 tokensBurned, uint256 reputationBurned, uint256 returnedToPoolWei
    );
    /// @notice Emitted when a staker takes back a stake (and, from a complete project, their reward).
    event StakeWithdrawn(
        uint256 indexed projectId, address indexed staker, uint256 tokens, uint256 reputation, uint256 rewardWei
    );

    /// @notice Proposes a project costing `costWei` of the pool, stakeable until `stakingDeadline`, posting the
    /// collateral in reputation when `collateralInReputation` and in capital tokens otherwise (approve this contract).
    function propose(uint256 costWei, uint256 stakingDeadline, bool collateralInReputation)
        external
        returns (uint256 projectId);

    /// @notice Stakes up to `amount` capital tokens (approve this contract first); takes only what the bar still
    /// needs and returns that.
    function stakeTokens(uint256 projectId, uint256 amount) external returns (uint256 staked);

    /// @notice Stakes up to `amount` reputation; takes only what the bar still needs and returns that.
    function stakeReputation(uint256 projectId, uint256 amount) external returns (uint256 staked);

    /// @notice Takes back staked tokens while the project is still Proposed.
    function unstakeTokens(uint256 projectId, uint256 amount) external;

    /// @notice Takes back staked reputation while the project is still Proposed.
    function unstakeReputation(uint256 projectId, uint256 amount) external;

    /// @notice Puts forward a task list while the project is Staked; only its stakers.
    function proposeTaskList(uint256 projectId, TaskSpec[] calldata tasks) external returns (uint256 listId);

    /// @notice Backs task list `listId` with all the sender's stake, moving any earlier backing.
    function backTaskList(uint256 projectId, uint256 listId) external;

    /// @notice Makes the transition due by time: expires a Proposed project past its staking deadline, or settles
    /// a Staked project's task lists at the end of their period. Reverts with `NothingDue` otherwise.
    function advance(uint256 projectId) external;

    /// @notice Takes back the sender's stake from an expired project, or stake and reward from a complete one.
    function withdrawStake(uint256 projectId) external returns (uint256 tokens, uint256 reputation, uint256 rewardWei);

    /// @notice Records a task's outcome and pays a validated task's share of the cost to `claimer`; only the task
    /// registry (`TASK_REGISTRY_ROLE`). The last task settles the project.
    function settleTask(uint256 projectId, uint256 taskIndex, bool validated, address claimer) external;

    /// @notice The terms of task `taskIndex` of an active project; reverts unless the project is Active.
    function taskTerms(uint256 projectId, uint256 taskIndex) external view returns (TaskTerms memory);

    /// @notice A project.
    function getProject(uint256 projectId) external view returns (Project memory);

    /// @notice How many projects exist; ids run from 1.
    function projectCount() external view returns (uint256);

    /// @notice `account`'s stake in a project.
    function stakeOf(uint256 projectId, address account) external view returns (Stake memory);

    /// @notice A task list and its backing.
    function getTaskList(uint256 projectId, uint256 listId) external view returns (TaskListView memory);

    /// @notice Task `taskIndex` of the winning list of an active or settled project.
    function getTask(uint256 projectId, uint256 taskIndex) external view returns (TaskSpec memory);

    /// @notice Whether the task registry has settled task `taskIndex`.
    function isTaskSettled(uint256 projectId, uint256 taskIndex) external view returns (bool);
}
