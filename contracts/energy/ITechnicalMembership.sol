// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Membership of the Technical DAO (MX1, MX9)
/// @notice One non-transferable ERC-721 per member, its id the member's address as a number, carrying one vote that
/// counts for the member alone (delegation is off). The first members are minted at deployment; afterwards only the
/// owner, which is the DAO once the deployer hands it over, adds or removes members, that is, by proposal. Operators
/// who are to vote on module updates (MX9) are admitted as members the same way.
interface ITechnicalMembership {
    /// @notice Thrown when adding someone who is already a member.
    error AlreadyMember(address account);
    /// @notice Thrown when removing someone who is not a member.
    error NotMember(address account);
    /// @notice Thrown when removing the last member, which would leave nobody to propose or vote.
    error LastMember(address account);
    /// @notice Thrown on any transfer or approval of a membership: memberships move only by the DAO's decision.
    error MembershipNotTransferable(uint256 tokenId);
    /// @notice Thrown on delegation: each member's one vote is their own.
    error DelegationDisabled();

    /// @notice Emitted when a member is admitted.
    event MemberAdded(address indexed member, uint256 memberCount);
    /// @notice Emitted when a member is removed.
    event MemberRemoved(address indexed member, uint256 memberCount);

    /// @notice Admits `member` with one vote; only the owner (the DAO).
    function addMember(address member) external;

    /// @notice Removes `member` and their vote; only the owner (the DAO). Proposals already past their snapshot
    /// still count the vote the member had then.
    function removeMember(address member) external;

    /// @notice Whether `account` is a member now.
    function isMember(address account) external view returns (bool);

    /// @notice How many members there are now.
    function memberCount() external view returns (uint256);

    /// @notice The token id of `member`'s membership: the address as a number.
    function tokenIdOf(address member) external pure returns (uint256);
}
