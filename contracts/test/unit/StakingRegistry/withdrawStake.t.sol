// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `withdrawStake`: after an exit each contributor pulls its stake, after a liquidation its
/// pro rata part of the returned stake (the operator the rounding dust); once, by a contributor,
/// only when the node has ended. Rewards stay claimable after the stake is gone.
contract StakingRegistryUnitTest_withdrawStake is StakingRegistryBase {
    uint64 internal id;

    function setUp() public override {
        super.setUp();
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](3);
        c[0] = IStakingRegistry.Contributor(alice, address(0), 10_000 * SESH);
        c[1] = IStakingRegistry.Contributor(bob, carol, 9_000 * SESH);
        c[2] = IStakingRegistry.Contributor(carol, address(0), 6_000 * SESH);
        id = _register(treasury, c, 500);
        skip(2 hours);
    }

    function test_EachContributorWithdrawsItsStakeAfterAnExit() public {
        assertEq(lens.node(id).contributors[1].withdrawable, 0, "nothing while registered");
        _exitBySignature(id);
        assertEq(lens.node(id).contributors[1].withdrawable, 9_000 * SESH);
        uint256 before = token.balanceOf(address(staking));
        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakeWithdrawn(id, bob, 9_000 * SESH);
        vm.prank(bob);
        assertEq(staking.withdrawStake(id), 9_000 * SESH);
        assertEq(token.balanceOf(bob), 9_000 * SESH, "the stake goes to the staker, not the beneficiary");
        vm.prank(alice);
        assertEq(staking.withdrawStake(id), 10_000 * SESH);
        vm.prank(carol);
        assertEq(staking.withdrawStake(id), 6_000 * SESH);
        assertEq(token.balanceOf(address(staking)), before - REQUIREMENT);
        IStakingLens.NodeInfo memory info = lens.node(id);
        for (uint256 i; i < 3; ++i) {
            assertTrue(info.contributors[i].stakeWithdrawn);
        }
    }

    function test_SoloOperatorWithdraws() public {
        uint64 solo = _registerSolo(alice);
        skip(2 hours);
        _exitBySignature(solo);
        vm.prank(alice);
        assertEq(staking.withdrawStake(solo), REQUIREMENT);
        assertTrue(lens.node(solo).contributors[0].stakeWithdrawn);
    }

    function test_RewardsStayClaimableAfterTheStakeIsWithdrawn() public {
        _exitBySignature(id);
        uint256 earned = lens.node(id).earned;
        assertGt(earned, 0);
        vm.prank(bob);
        staking.withdrawStake(id);
        vm.prank(alice);
        staking.withdrawStake(id);
        vm.prank(carol);
        staking.withdrawStake(id);
        assertEq(_claimAll(id), earned);
    }

    function test_RevertWhen_WithdrawnTwice() public {
        _exitBySignature(id);
        vm.prank(bob);
        staking.withdrawStake(id);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.StakeAlreadyWithdrawn.selector, id, _staker(id, 1))
        );
        vm.prank(bob);
        staking.withdrawStake(id);
        vm.prank(alice);
        staking.withdrawStake(id);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.StakeAlreadyWithdrawn.selector, id, _staker(id, 0))
        );
        vm.prank(alice);
        staking.withdrawStake(id);
    }

    function test_RevertWhen_StillRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeStillRegistered.selector, id));
        vm.prank(alice);
        staking.withdrawStake(id);
        _decommission(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeStillRegistered.selector, id));
        vm.prank(alice);
        staking.withdrawStake(id);
        // the moment it has ended, it works
        _exitBySignature(id);
        vm.prank(alice);
        staking.withdrawStake(id);
    }

    function test_RevertWhen_ExitOnlyRequested() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeStillRegistered.selector, id));
        vm.prank(alice);
        staking.withdrawStake(id);
        skip(1);
        _finalizeExit(id);
        vm.prank(alice);
        assertEq(staking.withdrawStake(id), 10_000 * SESH);
    }

    function test_RevertWhen_UnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeStillRegistered.selector, 99));
        vm.prank(alice);
        staking.withdrawStake(99);
    }

    function test_RevertWhen_NotContributor() public {
        _exitBySignature(id);
        // carol is bob's beneficiary, but only the staker owns the stake; treasury paid the deposit
        vm.prank(carol);
        staking.withdrawStake(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, treasury));
        vm.prank(treasury);
        staking.withdrawStake(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, liquidator));
        vm.prank(liquidator);
        staking.withdrawStake(id);
    }

    function test_WorksWhilePaused() public {
        _exitBySignature(id);
        vm.prank(governance);
        staking.pause();
        vm.prank(carol);
        assertEq(staking.withdrawStake(id), 6_000 * SESH);
    }

    function test_LiquidatedNodeReturnsItsShareProRata() public {
        _liquidate(id);
        uint256 returned = lens.node(id).returnedStake;
        // 25,000 x 9,980 / 10,000 = 24,950 SESH, split 10 : 9 : 6 exactly
        assertEq(returned, 24_950 * SESH);
        vm.prank(bob);
        assertEq(staking.withdrawStake(id), 8_982 * SESH);
        vm.prank(carol);
        assertEq(staking.withdrawStake(id), 5_988 * SESH);
        vm.prank(alice);
        assertEq(staking.withdrawStake(id), 9_980 * SESH);
    }

    /// @dev Differential: 1..10 random stakes, random valid ratios and requirement; each
    /// non-operator withdraws floor(returned x stake / deposit), the operator the rest, and the
    /// withdrawals sum to the returned part exactly, in any order.
    function testFuzz_LiquidationWithdrawalsSumToReturned(
        uint256 seed,
        uint256 count,
        uint32 l,
        uint32 p,
        uint32 r,
        uint256 requirement
    ) public {
        count = bound(count, 1, 10);
        r = uint32(bound(r, 1, type(uint32).max));
        l = uint32(bound(l, 0, r / 3));
        p = uint32(bound(p, 0, r / 3 - l));
        requirement = bound(requirement, 4 * count, 1_000_000 * SESH);
        vm.startPrank(governance);
        staking.setLiquidationRatios(l, p, r);
        staking.setStakingRequirement(requirement);
        vm.stopPrank();
        IStakingRegistry.Contributor[] memory c = _randomContributors(seed, count, requirement);
        uint64 node = _register(treasury, c, 0);
        _liquidate(node);
        uint256 returned = lens.node(node).returnedStake;
        uint256 others;
        for (uint256 i = 1; i < count; ++i) {
            others += returned * c[i].stake / requirement;
        }
        uint256 sum;
        for (uint256 k; k < count; ++k) {
            uint256 i = (k + seed % count) % count; // any order
            uint256 shown = lens.node(node).contributors[i].withdrawable;
            vm.prank(c[i].staker);
            uint256 amount = staking.withdrawStake(node);
            assertEq(amount, i == 0 ? returned - others : returned * c[i].stake / requirement);
            assertEq(shown, amount, "the view shows what the withdrawal pays");
            assertEq(lens.node(node).contributors[i].withdrawable, 0, "nothing left once withdrawn");
            sum += amount;
        }
        assertEq(sum, returned);
        assertLt(
            returned - others - returned * c[0].stake / requirement,
            count,
            "operator dust below one per contributor"
        );
    }
}
