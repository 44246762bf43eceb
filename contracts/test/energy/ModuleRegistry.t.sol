// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EnergyFixture} from "./EnergyFixture.sol";
import {ModuleRegistry} from "../../energy/ModuleRegistry.sol";
import {IModuleRegistry, EnergyModules} from "../../energy/IModuleRegistry.sol";
import {IDaoControlled} from "../../energy/IDaoControlled.sol";
import {IEnergyPaymentToken} from "../../energy/IEnergyPaymentToken.sol";

/// @dev MX9: the module registry the DAO repoints; the deployer bootstraps it once.
contract ModuleRegistryTest is EnergyFixture {
    function test_bootstrap_MX9_setsEveryModuleOnceByTheDeployer() public {
        assertEq(registry.moduleOf(EnergyModules.DEVICES), address(devices), "devices");
        assertEq(registry.moduleOf(EnergyModules.READINGS), address(readings), "readings");
        assertEq(registry.moduleOf(EnergyModules.PAYMENTS), address(payments), "payments");
        assertEq(registry.moduleOf(EnergyModules.STORAGE), address(storageNode), "storage");
        assertEq(registry.moduleOf(EnergyModules.ENERGY_TOKEN), address(energy), "energy token");
        assertEq(registry.moduleOf(EnergyModules.REWARD_TOKEN), address(reward), "reward token");
        assertEq(registry.moduleOf(EnergyModules.POOLS), address(factory), "pools");
        assertEq(uint256(EnergyModules.PAYMENTS), uint256(bytes32("payments")), "names are right-padded ASCII");
        assertTrue(!registry.bootstrapOpen(), "closed");
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.BootstrapClosed.selector, address(this)));
        registry.bootstrap(new bytes32[](0), new address[](0));
        assertEq(devices.dao(), dao, "modules copy the registry's DAO");
        assertEq(address(devices.modules()), address(registry), "and know the registry");
    }

    function test_bootstrap_MX9_onlyTheDeployer() public {
        vm.prank(outsider);
        ModuleRegistry fresh = new ModuleRegistry(dao);
        assertTrue(fresh.bootstrapOpen(), "open");
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.BootstrapClosed.selector, address(this)));
        fresh.bootstrap(new bytes32[](0), new address[](0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.LengthMismatch.selector, 1, 0));
        vm.prank(outsider);
        fresh.bootstrap(new bytes32[](1), new address[](0));
    }

    function test_setModule_MX9_onlyTheDao() public {
        vm.expectRevert(abi.encodeWithSelector(IDaoControlled.NotDao.selector, outsider, dao));
        vm.prank(outsider);
        registry.setModule(EnergyModules.DEVICES, outsider);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IModuleRegistry.ModuleSet(EnergyModules.DEVICES, address(devices), outsider);
        vm.prank(dao);
        registry.setModule(EnergyModules.DEVICES, outsider);
        assertEq(registry.requireModule(EnergyModules.DEVICES), outsider, "repointed");
    }

    function test_setModule_MX9_zeroSwitchesAModuleOff() public {
        vm.prank(dao);
        registry.setModule(EnergyModules.PAYMENTS, address(0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleNotSet.selector, EnergyModules.PAYMENTS));
        registry.requireModule(EnergyModules.PAYMENTS);
        // Nobody can mint while payments are off, the old module included.
        vm.expectRevert(abi.encodeWithSelector(IEnergyPaymentToken.NotMinter.selector, address(payments), address(0)));
        vm.prank(address(payments));
        energy.mint(operator, 1);
        // Requests that need the device registry stop when it is off.
        vm.prank(dao);
        registry.setModule(EnergyModules.DEVICES, address(0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleNotSet.selector, EnergyModules.DEVICES));
        vm.prank(operator);
        storageNode.requestStore(1, 2, 3);
    }
}
