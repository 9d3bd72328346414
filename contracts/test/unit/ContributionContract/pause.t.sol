// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

/// @notice Pause must never trap money: with both the registry and the factory paused, a
/// contribution contract's contributors still get their SESH back (withdrawal after the delay,
/// refunds after a reset or a cancel), and a filled contract waits (its finalization is the only
/// thing the registry's pause stops).
contract ContributionContractUnitTests_pause is ContributionBase {
    function setUp() public override {
        super.setUp();
        _fill(cc, 3);
        vm.startPrank(governance);
        staking.pause();
        factory.pause();
        vm.stopPrank();
    }

    function test_WithdrawWorksWhilePaused() public {
        skip(cc.WITHDRAWAL_DELAY());
        address who = _contributor(1);
        uint256 amount = cc.contributionOf(who);
        assertGt(amount, 0);
        vm.prank(who);
        cc.withdraw();
        assertEq(token.balanceOf(who), amount, "stake back while paused");
        assertEq(cc.contributionOf(who), 0);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Open));
    }

    function test_RefundsWorkWhilePaused() public {
        vm.prank(operator);
        cc.cancel();
        for (uint256 i; i < 3; ++i) {
            address who = i == 0 ? operator : _contributor(i);
            uint256 owed = cc.refundable(who);
            assertGt(owed, 0);
            uint256 before = token.balanceOf(who);
            vm.prank(who);
            cc.claimRefund();
            assertEq(token.balanceOf(who) - before, owed, "refund while paused");
        }
        assertEq(token.balanceOf(address(cc)), 0, "nothing left behind");
    }

    function test_FinalizeWaitsForTheUnpause() public {
        (bool ready, IContributionContract.FinalizeBlocker reason) =
            lens.finalizeCheck(IContributionContract(address(cc)));
        assertFalse(ready);
        assertEq(uint8(reason), uint8(IContributionContract.FinalizeBlocker.RegistryPaused));
        vm.prank(operator);
        vm.expectRevert();
        cc.finalize();
        vm.prank(governance);
        staking.unpause();
        vm.prank(operator);
        assertGt(cc.finalize(), 0, "finalizes once unpaused");
    }
}
