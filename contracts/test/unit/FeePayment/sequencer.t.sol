// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../../../src/interfaces/IAggregatorV3.sol";
import {IFeePayment} from "../../../src/interfaces/IFeePayment.sol";
import {MockAggregatorV3} from "../../mocks/MockAggregatorV3.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice The L2 sequencer-uptime check of every fee (through Session Pro): none by default (the
/// devnet has no such feed); once set, prices are refused while the sequencer is down and for the
/// grace period after it came back, tested at the boundary.
contract FeePaymentUnitTest_sequencer is FeesBaseTest {
    MockAggregatorV3 internal uptime;
    uint32 internal constant GRACE = 1 hours;

    function setUp() public override {
        super.setUp();
        uptime = new MockAggregatorV3(0);
        uptime.set(1, 0, block.timestamp - 2 days, 1); // up for 2 days
        vm.prank(governance);
        pro.setSequencerUptimeFeed(IAggregatorV3(address(uptime)), GRACE);
    }

    function test_NoneByDefault() public {
        vm.prank(governance);
        pro.setSequencerUptimeFeed(IAggregatorV3(address(0)), 5);
        (IAggregatorV3 f, uint32 grace) = pro.sequencerUptimeFeed();
        assertEq(address(f), address(0));
        assertEq(grace, 0, "no grace without a feed");
        uptime.set(2, 1, block.timestamp, 2); // down, but not consulted
        assertEq(pro.quoteUsd(MONTHLY_USD), MONTHLY_SESH);
    }

    function test_PricesWhileUp() public view {
        (IAggregatorV3 f, uint32 grace) = pro.sequencerUptimeFeed();
        assertEq(address(f), address(uptime));
        assertEq(grace, GRACE);
        assertEq(pro.quoteUsd(MONTHLY_USD), MONTHLY_SESH);
    }

    function test_RevertWhen_SequencerDown() public {
        uptime.set(2, 1, block.timestamp - 1 days, 2);
        vm.expectRevert(IFeePayment.SequencerDown.selector);
        pro.quoteUsd(MONTHLY_USD);
    }

    /// @dev Back up at `t`: refused through `t + grace`, priced from `t + grace + 1`.
    function test_GracePeriodAfterTheSequencerCameBack() public {
        uint256 back = block.timestamp;
        uptime.set(3, 0, back, 3);
        vm.warp(back + GRACE);
        _refreshPrice();
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.SequencerGracePeriod.selector, back + GRACE));
        pro.quoteUsd(MONTHLY_USD);
        vm.warp(back + GRACE + 1);
        _refreshPrice();
        assertEq(pro.quoteUsd(MONTHLY_USD), MONTHLY_SESH);
    }

    function test_RevertWhen_UptimeFeedHasNoRound() public {
        uptime.set(0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.SequencerGracePeriod.selector, GRACE));
        pro.quoteUsd(MONTHLY_USD);
    }

    function test_SetEmits() public {
        vm.expectEmit(address(pro));
        emit IFeePayment.SequencerUptimeFeedUpdated(address(uptime), GRACE, address(uptime), 2 hours);
        vm.prank(governance);
        pro.setSequencerUptimeFeed(IAggregatorV3(address(uptime)), 2 hours);
    }

    function test_RevertWhen_InvalidGrace() public {
        vm.startPrank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(IFeePayment.InvalidSequencerUptimeFeed.selector, address(uptime), 0)
        );
        pro.setSequencerUptimeFeed(IAggregatorV3(address(uptime)), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeePayment.InvalidSequencerUptimeFeed.selector, address(uptime), 1 days + 1
            )
        );
        pro.setSequencerUptimeFeed(IAggregatorV3(address(uptime)), 1 days + 1);
        vm.stopPrank();
    }

    function test_RevertWhen_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pro.setSequencerUptimeFeed(IAggregatorV3(address(0)), 0);
    }

    /// @dev Keeps the SESH/USD feed fresh (the devnet feed posts a new round now).
    function _refreshPrice() internal {
        vm.prank(governance);
        feed.setAnswer(PRICE);
    }
}
