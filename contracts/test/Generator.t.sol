// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Vm} from "./Vm.sol";
import {DrexFixture} from "./DrexFixture.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {Marketplace} from "../marketplace/Marketplace.sol";
import {IDeviceRegistry} from "../energy/IDeviceRegistry.sol";
import {Generator} from "../generator/Generator.sol";
import {Usage} from "../generator/UsageHash.sol";
import {IGenerator} from "../generator/IGenerator.sol";

/// @dev DX5 ownership shares, DX7 installation and activation, and DX8's link to the device registry.
contract GeneratorTest is DrexFixture {
    IGenerator.Phase internal constant PENDING = IGenerator.Phase.Pending;
    IGenerator.Phase internal constant ACTIVE = IGenerator.Phase.Active;
    IGenerator.Phase internal constant FAILED = IGenerator.Phase.Failed;

    // ------------------------------------------------------------------ DX5 shares

    function test_DX5_metadataAndSupply() public {
        (uint256 id, Generator gen) = _funded();
        assertEq(gen.totalSupply(), 10_000, "10,000 shares = 100.00%");
        assertEq(gen.decimals(), 0, "whole shares");
        assertEq(gen.name(), "D-REX Generator #1 Shares", "name");
        assertEq(gen.symbol(), "DXG-1", "symbol");
        assertEq(id, 1, "first request");
        (, Generator second) = _funded();
        assertEq(second.symbol(), "DXG-2", "each generator names its request");
    }

    function test_DX5_balancesProRataBeforeAndAfterMaterialize() public {
        (, Generator gen) = _funded();
        // Allocations are visible before anything is written.
        assertEq(gen.balanceOf(f1), 5_000, "f1 50%");
        assertEq(gen.balanceOf(f2), 3_000, "f2 30%");
        assertEq(gen.balanceOf(f3), 2_000, "f3 20%");
        assertEq(gen.balanceOf(outsider), 0, "outsider");

        vm.expectEmit(true, true, true, true, address(gen));
        emit IERC20.Transfer(address(0), f1, 5_000);
        gen.materialize(f1);
        assertEq(gen.balanceOf(f1), 5_000, "unchanged by materializing");

        // A second materialize, or one for an account without shares, emits nothing.
        vm.recordLogs();
        gen.materialize(f1);
        gen.materialize(outsider);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 0, "no mint twice, no empty mint");
        assertEq(gen.balanceOf(f1) + gen.balanceOf(f2) + gen.balanceOf(f3), 10_000, "sum");
    }

    function test_DX5_roundingDustGoesToEarliestFinanciers() public {
        // Three equal thirds of a 3-unit target: 3,333 each floored, 1 share of dust for the first financier.
        (uint256 id,) = _accepted(3);
        _fund(id, f2, 1);
        _fund(id, f3, 1);
        vm.startPrank(f1);
        token.approve(address(market), 1);
        vm.expectEmit(true, false, true, true, address(market));
        emit IMarketplace.GeneratorCreated(id, address(0), 3, 1, uint64(block.timestamp) + INSTALL + GRACE);
        market.fund(id, 1);
        vm.stopPrank();
        Generator gen = _generatorOf(id);
        assertEq(gen.balanceOf(f2), 3_334, "first financier gets the dust share");
        assertEq(gen.balanceOf(f3), 3_333, "second");
        assertEq(gen.balanceOf(f1), 3_333, "third");
    }

    function test_DX5_sharesLockedBeforeActivation() public {
        (, Generator gen) = _funded();
        vm.expectRevert(_wrongPhase(PENDING, ACTIVE));
        vm.prank(f1);
        gen.transfer(outsider, 1);
        // Approving is harmless and allowed, but the transfer it permits is not.
        vm.prank(f1);
        gen.approve(outsider, 10);
        vm.expectRevert(_wrongPhase(PENDING, ACTIVE));
        vm.prank(outsider);
        gen.transferFrom(f1, outsider, 1);
        assertEq(gen.balanceOf(f1), 5_000, "still f1's");
        assertEq(gen.balanceOf(outsider), 0, "nothing moved");
    }

    function test_DX5_transfersAfterActivation() public {
        (, Generator gen) = _active();
        vm.expectEmit(true, true, true, true, address(gen));
        emit IERC20.Transfer(address(0), f1, 5_000); // f1's first touch mints its allocation ...
        vm.expectEmit(true, true, true, true, address(gen));
        emit IERC20.Transfer(f1, outsider, 1_234); // ... then the transfer itself
        _transferShares(gen, f1, outsider, 1_234);
        assertEq(gen.balanceOf(f1), 3_766, "sender");
        assertEq(gen.balanceOf(outsider), 1_234, "receiver");
        assertEq(gen.totalSupply(), 10_000, "supply fixed");

        _transferShares(gen, f2, f2, 3_000); // to oneself: no change
        assertEq(gen.balanceOf(f2), 3_000, "self transfer");

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, f3, 2_000, 2_001));
        vm.prank(f3);
        gen.transfer(outsider, 2_001);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(f3);
        gen.transfer(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        vm.prank(f3);
        gen.approve(address(0), 1);
    }

    function test_DX5_transferFromSpendsAllowance() public {
        (, Generator gen) = _active();
        vm.prank(f1);
        gen.approve(buyer, 100);
        assertEq(gen.allowance(f1, buyer), 100, "allowance");
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, buyer, 100, 101));
        vm.prank(buyer);
        gen.transferFrom(f1, buyer, 101);
        vm.prank(buyer);
        gen.transferFrom(f1, buyer, 60);
        assertEq(gen.allowance(f1, buyer), 40, "allowance spent");
        assertEq(gen.balanceOf(buyer), 60, "moved");
        // An unlimited allowance is never drawn down.
        vm.prank(f2);
        gen.approve(buyer, type(uint256).max);
        vm.prank(buyer);
        gen.transferFrom(f2, outsider, 3_000);
        assertEq(gen.allowance(f2, buyer), type(uint256).max, "infinite allowance kept");
        assertEq(gen.balanceOf(outsider), 3_000, "moved to a third party");
    }

    // ------------------------------------------------------------------ DX7 device registration

    function test_DX7_registerDevice_onlyProviderBeforeActivation() public {
        (, Generator gen) = _funded();
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NotProvider.selector, creator, provider));
        vm.prank(creator);
        gen.registerDevice(device);
        vm.expectRevert(IGenerator.InvalidDeviceKey.selector);
        vm.prank(provider);
        gen.registerDevice(address(0));

        address spare = vm.addr(0x5BA4E);
        uint256 spareId = _approvedDevice(provider, spare, IDeviceRegistry.DeviceKind.Generator);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.DeviceRegistered(provider, spare, spareId);
        vm.prank(provider);
        gen.registerDevice(spare);
        vm.prank(provider);
        gen.registerDevice(device); // replacing the device is allowed until activation
        assertEq(gen.state().deviceKey, device, "latest key");
        assertEq(gen.state().deviceId, deviceId, "latest device");

        vm.startPrank(creator);
        token.approve(address(gen), 1);
        gen.activate(1);
        vm.stopPrank();
        vm.expectRevert(_wrongPhase(ACTIVE, PENDING));
        vm.prank(provider);
        gen.registerDevice(spare);
        assertEq(gen.state().deviceKey, device, "key fixed once active");
    }

    function test_DX8_registerDevice_onlyTheProvidersActiveGeneratorDevice() public {
        (, Generator gen) = _funded();
        // A key the registry has never seen.
        vm.expectRevert(abi.encodeWithSelector(IGenerator.UnknownDeviceKey.selector, outsider));
        vm.prank(provider);
        gen.registerDevice(outsider);

        // Applied for but not yet approved by the DAO.
        address pendingKey = vm.addr(0xA1);
        vm.prank(provider);
        uint256 pendingId = devices.applyForDevice(
            IDeviceRegistry.DeviceApplication({
                key: pendingKey,
                kind: IDeviceRegistry.DeviceKind.Generator,
                ratedPowerW: 5_000,
                maxLossBps: 500,
                location: "Kisumu, Kenya",
                poolData: "",
                hardwareStatus: "ok"
            })
        );
        vm.expectRevert(
            abi.encodeWithSelector(IGenerator.DeviceNotActive.selector, pendingId, IDeviceRegistry.DeviceStatus.Applied)
        );
        vm.prank(provider);
        gen.registerDevice(pendingKey);

        // A storage node, not a generator.
        address batteryKey = vm.addr(0xA2);
        uint256 batteryId = _approvedDevice(provider, batteryKey, IDeviceRegistry.DeviceKind.StorageNode);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGenerator.NotAGeneratorDevice.selector, batteryId, IDeviceRegistry.DeviceKind.StorageNode
            )
        );
        vm.prank(provider);
        gen.registerDevice(batteryKey);

        // Another operator's generator.
        address theirsKey = vm.addr(0xA3);
        uint256 theirsId = _approvedDevice(provider2, theirsKey, IDeviceRegistry.DeviceKind.Generator);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.DeviceNotProviders.selector, theirsId, provider2, provider));
        vm.prank(provider);
        gen.registerDevice(theirsKey);

        // A key the device had before the DAO gave it a new one.
        address newKey = vm.addr(0xA4);
        vm.prank(deviceDao);
        devices.setDeviceKey(deviceId, newKey);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.NotCurrentDeviceKey.selector, deviceId, device, newKey));
        vm.prank(provider);
        gen.registerDevice(device);

        // A suspended device.
        vm.prank(deviceDao);
        devices.suspendDevice(deviceId, "inspection");
        vm.expectRevert(
            abi.encodeWithSelector(IGenerator.DeviceNotActive.selector, deviceId, IDeviceRegistry.DeviceStatus.Suspended)
        );
        vm.prank(provider);
        gen.registerDevice(newKey);
        assertEq(gen.state().deviceId, 0, "nothing registered");
        assertEq(gen.state().deviceKey, address(0), "no key");
    }

    function test_DX8_registerDevice_needsLinkedDeviceModules() public {
        Marketplace unlinked =
            new Marketplace(IERC20(address(token)), address(implementation), BIDDING, ACCEPTANCE, FINANCING, GRACE);
        vm.prank(creator);
        uint256 id = unlinked.createRequest(_params());
        vm.prank(provider);
        uint256 bidId = unlinked.placeBid(id, _bidParams(COST));
        vm.warp(block.timestamp + BIDDING + 1);
        vm.prank(creator);
        unlinked.acceptBid(id, bidId);
        vm.startPrank(f1);
        token.approve(address(unlinked), COST);
        unlinked.fund(id, COST);
        vm.stopPrank();
        (IMarketplace.Request memory r,) = unlinked.getRequest(id);
        vm.expectRevert(abi.encodeWithSelector(IGenerator.DeviceModulesNotLinked.selector, address(unlinked)));
        vm.prank(provider);
        Generator(r.generator).registerDevice(device);
    }

    // ------------------------------------------------------------------ DX7 activation

    function test_DX7_activate_paysProviderFromEscrow() public {
        (uint256 id, Generator gen) = _funded();
        vm.prank(provider);
        gen.registerDevice(device);
        vm.startPrank(creator);
        token.approve(address(gen), INITIAL_TOKEN);
        vm.expectEmit(true, true, true, true, address(market));
        emit IMarketplace.EscrowReleased(id, provider, COST);
        vm.expectEmit(true, true, true, true, address(gen));
        emit IGenerator.Activated(creator, INITIAL_TOKEN, provider, COST);
        gen.activate(INITIAL_TOKEN);
        vm.stopPrank();

        assertEq(token.balanceOf(provider), COST, "provider paid the whole installation cost");
        assertEq(token.balanceOf(address(market)), 0, "escrow emptied");
        assertEq(token.balanceOf(address(gen)), INITIAL_TOKEN, "initial token held for the owners");
        assertEq(uint256(gen.phase()), uint256(ACTIVE), "active");
        assertEq(uint256(_status(id)), uint256(S_ACTIVE), "request active");
        (IMarketplace.Request memory r,) = market.getRequest(id);
        assertEq(r.raisedWei, COST, "the request still shows what was raised");
        IGenerator.GeneratorState memory s = gen.state();
        assertEq(s.activatedAt, block.timestamp, "activatedAt");
        assertEq(s.cumulativeRevenueWei, INITIAL_TOKEN, "the initial token is revenue");

        vm.expectRevert(_wrongPhase(ACTIVE, PENDING));
        vm.prank(creator);
        gen.activate(INITIAL_TOKEN);
        assertEq(token.balanceOf(provider), COST, "paid once");
    }

    function test_DX7_activate_onlyByRequesterWithDeviceAndToken() public {
        (, Generator gen) = _funded();
        address[3] memory others = [provider, f1, outsider];
        for (uint256 i; i < others.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IGenerator.NotRequester.selector, others[i], creator));
            vm.prank(others[i]);
            gen.activate(INITIAL_TOKEN);
        }
        vm.expectRevert(IGenerator.DeviceKeyNotRegistered.selector);
        vm.prank(creator);
        gen.activate(INITIAL_TOKEN);
        vm.prank(provider);
        gen.registerDevice(device);
        vm.expectRevert(IGenerator.InitialTokenRequired.selector);
        vm.prank(creator);
        gen.activate(0);
        assertEq(uint256(gen.phase()), uint256(PENDING), "still pending");
        assertEq(token.balanceOf(provider), 0, "provider not paid");
    }

    /// @dev The seed: the consumer's activation must be the generator's first transaction; nobody else's payment,
    /// purchase, usage report, share transfer or claim is accepted before it.
    function test_DX7_nothingBeforeActivation() public {
        (, Generator gen) = _funded();
        vm.prank(provider);
        gen.registerDevice(device);
        address[3] memory payers = [buyer, creator, f1];
        for (uint256 i; i < payers.length; ++i) {
            vm.startPrank(payers[i]);
            token.approve(address(gen), type(uint256).max);
            vm.expectRevert(_wrongPhase(PENDING, ACTIVE));
            gen.buyEnergy(1, type(uint256).max);
            vm.stopPrank();
        }
        (Usage memory usage, bytes memory signature) = _signedUsage(gen, DEVICE_PK, buyer, 1);
        vm.expectRevert(_wrongPhase(PENDING, ACTIVE));
        gen.reportUsage(usage, signature);
        vm.expectRevert(_wrongPhase(PENDING, ACTIVE));
        vm.prank(f1);
        gen.transfer(buyer, 1);
        vm.expectRevert(_wrongPhase(PENDING, ACTIVE));
        vm.prank(f1);
        gen.claimRevenue();
        assertEq(gen.state().cumulativeRevenueWei, 0, "no revenue");
        assertEq(token.balanceOf(address(gen)), 0, "no tokens taken");

        // The consumer's activation is then the first payment the generator takes.
        vm.recordLogs();
        _activateOnly(gen);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 revenueTopic = IGenerator.RevenueReceived.selector;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(gen) && logs[i].topics[0] == revenueTopic) {
                assertEq(address(uint160(uint256(logs[i].topics[1]))), creator, "first payer is the requester");
                return;
            }
        }
        revert("no RevenueReceived on activation");
    }

    function _activateOnly(Generator gen) internal {
        vm.startPrank(creator);
        token.approve(address(gen), INITIAL_TOKEN);
        gen.activate(INITIAL_TOKEN);
        vm.stopPrank();
    }

    function test_DX7_activate_atTheDeadlineWorks() public {
        (uint256 id, Generator gen) = _funded();
        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(r.activationDeadline);
        _activate(gen);
        assertEq(uint256(gen.phase()), uint256(ACTIVE), "active on the last second");
    }

    function test_DX7_lateActivationFails_financiersRefunded() public {
        (uint256 id, Generator gen) = _funded();
        uint256[3] memory before = [token.balanceOf(f1), token.balanceOf(f2), token.balanceOf(f3)];
        vm.prank(provider);
        gen.registerDevice(device);
        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(uint256(r.activationDeadline) + 1);
        assertEq(uint256(gen.phase()), uint256(FAILED), "phase Failed");
        assertEq(uint256(_status(id)), uint256(S_ACTIVATION_FAILED), "status ActivationFailed");

        vm.startPrank(creator);
        token.approve(address(gen), INITIAL_TOKEN);
        vm.expectRevert(_wrongStatus(id, S_ACTIVATION_FAILED, S_FUNDED));
        gen.activate(INITIAL_TOKEN);
        vm.stopPrank();
        vm.expectRevert(_wrongPhase(FAILED, ACTIVE));
        vm.prank(buyer);
        gen.buyEnergy(1, 0);

        address[3] memory fs = [f1, f2, f3];
        uint256[3] memory paid = [uint256(COST / 2), COST * 3 / 10, COST / 5];
        for (uint256 i; i < 3; ++i) {
            vm.prank(fs[i]);
            assertEq(market.refund(id), paid[i], "refund equals contribution");
            assertEq(token.balanceOf(fs[i]), before[i] + paid[i], "financier whole again");
        }
        assertEq(token.balanceOf(provider), 0, "provider never paid");
        assertEq(token.balanceOf(address(market)), 0, "escrow fully returned");
    }

    function test_DX7_releaseEscrow_onlyByTheGenerator() public {
        (uint256 id, Generator gen) = _funded();
        address[3] memory callers = [creator, provider, outsider];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IMarketplace.NotRequestGenerator.selector, id, callers[i], address(gen))
            );
            vm.prank(callers[i]);
            market.releaseEscrow(id);
        }
        // Another request's generator cannot take this escrow either.
        (, Generator other) = _funded();
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotRequestGenerator.selector, id, address(other), address(gen)));
        vm.prank(address(other));
        market.releaseEscrow(id);
        // A request still financing has no generator at all.
        (uint256 financing,) = _accepted(COST);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotRequestGenerator.selector, financing, outsider, address(0)));
        vm.prank(outsider);
        market.releaseEscrow(financing);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnknownRequest.selector, 99));
        market.releaseEscrow(99);

        // Once released, even the generator cannot release it again.
        _activate(gen);
        vm.expectRevert(_wrongStatus(id, S_ACTIVE, S_FUNDED));
        vm.prank(address(gen));
        market.releaseEscrow(id);
        assertEq(token.balanceOf(provider), COST, "paid exactly once");
    }
}
