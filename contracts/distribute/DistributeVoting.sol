// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IDistributeVoting} from "./IDistributeVoting.sol";
import {IReputation} from "./IReputation.sol";
import {StakeMath} from "./libraries/StakeMath.sol";

/// @title Partial-lock commit-reveal voting (DS7)
/// @notice See `IDistributeVoting`.
/// @dev Avoids the two known faults of the original PLCR contract. Its single sorted list of locks let a commitment
/// to a later poll keep an earlier poll's tokens locked, and an unrevealed vote could lock tokens until a separate
/// rescue; here each poll's lock lives in its own record and ends with the poll, and a withdrawal releases ended
/// polls itself. And the deposit is never debited per poll: a poll's weight is checked against the deposit, and a
/// withdrawal against the largest live weight, so one deposit reused across polls can never be counted below zero.
/// Instead of keeping the voter's polls in a list, the voter names them at withdrawal; a count of open commitments
/// proves the naming complete, which keeps a commit to two new storage slots.
contract DistributeVoting is AccessControl, IDistributeVoting {
    using SafeERC20 for IERC20;

    /// @notice The role that opens polls: the task registry.
    bytes32 public constant POLL_CREATOR_ROLE = keccak256("POLL_CREATOR_ROLE");

    /// @notice The capital token voters deposit.
    IERC20 public immutable capitalToken;
    /// @notice The reputation voters deposit.
    IReputation public immutable reputation;

    uint256 private _pollCount;
    mapping(uint256 pollId => Poll) private _polls;
    mapping(uint256 pollId => Tally) private _approvals;
    mapping(uint256 pollId => Tally) private _rejections;
    mapping(address voter => Voter) private _voters;
    mapping(uint256 pollId => mapping(address voter => bytes32)) private _secrets;
    mapping(uint256 pollId => mapping(address voter => Lock)) private _locks;

    /// @param admin Holds `DEFAULT_ADMIN_ROLE`, which grants `POLL_CREATOR_ROLE` to the task registry.
    constructor(IERC20 capitalToken_, IReputation reputation_, address admin) {
        capitalToken = capitalToken_;
        reputation = reputation_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- polls

    /// @inheritdoc IDistributeVoting
    function startPoll(uint256 commitSeconds, uint256 revealSeconds)
        external
        onlyRole(POLL_CREATOR_ROLE)
        returns (uint256 pollId)
    {
        if (commitSeconds == 0 || commitSeconds > type(uint32).max) revert InvalidAmount(commitSeconds);
        if (revealSeconds == 0 || revealSeconds > type(uint32).max) revert InvalidAmount(revealSeconds);
        pollId = ++_pollCount;
        uint64 commitEnd = uint64(block.timestamp + commitSeconds);
        uint64 revealEnd = uint64(commitEnd + revealSeconds);
        _polls[pollId] = Poll({commitEnd: commitEnd, revealEnd: revealEnd});
        emit PollStarted(pollId, msg.sender, commitEnd, revealEnd);
    }

    // ---------------------------------------------------------------- deposits

    /// @inheritdoc IDistributeVoting
    function deposit(uint256 tokens, uint256 reputationAmount) external {
        if (tokens == 0 && reputationAmount == 0) revert ZeroAmount();
        Voter storage v = _voters[msg.sender];
        uint256 newTokens = v.tokens + tokens;
        uint256 newReputation = v.reputation + reputationAmount;
        if (newTokens > type(uint112).max) revert InvalidAmount(newTokens);
        if (newReputation > type(uint112).max) revert InvalidAmount(newReputation);
        (v.tokens, v.reputation) = (uint112(newTokens), uint112(newReputation));
        emit Deposited(msg.sender, tokens, reputationAmount);
        if (tokens != 0) capitalToken.safeTransferFrom(msg.sender, address(this), tokens);
        if (reputationAmount != 0) reputation.take(msg.sender, reputationAmount);
    }

    /// @inheritdoc IDistributeVoting
    function withdraw(uint256 tokens, uint256 reputationAmount, uint256[] calldata openPollIds) external {
        if (tokens == 0 && reputationAmount == 0) revert ZeroAmount();
        Voter storage v = _voters[msg.sender];
        (uint256 lockedTokens, uint256 lockedReputation, uint256 released) = _liveLocks(msg.sender, v, openPollIds);
        if (released != 0) _releaseEnded(openPollIds);
        uint256 unlockedTokens = v.tokens - lockedTokens;
        uint256 unlockedReputation = v.reputation - lockedReputation;
        if (tokens > unlockedTokens || reputationAmount > unlockedReputation) {
            revert WithdrawalAboveUnlocked(tokens, reputationAmount, unlockedTokens, unlockedReputation);
        }
        unchecked {
            // Both checked just above; released <= openCommits (_liveLocks counted them among the open ones).
            v.tokens -= uint112(tokens);
            v.reputation -= uint112(reputationAmount);
            v.openCommits -= uint32(released);
        }
        emit Withdrawn(msg.sender, tokens, reputationAmount);
        if (tokens != 0) capitalToken.safeTransfer(msg.sender, tokens);
        if (reputationAmount != 0) reputation.give(msg.sender, reputationAmount);
    }

    /// @inheritdoc IDistributeVoting
    function release(uint256 pollId) external {
        Lock storage lock = _locks[pollId][msg.sender];
        LockStatus status = lock.status;
        if (status != LockStatus.Committed && status != LockStatus.Revealed) revert NotOpenCommit(pollId, msg.sender);
        uint256 revealEnd = _polls[pollId].revealEnd;
        if (block.timestamp <= revealEnd) revert PollNotEnded(pollId, revealEnd, block.timestamp);
        lock.status = LockStatus.Released;
        unchecked {
            // The lock was open, so it is counted in openCommits.
            --_voters[msg.sender].openCommits;
        }
        emit LockReleased(pollId, msg.sender);
    }

    // ---------------------------------------------------------------- votes

    /// @inheritdoc IDistributeVoting
    function commitVote(uint256 pollId, bytes32 secret, uint256 tokens, uint256 reputationAmount) external {
        _commit(pollId, secret, tokens, reputationAmount);
    }

    /// @inheritdoc IDistributeVoting
    function commitVotes(
        uint256[] calldata pollIds,
        bytes32[] calldata secrets,
        uint256[] calldata tokens,
        uint256[] calldata reputationAmounts
    ) external {
        uint256 n = pollIds.length;
        if (secrets.length != n || tokens.length != n || reputationAmounts.length != n) revert LengthMismatch();
        for (uint256 i; i < n; ++i) {
            _commit(pollIds[i], secrets[i], tokens[i], reputationAmounts[i]);
        }
    }

    /// @inheritdoc IDistributeVoting
    function revealVote(uint256 pollId, bool approve, bytes32 salt) external {
        _reveal(pollId, approve, salt);
    }

    /// @inheritdoc IDistributeVoting
    function revealVotes(uint256[] calldata pollIds, bool[] calldata approvals, bytes32[] calldata salts) external {
        uint256 n = pollIds.length;
        if (approvals.length != n || salts.length != n) revert LengthMismatch();
        for (uint256 i; i < n; ++i) {
            _reveal(pollIds[i], approvals[i], salts[i]);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDistributeVoting
    function voteSecret(uint256 pollId, address voter, bool approve, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(pollId, voter, approve, salt));
    }

    /// @inheritdoc IDistributeVoting
    function pollResult(uint256 pollId) external view returns (bool ended, bool approved) {
        Poll memory poll = _polls[pollId];
        if (poll.revealEnd == 0) revert UnknownPoll(pollId);
        ended = block.timestamp > poll.revealEnd;
        approved = ended && _approved(pollId);
    }

    /// @inheritdoc IDistributeVoting
    function getPoll(uint256 pollId) external view returns (PollView memory) {
        Poll memory poll = _polls[pollId];
        if (poll.revealEnd == 0) revert UnknownPoll(pollId);
        bool ended = block.timestamp > poll.revealEnd;
        return PollView({
            commitEnd: poll.commitEnd,
            revealEnd: poll.revealEnd,
            approvals: _approvals[pollId],
            rejections: _rejections[pollId],
            ended: ended,
            approved: ended && _approved(pollId)
        });
    }

    /// @inheritdoc IDistributeVoting
    function pollCount() external view returns (uint256) {
        return _pollCount;
    }

    /// @inheritdoc IDistributeVoting
    function voterOf(address voter) external view returns (Voter memory) {
        return _voters[voter];
    }

    /// @inheritdoc IDistributeVoting
    function lockOf(uint256 pollId, address voter) external view returns (Lock memory) {
        return _locks[pollId][voter];
    }

    /// @inheritdoc IDistributeVoting
    function unlocked(address voter, uint256[] calldata openPollIds)
        external
        view
        returns (uint256 tokens, uint256 reputationAmount)
    {
        Voter storage v = _voters[voter];
        (uint256 lockedTokens, uint256 lockedReputation,) = _liveLocks(voter, v, openPollIds);
        return (v.tokens - lockedTokens, v.reputation - lockedReputation);
    }

    // ---------------------------------------------------------------- internals

    function _commit(uint256 pollId, bytes32 secret, uint256 tokens, uint256 reputationAmount) private {
        if (tokens == 0 && reputationAmount == 0) revert ZeroAmount();
        uint256 commitEnd = _polls[pollId].commitEnd;
        if (commitEnd == 0) revert UnknownPoll(pollId);
        if (block.timestamp > commitEnd) revert CommitPeriodOver(pollId, commitEnd, block.timestamp);
        Voter storage v = _voters[msg.sender];
        (uint256 depositedTokens, uint256 depositedReputation) = (v.tokens, v.reputation);
        if (tokens > depositedTokens || reputationAmount > depositedReputation) {
            revert WeightAboveDeposit(tokens, reputationAmount, depositedTokens, depositedReputation);
        }
        Lock storage lock = _locks[pollId][msg.sender];
        // Within the commit period a lock is either new or Committed (reveals and releases come later), and a
        // replacement keeps its one place in the count.
        if (lock.status == LockStatus.None) {
            unchecked {
                // A voter cannot commit to 2^32 polls.
                ++v.openCommits;
            }
        }
        // Both fit: each is at most a deposit, which is below 2^112.
        _locks[pollId][msg.sender] =
            Lock({tokens: uint112(tokens), reputation: uint112(reputationAmount), status: LockStatus.Committed});
        _secrets[pollId][msg.sender] = secret;
        emit VoteCommitted(pollId, msg.sender, tokens, reputationAmount);
    }

    function _reveal(uint256 pollId, bool approve, bytes32 salt) private {
        Poll memory poll = _polls[pollId];
        if (block.timestamp <= poll.commitEnd || block.timestamp > poll.revealEnd) {
            revert NotRevealPeriod(pollId, poll.commitEnd, poll.revealEnd, block.timestamp);
        }
        Lock storage lock = _locks[pollId][msg.sender];
        Lock memory l = lock;
        if (l.status != LockStatus.Committed) revert NothingToReveal(pollId, msg.sender, l.status);
        if (voteSecret(pollId, msg.sender, approve, salt) != _secrets[pollId][msg.sender]) {
            revert SecretMismatch(pollId, msg.sender);
        }
        lock.status = LockStatus.Revealed;
        Tally storage tally = approve ? _approvals[pollId] : _rejections[pollId];
        unchecked {
            // Each voter reveals once per poll with at most their deposit, and the deposits together are at most the
            // supply of each kind, below 2^112: the tallies stay below 2^128.
            tally.tokens += l.tokens;
            tally.reputation += l.reputation;
        }
        emit VoteRevealed(pollId, msg.sender, approve, l.tokens, l.reputation);
    }

    /// @dev The largest weights `voter` has committed to live polls among `openPollIds`, and how many of those have
    /// ended. Checks that the list rises strictly, names only open commitments and names all of them.
    function _liveLocks(address voter, Voter storage v, uint256[] calldata openPollIds)
        private
        view
        returns (uint256 lockedTokens, uint256 lockedReputation, uint256 released)
    {
        uint256 previous;
        for (uint256 i; i < openPollIds.length; ++i) {
            uint256 pollId = openPollIds[i];
            Lock memory l = _locks[pollId][voter];
            if (pollId <= previous || (l.status != LockStatus.Committed && l.status != LockStatus.Revealed)) {
                revert NotOpenCommit(pollId, voter);
            }
            previous = pollId;
            if (block.timestamp > _polls[pollId].revealEnd) {
                ++released;
            } else {
                if (l.tokens > lockedTokens) lockedTokens = l.tokens;
                if (l.reputation > lockedReputation) lockedReputation = l.reputation;
            }
        }
        if (openPollIds.length != v.openCommits) revert OpenCommitsMissing(openPollIds.length, v.openCommits);
    }

    /// @dev Releases the sender's locks in the polls of `pollIds` that have ended (all checked open by _liveLocks).
    function _releaseEnded(uint256[] calldata pollIds) private {
        for (uint256 i; i < pollIds.length; ++i) {
            uint256 pollId = pollIds[i];
            if (block.timestamp > _polls[pollId].revealEnd) {
                _locks[pollId][msg.sender].status = LockStatus.Released;
                emit LockReleased(pollId, msg.sender);
            }
        }
    }

    function _approved(uint256 pollId) private view returns (bool) {
        Tally memory yes = _approvals[pollId];
        Tally memory no = _rejections[pollId];
        return StakeMath.approved(yes.tokens, yes.reputation, no.tokens, no.reputation);
    }
}
