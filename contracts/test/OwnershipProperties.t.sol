// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DrexFixture} from "./DrexFixture.sol";
import {Generator} from "../generator/Generator.sol";
import {IGenerator} from "../generator/IGenerator.sol";

/// @dev Fuzzed sequences on an active generator: DX6 `getAvg()` against a reference model, and DX9 revenue
/// conservation. Eight accounts take part: six financiers with seeded contributions and two outsiders who start
/// with no shares, so transfers reach accounts that never financed.
contract OwnershipPropertiesTest is DrexFixture {
    uint256 internal constant HOLDERS = 8;
    uint256 internal constant FINANCIERS = 6;

    Generator internal gen;
    address[HOLDERS] internal holders;
    uint256 private _nonce;

    // The reference model.
    uint256[HOLDERS] internal shares;
    bool[HOLDERS] internal voted;
    uint256[HOLDERS] internal price;

    function _rand(uint256 seed) internal returns (uint256) {
        return uint256(keccak256(abi.encode(seed, ++_nonce)));
    }

    /// @dev Builds the active generator from the seed: contributions of 1 to 10^24 each, target their sum.
    function _setUpGenerator(uint256 seed, uint256 initialToken) internal {
        uint256[FINANCIERS] memory amounts;
        uint256 target;
        for (uint256 i; i < FINANCIERS; ++i) {
            amounts[i] = bound(_rand(seed), 1, 1e24);
            target += amounts[i];
        }
        (uint256 id,) = _accepted(uint128(target));
        for (uint256 i; i < HOLDERS; ++i) holders[i] = address(uint160(0xC0_0000 + i));
        for (uint256 i; i < FINANCIERS; ++i) _fund(id, holders[i], amounts[i]);
        gen = _generatorOf(id);
        vm.prank(provider);
        gen.registerDevice(device);
        vm.startPrank(creator);
        token.approve(address(gen), initialToken);
        gen.activate(initialToken);
        vm.stopPrank();
        for (uint256 i; i < HOLDERS; ++i) shares[i] = gen.balanceOf(holders[i]);
    }

    function _transfer(uint256 seed) internal returns (uint256 from, uint256 to, uint256 amount) {
        from = _rand(seed) % HOLDERS;
        to = _rand(seed) % HOLDERS;
        amount = bound(_rand(seed), 0, shares[from]);
        vm.prank(holders[from]);
        gen.transfer(holders[to], amount);
        shares[from] -= amount;
        shares[to] += amount;
        // Selling every share withdraws the seller's vote.
        if (shares[from] == 0) {
            voted[from] = false;
            price[from] = 0;
        }
    }

    // ------------------------------------------------------------------ DX6

    /// @dev floor(sum(price_i * shares_i over voters) / sum(shares_i over voters)), 0 with no voting shares.
    function _referenceAvg() internal view returns (uint256 avg, uint256 votingShares) {
        uint256 weighted;
        for (uint256 i; i < HOLDERS; ++i) {
            if (!voted[i]) continue;
            weighted += price[i] * shares[i];
            votingShares += shares[i];
        }
        avg = votingShares == 0 ? 0 : weighted / votingShares;
    }

    function _votePrice(uint256 seed) internal returns (uint256) {
        // Half the votes are small prices, so averages round; half range up to the cap.
        return _rand(seed) % 2 == 0
            ? bound(_rand(seed), 0, 1_000)
            : bound(_rand(seed), 0, gen.MAX_PRICE_WEI_PER_UNIT());
    }

    function testFuzz_DX6_getAvgMatchesReference(uint256 seed, uint256 steps) public {
        _setUpGenerator(seed, 1);
        steps = bound(steps, 1, 40);
        for (uint256 s; s < steps; ++s) {
            uint256 op = _rand(seed) % 4;
            uint256 i = _rand(seed) % HOLDERS;
            if (op == 0 || op == 1) {
                // Vote or change a vote; an account without shares is refused.
                uint256 p = _votePrice(seed);
                if (shares[i] == 0) {
                    vm.expectRevert(abi.encodeWithSelector(IGenerator.NotAnOwner.selector, holders[i]));
                    vm.prank(holders[i]);
                    gen.votePrice(p);
                } else {
                    _vote(gen, holders[i], p);
                    voted[i] = true;
                    price[i] = p;
                }
            } else if (op == 2) {
                if (!voted[i]) vm.expectRevert(abi.encodeWithSelector(IGenerator.NoVote.selector, holders[i]));
                vm.prank(holders[i]);
                gen.withdrawVote();
                voted[i] = false;
                price[i] = 0;
            } else {
                _transfer(seed);
            }
            (uint256 avg, uint256 votingShares) = _referenceAvg();
            assertEq(gen.getAvg(), avg, "getAvg() equals the reference");
            assertEq(gen.state().votingShares, votingShares, "voting shares equal the reference");
        }
        uint256 total;
        for (uint256 i; i < HOLDERS; ++i) {
            assertEq(gen.balanceOf(holders[i]), shares[i], "balance equals the model");
            total += shares[i];
        }
        assertEq(total, 10_000, "transfers conserve the 10,000 shares");
    }

    // ------------------------------------------------------------------ DX9

    /// @dev Over purchases, price changes, share transfers and claims, in any order:
    ///   claimed + sum(claimable) + dust == paid, with 0 <= dust < number of accounts that ever held shares,
    ///   and the generator's token balance == paid - claimed.
    /// The dust bound: each account's claimable is floor((shares * R + correction) / 10,000) and those numerators
    /// sum to 10,000 * (R - claimed), so each holder's rounding loses under one base unit; accounts that never held
    /// shares have a numerator of 0 and lose nothing.
    function testFuzz_DX9_revenueConservation(uint256 seed, uint256 steps, uint256 initialToken) public {
        initialToken = bound(initialToken, 1, 1e24);
        _setUpGenerator(seed, initialToken);
        uint256 paid = initialToken;
        uint256 claimed;
        bool[HOLDERS] memory everHeld;
        for (uint256 i; i < HOLDERS; ++i) everHeld[i] = shares[i] > 0;
        address[2] memory buyers = [buyer, outsider];

        steps = bound(steps, 1, 40);
        for (uint256 s; s < steps; ++s) {
            uint256 op = _rand(seed) % 4;
            if (op == 0) {
                // A purchase, sometimes after a holder moves the price.
                uint256 i = _rand(seed) % HOLDERS;
                if (shares[i] > 0 && _rand(seed) % 2 == 0) _vote(gen, holders[i], bound(_rand(seed), 0, 1e21));
                paid += _buy(gen, buyers[_rand(seed) % 2], bound(_rand(seed), 1, 1_000));
            } else if (op == 1) {
                (, uint256 to, uint256 amount) = _transfer(seed);
                if (amount > 0) everHeld[to] = true;
            } else {
                uint256 i = _rand(seed) % HOLDERS;
                address who = holders[i];
                uint256 due = gen.claimableRevenue(who);
                uint256 before = token.balanceOf(who);
                if (due == 0) vm.expectRevert(abi.encodeWithSelector(IGenerator.NothingToClaim.selector, who));
                vm.prank(who);
                gen.claimRevenue();
                assertEq(token.balanceOf(who), before + due, "a claim pays exactly what was claimable");
                claimed += due;
            }
            _assertConserved(paid, claimed, everHeld);
        }
    }

    function _assertConserved(uint256 paid, uint256 claimed, bool[HOLDERS] memory everHeld) internal view {
        uint256 claimable;
        uint256 holdersEver;
        for (uint256 i; i < HOLDERS; ++i) {
            claimable += gen.claimableRevenue(holders[i]);
            if (everHeld[i]) ++holdersEver;
        }
        assertEq(gen.claimableRevenue(buyer), 0, "a non-holder has nothing");
        assertLe(claimed + claimable, paid, "never more owed than paid");
        assertLt(paid - claimed - claimable, holdersEver, "dust below one unit per account that ever held shares");
        assertEq(token.balanceOf(address(gen)), paid - claimed, "generator holds paid - claimed");
        assertEq(gen.state().cumulativeRevenueWei, paid, "revenue counts every payment");
    }
}
