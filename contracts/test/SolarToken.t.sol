// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TestBase} from "./Vm.sol";
import {SolarToken} from "../token/SolarToken.sol";
import {SolarTokenSale} from "../token/SolarTokenSale.sol";
import {ISolarTokenSale} from "../token/ISolarTokenSale.sol";

/// @dev A treasury that refuses ether, to show it cannot block buyers (proceeds are pulled, not pushed).
contract RejectingTreasury {
    receive() external payable {
        revert("no ether");
    }
}

/// @dev DX10: the Solar Token (capped, owner-minted, EIP-2612 permit) and its fixed-price initial sale.
contract SolarTokenTest is TestBase {
    uint256 internal constant CAP = 21_000_000e18;
    uint256 internal constant OWNER_KEY = 0xA11CE;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    SolarToken internal token;
    address internal owner;
    address internal spender;
    address internal stranger;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new SolarToken(CAP, address(this));
        owner = vm.addr(OWNER_KEY);
        spender = actor("spender");
        stranger = actor("stranger");
    }

    // ------------------------------------------------------------------ token

    function test_DX10_capFixedAtDeployment() public {
        assertEq(token.cap(), CAP, "cap");
        assertEq(token.totalSupply(), 0, "nothing minted at deployment");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.name(), "Solar Token", "name");
        assertEq(token.symbol(), "SOLAR", "symbol");
        // The cap is immutable: minting it all and burning nothing leaves it where it was.
        token.mint(owner, CAP);
        assertEq(token.totalSupply(), CAP, "supply at cap");
        assertEq(token.cap(), CAP, "cap unchanged");
    }

    function test_DX10_zeroCapRejected() public {
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20InvalidCap.selector, 0));
        new SolarToken(0, address(this));
    }

    function test_DX10_mintUpToCap() public {
        token.mint(owner, CAP - 1);
        token.mint(stranger, 1);
        assertEq(token.balanceOf(owner), CAP - 1, "owner balance");
        assertEq(token.balanceOf(stranger), 1, "stranger balance");
    }

    function test_DX10_mint_revertsPastCap() public {
        token.mint(owner, CAP - 5);
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, CAP + 1, CAP));
        token.mint(owner, 6);
        assertEq(token.totalSupply(), CAP - 5, "supply unchanged");
    }

    function test_DX10_mint_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        token.mint(stranger, 1);
        assertEq(token.totalSupply(), 0, "nothing minted");
    }

    function test_DX10_mint_newOwnerAfterTransferOfOwnership() public {
        token.transferOwnership(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        token.mint(stranger, 1);
        vm.prank(stranger);
        token.mint(stranger, 7);
        assertEq(token.balanceOf(stranger), 7, "new owner mints");
    }

    function _permitDigest(address holder, address to, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, holder, to, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function test_DX10_permit_setsAllowanceAndSpends() public {
        token.mint(owner, 100e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(OWNER_KEY, _permitDigest(owner, spender, 40e18, 0, deadline));
        // Anyone may relay the signature: here a stranger pays the gas.
        vm.prank(stranger);
        token.permit(owner, spender, 40e18, deadline, v, r, s);
        assertEq(token.allowance(owner, spender), 40e18, "allowance from permit");
        assertEq(token.nonces(owner), 1, "nonce used");
        vm.prank(spender);
        token.transferFrom(owner, spender, 40e18);
        assertEq(token.balanceOf(spender), 40e18, "spender got the tokens");
    }

    function test_DX10_permit_revertsOnReplay() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = _permitDigest(owner, spender, 1e18, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(OWNER_KEY, digest);
        token.permit(owner, spender, 1e18, deadline, v, r, s);
        // With the nonce now 1 the same signature recovers some other address.
        address recovered = ecrecover(_permitDigest(owner, spender, 1e18, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, spender, 1e18, deadline, v, r, s);
    }

    function test_DX10_permit_revertsForWrongSigner() public {
        uint256 otherKey = 0xB0B;
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, _permitDigest(owner, spender, 1e18, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, vm.addr(otherKey), owner));
        token.permit(owner, spender, 1e18, deadline, v, r, s);
        assertEq(token.allowance(owner, spender), 0, "no allowance");
    }

    function test_DX10_permit_revertsWhenExpired() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(OWNER_KEY, _permitDigest(owner, spender, 1e18, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, spender, 1e18, deadline, v, r, s);
    }

    // ------------------------------------------------------------------ sale

    uint256 internal constant PRICE = 1e15; // 0.001 ether per whole token
    uint256 internal constant TRANCHE = 1_000_000e18;
    address internal constant TREASURY = address(0x7EA5);

    function _sale() internal returns (SolarTokenSale sale) {
        sale = new SolarTokenSale(IERC20(address(token)), TREASURY, PRICE, TRANCHE, uint64(block.timestamp + 30 days));
        token.mint(address(sale), TRANCHE);
    }

    function _buy(SolarTokenSale sale, address who, uint256 value) internal returns (uint256 bought) {
        vm.deal(who, value);
        vm.prank(who);
        bought = sale.buy{value: value}();
    }

    function test_DX10_sale_buysAtFixedPrice() public {
        SolarTokenSale sale = _sale();
        vm.deal(stranger, 1 ether);
        vm.expectEmit(true, true, true, true, address(sale));
        emit ISolarTokenSale.TokensPurchased(stranger, 1 ether, 1_000e18);
        vm.prank(stranger);
        uint256 bought = sale.buy{value: 1 ether}();
        assertEq(bought, 1_000e18, "1 ether buys 1,000 tokens at 0.001 ether each");
        assertEq(token.balanceOf(stranger), 1_000e18, "buyer balance");
        assertEq(sale.soldTokenWei(), 1_000e18, "sold");
        assertEq(sale.remainingTokenWei(), TRANCHE - 1_000e18, "remaining");
        assertEq(address(sale).balance, 1 ether, "ether held for the treasury");
    }

    function test_DX10_sale_roundsInTreasuryFavour() public {
        // 3 wei per whole token: 1 wei buys 10^18 / 3 base units, rounded down.
        SolarTokenSale sale =
            new SolarTokenSale(IERC20(address(token)), TREASURY, 3, TRANCHE, uint64(block.timestamp + 1 days));
        token.mint(address(sale), TRANCHE);
        uint256 bought = _buy(sale, stranger, 1);
        assertEq(bought, 333_333_333_333_333_333, "floor(1e18 / 3)");
        // What the buyer got is worth no more than what they paid.
        assertLe(bought * 3, 1e18, "tokens * price <= paid * 1e18");
    }

    function test_DX10_sale_revertsWhenPaymentTooSmall() public {
        SolarTokenSale sale =
            new SolarTokenSale(IERC20(address(token)), TREASURY, 2e18, TRANCHE, uint64(block.timestamp + 1 days));
        token.mint(address(sale), TRANCHE);
        vm.deal(stranger, 1);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.PaymentTooSmall.selector, 1, 2e18));
        vm.prank(stranger);
        sale.buy{value: 1}();
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.PaymentTooSmall.selector, 0, 2e18));
        sale.buy{value: 0}();
    }

    function test_DX10_sale_revertsPastTranche() public {
        SolarTokenSale sale = _sale();
        _buy(sale, stranger, 999 ether); // 999,000 tokens: 1,000 remain
        vm.deal(spender, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.TrancheExceeded.selector, 2_000e18, 1_000e18));
        vm.prank(spender);
        sale.buy{value: 2 ether}();
        // Exactly what remains still sells.
        assertEq(_buy(sale, spender, 1 ether), 1_000e18, "last 1,000 tokens");
        assertEq(sale.remainingTokenWei(), 0, "sold out");
    }

    function test_DX10_sale_closedAfterDeadline() public {
        SolarTokenSale sale = _sale();
        uint64 deadline = sale.deadline();
        vm.warp(deadline);
        assertEq(_buy(sale, stranger, 1 ether), 1_000e18, "still open at the deadline itself");
        vm.warp(uint256(deadline) + 1);
        vm.deal(spender, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.SaleClosed.selector, deadline, uint256(deadline) + 1));
        vm.prank(spender);
        sale.buy{value: 1 ether}();
    }

    function test_DX10_sale_proceedsWithdrawnToTreasury() public {
        SolarTokenSale sale = _sale();
        _buy(sale, stranger, 3 ether);
        vm.expectEmit(true, true, true, true, address(sale));
        emit ISolarTokenSale.ProceedsWithdrawn(TREASURY, 3 ether);
        vm.prank(spender); // anyone may push the proceeds; they only ever go to the treasury
        sale.withdrawProceeds();
        assertEq(TREASURY.balance, 3 ether, "treasury paid");
        assertEq(address(sale).balance, 0, "sale emptied");
        vm.expectRevert(ISolarTokenSale.NothingToWithdraw.selector);
        sale.withdrawProceeds();
    }

    function test_DX10_sale_rejectingTreasuryDoesNotBlockBuyers() public {
        RejectingTreasury bad = new RejectingTreasury();
        SolarTokenSale sale = new SolarTokenSale(
            IERC20(address(token)), address(bad), PRICE, TRANCHE, uint64(block.timestamp + 1 days)
        );
        token.mint(address(sale), TRANCHE);
        _buy(sale, stranger, 1 ether);
        vm.expectRevert(abi.encodeWithSignature("Error(string)", "no ether"));
        sale.withdrawProceeds();
        assertEq(_buy(sale, spender, 1 ether), 1_000e18, "buyers still served");
    }

    function test_DX10_sale_reclaimUnsoldOnlyAfterDeadline() public {
        SolarTokenSale sale = _sale();
        _buy(sale, stranger, 1 ether);
        uint64 deadline = sale.deadline();
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.SaleStillOpen.selector, deadline, uint256(deadline)));
        sale.reclaimUnsold();

        vm.warp(uint256(deadline) + 1);
        vm.expectEmit(true, true, true, true, address(sale));
        emit ISolarTokenSale.UnsoldReclaimed(TREASURY, TRANCHE - 1_000e18);
        sale.reclaimUnsold();
        assertEq(token.balanceOf(TREASURY), TRANCHE - 1_000e18, "unsold back to treasury");
        assertEq(token.balanceOf(stranger), 1_000e18, "buyer keeps what was bought");
        vm.expectRevert(ISolarTokenSale.NothingToWithdraw.selector);
        sale.reclaimUnsold();
    }

    function test_DX10_sale_invalidConstructorParameters() public {
        IERC20 t = IERC20(address(token));
        uint64 later = uint64(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.InvalidSaleParameter.selector, "token"));
        new SolarTokenSale(IERC20(address(0)), TREASURY, PRICE, TRANCHE, later);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.InvalidSaleParameter.selector, "treasury"));
        new SolarTokenSale(t, address(0), PRICE, TRANCHE, later);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.InvalidSaleParameter.selector, "priceWeiPerToken"));
        new SolarTokenSale(t, TREASURY, 0, TRANCHE, later);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.InvalidSaleParameter.selector, "trancheTokenWei"));
        new SolarTokenSale(t, TREASURY, PRICE, 0, later);
        vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.InvalidSaleParameter.selector, "deadline"));
        new SolarTokenSale(t, TREASURY, PRICE, TRANCHE, uint64(block.timestamp));
        // The same parameters with a future deadline deploy.
        SolarTokenSale ok = new SolarTokenSale(t, TREASURY, PRICE, TRANCHE, later);
        assertEq(ok.deadline(), later, "deadline stored");
    }

    function testFuzz_DX10_sale_neverGivesMoreThanPaidFor(uint256 value, uint256 price) public {
        price = bound(price, 1, 1e24);
        // Up to the whole tranche (21 million tokens) at this price, so the tranche never runs out.
        value = bound(value, 0, price * 21_000_000);
        SolarTokenSale sale = new SolarTokenSale(
            IERC20(address(token)), TREASURY, price, CAP, uint64(block.timestamp + 1 days)
        );
        token.mint(address(sale), CAP);
        uint256 expected = value * 1e18 / price;
        vm.deal(stranger, value);
        if (expected == 0) {
            vm.expectRevert(abi.encodeWithSelector(ISolarTokenSale.PaymentTooSmall.selector, value, price));
            vm.prank(stranger);
            sale.buy{value: value}();
            return;
        }
        vm.prank(stranger);
        uint256 bought = sale.buy{value: value}();
        assertEq(bought, expected, "floor(value * 1e18 / price)");
        assertLe(bought * price, value * 1e18, "treasury never short-changed");
        assertLt(value * 1e18 - bought * price, price, "and the buyer loses less than one base unit's worth");
    }
}
