// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ITechnicalMembership} from "./ITechnicalMembership.sol";

/// @title Membership of the Technical DAO (MX1, MX9)
/// @notice See `ITechnicalMembership`. Deploy with the first members, deploy `TechnicalDAO` over this token, then
/// `transferOwnership` to the DAO: from then on members change only by proposal.
/// @dev Departs from ERC-721 and ERC-5805 as a membership must: transfers, approvals and delegation revert, and every
/// member is delegated to themselves on admission. The clock is the block timestamp (EIP-6372 `mode=timestamp`), so
/// the DAO's voting delay and period are in seconds whatever the block rate of the chain.
contract TechnicalMembership is ERC721, EIP712, ERC721Votes, Ownable, ITechnicalMembership {
    uint256 private _memberCount;

    /// @param initialMembers The first members; the deployer owns the token until it transfers ownership to the DAO.
    constructor(address[] memory initialMembers)
        ERC721("D-REX Technical DAO Membership", "DREX-DAO")
        EIP712("D-REX Technical DAO Membership", "1")
        Ownable(msg.sender)
    {
        for (uint256 i; i < initialMembers.length; ++i) {
            _addMember(initialMembers[i]);
        }
    }

    /// @inheritdoc ITechnicalMembership
    function addMember(address member) external onlyOwner {
        _addMember(member);
    }

    /// @inheritdoc ITechnicalMembership
    function removeMember(address member) external onlyOwner {
        uint256 tokenId = tokenIdOf(member);
        if (_ownerOf(tokenId) == address(0)) revert NotMember(member);
        if (_memberCount == 1) revert LastMember(member);
        _burn(tokenId);
        emit MemberRemoved(member, --_memberCount);
    }

    /// @inheritdoc ITechnicalMembership
    function isMember(address account) external view returns (bool) {
        return _ownerOf(tokenIdOf(account)) != address(0);
    }

    /// @inheritdoc ITechnicalMembership
    function memberCount() external view returns (uint256) {
        return _memberCount;
    }

    /// @inheritdoc ITechnicalMembership
    function tokenIdOf(address member) public pure returns (uint256) {
        return uint256(uint160(member));
    }

    /// @notice The block timestamp: votes are checkpointed by time (EIP-6372).
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice `mode=timestamp` (EIP-6372).
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Always reverts: each member's vote is their own.
    function delegate(address) public pure override {
        revert DelegationDisabled();
    }

    /// @notice Always reverts: each member's vote is their own.
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) public pure override {
        revert DelegationDisabled();
    }

    /// @notice Always reverts: memberships are not transferable.
    function approve(address, uint256 tokenId) public pure override {
        revert MembershipNotTransferable(tokenId);
    }

    /// @notice Always reverts: memberships are not transferable.
    function setApprovalForAll(address, bool) public pure override {
        revert MembershipNotTransferable(0);
    }

    function _addMember(address member) private {
        uint256 tokenId = tokenIdOf(member);
        if (_ownerOf(tokenId) != address(0)) revert AlreadyMember(member);
        // Delegate before minting, so the mint's voting unit lands on the member rather than on nobody.
        if (delegates(member) == address(0)) _delegate(member, member);
        _mint(member, tokenId);
        emit MemberAdded(member, ++_memberCount);
    }

    function _update(address to, uint256 tokenId, address auth)
        internal
        override(ERC721, ERC721Votes)
        returns (address from)
    {
        from = super._update(to, tokenId, auth);
        if (from != address(0) && to != address(0)) revert MembershipNotTransferable(tokenId);
    }

    function _increaseBalance(address account, uint128 amount) internal override(ERC721, ERC721Votes) {
        super._increaseBalance(account, amount);
    }
}
