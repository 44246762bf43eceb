// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Partial-lock commit-reveal voting (DS7)
/// @notice Token and reputation holders deposit capital tokens and reputation here and vote with them in polls the
/// task registry opens (`POLL_CREATOR_ROLE`). A vote is committed as a secret (`voteSecret`: the poll, the voter, the
/// choice and a salt, hashed) with a weight in tokens and in reputation of at most what the voter has deposited, then
/// revealed after the commit period. The same deposit may weigh in any number of polls at once: voting locks, it does
/// not spend.
///
/// Locks are per poll. A poll holds the weight committed to it until its reveal period ends, whether or not the vote
/// was revealed, and no longer: a later poll never extends an earlier one's lock. A withdrawal may take what no live
/// poll holds, that is the deposit less the largest weight committed to a poll still open; it names the voter's open
/// commitments, and releases those whose polls have ended. Deposits are returned whatever the vote.
///
/// A poll approves when the approving side's share of the revealed tokens plus its share of the revealed reputation
/// exceeds the rejecting side's (`StakeMath.approved`); a tie, or no revealed vote, rejects.
interface IDistributeVoting {
    /// @notice Where a voter's commitment to one poll stands.
    enum LockStatus {
        None,
        Committed,
        Revealed,
        Released
    }

    /// @notice A poll's periods: commits up to `commitEnd`, reveals after it up to `revealEnd` (inclusive).
    struct Poll {
        uint64 commitEnd;
        uint64 revealEnd;
    }

    /// @notice Revealed weight on one side of a poll.
    struct Tally {
        uint128 tokens;
        uint128 reputation;
    }

    /// @notice A voter's deposit, and how many polls hold a lock on it that has not been released.
    struct Voter {
        uint112 tokens;
        uint112 reputation;
        uint32 openCommits;
    }

    /// @notice The weight a voter committed to one poll, which the poll holds until it ends.
    struct Lock {
        uint112 tokens;
        uint112 reputation;
        LockStatus status;
    }

    /// @notice A poll as a dashboard shows it.
    struct PollView {
        uint64 commitEnd;
        uint64 revealEnd;
        Tally approvals;
        Tally rejections;
        bool ended;
        bool approved;
    }

    /// @notice Thrown when an amount or a weight is zero.
    error ZeroAmount();
    /// @notice Thrown for a poll that was never opened.
    error UnknownPoll(uint256 pollId);
    /// @notice Thrown when committing after the commit period.
    error CommitPeriodOver(uint256 pollId, uint256 commitEnd, uint256 timestamp);
    /// @notice Thrown when revealing outside the reveal period.
    error NotRevealPeriod(uint256 pollId, uint256 commitEnd, uint256 revealEnd, uint256 timestamp);
    /// @notice Thrown when committing more weight than the voter has deposited.
    error WeightAboveDeposit(uint256 tokens, uint256 reputation, uint256 depositedTokens, uint256 depositedReputation);
    /// @notice Thrown when revealing a vote that was not committed, or revealing twice.
    error NothingToReveal(uint256 pollId, address voter, LockStatus status);
    /// @notice Thrown when the revealed choice and salt do not hash to the committed secret.
    error SecretMismatch(uint256 pollId, address voter);
    /// @notice Thrown when a withdrawal names a poll in which the voter has no open commitment, or names one twice
    /// or out of order (the list must rise strictly).
    error NotOpenCommit(uint256 pollId, address voter);
    /// @notice Thrown when a withdrawal does not name every poll in which the voter has an open commitment.
    error OpenCommitsMissing(uint256 listed, uint256 open);
    /// @notice Thrown when a withdrawal asks for more than what no live poll holds.
    error WithdrawalAboveUnlocked(
        uint256 tokens, uint256 reputation, uint256 unlockedTokens, uint256 unlockedReputation
    );
    /// @notice Thrown when releasing the lock of a poll that has not ended.
    error PollNotEnded(uint256 pollId, uint256 revealEnd, uint256 timestamp);
    /// @notice Thrown when the arrays of a batch differ in length.
    error LengthMismatch();
    /// @notice Thrown when opening a poll with a zero period, or a deposit would pass 2^112 - 1.
    error InvalidAmount(uint256 amount);

    /// @notice Emitted when a poll opens.
    event PollStarted(uint256 indexed pollId, address indexed creator, uint64 commitEnd, uint64 revealEnd);
    /// @notice Emitted for each deposit.
    event Deposited(address indexed voter, uint256 tokens, uint256 reputation);
    /// @notice Emitted for each withdrawal.
    event Withdrawn(address indexed voter, uint256 tokens, uint256 reputation);
    /// @notice Emitted for each commitment, including a replacement within the commit period.
    event VoteCommitted(uint256 indexed pollId, address indexed voter, uint256 tokens, uint256 reputation);
    /// @notice Emitted for each revealed vote.
    event VoteRevealed(
        uint256 indexed pollId, address indexed voter, bool approve, uint256 tokens, uint256 reputation
    );
    /// @notice Emitted when an ended poll's lock on a voter's deposit is released.
    event LockReleased(uint256 indexed pollId, address indexed voter);

    /// @notice Opens a poll whose commit period lasts `commitSeconds` from now and reveal period `revealSeconds`
    /// after that; only `POLL_CREATOR_ROLE` (the task registry).
    function startPoll(uint256 commitSeconds, uint256 revealSeconds) external returns (uint256 pollId);

    /// @notice Deposits capital tokens (approve this contract first) and reputation to vote with.
    function deposit(uint256 tokens, uint256 reputation) external;

    /// @notice Withdraws deposited tokens and reputation that no live poll holds. `openPollIds` must list, rising
    /// strictly, every poll in which the sender has a commitment not yet released; those that have ended are
    /// released.
    function withdraw(uint256 tokens, uint256 reputation, uint256[] calldata openPollIds) external;

    /// @notice Releases the sender's lock in a poll that has ended.
    function release(uint256 pollId) external;

    /// @notice Commits (or, within the commit period, replaces) the sender's secret vote in `pollId` with a weight of
    /// `tokens` and `reputation`, each at most the sender's deposit.
    function commitVote(uint256 pollId, bytes32 secret, uint256 tokens, uint256 reputation) external;

    /// @notice `commitVote` for each index of the arrays.
    function commitVotes(
        uint256[] calldata pollIds,
        bytes32[] calldata secrets,
        uint256[] calldata tokens,
        uint256[] calldata reputation
    ) external;

    /// @notice Reveals the sender's vote in `pollId`: `approve` and `salt` must hash to the committed secret.
    function revealVote(uint256 pollId, bool approve, bytes32 salt) external;

    /// @notice `revealVote` for each index of the arrays.
    function revealVotes(uint256[] calldata pollIds, bool[] calldata approvals, bytes32[] calldata salts) external;

    /// @notice The secret to commit: `keccak256(abi.encode(pollId, voter, approve, salt))`. Binding the poll and the
    /// voter means nobody can copy another's commitment.
    function voteSecret(uint256 pollId, address voter, bool approve, bytes32 salt) external pure returns (bytes32);

    /// @notice Whether `pollId` has ended and, if so, whether it approved.
    function pollResult(uint256 pollId) external view returns (bool ended, bool approved);

    /// @notice A poll with its tallies.
    function getPoll(uint256 pollId) external view returns (PollView memory);

    /// @notice How many polls exist; poll ids run from 1.
    function pollCount() external view returns (uint256);

    /// @notice A voter's deposit and open commitments.
    function voterOf(address voter) external view returns (Voter memory);

    /// @notice A voter's commitment to a poll.
    function lockOf(uint256 pollId, address voter) external view returns (Lock memory);

    /// @notice What `voter` could withdraw now, given every poll in which they have an open commitment.
    function unlocked(address voter, uint256[] calldata openPollIds)
        external
        view
        returns (uint256 tokens, uint256 reputation);
}
