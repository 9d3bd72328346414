// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {DevnetPriceFeed} from "../../../src/devnet/DevnetPriceFeed.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The devnet feed: rounds, history, owner-only updates.
contract DevnetPriceFeedUnitTest_setAnswer is Test {
    DevnetPriceFeed internal feed;
    address internal owner = makeAddr("owner");
    uint256 internal constant T0 = 1_750_000_000;

    function setUp() public {
        vm.warp(T0);
        feed = new DevnetPriceFeed(8, "SESH / USD (devnet)", 5_000_000, owner);
    }

    function test_Constructor() public view {
        assertEq(feed.decimals(), 8);
        assertEq(feed.description(), "SESH / USD (devnet)");
        assertEq(feed.version(), 1);
        assertEq(feed.owner(), owner);
        assertEq(feed.latestRound(), 1);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            feed.latestRoundData();
        assertEq(roundId, 1);
        assertEq(answer, 5_000_000);
        assertEq(startedAt, T0);
        assertEq(updatedAt, T0);
        assertEq(answeredInRound, 1);
    }

    function test_SetAnswerOpensARound() public {
        skip(1 hours);
        vm.expectEmit(address(feed));
        emit DevnetPriceFeed.AnswerUpdated(6_000_000, 2, T0 + 1 hours);
        vm.prank(owner);
        feed.setAnswer(6_000_000);
        (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        assertEq(roundId, 2);
        assertEq(answer, 6_000_000);
        assertEq(updatedAt, T0 + 1 hours);
        assertEq(answeredInRound, 2);

        (roundId, answer,, updatedAt,) = feed.getRoundData(1);
        assertEq(roundId, 1);
        assertEq(answer, 5_000_000);
        assertEq(updatedAt, T0);
    }

    function test_SetAnswerAtDatesTheRoundBetweenTheLatestAndNow() public {
        skip(1 hours);
        vm.prank(owner);
        feed.setAnswerAt(6_000_000, uint64(T0 + 1 hours - 1));
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt,) = feed.latestRoundData();
        assertEq(roundId, 2);
        assertEq(answer, 6_000_000);
        assertEq(startedAt, T0 + 1 hours - 1);
        assertEq(updatedAt, T0 + 1 hours - 1);
        vm.prank(owner);
        feed.setAnswerAt(7_000_000, uint64(T0 + 1 hours - 1));
        (, answer,, updatedAt,) = feed.latestRoundData();
        assertEq(answer, 7_000_000, "the same time as the latest round is accepted");
    }

    function test_RevertWhen_SetAnswerAtInTheFuture() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                DevnetPriceFeed.UpdatedAtOutOfRange.selector, uint64(T0 + 1), uint64(T0), T0
            )
        );
        vm.prank(owner);
        feed.setAnswerAt(6_000_000, uint64(T0 + 1));
    }

    function test_RevertWhen_SetAnswerAtBeforeTheLatestRound() public {
        skip(1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                DevnetPriceFeed.UpdatedAtOutOfRange.selector, uint64(T0 - 1), uint64(T0), T0 + 1 hours
            )
        );
        vm.prank(owner);
        feed.setAnswerAt(6_000_000, uint64(T0 - 1));
    }

    function test_RevertWhen_SetAnswerAtByAStranger() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        feed.setAnswerAt(6_000_000, uint64(T0));
    }

    function test_AcceptsAnyAnswer() public {
        vm.startPrank(owner);
        feed.setAnswer(0);
        feed.setAnswer(-5);
        vm.stopPrank();
        (, int256 answer,,,) = feed.latestRoundData();
        assertEq(answer, -5);
    }

    function test_RevertWhen_CallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        feed.setAnswer(1);
    }

    function test_RevertWhen_RoundMissing() public {
        vm.expectRevert(abi.encodeWithSelector(DevnetPriceFeed.NoDataPresent.selector, uint80(2)));
        feed.getRoundData(2);
        vm.expectRevert(abi.encodeWithSelector(DevnetPriceFeed.NoDataPresent.selector, uint80(0)));
        feed.getRoundData(0);
    }
}
