// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {EnergyFixture} from "./EnergyFixture.sol";
import {TechnicalDAO} from "../../energy/TechnicalDAO.sol";
import {TechnicalMembership} from "../../energy/TechnicalMembership.sol";
import {ITechnicalMembership} from "../../energy/ITechnicalMembership.sol";
import {IDeviceRegistry} from "../../energy/IDeviceRegistry.sol";
import {IDaoControlled} from "../../energy/IDaoControlled.sol";
import {IEnergyPayments} from "../../energy/IEnergyPayments.sol";
import {IModuleRegistry, EnergyModules} from "../../energy/IModuleRegistry.sol";

/// @dev MX1 the Technical DAO (OpenZeppelin Governor over a non-transferable membership): who proposes, the voting
/// delay and period, quorum, no double vote, and that only the DAO executes; then the DAO's decisions end to end
/// through proposals: device approval (MX1), payment approval and refusal (MX4, MX5), module updates and membership
/// (MX9).
contract DaoGovernanceTest is EnergyFixture {
    uint48 internal constant DELAY = 1 days;
    uint32 internal constant PERIOD = 5 days;
    uint256 internal constant QUORUM_PERCENT = 50;
    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    TechnicalMembership internal membership;
    TechnicalDAO internal governor;
    address internal m1;
    address internal m2;
    address internal m3;
    address internal m4;

    uint256 private _nonce;

    function setUp() public override {
        _actors();
        m1 = actor("member1");
        m2 = actor("member2");
        m3 = actor("member3");
        m4 = actor("member4");
        address[] memory members = new address[](4);
        (members[0], members[1], members[2], members[3]) = (m1, m2, m3, m4);
        membership = new TechnicalMembership(members);
        governor = new TechnicalDAO(IVotes(address(membership)), DELAY, PERIOD, QUORUM_PERCENT);
        membership.transferOwnership(address(governor));
        dao = address(governor);
        vault = address(governor); // the DAO is its own vault
        _deploy(dao);
        vm.warp(block.timestamp + 1); // members' votes are checkpointed before any proposal
    }

    // ------------------------------------------------------------------ proposal helpers

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
        uint256 id;
    }

    function _one(address target, bytes memory data) internal returns (Proposal memory p) {
        p.targets = new address[](1);
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        (p.targets[0], p.calldatas[0]) = (target, data);
        p.description = string(abi.encodePacked("proposal #", bytes32(++_nonce)));
    }

    function _propose(Proposal memory p) internal returns (Proposal memory) {
        vm.prank(m1);
        p.id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        return p;
    }

    function _vote(uint256 id, address member, uint8 support) internal {
        vm.prank(member);
        governor.castVote(id, support);
    }

    function _toVoting(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    function _toEnd(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// @dev Proposes, has m1 and m2 vote For (quorum: 2 of 4), and executes.
    function _pass(address target, bytes memory data) internal returns (Proposal memory p) {
        p = _propose(_one(target, data));
        _toVoting(p.id);
        _vote(p.id, m1, FOR);
        _vote(p.id, m2, FOR);
        _toEnd(p.id);
        _execute(p);
    }

    function _state(uint256 id) internal view returns (uint256) {
        return uint256(governor.state(id));
    }

    function _unexpected(uint256 id, IGovernor.ProposalState current, IGovernor.ProposalState expected)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            IGovernor.GovernorUnexpectedProposalState.selector, id, current, bytes32(1 << uint8(expected))
        );
    }

    // ------------------------------------------------------------------ the DAO's rules (MX1)

    function test_settings_MX1_timestampClockDelayPeriodQuorum() public view {
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "seconds, not blocks");
        assertEq(governor.clock(), block.timestamp, "clock");
        assertEq(governor.votingDelay(), DELAY, "delay");
        assertEq(governor.votingPeriod(), PERIOD, "period");
        assertEq(governor.proposalThreshold(), 1, "members only");
        assertEq(governor.quorum(block.timestamp - 1), 2, "50% of 4 members");
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain", "For/Against/Abstain");
        assertEq(membership.memberCount(), 4, "four members");
        assertEq(membership.getVotes(m1), 1, "one vote each");
        assertEq(membership.owner(), address(governor), "the DAO owns its membership");
    }

    function test_propose_MX1_onlyMembers() public {
        Proposal memory p = _one(address(devices), abi.encodeCall(devices.approveDevice, (1)));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, outsider, 0, 1));
        vm.prank(outsider);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_castVote_MX1_onlyWithinTheVotingPeriod() public {
        Proposal memory p = _propose(_one(address(devices), abi.encodeCall(devices.approveDevice, (1))));
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Pending), "pending during the delay");
        vm.expectRevert(_unexpected(p.id, IGovernor.ProposalState.Pending, IGovernor.ProposalState.Active));
        _vote(p.id, m1, FOR);
        vm.warp(governor.proposalSnapshot(p.id));
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Pending), "still pending at the snapshot");
        _toVoting(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Active), "active after the delay");
        assertEq(governor.proposalDeadline(p.id) - governor.proposalSnapshot(p.id), PERIOD, "five days");
        _vote(p.id, m1, FOR);
        vm.warp(governor.proposalDeadline(p.id));
        _vote(p.id, m2, FOR); // the last second of the period still counts
        _toEnd(p.id);
        vm.expectRevert(_unexpected(p.id, IGovernor.ProposalState.Succeeded, IGovernor.ProposalState.Active));
        _vote(p.id, m3, AGAINST);
    }

    function test_castVote_MX1_noDoubleVote() public {
        Proposal memory p = _propose(_one(address(devices), abi.encodeCall(devices.approveDevice, (1))));
        _toVoting(p.id);
        _vote(p.id, m1, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, m1));
        _vote(p.id, m1, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, m1));
        _vote(p.id, m1, AGAINST);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(p.id);
        assertEq(forVotes, 1, "one vote counted");
        assertEq(against + abstain, 0, "nothing else");
        // An outsider may call castVote but carries no weight.
        _vote(p.id, outsider, AGAINST);
        (against,,) = governor.proposalVotes(p.id);
        assertEq(against, 0, "no weight without membership");
    }

    function test_quorum_MX1_oneOfFourIsNotEnough() public {
        uint256 id = _apply(operator, deviceKey, IDeviceRegistry.DeviceKind.Generator);
        Proposal memory p = _propose(_one(address(devices), abi.encodeCall(devices.approveDevice, (id))));
        _toVoting(p.id);
        _vote(p.id, m1, FOR);
        _toEnd(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Defeated), "25% < 50% quorum");
        vm.expectRevert(_unexpected(p.id, IGovernor.ProposalState.Defeated, IGovernor.ProposalState.Succeeded));
        _execute(p);
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Applied), "not approved");
    }

    function test_quorum_MX1_abstentionsCountTowardsQuorumNotTheResult() public {
        Proposal memory p = _propose(_one(address(devices), abi.encodeCall(devices.approveDevice, (1))));
        _toVoting(p.id);
        _vote(p.id, m1, FOR);
        _vote(p.id, m2, ABSTAIN);
        _toEnd(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Succeeded), "1 For + 1 Abstain: quorum, For wins");

        Proposal memory q = _propose(_one(address(devices), abi.encodeCall(devices.approveDevice, (2))));
        _toVoting(q.id);
        _vote(q.id, m1, FOR);
        _vote(q.id, m2, AGAINST);
        _vote(q.id, m3, ABSTAIN);
        _toEnd(q.id);
        assertEq(_state(q.id), uint256(IGovernor.ProposalState.Defeated), "a tie is not a majority");
    }

    function test_execute_MX1_onlyTheDaoActs() public {
        uint256 id = _apply(operator, deviceKey, IDeviceRegistry.DeviceKind.Generator);
        // A member acting alone is not the DAO, for any module.
        vm.startPrank(m1);
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, m1, address(governor)));
        devices.approveDevice(id);
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, m1, address(governor)));
        registry.setModule(EnergyModules.PAYMENTS, m1);
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, m1, address(governor)));
        readings.setCommitter(m1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, m1));
        governor.setVotingPeriod(1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, m1));
        membership.addMember(m1);
        vm.stopPrank();
        // The deployer handed everything over.
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        membership.addMember(outsider);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.BootstrapClosed.selector, address(this)));
        registry.bootstrap(new bytes32[](0), new address[](0));
        // A passed proposal executes once.
        Proposal memory p = _pass(address(devices), abi.encodeCall(devices.approveDevice, (id)));
        vm.expectRevert(_unexpected(p.id, IGovernor.ProposalState.Executed, IGovernor.ProposalState.Succeeded));
        _execute(p);
    }

    // ------------------------------------------------------------------ the DAO's decisions, end to end

    function test_execute_MX1_approvesADeviceByProposal() public {
        uint256 id = _apply(operator, deviceKey, IDeviceRegistry.DeviceKind.Generator);
        _pass(address(devices), abi.encodeCall(devices.approveDevice, (id)));
        assertEq(devices.ownerOf(id), operator, "soulbound token minted");
        _pass(address(devices), abi.encodeCall(devices.updateAttributes, (id, "pool=deca2", "verified on site")));
        assertEq(devices.getDevice(id).hardwareStatus, "verified on site", "DAO attribute update");
        _pass(address(devices), abi.encodeCall(devices.suspendDevice, (id, "inspection")));
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Suspended), "suspended");
        _pass(address(devices), abi.encodeCall(devices.revokeDevice, (id, "failed inspection")));
        assertEq(uint256(devices.statusOf(id)), uint256(IDeviceRegistry.DeviceStatus.Revoked), "revoked");
    }

    function test_execute_MX4_MX5_approvesAndRefusesPaymentsByProposal() public {
        uint256 id = _apply(operator, deviceKey, IDeviceRegistry.DeviceKind.Generator);
        _pass(address(devices), abi.encodeCall(devices.approveDevice, (id)));
        uint256 june = _requestPayment(id, MONTH, 1, 720, 500_000);
        _pass(address(payments), abi.encodeCall(payments.approvePayment, (june)));
        assertEq(energy.balanceOf(operator), 500e18, "500 kWh = 500 Energy Tokens");
        uint256 rewardWei = 500_000 * uint256(REWARD_PER_WH);
        assertEq(reward.balanceOf(address(governor)), rewardWei * VAULT_BPS / 10_000, "the DAO vault's part");
        assertEq(reward.balanceOf(poolRecipient), rewardWei * POOL_BPS / 10_000, "the pool's part");

        uint256 july = _requestPayment(id, MONTH + 1, 721, 1440, 400_000);
        _pass(address(payments), abi.encodeCall(payments.refusePayment, (july, "gaps: 96 readings missing")));
        assertEq(payments.getPaymentRequest(july).refusalReason, "gaps: 96 readings missing", "reason on-chain");
        assertEq(energy.totalSupply(), 500e18, "nothing more minted");
    }

    function test_execute_MX9_repointsAModuleByProposal() public {
        address nextStorage = actor("storage v2");
        Proposal memory p = _one(address(registry), abi.encodeCall(registry.setModule, (EnergyModules.STORAGE, nextStorage)));
        p = _propose(p);
        _toVoting(p.id);
        _vote(p.id, m3, FOR);
        _vote(p.id, m4, FOR);
        _toEnd(p.id);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IModuleRegistry.ModuleSet(EnergyModules.STORAGE, address(storageNode), nextStorage);
        _execute(p);
        assertEq(registry.moduleOf(EnergyModules.STORAGE), nextStorage, "repointed");
        // The DAO's settings change the same way.
        _pass(address(governor), abi.encodeCall(governor.setVotingPeriod, (7 days)));
        assertEq(governor.votingPeriod(), 7 days, "voting period changed by proposal");
    }

    function test_addMember_MX9_operatorsJoinAndLeaveByProposal() public {
        _pass(address(membership), abi.encodeCall(membership.addMember, (operator)));
        assertTrue(membership.isMember(operator), "operator admitted");
        assertEq(membership.memberCount(), 5, "five");
        vm.warp(block.timestamp + 1);
        // The operator now proposes and votes on a module update.
        Proposal memory p = _one(address(registry), abi.encodeCall(registry.setModule, (EnergyModules.POOLS, outsider)));
        vm.prank(operator);
        p.id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        _toVoting(p.id);
        assertEq(governor.quorum(governor.proposalSnapshot(p.id)), 2, "50% of 5, rounded down");
        _vote(p.id, operator, FOR);
        _vote(p.id, m1, FOR);
        _vote(p.id, m2, AGAINST);
        _toEnd(p.id);
        _execute(p);
        assertEq(registry.moduleOf(EnergyModules.POOLS), outsider, "operators voted the module update");

        _pass(address(membership), abi.encodeCall(membership.removeMember, (operator)));
        assertTrue(!membership.isMember(operator), "removed");
        assertEq(membership.getVotes(operator), 0, "no vote left");
    }

    function test_membership_MX1_notTransferableNoDelegation() public {
        uint256 tokenId = membership.tokenIdOf(m1);
        vm.startPrank(m1);
        vm.expectRevert(abi.encodeWithSelector(ITechnicalMembership.MembershipNotTransferable.selector, tokenId));
        membership.transferFrom(m1, outsider, tokenId);
        vm.expectRevert(abi.encodeWithSelector(ITechnicalMembership.MembershipNotTransferable.selector, tokenId));
        membership.approve(outsider, tokenId);
        vm.expectRevert(abi.encodeWithSelector(ITechnicalMembership.MembershipNotTransferable.selector, 0));
        membership.setApprovalForAll(outsider, true);
        vm.expectRevert(ITechnicalMembership.DelegationDisabled.selector);
        membership.delegate(m2);
        vm.stopPrank();
        assertEq(membership.ownerOf(tokenId), m1, "still m1's");
        assertEq(membership.delegates(m1), m1, "self-delegated");
    }

    function test_membership_MX1_rules() public {
        vm.startPrank(address(governor));
        vm.expectRevert(abi.encodeWithSelector(ITechnicalMembership.AlreadyMember.selector, m1));
        membership.addMember(m1);
        vm.expectRevert(abi.encodeWithSelector(ITechnicalMembership.NotMember.selector, outsider));
        membership.removeMember(outsider);
        membership.removeMember(m2);
        membership.removeMember(m3);
        membership.removeMember(m4);
        vm.expectRevert(abi.encodeWithSelector(ITechnicalMembership.LastMember.selector, m1));
        membership.removeMember(m1);
        vm.stopPrank();
        assertEq(membership.memberCount(), 1, "one left");
    }

    function test_membership_MX1_joiningAfterTheSnapshotDoesNotVote() public {
        Proposal memory p = _propose(_one(address(devices), abi.encodeCall(devices.approveDevice, (1))));
        _toVoting(p.id);
        vm.prank(address(governor)); // as a proposal passed meanwhile would
        membership.addMember(operator);
        _vote(p.id, operator, FOR);
        (, uint256 forVotes,) = governor.proposalVotes(p.id);
        assertEq(forVotes, 0, "not a member at the snapshot");
        assertEq(governor.quorum(governor.proposalSnapshot(p.id)), 2, "quorum of the snapshot's four");
    }

    function test_execute_MX5_rewardParametersByProposal() public {
        IEnergyPayments.RewardParameters memory r = _rewardParameters(2e14, 5_000, 500);
        _pass(address(payments), abi.encodeCall(payments.setRewardParameters, (r)));
        assertEq(payments.rewardParameters().poolBps, 5_000, "set by the DAO");
    }
}
