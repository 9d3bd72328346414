// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../../../src/interfaces/IAggregatorV3.sol";
import {IUsdPricing} from "../../../src/interfaces/IUsdPricing.sol";
import {MockAggregatorV3} from "../../mocks/MockAggregatorV3.sol";
import {UsdPricingHarness} from "./UsdPricingHarness.sol";
import {Test} from "forge-std/Test.sol";

/// @notice `UsdPricing`: every refusal with its values, the rounding (up, for the network), and
/// feed decimals other than 8.
contract UsdPricingUnitTest_seshForUsd is Test {
    uint256 internal constant NOW = 1_750_000_000;
    uint32 internal constant MAX_AGE = 1 hours;
    int128 internal constant MIN = 100_000; // $0.001 at 8 decimals
    int128 internal constant MAX = 100_000_000_000; // $1,000
    int256 internal constant PRICE = 5_000_000; // $0.05

    UsdPricingHarness internal h;
    MockAggregatorV3 internal feed;
    IUsdPricing.PriceFeed internal f;

    function setUp() public {
        vm.warp(NOW);
        h = new UsdPricingHarness();
        feed = new MockAggregatorV3(8);
        feed.set(7, PRICE, NOW, 7);
        f = IUsdPricing.PriceFeed({
            feed: IAggregatorV3(address(feed)), decimals: 8, maxAge: MAX_AGE, minAnswer: MIN, maxAnswer: MAX
        });
    }

    function test_SeshForUsd() public view {
        // $4.99 at $0.05 = 99.8 SESH
        (uint256 sesh, int256 answer) = h.seshForUsd(f, 4_990_000);
        assertEq(sesh, 99_800_000_000);
        assertEq(answer, PRICE);
        // $1 at $0.05 = 20 SESH
        (sesh,) = h.seshForUsd(f, 1_000_000);
        assertEq(sesh, 20_000_000_000);
        (sesh,) = h.seshForUsd(f, 0);
        assertEq(sesh, 0);
    }

    function test_RoundsUpForTheNetwork() public {
        feed.set(7, 300_000_000, NOW, 7); // $3
        // $1 / $3 = 0.333333333(3) SESH -> 333,333,334 atomic units, not ...333
        (uint256 sesh,) = h.seshForUsd(f, 1_000_000);
        assertEq(sesh, 333_333_334);
    }

    function testFuzz_RoundsUpByLessThanOneUnit(uint256 usd, int256 price) public {
        usd = bound(usd, 0, 1e15); // up to $1 billion
        price = bound(price, MIN, MAX);
        feed.set(7, price, NOW, 7);
        (uint256 sesh,) = h.seshForUsd(f, usd);
        // sesh SESH are worth at least usd, and one atomic unit less would be worth less.
        uint256 num = usd * 1e11;
        assertGe(sesh * uint256(price), num);
        if (sesh != 0) assertLt((sesh - 1) * uint256(price), num);
    }

    function testFuzz_FeedDecimals(uint8 decimals) public {
        decimals = uint8(bound(decimals, 0, 18));
        MockAggregatorV3 other = new MockAggregatorV3(decimals);
        // $2 per SESH in the feed's own decimals
        int256 two = int256(2 * 10 ** decimals);
        other.set(1, two, NOW, 1);
        f.feed = IAggregatorV3(address(other));
        f.decimals = decimals;
        f.minAnswer = 1;
        f.maxAnswer = type(int128).max;
        (uint256 sesh,) = h.seshForUsd(f, 1_000_000); // $1 = 0.5 SESH
        assertEq(sesh, 500_000_000);
    }

    function test_AcceptsAnswerExactlyMaxAgeOld() public {
        feed.set(7, PRICE, NOW - MAX_AGE, 7);
        assertEq(h.latestPrice(f), PRICE);
    }

    function test_AcceptsBoundsInclusive() public {
        feed.set(7, MIN, NOW, 7);
        assertEq(h.latestPrice(f), MIN);
        feed.set(7, MAX, NOW, 7);
        assertEq(h.latestPrice(f), MAX);
    }

    function test_RevertWhen_PriceOneSecondTooOld() public {
        feed.set(7, PRICE, NOW - MAX_AGE - 1, 7);
        vm.expectRevert(
            abi.encodeWithSelector(IUsdPricing.StalePrice.selector, NOW - MAX_AGE - 1, MAX_AGE, NOW)
        );
        h.seshForUsd(f, 1);
    }

    function testFuzz_RevertWhen_PriceStale(uint256 age) public {
        age = bound(age, uint256(MAX_AGE) + 1, NOW - 1);
        feed.set(7, PRICE, NOW - age, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.StalePrice.selector, NOW - age, MAX_AGE, NOW));
        h.seshForUsd(f, 1);
    }

    /// @dev A round dated one second after this block is refused; one dated now is fine.
    function test_RevertWhen_PriceFromFuture() public {
        feed.set(7, PRICE, NOW + 1, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.PriceFromFuture.selector, NOW + 1, NOW));
        h.seshForUsd(f, 1);
        feed.set(7, PRICE, NOW, 7);
        (uint256 sesh,) = h.seshForUsd(f, 1_000_000);
        assertEq(sesh, 20_000_000_000);
    }

    function test_RevertWhen_RoundIncomplete() public {
        feed.set(7, PRICE, 0, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.StalePrice.selector, 0, MAX_AGE, NOW));
        h.seshForUsd(f, 1);
    }

    function test_RevertWhen_AnsweredInEarlierRound() public {
        feed.set(7, PRICE, NOW, 6);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.StaleRound.selector, uint80(7), uint80(6)));
        h.seshForUsd(f, 1);
    }

    function test_RevertWhen_PriceZero() public {
        feed.set(7, 0, NOW, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.NonPositivePrice.selector, int256(0)));
        h.seshForUsd(f, 1);
    }

    function testFuzz_RevertWhen_PriceNegative(int256 price) public {
        price = bound(price, type(int256).min, -1);
        feed.set(7, price, NOW, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.NonPositivePrice.selector, price));
        h.seshForUsd(f, 1);
    }

    function testFuzz_RevertWhen_PriceBelowMin(int256 price) public {
        price = bound(price, 1, MIN - 1);
        feed.set(7, price, NOW, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.PriceOutOfBounds.selector, price, MIN, MAX));
        h.seshForUsd(f, 1);
    }

    function testFuzz_RevertWhen_PriceAboveMaxBound(int256 price) public {
        price = bound(price, int256(MAX) + 1, type(int256).max);
        feed.set(7, price, NOW, 7);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.PriceOutOfBounds.selector, price, MIN, MAX));
        h.seshForUsd(f, 1);
    }

    function test_CheckMax() public view {
        h.checkMax(5, 5);
        h.checkMax(4, 5);
    }

    function testFuzz_RevertWhen_RequiredAboveMax(uint256 max, uint256 required) public {
        max = bound(max, 0, type(uint256).max - 1);
        required = bound(required, max + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.PriceAboveMax.selector, required, max));
        h.checkMax(required, max);
    }

    function test_Validate() public view {
        h.validate(f);
    }

    function _expectInvalid(IUsdPricing.PriceFeed memory g) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsdPricing.InvalidPriceFeed.selector,
                address(g.feed),
                g.decimals,
                g.maxAge,
                g.minAnswer,
                g.maxAnswer
            )
        );
        h.validate(g);
    }

    function test_RevertWhen_ConfigFeedZero() public {
        IUsdPricing.PriceFeed memory g = f;
        g.feed = IAggregatorV3(address(0));
        _expectInvalid(g);
    }

    function test_RevertWhen_ConfigMaxAgeZero() public {
        IUsdPricing.PriceFeed memory g = f;
        g.maxAge = 0;
        _expectInvalid(g);
    }

    function test_RevertWhen_ConfigMinNotPositive() public {
        IUsdPricing.PriceFeed memory g = f;
        g.minAnswer = 0;
        _expectInvalid(g);
        g.minAnswer = -1;
        _expectInvalid(g);
    }

    function test_RevertWhen_ConfigMaxBelowMin() public {
        IUsdPricing.PriceFeed memory g = f;
        g.maxAnswer = MIN - 1;
        _expectInvalid(g);
    }

    function test_RevertWhen_ConfigTooManyDecimals() public {
        IUsdPricing.PriceFeed memory g = f;
        g.decimals = 19;
        _expectInvalid(g);
    }
}
