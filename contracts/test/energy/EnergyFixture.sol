// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {TestBase} from "../Vm.sol";
import {ModuleRegistry} from "../../energy/ModuleRegistry.sol";
import {EnergyModules} from "../../energy/IModuleRegistry.sol";
import {DeviceRegistry} from "../../energy/DeviceRegistry.sol";
import {IDeviceRegistry} from "../../energy/IDeviceRegistry.sol";
import {ReadingCommitments} from "../../energy/ReadingCommitments.sol";
import {EnergyPayments} from "../../energy/EnergyPayments.sol";
import {IEnergyPayments} from "../../energy/IEnergyPayments.sol";
import {EnergyToken, RewardToken} from "../../energy/EnergyPaymentToken.sol";
import {StorageNode} from "../../energy/StorageNode.sol";
import {PoolFactory} from "../../energy/PoolFactory.sol";
import {Reading} from "../../energy/libraries/ReadingHash.sol";

/// @dev The measured-energy modules wired through one registry, with `dao` an ordinary account standing in for the
/// Technical DAO's executor (DaoGovernance.t.sol runs the same calls through the real governor). Helpers take a
/// device to any status, build Merkle trees of readings and sign them with device keys.
abstract contract EnergyFixture is TestBase {
    uint256 internal constant START = 1_780_000_000; // 2026-05-28
    uint32 internal constant MONTH = 202606; // June 2026: 30 days
    uint64 internal constant RATED_W = 5_000;
    uint16 internal constant MAX_LOSS_BPS = 500; // 5%
    uint96 internal constant REWARD_PER_WH = 1e14; // 10^14 base units per Wh: 0.1 reward token per kWh
    uint16 internal constant POOL_BPS = 2_000;
    uint16 internal constant VAULT_BPS = 1_000;

    uint256 internal constant DEVICE_PK = 0xD1;
    uint256 internal constant DEVICE2_PK = 0xD2;
    uint256 internal constant NODE_PK = 0xD3;

    ModuleRegistry internal registry;
    DeviceRegistry internal devices;
    ReadingCommitments internal readings;
    EnergyPayments internal payments;
    EnergyToken internal energy;
    RewardToken internal reward;
    StorageNode internal storageNode;
    PoolFactory internal factory;

    address internal dao;
    address internal committer;
    address internal operator;
    address internal operator2;
    address internal vault;
    address internal poolRecipient;
    address internal outsider;
    address internal deviceKey;
    address internal deviceKey2;
    address internal nodeKey;

    function setUp() public virtual {
        _actors();
        _deploy(dao);
    }

    function _actors() internal {
        vm.warp(START);
        dao = actor("dao");
        committer = actor("committer");
        operator = actor("operator");
        operator2 = actor("operator2");
        vault = actor("vault");
        poolRecipient = actor("poolRecipient");
        outsider = actor("outsider");
        deviceKey = vm.addr(DEVICE_PK);
        deviceKey2 = vm.addr(DEVICE2_PK);
        nodeKey = vm.addr(NODE_PK);
    }

    /// @dev Deploys every module over a registry whose DAO is `daoAddress`, and bootstraps the registry.
    function _deploy(address daoAddress) internal {
        registry = new ModuleRegistry(daoAddress);
        devices = new DeviceRegistry(registry);
        readings = new ReadingCommitments(registry, committer);
        payments = new EnergyPayments(registry, _rewardParameters(REWARD_PER_WH, POOL_BPS, VAULT_BPS));
        energy = new EnergyToken(registry);
        reward = new RewardToken(registry);
        storageNode = new StorageNode(registry);
        factory = new PoolFactory();
        bytes32[] memory names = new bytes32[](7);
        address[] memory addresses = new address[](7);
        (names[0], addresses[0]) = (EnergyModules.DEVICES, address(devices));
        (names[1], addresses[1]) = (EnergyModules.READINGS, address(readings));
        (names[2], addresses[2]) = (EnergyModules.PAYMENTS, address(payments));
        (names[3], addresses[3]) = (EnergyModules.STORAGE, address(storageNode));
        (names[4], addresses[4]) = (EnergyModules.ENERGY_TOKEN, address(energy));
        (names[5], addresses[5]) = (EnergyModules.REWARD_TOKEN, address(reward));
        (names[6], addresses[6]) = (EnergyModules.POOLS, address(factory));
        registry.bootstrap(names, addresses);
    }

    function _rewardParameters(uint96 perWh, uint16 poolBps, uint16 vaultBps)
        internal
        view
        returns (IEnergyPayments.RewardParameters memory)
    {
        return IEnergyPayments.RewardParameters({
            vault: vault, rewardWeiPerWh: perWh, poolRecipient: poolRecipient, poolBps: poolBps, vaultBps: vaultBps
        });
    }

    // ------------------------------------------------------------------ devices

    function _application(address key, IDeviceRegistry.DeviceKind kind)
        internal
        pure
        returns (IDeviceRegistry.DeviceApplication memory)
    {
        return IDeviceRegistry.DeviceApplication({
            key: key,
            kind: kind,
            ratedPowerW: RATED_W,
            maxLossBps: MAX_LOSS_BPS,
            location: "Oaxaca, MX",
            poolData: "pool=maxgreen;worker=panel-1",
            hardwareStatus: "ok"
        });
    }

    function _apply(address who, address key, IDeviceRegistry.DeviceKind kind) internal returns (uint256 id) {
        vm.prank(who);
        id = devices.applyForDevice(_application(key, kind));
    }

    function _activeDevice(address who, address key, IDeviceRegistry.DeviceKind kind) internal returns (uint256 id) {
        id = _apply(who, key, kind);
        vm.prank(dao);
        devices.approveDevice(id);
    }

    /// @dev `operator`'s active generator signing with `deviceKey`.
    function _generator() internal returns (uint256) {
        return _activeDevice(operator, deviceKey, IDeviceRegistry.DeviceKind.Generator);
    }

    // ------------------------------------------------------------------ readings

    function _reading(address key, uint64 sequence) internal pure returns (Reading memory) {
        uint64 start = uint64(START) + sequence * 3600;
        return Reading({
            device: key,
            sequence: sequence,
            periodStart: start,
            periodEnd: start + 3600,
            producedWh: 4_000 + sequence,
            sentWh: 3_000 + sequence,
            receivedWh: 0,
            heartbeats: 60
        });
    }

    function _leaf(Reading memory r) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                keccak256(
                    abi.encode(
                        r.device,
                        r.sequence,
                        r.periodStart,
                        r.periodEnd,
                        r.producedWh,
                        r.sentWh,
                        r.receivedWh,
                        r.heartbeats
                    )
                )
            )
        );
    }

    /// @dev Root of `leaves` and the proof of `leaves[index]`: each level hashes sorted pairs, an odd last node
    /// moves up unchanged. Any tree of commutative pairs verifies with MerkleProof, as the node's will.
    function _merkle(bytes32[] memory leaves, uint256 index)
        internal
        pure
        returns (bytes32 root, bytes32[] memory proof)
    {
        bytes32[] memory level = leaves;
        bytes32[] memory path = new bytes32[](64);
        uint256 depth;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) path[depth++] = level[sibling];
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 i; i < next.length; ++i) {
                uint256 left = 2 * i;
                next[i] = left + 1 < level.length ? Hashes.commutativeKeccak256(level[left], level[left + 1]) : level[left];
            }
            level = next;
            index /= 2;
        }
        root = level[0];
        proof = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            proof[i] = path[i];
        }
    }

    function _commit(uint64 periodId, bytes32 root, uint32 count) internal {
        vm.prank(committer);
        readings.commitRoot(periodId, root, count);
    }

    /// @dev Commits an arbitrary root for each period in [first, last].
    function _commitRange(uint64 first, uint64 last) internal {
        for (uint64 p = first; p <= last; ++p) {
            if (!readings.isCommitted(p)) _commit(p, keccak256(abi.encode("root", p)), 100);
        }
    }

    function _sign(uint256 pk, Reading memory r) internal view returns (bytes memory) {
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(pk, readings.readingDigest(r));
        return abi.encodePacked(rr, s, v);
    }

    // ------------------------------------------------------------------ payments

    function _claim(uint256 deviceId, uint32 period, uint64 firstRoot, uint64 lastRoot, uint64 sentWh)
        internal
        pure
        returns (IEnergyPayments.PaymentClaim memory)
    {
        return IEnergyPayments.PaymentClaim({
            deviceId: deviceId,
            period: period,
            firstRootPeriodId: firstRoot,
            lastRootPeriodId: lastRoot,
            sentWh: sentWh,
            readingCount: 720,
            gaps: 0,
            uptimeBps: 9_990,
            lossWh: sentWh / 50
        });
    }

    function _requestPayment(uint256 deviceId, uint32 period, uint64 firstRoot, uint64 lastRoot, uint64 sentWh)
        internal
        returns (uint256 requestId)
    {
        _commitRange(firstRoot, lastRoot);
        vm.prank(devices.getDevice(deviceId).operator);
        requestId = payments.requestPayment(_claim(deviceId, period, firstRoot, lastRoot, sentWh));
    }

    function _approvePayment(uint256 requestId) internal returns (uint256 energyWei, uint256 rewardWei) {
        vm.prank(dao);
        (energyWei, rewardWei) = payments.approvePayment(requestId);
    }
}
