// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {TestBase} from "../Vm.sol";
import {TestToken} from "./TestToken.sol";
import {SolarToken} from "../../token/SolarToken.sol";
import {PoolFactory} from "../../energy/PoolFactory.sol";
import {IPoolFactory} from "../../energy/IPoolFactory.sol";
import {ConstantProductPool} from "../../energy/ConstantProductPool.sol";
import {IConstantProductPool} from "../../energy/IConstantProductPool.sol";

/// @dev MX6: the constant-product pool and its factory; fuzzed invariants: the product of the reserves never falls
/// across swaps, shares never redeem for more than their part, and every rounding favours the pool.
contract PoolTest is TestBase {
    uint256 internal constant START = 1_780_000_000;
    uint256 internal constant MAX = 1e30; // fuzzed amounts, well inside uint112 reserves
    uint256 internal constant LOCKED = 1000;
    address internal constant DEAD = 0x000000000000000000000000000000000000dEaD;

    PoolFactory internal factory;
    TestToken internal tokenA;
    TestToken internal tokenB;
    ConstantProductPool internal pool;
    IERC20 internal t0;
    IERC20 internal t1;
    address internal lp;
    address internal lp2;
    address internal trader;

    function setUp() public {
        vm.warp(START);
        lp = actor("lp");
        lp2 = actor("lp2");
        trader = actor("trader");
        factory = new PoolFactory();
        tokenA = new TestToken("GREEN");
        tokenB = new TestToken("KWH");
        pool = ConstantProductPool(factory.createPool(address(tokenA), address(tokenB)));
        (t0, t1) = (pool.token0(), pool.token1());
        address[3] memory people = [lp, lp2, trader];
        for (uint256 i; i < people.length; ++i) {
            tokenA.mint(people[i], 1e33);
            tokenB.mint(people[i], 1e33);
            vm.startPrank(people[i]);
            tokenA.approve(address(pool), type(uint256).max);
            tokenB.approve(address(pool), type(uint256).max);
            vm.stopPrank();
        }
    }

    function _add(address who, uint256 a0, uint256 a1) internal returns (uint256 shares) {
        vm.prank(who);
        (,, shares) = pool.addLiquidity(a0, a1, 0, 0, who, block.timestamp);
    }

    function _swap(address tokenIn, uint256 amountIn) internal returns (uint256 out) {
        vm.prank(trader);
        out = pool.swapExactIn(tokenIn, amountIn, 0, trader, block.timestamp);
    }

    function _product() internal view returns (uint256) {
        (uint112 r0, uint112 r1) = pool.getReserves();
        return uint256(r0) * r1;
    }

    function _assertReservesAreBalances() internal view {
        (uint112 r0, uint112 r1) = pool.getReserves();
        assertEq(t0.balanceOf(address(pool)), r0, "reserve0 = balance0");
        assertEq(t1.balanceOf(address(pool)), r1, "reserve1 = balance1");
    }

    // ------------------------------------------------------------------ factory

    function test_createPool_MX6_onePerPairInEitherOrder() public {
        assertEq(factory.getPool(address(tokenA), address(tokenB)), address(pool), "A/B");
        assertEq(factory.getPool(address(tokenB), address(tokenA)), address(pool), "B/A");
        assertEq(factory.poolCount(), 1, "count");
        assertEq(factory.poolAt(0), address(pool), "first");
        assertTrue(address(t0) < address(t1), "sorted");
        assertEq(pool.factory(), address(factory), "factory");
        vm.expectRevert(
            abi.encodeWithSelector(IPoolFactory.PoolExists.selector, address(tokenB), address(tokenA), address(pool))
        );
        factory.createPool(address(tokenB), address(tokenA));
        vm.expectRevert(
            abi.encodeWithSelector(IConstantProductPool.InvalidPair.selector, address(tokenA), address(tokenA))
        );
        factory.createPool(address(tokenA), address(tokenA));
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.InvalidPair.selector, address(0), address(tokenA)));
        factory.createPool(address(tokenA), address(0));
    }

    function test_createPool_MX6_anyPairWithTheSolarToken() public {
        SolarToken solar = new SolarToken(1e30, address(this));
        vm.expectEmit(true, true, true, false, address(factory));
        (address lo, address hi) =
            address(solar) < address(tokenB) ? (address(solar), address(tokenB)) : (address(tokenB), address(solar));
        emit IPoolFactory.PoolCreated(lo, hi, address(0), 2);
        address p = factory.createPool(address(solar), address(tokenB));
        assertEq(factory.getPool(address(tokenB), address(solar)), p, "SOLAR/KWH");
        assertEq(factory.poolCount(), 2, "two pools");
    }

    // ------------------------------------------------------------------ liquidity

    function test_addLiquidity_MX6_firstDepositLocksTheMinimum() public {
        vm.expectEmit(true, true, true, true, address(pool));
        emit IConstantProductPool.LiquidityAdded(lp, lp, 4e18, 1e18, 2e18 - LOCKED);
        uint256 shares = _add(lp, 4e18, 1e18);
        assertEq(shares, 2e18 - LOCKED, "sqrt(4e18 * 1e18) - 1000");
        assertEq(pool.balanceOf(DEAD), LOCKED, "locked for ever");
        assertEq(pool.totalSupply(), 2e18, "supply");
        (uint112 r0, uint112 r1) = pool.getReserves();
        assertEq(r0, 4e18, "reserve0");
        assertEq(r1, 1e18, "reserve1");
        _assertReservesAreBalances();
    }

    function test_addLiquidity_MX6_firstDepositTooSmall() public {
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.InsufficientLiquidityMinted.selector, 1000));
        _add(lp, 1000, 1000);
    }

    function test_addLiquidity_MX6_takesOnlyTheProportionalAmount() public {
        _add(lp, 4e18, 1e18);
        vm.prank(lp2);
        (uint256 a0, uint256 a1, uint256 shares) = pool.addLiquidity(2e18, 2e18, 0, 0, lp2, block.timestamp);
        assertEq(a0, 2e18, "all of token0");
        assertEq(a1, 0.5e18, "token1 in proportion");
        assertEq(shares, 1e18, "half the supply again");
        // Now 6e18 : 1.5e18 with 3e18 shares. 3 wei of token0 take ceil(0.75) = 1 wei of token1 (rounded up) and
        // earn min(floor(1.5), floor(2)) = 1 share (rounded down).
        vm.prank(lp2);
        (a0, a1, shares) = pool.addLiquidity(3, 1e18, 0, 0, lp2, block.timestamp);
        assertEq(a0, 3, "all of token0");
        assertEq(a1, 1, "token1 rounded up");
        assertEq(shares, 1, "shares rounded down");
        // 1 wei earns floor(0.5) = 0 shares: refused rather than taken for nothing.
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.InsufficientLiquidityMinted.selector, 0));
        vm.prank(lp2);
        pool.addLiquidity(1, 1e18, 0, 0, lp2, block.timestamp);
    }

    function test_addLiquidity_MX6_slippageAndDeadline() public {
        _add(lp, 4e18, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IConstantProductPool.InsufficientAmount.selector, address(t1), 0.5e18, 0.6e18)
        );
        vm.prank(lp2);
        pool.addLiquidity(2e18, 2e18, 0, 0.6e18, lp2, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IConstantProductPool.Expired.selector, block.timestamp - 1, block.timestamp)
        );
        vm.prank(lp2);
        pool.addLiquidity(2e18, 2e18, 0, 0, lp2, block.timestamp - 1);
    }

    function test_removeLiquidity_MX6_proportionalRoundedDown() public {
        uint256 shares = _add(lp, 3e18, 7e18);
        uint256 supply = pool.totalSupply();
        vm.prank(lp);
        (uint256 a0, uint256 a1) = pool.removeLiquidity(shares / 3, 0, 0, lp, block.timestamp);
        assertEq(a0, (shares / 3) * 3e18 / supply, "token0 rounded down");
        assertEq(a1, (shares / 3) * 7e18 / supply, "token1 rounded down");
        _assertReservesAreBalances();
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, lp2, 0, 1)
        );
        vm.prank(lp2);
        pool.removeLiquidity(1, 0, 0, lp2, block.timestamp);
    }

    function test_removeLiquidity_MX6_slippageProtected() public {
        uint256 shares = _add(lp, 1e18, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConstantProductPool.InsufficientAmount.selector, address(t0), 1e18 - LOCKED, 1e18
            )
        );
        vm.prank(lp);
        pool.removeLiquidity(shares, 1e18, 0, lp, block.timestamp);
    }

    // ------------------------------------------------------------------ swaps

    function test_swapExactIn_MX6_paysTheConstantProductPriceLessTheFee() public {
        _add(lp, 1_000e18, 1_000e18);
        uint256 expected = uint256(10e18) * 997 * 1_000e18 / (uint256(1_000e18) * 1000 + 10e18 * 997);
        assertEq(pool.quoteExactIn(address(t0), 10e18), expected, "quote");
        uint256 before = t1.balanceOf(trader);
        vm.expectEmit(true, true, true, true, address(pool));
        emit IConstantProductPool.Swap(
            trader, address(t0), trader, 10e18, expected, uint112(1_010e18), uint112(1_000e18 - expected)
        );
        uint256 out = _swap(address(t0), 10e18);
        assertEq(out, expected, "out");
        assertEq(t1.balanceOf(trader) - before, expected, "received");
        _assertReservesAreBalances();
    }

    function test_swapExactIn_MX6_feeStaysWithTheProviders() public {
        uint256 shares = _add(lp, 1_000e18, 1_000e18);
        uint256 k0 = _product();
        for (uint256 i; i < 10; ++i) {
            _swap(address(t0), 50e18);
            _swap(address(t1), 50e18);
        }
        assertTrue(_product() > k0, "fees grew the product");
        vm.prank(lp);
        (uint256 a0, uint256 a1) = pool.removeLiquidity(shares, 0, 0, lp, block.timestamp);
        // Back and forth trades leave the pool near its price; the provider takes out more than it put in on both.
        assertTrue(a0 + a1 > 2_000e18 - 2 * LOCKED, "provider earned the fees");
    }

    function test_swapExactIn_MX6_minimumOutDeadlineAndToken() public {
        _add(lp, 1_000e18, 1_000e18);
        uint256 q = pool.quoteExactIn(address(t1), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.InsufficientOutput.selector, q, q + 1));
        vm.prank(trader);
        pool.swapExactIn(address(t1), 1e18, q + 1, trader, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.Expired.selector, START - 1, START));
        vm.prank(trader);
        pool.swapExactIn(address(t1), 1e18, 0, trader, START - 1);
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.UnknownToken.selector, address(this)));
        vm.prank(trader);
        pool.swapExactIn(address(this), 1e18, 0, trader, START);
        vm.expectRevert(IConstantProductPool.ZeroAmount.selector);
        vm.prank(trader);
        pool.swapExactIn(address(t1), 0, 0, trader, START);
        // A trade too small to be worth one unit out is refused rather than taken for nothing.
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.InsufficientOutput.selector, 0, 0));
        vm.prank(trader);
        pool.swapExactIn(address(t1), 1, 0, trader, START);
    }

    function test_swapExactIn_MX6_emptyPoolPaysNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IConstantProductPool.InsufficientOutput.selector, 0, 0));
        _swap(address(t0), 1e18);
    }

    function test_sync_MX6_tokensSentToThePoolGoToTheProviders() public {
        uint256 shares = _add(lp, 1_000e18, 1_000e18);
        TestToken(address(t0)).mint(address(pool), 100e18); // e.g. the pool's part of a payment's reward
        vm.expectEmit(true, true, true, true, address(pool));
        emit IConstantProductPool.Sync(uint112(1_100e18), uint112(1_000e18));
        pool.sync();
        vm.prank(lp);
        (uint256 a0,) = pool.removeLiquidity(shares, 0, 0, lp, block.timestamp);
        assertTrue(a0 > 1_099e18, "the gift went to the provider");
    }

    // ------------------------------------------------------------------ fuzzed invariants

    /// @dev Across any sequence of swaps either way, the product of the reserves never falls, and the reserves stay
    /// equal to the balances.
    function testFuzz_swap_MX6_productNeverFalls(uint256 seed, uint256 depth0, uint256 depth1) public {
        _add(lp, bound(depth0, 1e6, MAX), bound(depth1, 1e6, MAX));
        uint256 k = _product();
        for (uint256 i; i < 12; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address tokenIn = r % 2 == 0 ? address(t0) : address(t1);
            uint256 amountIn = bound(r >> 8, 1, 10 ** bound(r >> 128, 0, 30));
            if (pool.quoteExactIn(tokenIn, amountIn) == 0) continue;
            _swap(tokenIn, amountIn);
            uint256 next = _product();
            assertTrue(next >= k, "product fell");
            k = next;
        }
        _assertReservesAreBalances();
    }

    /// @dev Each swap pays out no more than the exact (real-valued) constant-product amount after the fee, and a
    /// round trip never returns more than was put in.
    function testFuzz_swap_MX6_roundsInThePoolsFavour(uint256 r0, uint256 r1, uint256 amountIn) public {
        r0 = bound(r0, 1e6, MAX);
        r1 = bound(r1, 1e6, MAX);
        amountIn = bound(amountIn, 1, MAX);
        _add(lp, r0, r1);
        uint256 out = pool.quoteExactIn(address(t0), amountIn);
        vm.assume(out > 0);
        // out <= amountIn * 997 * r1 / (r0 * 1000 + amountIn * 997), checked by cross-multiplying.
        assertTrue(out * (r0 * 1000 + amountIn * 997) <= amountIn * 997 * r1, "rounded down");
        _swap(address(t0), amountIn);
        if (pool.quoteExactIn(address(t1), out) == 0) return;
        uint256 back = _swap(address(t1), out);
        assertTrue(back < amountIn, "round trip returns less");
    }

    /// @dev Several providers deposit, traders trade, everyone withdraws: nobody redeems more than shares / supply of
    /// each reserve, a deposit withdrawn at once returns no more than was taken, and the locked shares keep a
    /// remainder in the pool.
    function testFuzz_removeLiquidity_MX6_sharesRedeemForNoMoreThanTheirPart(
        uint256 seed,
        uint256 a0,
        uint256 a1,
        uint256 b0,
        uint256 b1
    ) public {
        uint256 lpShares = _add(lp, bound(a0, 1e6, MAX), bound(a1, 1e6, MAX));
        (b0, b1) = (bound(b0, 1, MAX), bound(b1, 1, MAX));
        (uint112 d0, uint112 d1) = pool.getReserves();
        // A deposit too small for one share is refused (tested elsewhere); draw another.
        vm.assume(b0 * pool.totalSupply() >= d0 && b1 * pool.totalSupply() >= d1);
        vm.prank(lp2);
        (uint256 took0, uint256 took1, uint256 lp2Shares) = pool.addLiquidity(b0, b1, 0, 0, lp2, block.timestamp);
        {
            // Withdrawn at once, the second deposit returns no more than it took.
            (uint112 r0, uint112 r1) = pool.getReserves();
            uint256 supply = pool.totalSupply();
            uint256 back0 = lp2Shares * r0 / supply;
            uint256 back1 = lp2Shares * r1 / supply;
            assertLe(back0, took0, "token0 back <= deposited");
            assertLe(back1, took1, "token1 back <= deposited");
        }
        for (uint256 i; i < 6; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address tokenIn = r % 2 == 0 ? address(t0) : address(t1);
            uint256 amountIn = bound(r >> 8, 1, 10 ** bound(r >> 128, 0, 29));
            if (pool.quoteExactIn(tokenIn, amountIn) == 0) continue;
            _swap(tokenIn, amountIn);
        }
        _redeemAndCheck(lp2, lp2Shares);
        _redeemAndCheck(lp, lpShares);
        (uint112 f0, uint112 f1) = pool.getReserves();
        assertTrue(f0 > 0 && f1 > 0, "the locked shares' part stays");
        assertEq(pool.totalSupply(), LOCKED, "only the locked shares left");
        _assertReservesAreBalances();
    }

    function _redeemAndCheck(address who, uint256 shares) internal {
        (uint112 r0, uint112 r1) = pool.getReserves();
        uint256 supply = pool.totalSupply();
        vm.prank(who);
        (uint256 out0, uint256 out1) = pool.removeLiquidity(shares, 0, 0, who, block.timestamp);
        assertTrue(out0 * supply <= shares * uint256(r0), "token0 <= shares' part");
        assertTrue(out1 * supply <= shares * uint256(r1), "token1 <= shares' part");
    }
}
