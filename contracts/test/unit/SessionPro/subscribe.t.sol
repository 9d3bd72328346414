// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeePayment} from "../../../src/interfaces/IFeePayment.sol";
import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {ISessionPro} from "../../../src/interfaces/ISessionPro.sol";
import {IUsdPricing} from "../../../src/interfaces/IUsdPricing.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice `subscribe`: pays the plan's USD price in SESH through the router, extends from
/// `max(now, expiry)`; `isPro` and `proExpiry`.
contract SessionProUnitTest_subscribe is FeesBaseTest {
    bytes internal id;
    bytes32 internal key;

    function setUp() public override {
        super.setUp();
        _fundAndApprove(alice, address(pro), 100_000 * SESH);
        id = _sessionId("alice");
        key = _sessionKey("alice");
    }

    function test_Subscribe() public {
        uint256 supply = token.totalSupply();
        uint256 poolBefore = token.balanceOf(address(pool));
        uint64 expiry = uint64(block.timestamp) + MONTHLY_DURATION;

        vm.expectEmit(address(router));
        emit IFeeRouter.FeesRouted(
            address(pro), MONTHLY_SESH, MONTHLY_SESH - MONTHLY_SESH / 10, MONTHLY_SESH / 10
        );
        vm.expectEmit(address(pro));
        emit IFeePayment.FeePaid(alice, MONTHLY_USD, MONTHLY_SESH, PRICE);
        vm.expectEmit(address(pro));
        emit ISessionPro.Subscribed(key, MONTHLY, alice, expiry, MONTHLY_USD, MONTHLY_SESH);
        vm.prank(alice);
        (uint64 newExpiry, uint256 paid) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);

        assertEq(newExpiry, expiry);
        assertEq(paid, MONTHLY_SESH);
        assertEq(pro.proExpiry(id), expiry);
        assertTrue(pro.isPro(id));
        assertEq(token.balanceOf(alice), 100_000 * SESH - MONTHLY_SESH);
        assertEq(token.balanceOf(address(pool)), poolBefore + MONTHLY_SESH - MONTHLY_SESH / 10);
        assertEq(token.balanceOf(address(liquidity)), MONTHLY_SESH / 10);
        assertEq(token.balanceOf(address(pro)), 0);
        assertEq(token.balanceOf(address(router)), 0);
        assertEq(token.totalSupply(), supply);
    }

    function test_QuotePlan() public view {
        (uint256 usd, uint256 sesh) = pro.quotePlan(MONTHLY);
        assertEq(usd, MONTHLY_USD);
        assertEq(sesh, MONTHLY_SESH);
        (usd, sesh) = pro.quotePlan(YEARLY);
        assertEq(usd, YEARLY_USD);
        assertEq(sesh, 999_800_000_000);
    }

    function test_RenewalBeforeExpiryExtendsFromExpiry() public {
        vm.startPrank(alice);
        (uint64 first,) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);
        vm.stopPrank();
        _skipAndRefresh(10 days);
        vm.prank(alice);
        (uint64 second,) = pro.subscribe(id, YEARLY, type(uint256).max);
        assertEq(second, first + YEARLY_DURATION, "no paid time lost");
        assertEq(pro.proExpiry(id), second);
    }

    function test_RenewalAfterLapseStartsFromNow() public {
        vm.prank(alice);
        (uint64 first,) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);
        _warpAndRefresh(first + 5 days);
        assertFalse(pro.isPro(id));
        vm.prank(alice);
        (uint64 second,) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);
        assertEq(second, block.timestamp + MONTHLY_DURATION);
        assertTrue(pro.isPro(id));
    }

    function testFuzz_RenewalExtends(uint256 gap, uint256 renewals) public {
        renewals = bound(renewals, 1, 5);
        uint256 expected = block.timestamp;
        for (uint256 i; i < renewals; ++i) {
            gap = bound(uint256(keccak256(abi.encode(gap, i))), 0, 60 days);
            _skipAndRefresh(gap);
            uint256 start = expected > block.timestamp ? expected : block.timestamp;
            expected = start + MONTHLY_DURATION;
            vm.prank(alice);
            (uint64 expiry,) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);
            assertEq(expiry, expected);
        }
        assertEq(pro.proExpiry(id), expected);
    }

    function test_IsProBoundary() public {
        vm.prank(alice);
        (uint64 expiry,) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);
        vm.warp(expiry - 1);
        assertTrue(pro.isPro(id));
        vm.warp(expiry);
        assertFalse(pro.isPro(id));
    }

    function test_AnyoneMayPayForAnyId() public {
        _fundAndApprove(bob, address(pro), MONTHLY_SESH);
        vm.prank(bob);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH);
        assertTrue(pro.isPro(id));
        assertFalse(pro.isPro(_sessionId("bob")));
        assertEq(pro.proExpiry(_sessionId("bob")), 0);
    }

    function test_PriceFollowsTheFeed() public {
        vm.prank(governance);
        feed.setAnswer(PRICE * 2); // SESH doubles: half the SESH for the same USD
        vm.prank(alice);
        (, uint256 paid) = pro.subscribe(id, MONTHLY, MONTHLY_SESH);
        assertEq(paid, MONTHLY_SESH / 2);
    }

    function test_RevertWhen_PriceAboveMax() public {
        vm.expectRevert(
            abi.encodeWithSelector(IUsdPricing.PriceAboveMax.selector, MONTHLY_SESH, MONTHLY_SESH - 1)
        );
        vm.prank(alice);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH - 1);
    }

    function testFuzz_RevertWhen_PriceMovedPastSlippage(int256 price) public {
        price = bound(price, MIN_ANSWER, PRICE - 1); // SESH got cheaper: more SESH owed
        vm.prank(governance);
        feed.setAnswer(price);
        uint256 required = _sesh(MONTHLY_USD, price, FEED_DECIMALS);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.PriceAboveMax.selector, required, MONTHLY_SESH));
        vm.prank(alice);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH);
    }

    function test_RevertWhen_PriceStale() public {
        uint256 updatedAt = block.timestamp;
        skip(MAX_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsdPricing.StalePrice.selector, updatedAt, MAX_AGE, block.timestamp)
        );
        vm.prank(alice);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH);
    }

    function test_RevertWhen_PriceZero() public {
        vm.prank(governance);
        feed.setAnswer(0);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.NonPositivePrice.selector, int256(0)));
        vm.prank(alice);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH);
    }

    function test_RevertWhen_PriceNegative() public {
        vm.prank(governance);
        feed.setAnswer(-1);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.NonPositivePrice.selector, int256(-1)));
        vm.prank(alice);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH);
    }

    function test_RevertWhen_PriceOutOfBounds() public {
        vm.prank(governance);
        feed.setAnswer(MAX_ANSWER + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsdPricing.PriceOutOfBounds.selector, int256(MAX_ANSWER) + 1, MIN_ANSWER, MAX_ANSWER
            )
        );
        vm.prank(alice);
        pro.subscribe(id, MONTHLY, type(uint256).max);
    }

    function test_RevertWhen_UnknownPlan() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionPro.UnknownPlan.selector, 3));
        vm.prank(alice);
        pro.subscribe(id, 3, MONTHLY_SESH);
    }

    function test_RevertWhen_SessionIdPrefixWrong() public {
        bytes memory bad = abi.encodePacked(bytes1(0x15), _sessionKey("alice"));
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.InvalidSessionId.selector, bad));
        vm.prank(alice);
        pro.subscribe(bad, MONTHLY, MONTHLY_SESH);
    }

    function testFuzz_RevertWhen_SessionIdLengthWrong(bytes memory bad) public {
        vm.assume(bad.length != 33); // excludes one length, not a range
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.InvalidSessionId.selector, bad));
        vm.prank(alice);
        pro.subscribe(bad, MONTHLY, MONTHLY_SESH);
    }

    function test_RevertWhen_IsProGivenBadId() public {
        bytes memory bad = abi.encodePacked(_sessionKey("alice"));
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.InvalidSessionId.selector, bad));
        pro.isPro(bad);
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.InvalidSessionId.selector, bad));
        pro.proExpiry(bad);
    }

    function test_RevertWhen_AllowanceTooLow() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(pro), 0, MONTHLY_SESH
            )
        );
        vm.prank(bob);
        pro.subscribe(id, MONTHLY, MONTHLY_SESH);
    }
}
