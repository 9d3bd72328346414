// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {SessionPro} from "../../../src/fees/SessionPro.sol";
import {IAggregatorV3} from "../../../src/interfaces/IAggregatorV3.sol";
import {IFeePayment} from "../../../src/interfaces/IFeePayment.sol";
import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {IOwnedUpgradeable} from "../../../src/interfaces/IOwnedUpgradeable.sol";
import {IUsdPricing} from "../../../src/interfaces/IUsdPricing.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {MockAggregatorV3} from "../../mocks/MockAggregatorV3.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The shared `FeePayment` surface (through Session Pro): initialization, `setPriceFeed`,
/// `setFeeRouter`, `quoteUsd`, ownership.
contract FeePaymentUnitTest_settings is FeesBaseTest {
    SessionPro internal impl;

    function setUp() public override {
        super.setUp();
        impl = new SessionPro();
    }

    function test_Initialized() public view {
        assertEq(address(pro.token()), address(token));
        assertEq(address(pro.feeRouter()), address(router));
        assertEq(pro.owner(), governance);
        assertEq(pro.VERSION(), 1);
        assertEq(pro.SESSION_ID_PREFIX(), bytes1(0x05));
        IUsdPricing.PriceFeed memory f = pro.priceFeed();
        assertEq(address(f.feed), address(feed));
        assertEq(f.decimals, FEED_DECIMALS);
        assertEq(f.maxAge, MAX_AGE);
        assertEq(f.minAnswer, MIN_ANSWER);
        assertEq(f.maxAnswer, MAX_ANSWER);
        assertEq(pro.quoteUsd(MONTHLY_USD), MONTHLY_SESH);
    }

    function test_RevertWhen_InitializedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        pro.initialize(
            IERC20(address(token)), IFeeRouter(address(router)), IAggregatorV3(address(feed)), 1, 1, 1, alice
        );
    }

    function _deployPro(address token_, address router_, address feed_, uint32 maxAge, int128 lo, int128 hi)
        internal
        returns (SessionPro)
    {
        return SessionPro(
            address(
                new SessionProxy(
                    address(impl),
                    abi.encodeCall(
                        SessionPro.initialize,
                        (
                            IERC20(token_),
                            IFeeRouter(router_),
                            IAggregatorV3(feed_),
                            maxAge,
                            lo,
                            hi,
                            governance
                        )
                    )
                )
            )
        );
    }

    function test_RevertWhen_InitializeWithZeroTokenOrRouter() public {
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.ZeroAddress.selector));
        _deployPro(address(0), address(router), address(feed), MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.ZeroAddress.selector));
        _deployPro(address(token), address(0), address(feed), MAX_AGE, MIN_ANSWER, MAX_ANSWER);
    }

    function test_RevertWhen_InitializeWithBadFeed() public {
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.ZeroAddress.selector));
        _deployPro(address(token), address(router), address(0), MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsdPricing.InvalidPriceFeed.selector,
                address(feed),
                FEED_DECIMALS,
                MAX_AGE,
                MAX_ANSWER,
                MIN_ANSWER
            )
        );
        _deployPro(address(token), address(router), address(feed), MAX_AGE, MAX_ANSWER, MIN_ANSWER);
    }

    function test_SetPriceFeed() public {
        MockAggregatorV3 other = new MockAggregatorV3(18);
        other.set(1, 5e16, block.timestamp, 1); // $0.05 at 18 decimals
        IUsdPricing.PriceFeed memory old = pro.priceFeed();
        IUsdPricing.PriceFeed memory next = IUsdPricing.PriceFeed({
            feed: IAggregatorV3(address(other)),
            decimals: 18,
            maxAge: 1 hours,
            minAnswer: 1e15,
            maxAnswer: 1e21
        });
        vm.expectEmit(address(pro));
        emit IFeePayment.PriceFeedUpdated(old, next);
        vm.prank(governance);
        pro.setPriceFeed(IAggregatorV3(address(other)), 1 hours, 1e15, 1e21);
        assertEq(pro.priceFeed().decimals, 18);
        assertEq(pro.quoteUsd(MONTHLY_USD), MONTHLY_SESH, "same price, other decimals");
    }

    function test_RevertWhen_SetPriceFeedInvalid() public {
        vm.startPrank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsdPricing.InvalidPriceFeed.selector, address(feed), FEED_DECIMALS, 0, MIN_ANSWER, MAX_ANSWER
            )
        );
        pro.setPriceFeed(IAggregatorV3(address(feed)), 0, MIN_ANSWER, MAX_ANSWER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUsdPricing.InvalidPriceFeed.selector,
                address(feed),
                FEED_DECIMALS,
                MAX_AGE,
                int128(0),
                MAX_ANSWER
            )
        );
        pro.setPriceFeed(IAggregatorV3(address(feed)), MAX_AGE, 0, MAX_ANSWER);
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.ZeroAddress.selector));
        pro.setPriceFeed(IAggregatorV3(address(0)), MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        vm.stopPrank();
    }

    function test_RevertWhen_SetPriceFeedCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pro.setPriceFeed(IAggregatorV3(address(feed)), MAX_AGE, MIN_ANSWER, MAX_ANSWER);
    }

    function test_SetFeeRouter() public {
        vm.expectEmit(address(pro));
        emit IFeePayment.FeeRouterUpdated(address(router), bob);
        vm.prank(governance);
        pro.setFeeRouter(IFeeRouter(bob));
        assertEq(address(pro.feeRouter()), bob);
    }

    function test_RevertWhen_SetFeeRouterZeroOrNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.ZeroAddress.selector));
        vm.prank(governance);
        pro.setFeeRouter(IFeeRouter(address(0)));
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pro.setFeeRouter(IFeeRouter(bob));
    }

    function test_RevertWhen_RenounceOwnership() public {
        vm.expectRevert(abi.encodeWithSelector(IOwnedUpgradeable.RenounceDisabled.selector));
        vm.prank(governance);
        pro.renounceOwnership();
        vm.expectRevert(abi.encodeWithSelector(IOwnedUpgradeable.RenounceDisabled.selector));
        vm.prank(governance);
        names.renounceOwnership();
    }
}
