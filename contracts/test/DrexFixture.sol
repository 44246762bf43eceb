// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TestBase} from "./Vm.sol";
import {SolarToken} from "../token/SolarToken.sol";
import {Marketplace} from "../marketplace/Marketplace.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {Generator} from "../generator/Generator.sol";
import {IGenerator} from "../generator/IGenerator.sol";
import {Usage} from "../generator/UsageHash.sol";
import {ModuleRegistry} from "../energy/ModuleRegistry.sol";
import {EnergyModules} from "../energy/IModuleRegistry.sol";
import {DeviceRegistry} from "../energy/DeviceRegistry.sol";
import {IDeviceRegistry} from "../energy/IDeviceRegistry.sol";

/// @dev Shared fixture: a Solar Token, a Generator implementation and a Marketplace with the seed's periods
/// (7 days bidding, 7 days acceptance, 30 days financing, 14 days activation grace), actors holding tokens, and
/// helpers that take a request to any stage. Time starts at a fixed timestamp so every deadline is exact. The
/// marketplace is linked to a module registry with a device registry whose DAO is the `deviceDao` account, and
/// `device` is the provider's active Generator device (DX8, MX1), signing with `DEVICE_PK`.
abstract contract DrexFixture is TestBase {
    uint64 internal constant BIDDING = 7 days;
    uint64 internal constant ACCEPTANCE = 7 days;
    uint64 internal constant FINANCING = 30 days;
    uint64 internal constant GRACE = 14 days;
    uint256 internal constant START = 1_700_000_000;
    /// @dev Large enough for the fuzz tests' 200 financiers of up to 10^30 each, and buyers paying at high prices.
    uint256 internal constant CAP = 1e40;
    uint256 internal constant ACTOR_BALANCE = 1e34;
    uint128 internal constant COST = 1_000e18;
    uint32 internal constant INSTALL = 10 days;
    uint256 internal constant INITIAL_TOKEN = 1e18;
    uint256 internal constant DEVICE_PK = 0xDE71CE;

    IMarketplace.RequestStatus internal constant S_NONE = IMarketplace.RequestStatus.None;
    IMarketplace.RequestStatus internal constant S_BIDDING = IMarketplace.RequestStatus.Bidding;
    IMarketplace.RequestStatus internal constant S_AWAITING = IMarketplace.RequestStatus.AwaitingAcceptance;
    IMarketplace.RequestStatus internal constant S_LAPSED = IMarketplace.RequestStatus.Lapsed;
    IMarketplace.RequestStatus internal constant S_CANCELLED = IMarketplace.RequestStatus.Cancelled;
    IMarketplace.RequestStatus internal constant S_FINANCING = IMarketplace.RequestStatus.Financing;
    IMarketplace.RequestStatus internal constant S_FINANCING_FAILED = IMarketplace.RequestStatus.FinancingFailed;
    IMarketplace.RequestStatus internal constant S_FUNDED = IMarketplace.RequestStatus.Funded;
    IMarketplace.RequestStatus internal constant S_ACTIVATION_FAILED = IMarketplace.RequestStatus.ActivationFailed;
    IMarketplace.RequestStatus internal constant S_ACTIVE = IMarketplace.RequestStatus.Active;

    SolarToken internal token;
    Generator internal implementation;
    Marketplace internal market;
    ModuleRegistry internal deviceModules;
    DeviceRegistry internal devices;
    uint256 internal deviceId;

    address internal creator;
    address internal provider;
    address internal provider2;
    address internal f1;
    address internal f2;
    address internal f3;
    address internal buyer;
    address internal device;
    address internal outsider;
    address internal deviceDao;

    function setUp() public virtual {
        vm.warp(START);
        creator = actor("creator");
        provider = actor("provider");
        provider2 = actor("provider2");
        f1 = actor("financier1");
        f2 = actor("financier2");
        f3 = actor("financier3");
        buyer = actor("buyer");
        device = vm.addr(DEVICE_PK);
        vm.label(device, "device");
        outsider = actor("outsider");
        deviceDao = actor("deviceDao");

        token = new SolarToken(CAP, address(this));
        implementation = new Generator();
        market = new Marketplace(IERC20(address(token)), address(implementation), BIDDING, ACCEPTANCE, FINANCING, GRACE);
        deviceModules = new ModuleRegistry(deviceDao);
        devices = new DeviceRegistry(deviceModules);
        bytes32[] memory names = new bytes32[](1);
        address[] memory modules = new address[](1);
        (names[0], modules[0]) = (EnergyModules.DEVICES, address(devices));
        deviceModules.bootstrap(names, modules);
        market.linkDeviceModules(address(deviceModules));
        deviceId = _approvedDevice(provider, device, IDeviceRegistry.DeviceKind.Generator);

        address[6] memory funded = [creator, f1, f2, f3, buyer, outsider];
        for (uint256 i; i < funded.length; ++i) token.mint(funded[i], ACTOR_BALANCE);
    }

    // ------------------------------------------------------------------ devices (DX8, MX1)

    /// @dev A device `operator` applied for with `key`, approved by the device DAO.
    function _approvedDevice(address operator, address key, IDeviceRegistry.DeviceKind kind)
        internal
        returns (uint256 id)
    {
        vm.prank(operator);
        id = devices.applyForDevice(
            IDeviceRegistry.DeviceApplication({
                key: key,
                kind: kind,
                ratedPowerW: 5_000,
                maxLossBps: 500,
                location: "Kisumu, Kenya",
                poolData: "",
                hardwareStatus: "ok"
            })
        );
        vm.prank(deviceDao);
        devices.approveDevice(id);
    }

    /// @dev A usage reading of `consumer` read now, and `signerPk`'s signature of it for `gen`.
    function _signedUsage(Generator gen, uint256 signerPk, address consumer, uint256 deliveredMilliUnits)
        internal
        view
        returns (Usage memory usage, bytes memory signature)
    {
        usage = Usage({consumer: consumer, deliveredMilliUnits: deliveredMilliUnits, readAt: uint64(block.timestamp)});
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerPk, gen.usageDigest(usage));
        signature = abi.encodePacked(r, s, v);
    }

    /// @dev The device reports `consumer`'s cumulative delivery, read now; anyone relays it.
    function _reportUsage(Generator gen, address consumer, uint256 deliveredMilliUnits) internal {
        (Usage memory usage, bytes memory signature) = _signedUsage(gen, DEVICE_PK, consumer, deliveredMilliUnits);
        gen.reportUsage(usage, signature);
    }

    // ------------------------------------------------------------------ request stages

    function _params() internal pure returns (IMarketplace.RequestParams memory) {
        return IMarketplace.RequestParams({
            location: "Kisumu, Kenya", wattageW: 5_000, reason: "clinic refrigeration", utilityKind: "", unit: ""
        });
    }

    function _bidParams(uint128 cost) internal pure returns (IMarketplace.BidParams memory) {
        return IMarketplace.BidParams({
            unitType: "5 kW mono + 10 kWh LFP", installationCostWei: cost, installationSeconds: INSTALL, insurance: "AXA"
        });
    }

    function _request() internal returns (uint256 id) {
        vm.prank(creator);
        id = market.createRequest(_params());
    }

    function _bid(uint256 id, address who, uint128 cost) internal returns (uint256 bidId) {
        vm.prank(who);
        bidId = market.placeBid(id, _bidParams(cost));
    }

    /// @dev Moves time to the first second after the request's bidding week, when acceptance opens.
    function _closeBidding(uint256 id) internal {
        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(uint256(r.createdAt) + BIDDING + 1);
    }

    /// @dev A request with `provider`'s bid of `cost` accepted: financing is open.
    function _accepted(uint128 cost) internal returns (uint256 id, uint256 bidId) {
        id = _request();
        bidId = _bid(id, provider, cost);
        _closeBidding(id);
        vm.prank(creator);
        market.acceptBid(id, bidId);
    }

    function _fund(uint256 id, address financier, uint256 amount) internal {
        if (token.balanceOf(financier) < amount) token.mint(financier, amount);
        vm.startPrank(financier);
        token.approve(address(market), amount);
        market.fund(id, amount);
        vm.stopPrank();
    }

    function _generatorOf(uint256 id) internal view returns (Generator) {
        (IMarketplace.Request memory r,) = market.getRequest(id);
        return Generator(r.generator);
    }

    /// @dev A funded (pending) generator owned 50% / 30% / 20% by f1 / f2 / f3.
    function _funded() internal returns (uint256 id, Generator gen) {
        (id,) = _accepted(COST);
        _fund(id, f1, COST / 2);
        _fund(id, f2, COST * 3 / 10);
        _fund(id, f3, COST / 5);
        gen = _generatorOf(id);
    }

    /// @dev The provider registers `device` and the creator activates with `INITIAL_TOKEN`.
    function _activate(Generator gen) internal {
        vm.prank(provider);
        gen.registerDevice(device);
        vm.startPrank(creator);
        token.approve(address(gen), INITIAL_TOKEN);
        gen.activate(INITIAL_TOKEN);
        vm.stopPrank();
    }

    function _active() internal returns (uint256 id, Generator gen) {
        (id, gen) = _funded();
        _activate(gen);
    }

    function _vote(Generator gen, address who, uint256 price) internal {
        vm.prank(who);
        gen.votePrice(price);
    }

    function _buy(Generator gen, address who, uint256 units) internal returns (uint256 cost) {
        vm.startPrank(who);
        token.approve(address(gen), type(uint256).max);
        cost = gen.buyEnergy(units, type(uint256).max);
        vm.stopPrank();
    }

    function _transferShares(Generator gen, address from, address to, uint256 amount) internal {
        vm.prank(from);
        gen.transfer(to, amount);
    }

    function _status(uint256 id) internal view returns (IMarketplace.RequestStatus) {
        return market.requestStatus(id);
    }

    function _wrongStatus(uint256 id, IMarketplace.RequestStatus status, IMarketplace.RequestStatus required)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IMarketplace.WrongRequestStatus.selector, id, status, required);
    }

    function _wrongPhase(IGenerator.Phase phase, IGenerator.Phase required) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IGenerator.WrongPhase.selector, phase, required);
    }
}
