// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice The emergency brake: at most `cap` atomic units leave the registry (claims, stake
/// withdrawals, a beneficiary change's payout) per fixed window; liquidations are not capped.
contract StakingRegistryUnitTest_outflowLimit is StakingRegistryBase {
    uint64 internal a;
    uint64 internal b;
    uint256 internal constant WINDOW = 1 hours;

    function setUp() public override {
        super.setUp();
        _detachPool();
        a = _registerSolo(alice);
        b = _register(bob, _pair(bob, QUARTER, carol), 0);
        skip(1);
        _donate(10_000);
        staking.distributeRewards();
        // each node earned 5,000 units
    }

    function _limit(uint256 cap, uint256 window) internal {
        vm.prank(governance);
        staking.setOutflowLimit(cap, window);
    }

    function _windowStart() internal view returns (uint256) {
        return block.timestamp - block.timestamp % WINDOW;
    }

    function test_DefaultIsOneMillionSeshPer12Hours() public view {
        IStakingLens.Config memory c = lens.config();
        assertEq(c.outflowCap, 1_000_000 * SESH);
        assertEq(c.outflowWindow, 12 hours);
        (uint256 remaining, uint256 next) = lens.outflowAllowance();
        assertEq(remaining, 1_000_000 * SESH);
        assertEq(next, block.timestamp - block.timestamp % 12 hours + 12 hours);
    }

    function test_ClaimsUpToTheCapThenWaitForTheNextWindow() public {
        _limit(4_000, WINDOW);
        uint256 next = _windowStart() + WINDOW;
        vm.prank(alice);
        staking.claimRewardsAmount(a, alice, 4_000); // exactly the cap
        assertEq(token.balanceOf(alice), 4_000);
        (uint256 remaining, uint256 nextStart) = lens.outflowAllowance();
        assertEq(remaining, 0);
        assertEq(nextStart, next);

        vm.warp(next - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.OutflowLimitReached.selector, 1_000, 0, next));
        vm.prank(alice);
        staking.claimRewards(a, alice);

        vm.warp(next);
        (remaining, nextStart) = lens.outflowAllowance();
        assertEq(remaining, 4_000, "a new window");
        assertEq(nextStart, next + WINDOW);
        vm.prank(alice);
        assertEq(staking.claimRewards(a, alice), 1_000);
        (remaining,) = lens.outflowAllowance();
        assertEq(remaining, 3_000);
    }

    function test_RevertWhen_OneUnitAboveTheCap() public {
        _limit(4_999, WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.OutflowLimitReached.selector, 5_000, 4_999, _windowStart() + WINDOW
            )
        );
        vm.prank(alice);
        staking.claimRewards(a, alice);
        assertEq(token.balanceOf(alice), 0);
    }

    function test_BatchAndBeneficiaryPayoutsCount() public {
        _limit(6_250, WINDOW);
        vm.prank(bob);
        staking.setBeneficiary(b, treasury); // pays bob's claimable (1,250) to bob first
        assertEq(token.balanceOf(bob), 1_250);
        (uint256 remaining,) = lens.outflowAllowance();
        assertEq(remaining, 5_000);
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](1);
        refs[0] = IStakingRegistry.PositionRef(a, alice);
        vm.prank(alice);
        staking.claimRewardsBatch(refs);
        assertEq(token.balanceOf(alice), 5_000);
        (remaining,) = lens.outflowAllowance();
        assertEq(remaining, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.OutflowLimitReached.selector, 3_750, 0, _windowStart() + WINDOW
            )
        );
        vm.prank(carol);
        staking.claimRewards(b, carol);
    }

    function test_StakeWithdrawalsCount() public {
        skip(2 hours);
        _exitBySignature(a);
        _limit(REQUIREMENT - 1, WINDOW);
        uint256 next = _windowStart() + WINDOW;
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.OutflowLimitReached.selector, REQUIREMENT, REQUIREMENT - 1, next
            )
        );
        vm.prank(alice);
        staking.withdrawStake(a);
        _limit(REQUIREMENT, WINDOW);
        vm.prank(alice);
        assertEq(staking.withdrawStake(a), REQUIREMENT);
        (uint256 remaining,) = lens.outflowAllowance();
        assertEq(remaining, 0);
    }

    function test_LiquidationIsNotCapped() public {
        _limit(1, WINDOW);
        _liquidate(a);
        assertEq(uint8(lens.nodeRecord(a).status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        assertEq(token.balanceOf(liquidator), REQUIREMENT * 3 / 10_000);
    }

    function test_OffWhenCapIsZero() public {
        _limit(0, 0);
        (uint256 remaining, uint256 next) = lens.outflowAllowance();
        assertEq(remaining, type(uint256).max);
        assertEq(next, 0);
        vm.prank(alice);
        assertEq(staking.claimRewards(a, alice), 5_000);
    }

    function test_SetOutflowLimitEmitsAndRestartsTheCount() public {
        _limit(5_000, WINDOW);
        vm.prank(alice);
        staking.claimRewards(a, alice);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.OutflowLimitUpdated(5_000, WINDOW, 6_000, 2 hours);
        _limit(6_000, 2 hours);
        (uint256 remaining,) = lens.outflowAllowance();
        assertEq(remaining, 6_000);
        IStakingLens.Config memory c = lens.config();
        assertEq(c.outflowCap, 6_000);
        assertEq(c.outflowWindow, 2 hours);
    }

    function test_RevertWhen_InvalidLimit() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidOutflowLimit.selector, 1, 0));
        staking.setOutflowLimit(1, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidOutflowLimit.selector, 1, 30 days + 1));
        staking.setOutflowLimit(1, 30 days + 1);
        uint256 tooBig = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidOutflowLimit.selector, tooBig, 1));
        staking.setOutflowLimit(tooBig, 1);
        staking.setOutflowLimit(1, 30 days);
        vm.stopPrank();
        assertEq(lens.config().outflowWindow, 30 days);
    }

    function test_RevertWhen_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        staking.setOutflowLimit(0, 0);
    }
}
