// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDistributeProjects} from "./IDistributeProjects.sol";
import {ICapitalToken} from "./ICapitalToken.sol";
import {IReputation} from "./IReputation.sol";
import {StakeMath} from "./libraries/StakeMath.sol";

/// @title The Distribute Protocol's projects (DS3, DS4, DS8)
/// @notice See `IDistributeProjects`. Holds the stakes, the proposers' collateral and each project's reserved budget.
/// @dev Needs `SPENDER_ROLE` on the capital token and `PROTOCOL_ROLE` on the reputation; grants nothing itself. The
/// task registry is given `TASK_REGISTRY_ROLE` here by the admin.
contract DistributeProjects is AccessControl, ReentrancyGuardTransient, IDistributeProjects {
    using SafeERC20 for IERC20;
    using SafeERC20 for ICapitalToken;

    /// @notice The role that settles tasks: the task registry.
    bytes32 public constant TASK_REGISTRY_ROLE = keccak256("TASK_REGISTRY_ROLE");
    /// @notice The most task lists one project may gather, so that settling them stays bounded.
    uint256 public constant MAX_TASK_LISTS = 16;
    /// @notice The most tasks one list may have, so that settling a project's tasks stays bounded.
    uint256 public constant MAX_TASKS = 32;

    /// @notice The capital token, which is also the collective pool.
    ICapitalToken public immutable capitalToken;
    /// @notice The pool currency.
    IERC20 public immutable currency;
    /// @notice Reputation.
    IReputation public immutable reputation;
    /// @notice How long stakers have to put forward and back task lists once a project is staked.
    uint32 public immutable taskListSeconds;
    /// @notice How long tasks may be claimed once a project is active.
    uint32 public immutable activeSeconds;

    uint256 private _projectCount;
    mapping(uint256 projectId => Project) private _projects;
    mapping(uint256 projectId => mapping(address staker => Stake)) private _stakes;
    mapping(uint256 projectId => mapping(uint256 listId => address)) private _listSubmitters;
    mapping(uint256 projectId => mapping(uint256 listId => uint256)) private _listBacking;
    mapping(uint256 projectId => mapping(uint256 listId => TaskSpec[])) private _listTasks;
    mapping(uint256 projectId => uint256) private _settledTasks;

    /// @param admin Holds `DEFAULT_ADMIN_ROLE`, which grants `TASK_REGISTRY_ROLE` to the task registry.
    constructor(ICapitalToken capitalToken_, IReputation reputation_, Periods memory periods, address admin) {
        if (
            address(capitalToken_) == address(0) || address(reputation_) == address(0) || periods.taskListSeconds == 0
                || periods.activeSeconds == 0
        ) revert InvalidConfiguration();
        capitalToken = capitalToken_;
        currency = capitalToken_.currency();
        reputation = reputation_;
        taskListSeconds = periods.taskListSeconds;
        activeSeconds = periods.activeSeconds;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        // Returning unspent budget to the pool goes through `fund`, which pulls the currency.
        currency.forceApprove(address(capitalToken_), type(uint256).max);
    }

    // ---------------------------------------------------------------- DS3: proposed

    /// @inheritdoc IDistributeProjects
    function propose(uint256 costWei, uint256 stakingDeadline, bool collateralInReputation)
        external
        nonReentrant
        returns (uint256 projectId)
    {
        if (costWei == 0) revert ZeroCost();
        if (stakingDeadline <= block.timestamp || stakingDeadline > type(uint40).max) {
            revert InvalidDeadline(stakingDeadline, block.timestamp);
        }
        uint256 poolWei = capitalToken.poolBalance();
        uint256 reserveWei = costWei + _proposerReward(costWei) + _stakerReward(costWei);
        if (reserveWei > poolWei) revert CostExceedsPool(costWei, reserveWei, poolWei);
        // Both supplies are capped below 2^112 by their contracts, so every figure below fits its field.
        uint256 tokenSupply = capitalToken.totalSupply();
        uint256 reputationSupply = reputation.totalSupply();
        uint256 collateral =
            StakeMath.collateral(collateralInReputation ? reputationSupply : tokenSupply, costWei, poolWei);
        if (collateral == 0) revert ZeroCollateral();
        projectId = ++_projectCount;
        Project storage p = _projects[projectId];
        p.proposer = msg.sender;
        p.stakingDeadline = uint40(stakingDeadline);
        p.state = ProjectState.Proposed;
        p.collateralInReputation = collateralInReputation;
        p.costWei = uint128(costWei);
        p.collateral = uint128(collateral);
        p.tokenBar = uint128(StakeMath.bar(tokenSupply, costWei, poolWei));
        p.reputationBar = uint128(StakeMath.bar(reputationSupply, costWei, poolWei));
        p.poolWeiAtProposal = uint128(poolWei);
        p.stakerRewardWei = uint128(_stakerReward(costWei));
        p.tokenSupplyAtProposal = uint128(tokenSupply);
        p.reputationSupplyAtProposal = uint128(reputationSupply);
        emit ProjectProposed(
            projectId,
            msg.sender,
            costWei,
            stakingDeadline,
            p.tokenBar,
            p.reputationBar,
            collateral,
            collateralInReputation
        );
        if (collateralInReputation) reputation.take(msg.sender, collateral);
        else IERC20(capitalToken).safeTransferFrom(msg.sender, address(this), collateral);
    }

    /// @inheritdoc IDistributeProjects
    function stakeTokens(uint256 projectId, uint256 amount) external nonReentrant returns (uint256 staked) {
        staked = _stake(projectId, amount, false);
        IERC20(capitalToken).safeTransferFrom(msg.sender, address(this), staked);
        _stakedIfBarsMet(projectId);
    }

    /// @inheritdoc IDistributeProjects
    function stakeReputation(uint256 projectId, uint256 amount) external nonReentrant returns (uint256 staked) {
        staked = _stake(projectId, amount, true);
        reputation.take(msg.sender, staked);
        _stakedIfBarsMet(projectId);
    }

    /// @inheritdoc IDistributeProjects
    function unstakeTokens(uint256 projectId, uint256 amount) external nonReentrant {
        _unstake(projectId, amount, false);
        IERC20(capitalToken).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IDistributeProjects
    function unstakeReputation(uint256 projectId, uint256 amount) external nonReentrant {
        _unstake(projectId, amount, true);
        reputation.give(msg.sender, amount);
    }

    // ---------------------------------------------------------------- DS4: staked

    /// @inheritdoc IDistributeProjects
    function proposeTaskList(uint256 projectId, TaskSpec[] calldata tasks) external returns (uint256 listId) {
        Project storage p = _inState(projectId, ProjectState.Staked);
        _beforeDeadline(projectId, p.phaseDeadline);
        if (_isEmpty(_stakes[projectId][msg.sender])) revert NotStaker(projectId, msg.sender);
        listId = p.listCount;
        if (listId == MAX_TASK_LISTS) revert TooManyTaskLists(projectId, MAX_TASK_LISTS);
        uint256 n = tasks.length;
        if (n == 0 || n > MAX_TASKS) revert InvalidTaskCount(n, MAX_TASKS);
        uint256 totalBps;
        TaskSpec[] storage stored = _listTasks[projectId][listId];
        for (uint256 i; i < n; ++i) {
            TaskSpec calldata t = tasks[i];
            if (t.weightingBps == 0 || t.durationSeconds == 0) revert InvalidTask(i);
            totalBps += t.weightingBps;
            stored.push(t);
        }
        if (totalBps != StakeMath.BPS) revert WeightingsDoNotSum(totalBps);
        // listId < MAX_TASK_LISTS (16), checked above.
        p.listCount = uint8(listId + 1);
        _listSubmitters[projectId][listId] = msg.sender;
        emit TaskListProposed(projectId, listId, msg.sender, tasks);
    }

    /// @inheritdoc IDistributeProjects
    function backTaskList(uint256 projectId, uint256 listId) external {
        Project storage p = _inState(projectId, ProjectState.Staked);
        _beforeDeadline(projectId, p.phaseDeadline);
        if (listId >= p.listCount) revert UnknownTaskList(projectId, listId);
        Stake storage s = _stakes[projectId][msg.sender];
        Stake memory stake = s;
        if (_isEmpty(stake)) revert NotStaker(projectId, msg.sender);
        if (stake.backedList != 0) {
            (uint256 oldTokens, uint256 oldReputation) = _unpack(_listBacking[projectId][stake.backedList - 1]);
            unchecked {
                // The old list's backing includes this stake.
                _listBacking[projectId][stake.backedList - 1] =
                    _pack(oldTokens - stake.tokens, oldReputation - stake.reputation);
            }
        }
        (uint256 tokens, uint256 reputationBacking) = _unpack(_listBacking[projectId][listId]);
        unchecked {
            // Backings are sums of stakes, which are at most the bars, below 2^112.
            tokens += stake.tokens;
            reputationBacking += stake.reputation;
        }
        _listBacking[projectId][listId] = _pack(tokens, reputationBacking);
        // listId < MAX_TASK_LISTS.
        s.backedList = uint32(listId + 1);
        emit TaskListBacked(projectId, listId, msg.sender, tokens, reputationBacking);
    }

    // ---------------------------------------------------------------- transitions

    /// @inheritdoc IDistributeProjects
    function advance(uint256 projectId) external nonReentrant {
        Project storage p = _project(projectId);
        ProjectState state = p.state;
        if (state == ProjectState.Proposed && block.timestamp > p.stakingDeadline) {
            _expire(projectId, p);
        } else if (state == ProjectState.Staked && block.timestamp > p.phaseDeadline) {
            _settleTaskLists(projectId, p);
        } else {
            revert NothingDue(projectId, state);
        }
    }

    /// @inheritdoc IDistributeProjects
    function withdrawStake(uint256 projectId)
        external
        nonReentrant
        returns (uint256 tokens, uint256 reputationAmount, uint256 rewardWei)
    {
        Project storage p = _project(projectId);
        ProjectState state = p.state;
        if (state == ProjectState.Failed) revert StakeForfeited(projectId);
        if (state != ProjectState.Complete && state != ProjectState.Expired) {
            revert WrongState(projectId, state, ProjectState.Complete);
        }
        Stake memory stake = _stakes[projectId][msg.sender];
        if (_isEmpty(stake)) revert NothingToWithdraw(projectId, msg.sender);
        delete _stakes[projectId][msg.sender];
        (tokens, reputationAmount) = (stake.tokens, stake.reputation);
        if (state == ProjectState.Complete) {
            rewardWei = StakeMath.rewardShare(
                p.stakerRewardWei, tokens, reputationAmount, p.tokensStaked, p.reputationStaked
            );
        }
        emit StakeWithdrawn(projectId, msg.sender, tokens, reputationAmount, rewardWei);
        if (tokens != 0) IERC20(capitalToken).safeTransfer(msg.sender, tokens);
        if (reputationAmount != 0) reputation.give(msg.sender, reputationAmount);
        if (rewardWei != 0) currency.safeTransfer(msg.sender, rewardWei);
    }

    /// @inheritdoc IDistributeProjects
    function settleTask(uint256 projectId, uint256 taskIndex, bool validated, address claimer)
        external
        nonReentrant
        onlyRole(TASK_REGISTRY_ROLE)
    {
        Project storage p = _inState(projectId, ProjectState.Active);
        if (taskIndex >= p.taskCount) revert UnknownTask(projectId, taskIndex);
        uint256 settled = _settledTasks[projectId];
        if (settled & (1 << taskIndex) != 0) revert TaskAlreadySettled(projectId, taskIndex);
        _settledTasks[projectId] = settled | (1 << taskIndex);
        uint256 paidWei;
        if (validated) {
            uint256 weightingBps = _listTasks[projectId][p.winningList][taskIndex].weightingBps;
            paidWei = StakeMath.portion(p.costWei, weightingBps);
            // The weightings sum to 10,000, so the payments sum to at most the cost.
            p.paidWei += uint128(paidWei);
            p.completedBps += uint16(weightingBps);
        }
        // taskCount <= MAX_TASKS.
        uint8 settledCount = p.settledTasks + 1;
        p.settledTasks = settledCount;
        emit TaskSettled(projectId, taskIndex, claimer, validated, paidWei);
        if (paidWei != 0) currency.safeTransfer(claimer, paidWei);
        if (settledCount == p.taskCount) _settleProject(projectId, p);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDistributeProjects
    function taskTerms(uint256 projectId, uint256 taskIndex) external view returns (TaskTerms memory terms) {
        Project storage p = _inState(projectId, ProjectState.Active);
        if (taskIndex >= p.taskCount) revert UnknownTask(projectId, taskIndex);
        TaskSpec storage t = _listTasks[projectId][p.winningList][taskIndex];
        terms.weightingBps = t.weightingBps;
        terms.durationSeconds = t.durationSeconds;
        terms.claimDeadline = p.phaseDeadline;
        terms.requisiteReputation = StakeMath.requisite(p.reputationStaked, t.weightingBps);
    }

    /// @inheritdoc IDistributeProjects
    function getProject(uint256 projectId) external view returns (Project memory) {
        return _project(projectId);
    }

    /// @inheritdoc IDistributeProjects
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    /// @inheritdoc IDistributeProjects
    function stakeOf(uint256 projectId, address account) external view returns (Stake memory) {
        return _stakes[projectId][account];
    }

    /// @inheritdoc IDistributeProjects
    function getTaskList(uint256 projectId, uint256 listId) external view returns (TaskListView memory list) {
        if (listId >= _project(projectId).listCount) revert UnknownTaskList(projectId, listId);
        list.submitter = _listSubmitters[projectId][listId];
        (uint256 tokens, uint256 reputationBacking) = _unpack(_listBacking[projectId][listId]);
        // Both below 2^112 (sums of stakes).
        (list.backingTokens, list.backingReputation) = (uint128(tokens), uint128(reputationBacking));
        list.tasks = _listTasks[projectId][listId];
    }

    /// @inheritdoc IDistributeProjects
    function getTask(uint256 projectId, uint256 taskIndex) external view returns (TaskSpec memory) {
        Project storage p = _project(projectId);
        if (p.taskCount == 0 || taskIndex >= p.taskCount) revert UnknownTask(projectId, taskIndex);
        return _listTasks[projectId][p.winningList][taskIndex];
    }

    /// @inheritdoc IDistributeProjects
    function isTaskSettled(uint256 projectId, uint256 taskIndex) external view returns (bool) {
        return taskIndex < MAX_TASKS && _settledTasks[projectId] & (1 << taskIndex) != 0;
    }

    // ---------------------------------------------------------------- internals

    function _project(uint256 projectId) private view returns (Project storage p) {
        p = _projects[projectId];
        if (p.state == ProjectState.None) revert UnknownProject(projectId);
    }

    function _inState(uint256 projectId, ProjectState expected) private view returns (Project storage p) {
        p = _projects[projectId];
        ProjectState state = p.state;
        if (state != expected) {
            if (state == ProjectState.None) revert UnknownProject(projectId);
            revert WrongState(projectId, state, expected);
        }
    }

    function _beforeDeadline(uint256 projectId, uint256 deadline) private view {
        if (block.timestamp > deadline) revert DeadlinePassed(projectId, deadline, block.timestamp);
    }

    /// @dev Records a stake of at most what the bar still needs; the caller moves it in.
    function _stake(uint256 projectId, uint256 amount, bool isReputation) private returns (uint256 staked) {
        if (amount == 0) revert ZeroAmount();
        Project storage p = _inState(projectId, ProjectState.Proposed);
        _beforeDeadline(projectId, p.stakingDeadline);
        (uint256 bar, uint256 total) =
            isReputation ? (p.reputationBar, p.reputationStaked) : (p.tokenBar, p.tokensStaked);
        if (total >= bar) revert BarAlreadyMet(projectId, bar);
        unchecked {
            // total < bar, checked above.
            staked = amount < bar - total ? amount : bar - total;
            // total + staked <= bar < 2^112, and so is each stake.
            total += staked;
            Stake storage s = _stakes[projectId][msg.sender];
            if (isReputation) {
                p.reputationStaked = uint128(total);
                s.reputation += uint112(staked);
            } else {
                p.tokensStaked = uint128(total);
                s.tokens += uint112(staked);
            }
        }
        emit Staked(projectId, msg.sender, isReputation, staked, total);
    }

    function _unstake(uint256 projectId, uint256 amount, bool isReputation) private {
        if (amount == 0) revert ZeroAmount();
        Project storage p = _inState(projectId, ProjectState.Proposed);
        Stake storage s = _stakes[projectId][msg.sender];
        uint256 staked = isReputation ? s.reputation : s.tokens;
        if (amount > staked) revert InsufficientStake(projectId, msg.sender, staked, amount);
        uint256 total;
        unchecked {
            // amount <= the sender's stake <= the project's total.
            if (isReputation) {
                s.reputation = uint112(staked - amount);
                total = p.reputationStaked - amount;
                p.reputationStaked = uint128(total);
            } else {
                s.tokens = uint112(staked - amount);
                total = p.tokensStaked - amount;
                p.tokensStaked = uint128(total);
            }
        }
        emit Unstaked(projectId, msg.sender, isReputation, amount, total);
    }

    /// @dev DS4: once both bars are met, the proposer gets the collateral back and the reward, and the budget and the
    /// stakers' reward are reserved from the pool.
    function _stakedIfBarsMet(uint256 projectId) private {
        Project storage p = _projects[projectId];
        if (p.tokensStaked < p.tokenBar || p.reputationStaked < p.reputationBar) return;
        uint256 deadline = block.timestamp + taskListSeconds;
        p.state = ProjectState.Staked;
        p.phaseDeadline = uint40(deadline);
        uint256 costWei = p.costWei;
        uint256 rewardWei = _proposerReward(costWei);
        uint256 reservedWei = costWei + p.stakerRewardWei;
        address proposer = p.proposer;
        emit ProjectStaked(projectId, deadline, rewardWei, reservedWei);
        if (p.collateralInReputation) reputation.give(proposer, p.collateral);
        else IERC20(capitalToken).safeTransfer(proposer, p.collateral);
        if (rewardWei != 0) capitalToken.spend(proposer, rewardWei);
        capitalToken.spend(address(this), reservedWei);
    }

    /// @dev DS3: the collateral is burned; stakers withdraw their stakes.
    function _expire(uint256 projectId, Project storage p) private {
        p.state = ProjectState.Expired;
        uint256 collateral = p.collateral;
        emit ProjectExpired(projectId, collateral);
        if (p.collateralInReputation) reputation.burn(collateral);
        else capitalToken.burn(collateral);
    }

    /// @dev DS4: the list backed by more than half of all backing wins; otherwise the project fails.
    function _settleTaskLists(uint256 projectId, Project storage p) private {
        uint256 lists = p.listCount;
        (uint256 tokenTotal, uint256 reputationTotal) = (p.tokensStaked, p.reputationStaked);
        uint256 best;
        uint256 bestScore;
        uint256 allScores;
        for (uint256 i; i < lists; ++i) {
            (uint256 tokens, uint256 reputationBacking) = _unpack(_listBacking[projectId][i]);
            uint256 s = StakeMath.score(tokens, reputationBacking, tokenTotal, reputationTotal);
            allScores += s;
            if (s > bestScore) (best, bestScore) = (i, s);
        }
        if (bestScore == 0 || 2 * bestScore <= allScores) {
            _fail(projectId, p);
            return;
        }
        uint256 claimDeadline = block.timestamp + activeSeconds;
        uint256 taskCount = _listTasks[projectId][best].length;
        p.state = ProjectState.Active;
        p.phaseDeadline = uint40(claimDeadline);
        // best < MAX_TASK_LISTS and taskCount <= MAX_TASKS.
        p.winningList = uint8(best);
        p.taskCount = uint8(taskCount);
        emit ProjectActivated(projectId, best, claimDeadline, taskCount);
    }

    /// @dev DS8: complete when the validated weightings pass half, failed otherwise.
    function _settleProject(uint256 projectId, Project storage p) private {
        if (p.completedBps > StakeMath.COMPLETION_BPS) {
            p.state = ProjectState.Complete;
            // Payments sum to at most the cost; the stakers' reward stays for their withdrawals.
            uint256 unspentWei = p.costWei - p.paidWei;
            emit ProjectCompleted(projectId, p.completedBps, unspentWei);
            if (unspentWei != 0) capitalToken.fund(unspentWei);
        } else {
            _fail(projectId, p);
        }
    }

    /// @dev Burns every stake of the project and returns the unspent reserve to the pool.
    function _fail(uint256 projectId, Project storage p) private {
        p.state = ProjectState.Failed;
        (uint256 tokens, uint256 reputationAmount) = (p.tokensStaked, p.reputationStaked);
        uint256 unspentWei = uint256(p.costWei) + p.stakerRewardWei - p.paidWei;
        emit ProjectFailed(projectId, tokens, reputationAmount, unspentWei);
        if (tokens != 0) capitalToken.burn(tokens);
        if (reputationAmount != 0) reputation.burn(reputationAmount);
        if (unspentWei != 0) capitalToken.fund(unspentWei);
    }

    function _proposerReward(uint256 costWei) private pure returns (uint256) {
        return StakeMath.portion(costWei, StakeMath.PROPOSER_REWARD_BPS);
    }

    function _stakerReward(uint256 costWei) private pure returns (uint256) {
        return StakeMath.portion(costWei, StakeMath.STAKER_REWARD_BPS);
    }

    function _isEmpty(Stake memory s) private pure returns (bool) {
        return s.tokens == 0 && s.reputation == 0;
    }

    function _pack(uint256 tokens, uint256 reputationAmount) private pure returns (uint256) {
        return tokens << 128 | reputationAmount;
    }

    function _unpack(uint256 packed) private pure returns (uint256 tokens, uint256 reputationAmount) {
        return (packed >> 128, uint128(packed));
    }
}
