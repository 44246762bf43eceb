// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title The Technical DAO (MX1, MX4, MX5, MX9)
/// @notice An OpenZeppelin Governor over `TechnicalMembership`: one member, one vote. A member proposes a list of
/// calls; after `votingDelay` seconds members vote For, Against or Abstain for `votingPeriod` seconds; the proposal
/// passes with more For than Against and at least `quorum` (a percentage of the members at the proposal's snapshot)
/// of For plus Abstain; anyone may then execute it. The DAO is the only account the energy modules take these calls
/// from: device approval, rejection, suspension, reinstatement and revocation, attribute and rating updates, the
/// readings committer, payment approvals and refusals, the reward parameters, membership, and module updates.
/// It is also the default DAO vault: reward tokens sent to it are spent only by proposal.
/// @dev No timelock (GovernorTimelockControl): the calls the DAO makes are approvals of devices and payments that a
/// delay would only hold up, and members are admitted by the DAO itself, so there is no outside majority to guard
/// against. A timelock can be put in front later by deploying a governor with it and handing it the membership and
/// the registry's role; the settings below stay changeable by proposal (`setVotingDelay`, `setVotingPeriod`,
/// `setProposalThreshold`, `updateQuorumNumerator`).
contract TechnicalDAO is Governor, GovernorSettings, GovernorCountingSimple, GovernorVotes, GovernorVotesQuorumFraction {
    /// @param membership The membership token (`TechnicalMembership`), whose clock is the block timestamp.
    /// @param votingDelaySeconds Seconds from a proposal to the start of voting (the snapshot of members' votes).
    /// @param votingPeriodSeconds Seconds voting stays open.
    /// @param quorumPercent The share of all members' votes, in percent, that must vote For or Abstain.
    constructor(IVotes membership, uint48 votingDelaySeconds, uint32 votingPeriodSeconds, uint256 quorumPercent)
        Governor("D-REX Technical DAO")
        GovernorSettings(votingDelaySeconds, votingPeriodSeconds, 1)
        GovernorVotes(membership)
        GovernorVotesQuorumFraction(quorumPercent)
    {}

    /// @notice Seconds from a proposal to the start of voting.
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @notice Seconds voting stays open.
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @notice Votes needed to propose: 1, so any member may propose and nobody else.
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }
}
