// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice Reward accounting and `claimRewards`, against the formula computed independently:
/// per node = release / N, operator fee first (rounded down), the rest by stake (rounded down).
contract StakingRegistryUnitTest_claimRewards is StakingRegistryBase {
    function test_OneNodeGetsTheWholeRelease() public {
        _registerSolo(alice);
        skip(1 days);
        assertEq(staking.pendingRewards(alice), DAY_ONE_RELEASE);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(alice, DAY_ONE_RELEASE);
        vm.prank(alice);
        uint256 paid = staking.claimRewards();
        assertEq(paid, DAY_ONE_RELEASE);
        assertEq(token.balanceOf(alice), DAY_ONE_RELEASE);
        assertEq(staking.pendingRewards(alice), 0);
        assertEq(token.balanceOf(address(staking)), REQUIREMENT);
    }

    function test_TwoNodesShareEqually() public {
        _registerSolo(alice);
        _registerSolo(bob);
        skip(1 days);
        uint256 perNode = DAY_ONE_RELEASE / 2;
        vm.prank(alice);
        assertEq(staking.claimRewards(), perNode);
        vm.prank(bob);
        assertEq(staking.claimRewards(), perNode);
        assertEq(staking.undistributedRewards(), DAY_ONE_RELEASE % 2, "odd unit carried");
    }

    function test_JoinerEarnsOnlyFromItsRegistration() public {
        _registerSolo(alice);
        skip(1 days);
        uint256 first = DAY_ONE_RELEASE;
        _registerSolo(bob); // distributes the first day to alice alone
        uint256 second = _poolRelease(1 days);
        skip(1 days);
        vm.prank(alice);
        assertEq(staking.claimRewards(), first + second / 2);
        vm.prank(bob);
        assertEq(staking.claimRewards(), second / 2);
    }

    function test_FeeThenProRata() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        _register(alice, c, 1234);
        skip(1 days);
        uint256 fee = DAY_ONE_RELEASE * 1234 / 10_000;
        uint256 rest = DAY_ONE_RELEASE - fee;
        uint256 aliceShare = rest * QUARTER / REQUIREMENT;
        uint256 bobShare = rest * (REQUIREMENT - QUARTER) / REQUIREMENT;
        assertEq(staking.pendingRewards(alice), fee + aliceShare);
        assertEq(staking.pendingRewards(carol), bobShare);
        assertEq(staking.pendingRewards(bob), 0, "bob's rewards go to his beneficiary");
        vm.prank(alice);
        assertEq(staking.claimRewards(), fee + aliceShare);
        vm.prank(carol);
        assertEq(staking.claimRewards(), bobShare);
        assertLe(fee + aliceShare + bobShare, DAY_ONE_RELEASE);
        assertGe(fee + aliceShare + bobShare + 1, DAY_ONE_RELEASE);
    }

    function test_PartialClaim() public {
        _registerSolo(alice);
        skip(1 days);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(alice, 1000);
        vm.prank(alice);
        staking.claimRewards(1000);
        assertEq(token.balanceOf(alice), 1000);
        assertEq(staking.claimableRewards(alice), DAY_ONE_RELEASE - 1000);
        vm.prank(alice);
        assertEq(staking.claimRewards(), DAY_ONE_RELEASE - 1000);
    }

    function test_RevertWhen_PartialClaimAboveBalance() public {
        _registerSolo(alice);
        skip(1 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.InsufficientRewards.selector, DAY_ONE_RELEASE + 1, DAY_ONE_RELEASE
            )
        );
        vm.prank(alice);
        staking.claimRewards(DAY_ONE_RELEASE + 1);
    }

    /// @dev No amount means "everything": the largest one is refused like any other above the balance.
    function test_RevertWhen_PartialClaimOfMaxAmount() public {
        _registerSolo(alice);
        skip(1 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.InsufficientRewards.selector, type(uint256).max, DAY_ONE_RELEASE
            )
        );
        vm.prank(alice);
        staking.claimRewards(type(uint256).max);
    }

    function test_RevertWhen_NothingToClaim() public {
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewards();
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewards(0);
    }

    function test_NoNodesCarriesTheRelease() public {
        skip(1 days);
        staking.distributeRewards();
        assertEq(staking.undistributedRewards(), DAY_ONE_RELEASE);
        _registerSolo(alice);
        uint256 second = _poolRelease(1 days);
        skip(1 days);
        vm.prank(alice);
        assertEq(staking.claimRewards(), DAY_ONE_RELEASE + second);
    }

    function test_ThirdPartyPoolReleaseIsDistributed() public {
        _registerSolo(alice);
        skip(1 days);
        pool.release(); // by someone else: the tokens reach the registry outside its own call
        assertEq(staking.pendingRewards(alice), DAY_ONE_RELEASE);
        vm.prank(alice);
        assertEq(staking.claimRewards(), DAY_ONE_RELEASE);
    }

    function test_NodePendingRewards() public {
        uint64 id = _register(alice, _pair(alice, QUARTER, bob), 500);
        skip(1 days);
        uint256 fee = DAY_ONE_RELEASE * 500 / 10_000;
        uint256 rest = DAY_ONE_RELEASE - fee;
        uint256 expected = fee + rest * QUARTER / REQUIREMENT + rest * (REQUIREMENT - QUARTER) / REQUIREMENT;
        assertEq(staking.nodePendingRewards(id), expected);
    }

    function test_ViewsOfTheRate() public {
        _registerSolo(alice);
        _registerSolo(bob);
        assertEq(staking.networkSize(), 2);
        assertEq(staking.rewardPerNodePerDay(), pool.releasePerDay() / 2);
        assertEq(staking.aprBps(), pool.releasePerDay() / 2 * 365 * 10_000 / REQUIREMENT);
    }

    /// @dev Many nodes, random fees and splits, random claim times: never more paid than released,
    /// and the node-level split matches the independent formula within one unit per contributor.
    function testFuzz_PaidNeverExceedsReleased(uint256 seed) public {
        uint256 nodeCount = bound(seed, 1, 6);
        address[] memory operators = new address[](nodeCount);
        for (uint256 i; i < nodeCount; ++i) {
            operators[i] = address(uint160(0xA000 + i));
            uint256 opStake = bound(uint256(keccak256(abi.encode(seed, i))), QUARTER, REQUIREMENT - 1);
            IStakingRegistry.Contributor[] memory c =
                _pair(operators[i], opStake, address(uint160(0xB000 + i)));
            _register(operators[i], c, uint16(bound(uint256(keccak256(abi.encode(seed, i, 1))), 0, 10_000)));
        }
        uint256 released;
        uint256 paid;
        for (uint256 step; step < 5; ++step) {
            uint256 dt = bound(uint256(keccak256(abi.encode(seed, step, 2))), 1, 10 days);
            released += _poolRelease(dt);
            skip(dt);
            address who = uint256(keccak256(abi.encode(seed, step, 3))) % 2 == 0
                ? operators[step % nodeCount]
                : address(uint160(0xB000 + step % nodeCount));
            if (staking.pendingRewards(who) != 0) {
                vm.prank(who);
                paid += staking.claimRewards();
            }
        }
        for (uint256 i; i < nodeCount; ++i) {
            if (staking.pendingRewards(operators[i]) != 0) {
                vm.prank(operators[i]);
                paid += staking.claimRewards();
            }
            address other = address(uint160(0xB000 + i));
            if (staking.pendingRewards(other) != 0) {
                vm.prank(other);
                paid += staking.claimRewards();
            }
        }
        assertLe(paid, released);
        // rounding: at most 1 unit per contributor per settlement plus the carried division remainder
        assertGe(paid + 2 * nodeCount * 10 + nodeCount, released);
        assertGe(token.balanceOf(address(staking)), nodeCount * REQUIREMENT);
    }
}
