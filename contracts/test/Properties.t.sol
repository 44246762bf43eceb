// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DrexFixture} from "./DrexFixture.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {Generator} from "../generator/Generator.sol";

/// @dev Fuzzed financing: DX5 share allocation and DX4/DX7 refunds. Each run draws a crowd of financiers and their
/// contributions from a seed, so one fuzz input covers up to 200 financiers and 600 contributions.
contract FinancingPropertiesTest is DrexFixture {
    uint256 internal constant MAX_FINANCIERS = 200;
    uint256 internal constant MAX_AMOUNT = 1e30;

    uint256 private _nonce;

    function _rand(uint256 seed) internal returns (uint256) {
        return uint256(keccak256(abi.encode(seed, ++_nonce)));
    }

    function _financier(uint256 i) internal pure returns (address) {
        return address(uint160(0xF1_0000 + i));
    }

    /// @dev An amount from 1 to 10^30 whose order of magnitude is itself random, so runs mix dust-sized and huge
    /// contributions rather than clustering near 10^30.
    function _amount(uint256 seed) internal returns (uint256) {
        return bound(_rand(seed), 1, 10 ** bound(_rand(seed), 0, 30));
    }

    /// @dev Draws `count` financiers, each making 1 to 3 contributions, returned in the order they are to be made
    /// (round-robin, so one financier's contributions are interleaved with others'). `totals[i]` sums financier i's.
    function _plan(uint256 seed, uint256 count)
        internal
        returns (uint256[] memory who, uint256[] memory amounts, uint256[] memory totals, uint256 sum)
    {
        uint256[] memory rounds = new uint256[](count);
        uint256 n;
        for (uint256 i; i < count; ++i) {
            // Two in three make one contribution; the rest make two or three.
            uint256 r = _rand(seed) % 6;
            rounds[i] = r < 4 ? 1 : r - 2;
            n += rounds[i];
        }
        who = new uint256[](n);
        amounts = new uint256[](n);
        totals = new uint256[](count);
        uint256 k;
        for (uint256 round; round < 3; ++round) {
            for (uint256 i; i < count; ++i) {
                if (rounds[i] <= round) continue;
                uint256 a = _amount(seed);
                who[k] = i;
                amounts[k++] = a;
                totals[i] += a;
                sum += a;
            }
        }
    }

    function _requestWithTarget(uint256 target) internal returns (uint256 id) {
        (id,) = _accepted(uint128(target));
    }

    function _contribute(uint256 id, uint256[] memory who, uint256[] memory amounts, uint256[] memory totals)
        internal
    {
        for (uint256 i; i < totals.length; ++i) {
            address f = _financier(i);
            token.mint(f, totals[i]);
            vm.prank(f);
            token.approve(address(market), type(uint256).max);
        }
        for (uint256 k; k < who.length; ++k) {
            vm.prank(_financier(who[k]));
            market.fund(id, amounts[k]);
        }
    }

    /// @dev DX5: the shares sum to exactly 10,000 and each financier is within one share of exact pro rata,
    /// `contribution * 10,000 / target` taken as a rational: |shares * target - contribution * 10,000| <= target.
    function testFuzz_DX5_sharesSumTo10000(uint256 seed, uint256 count) public {
        count = bound(count, 1, MAX_FINANCIERS);
        (uint256[] memory who, uint256[] memory amounts, uint256[] memory totals, uint256 target) = _plan(seed, count);
        uint256 id = _requestWithTarget(target);
        _contribute(id, who, amounts, totals);
        assertEq(uint256(_status(id)), uint256(S_FUNDED), "target reached exactly");
        Generator gen = _generatorOf(id);

        uint256 sum;
        for (uint256 i; i < count; ++i) {
            address f = _financier(i);
            uint256 shares = gen.balanceOf(f);
            sum += shares;
            uint256 scaled = shares * target;
            uint256 exact = totals[i] * 10_000;
            assertLe(scaled > exact ? scaled - exact : exact - scaled, target, "within one share of pro rata");
            (uint128 paid, uint32 order) = market.contributionOf(id, f);
            assertEq(paid, totals[i], "contribution recorded");
            assertTrue(order >= 1 && order <= count, "order recorded");
        }
        assertEq(sum, 10_000, "exactly 10,000 shares allocated");

        // Writing the allocations to storage changes nothing.
        uint256 sumAfter;
        for (uint256 i; i < count; ++i) {
            gen.materialize(_financier(i));
            sumAfter += gen.balanceOf(_financier(i));
        }
        assertEq(sumAfter, 10_000, "still 10,000 once materialized");
        assertEq(gen.balanceOf(outsider), 0, "no shares for non-financiers");
    }

    /// @dev DX4: financing that misses its target by the deadline refunds every financier exactly what they paid in,
    /// however many contributions they made, and leaves nothing in the marketplace.
    function testFuzz_DX4_financingFailedRefundsExactly(uint256 seed, uint256 count, uint256 shortfall) public {
        count = bound(count, 1, 20);
        (uint256[] memory who, uint256[] memory amounts, uint256[] memory totals, uint256 sum) = _plan(seed, count);
        uint256 id = _requestWithTarget(sum + bound(shortfall, 1, MAX_AMOUNT));
        _contribute(id, who, amounts, totals);
        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(uint256(r.financingDeadline) + 1);
        _refundAll(id, totals);
    }

    /// @dev DX7: a generator never activated refunds every financier exactly what they paid in; the provider gets
    /// nothing.
    function testFuzz_DX7_activationFailedRefundsExactly(uint256 seed, uint256 count) public {
        count = bound(count, 1, 20);
        (uint256[] memory who, uint256[] memory amounts, uint256[] memory totals, uint256 sum) = _plan(seed, count);
        uint256 id = _requestWithTarget(sum);
        _contribute(id, who, amounts, totals);
        (IMarketplace.Request memory r,) = market.getRequest(id);
        vm.warp(uint256(r.activationDeadline) + 1);
        _refundAll(id, totals);
        assertEq(token.balanceOf(provider), 0, "provider never paid");
    }

    function _refundAll(uint256 id, uint256[] memory totals) internal {
        // Refund in a seed-independent but non-trivial order: last financier first.
        for (uint256 j = totals.length; j > 0; --j) {
            address f = _financier(j - 1);
            assertEq(token.balanceOf(f), 0, "everything was paid in");
            vm.prank(f);
            assertEq(market.refund(id), totals[j - 1], "refund equals the sum of contributions");
            assertEq(token.balanceOf(f), totals[j - 1], "balance restored");
            vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToRefund.selector, id, f));
            vm.prank(f);
            market.refund(id);
        }
        assertEq(token.balanceOf(address(market)), 0, "marketplace holds nothing back");
    }
}
