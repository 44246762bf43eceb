// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {DistributeFixture} from "./DistributeFixture.sol";
import {ICapitalToken} from "../../distribute/ICapitalToken.sol";
import {IReputation} from "../../distribute/IReputation.sol";
import {CapitalMath} from "../../distribute/libraries/CapitalMath.sol";

/// @dev DS1 capital tokens and DS2 reputation.
contract TokensTest is DistributeFixture {
    // ------------------------------------------------------------------ DS1

    /// @dev The worked example of contracts/distribute/README.md.
    function test_buy_DS1_workedExample() public {
        assertEq(_buy(alice, 600e18), 12e18, "600 of 600 at the 0.01 launch price: x2 for taking the whole market");
        assertEq(_buy(bob, 400e18), 11.2e18, "400 at 0.02 per token, +40% for 400 of 1,000");
        assertEq(capital.poolBalance(), 23.2e18, "pool");
        assertEq(capital.quoteSell(100e18), 2.32e18, "100 of 1,000 sell for a tenth of the pool");
        // carol buys 10 at 0.0232 per token, +10/1,010: ceil(0.232e18 x 1,020 / 1,010).
        assertEq(_buy(carol, 10e18), 234297029702970298, "a small purchase pays a small premium");
        vm.prank(bob);
        uint256 refund = capital.sell(400e18, 0);
        assertEq(refund, uint256(400e18) * (23.2e18 + 234297029702970298) / 1010e18, "proportional share");
        assertEq(currency.balanceOf(address(capital)), capital.poolBalance(), "the pool is what the contract holds");
    }

    function test_buy_DS1_slippageLimitsAndZero_revert() public {
        currency.mint(alice, 1e30);
        vm.startPrank(alice);
        currency.approve(address(capital), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ICapitalToken.CostAboveMaximum.selector, 2e18, 2e18 - 1));
        capital.buy(100e18, 2e18 - 1);
        vm.expectRevert(ICapitalToken.ZeroAmount.selector);
        capital.buy(0, 1);
        capital.buy(100e18, 2e18);
        vm.expectRevert(abi.encodeWithSelector(ICapitalToken.RefundBelowMinimum.selector, 2e18, 2e18 + 1));
        capital.sell(100e18, 2e18 + 1);
        vm.stopPrank();
    }

    function test_spend_DS1_onlyTheRegistry() public {
        _buy(alice, 100e18);
        bytes32 role = capital.SPENDER_ROLE();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        capital.spend(alice, 1);
    }

    /// @dev DS1: whatever the state, a purchase never lowers the balance per token, and buying then selling straight
    /// back never returns more than was paid: every rounding favours the pool.
    function testFuzz_buySell_DS1_roundsInThePoolsFavour(uint256 pool, uint256 supply, uint256 tokens) public pure {
        supply = bound(supply, 0, 1e30);
        pool = supply == 0 ? 0 : bound(pool, 0, 1e30);
        tokens = bound(tokens, 1, 1e30);
        uint256 cost = CapitalMath.buyCost(tokens, pool, supply, FLOOR_PRICE);
        uint256 newPool = pool + cost;
        uint256 newSupply = supply + tokens;
        if (supply != 0) {
            // pool / supply <= newPool / newSupply
            assertTrue(pool * newSupply <= newPool * supply, "the balance per token never falls on a purchase");
        }
        assertTrue(CapitalMath.sellRefund(tokens, newPool, newSupply) <= cost, "no profit from buying and selling");
        assertTrue(cost >= tokens * FLOOR_PRICE / 1e18, "never below the launch price");
        uint256 refund = CapitalMath.sellRefund(tokens, newPool, newSupply);
        if (newSupply > tokens) {
            uint256 leftPool = newPool - refund;
            uint256 leftSupply = newSupply - tokens;
            assertTrue(leftPool * newSupply >= newPool * leftSupply, "a sale never lowers the balance per token");
        }
    }

    // ------------------------------------------------------------------ DS2

    function test_register_DS2_firstReputationFreeOncePerIdentity() public {
        bytes32 did = keccak256("did:example:123");
        vm.prank(registrar);
        reputation.register(w1, did);
        assertEq(reputation.balanceOf(w1), INITIAL_REPUTATION, "DS2: the first reputation is free");
        assertEq(reputation.accountOf(did), w1, "identity -> account");
        assertTrue(reputation.identityOf(w1) == did, "account -> identity");
        vm.startPrank(registrar);
        vm.expectRevert(abi.encodeWithSelector(IReputation.IdentityAlreadyRegistered.selector, did, w1));
        reputation.register(w2, did);
        vm.expectRevert(abi.encodeWithSelector(IReputation.AccountAlreadyRegistered.selector, w1, did));
        reputation.register(w1, keccak256("did:example:456"));
        vm.expectRevert(abi.encodeWithSelector(IReputation.InvalidRegistration.selector, w2, bytes32(0)));
        reputation.register(w2, bytes32(0));
        vm.stopPrank();
        bytes32 role = reputation.REGISTRAR_ROLE();
        vm.prank(w2);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, w2, role));
        reputation.register(w2, keccak256("did:example:789"));
    }

    function test_transfer_DS2_reputationIsNotTransferable() public {
        _register(w1);
        vm.startPrank(w1);
        vm.expectRevert(abi.encodeWithSelector(IReputation.ReputationNotTransferable.selector, w1, w2, 1e18));
        reputation.transfer(w2, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IReputation.ReputationNotTransferable.selector, w1, w2, 1e18));
        reputation.approve(w2, 1e18);
        vm.stopPrank();
        vm.prank(w2);
        vm.expectRevert(abi.encodeWithSelector(IReputation.ReputationNotTransferable.selector, w1, w2, 1e18));
        reputation.transferFrom(w1, w2, 1e18);
        assertEq(reputation.balanceOf(w1), INITIAL_REPUTATION, "unchanged");
        assertEq(reputation.allowance(w1, w2), 0, "no allowance ever");
    }

    function test_take_DS2_onlyTheProtocol() public {
        _register(w1);
        bytes32 role = reputation.PROTOCOL_ROLE();
        vm.prank(w2);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, w2, role));
        reputation.take(w1, 1);
    }
}
