// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice Reward accounting and the three `claimRewards`, against the formula computed
/// independently: per node = release / N; position i is entitled to
/// floor(E * w_i / (deposit * 10_000)), w_i = stake_i * (10_000 - fee) (+ fee * deposit for the
/// operator); once the node has ended the operator takes the rounding dust. A position is paid
/// entitlement - paid, so never twice.
contract StakingRegistryUnitTest_claimRewards is StakingRegistryBase {
    // ---------------------------------------------------------------- the split among nodes

    function test_OneNodeGetsTheWholeRelease() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        assertEq(
            lens.pendingRewards(id, _staker(id, 0)),
            DAY_ONE_RELEASE,
            "pending counts what the pool would release"
        );
        assertEq(lens.claimableRewards(id, _staker(id, 0)), 0, "nothing distributed yet");
        staking.distributeRewards();
        assertEq(lens.claimableRewards(id, _staker(id, 0)), DAY_ONE_RELEASE);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(id, _staker(id, 0), alice, DAY_ONE_RELEASE);
        vm.prank(alice);
        uint256 paid = staking.claimRewards(id, _staker(id, 0));
        assertEq(paid, DAY_ONE_RELEASE);
        assertEq(token.balanceOf(alice), DAY_ONE_RELEASE);
        assertEq(lens.claimableRewards(id, _staker(id, 0)), 0);
        assertEq(lens.pendingRewards(id, _staker(id, 0)), 0);
        IStakingLens.NodeInfo memory info = lens.node(id);
        assertEq(info.earned, DAY_ONE_RELEASE);
        assertEq(info.contributors[0].rewardsPaid, DAY_ONE_RELEASE);
        assertEq(info.contributors[0].claimable, 0);
        assertEq(token.balanceOf(address(staking)), REQUIREMENT);
    }

    function test_ClaimDoesNotPullThePool() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        uint256 poolBefore = token.balanceOf(address(pool));
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 0));
        assertEq(token.balanceOf(address(pool)), poolBefore, "the pool was not pulled");
        assertEq(lens.rewardPerNode(), 0);
    }

    function test_TwoNodesShareEqually() public {
        uint64 a = _registerSolo(alice);
        uint64 b = _registerSolo(bob);
        skip(1 days);
        staking.distributeRewards();
        uint256 perNode = DAY_ONE_RELEASE / 2;
        vm.prank(alice);
        assertEq(staking.claimRewards(a, _staker(a, 0)), perNode);
        vm.prank(bob);
        assertEq(staking.claimRewards(b, _staker(b, 0)), perNode);
        assertEq(DAY_ONE_RELEASE % 2, 1);
        assertEq(lens.undistributedRewards(), 1, "the odd unit is carried");
    }

    function test_JoinerEarnsOnlyFromItsRegistration() public {
        uint64 a = _registerSolo(alice);
        skip(1 days);
        uint256 first = DAY_ONE_RELEASE;
        uint64 b = _registerSolo(bob); // distributes the first day to alice alone
        assertEq(lens.claimableRewards(a, _staker(a, 0)), first);
        assertEq(lens.claimableRewards(b, _staker(b, 0)), 0);
        uint256 second = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        assertEq(staking.claimRewards(a, _staker(a, 0)), first + second / 2);
        vm.prank(bob);
        assertEq(staking.claimRewards(b, _staker(b, 0)), second / 2);
        assertEq(lens.undistributedRewards(), second % 2);
    }

    /// @dev L-4: nothing accrues to nobody. With N == 0 the release goes back to the pool, and the
    /// first node earns only from its registration.
    function test_NoNodesReturnsTheReleaseToThePool() public {
        uint256 poolBefore = token.balanceOf(address(pool));
        skip(1 days);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsReturnedToPool(DAY_ONE_RELEASE);
        staking.distributeRewards();
        assertEq(lens.undistributedRewards(), 0, "nothing carried");
        assertEq(token.balanceOf(address(pool)), poolBefore, "the pool kept its tokens");
        assertEq(token.balanceOf(address(staking)), lens.config().accountedBalance, "nothing unaccounted");
        uint64 id = _registerSolo(alice);
        uint256 second = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), second, "only the day it earned");
    }

    /// @dev L-4, the audit's case: 7 days with no node, then node 1 registers 12 s before node 2.
    /// Node 1 must collect 12 s of release, not the 7 days (115,837 SESH on the old code).
    function test_FirstNodeAfterAGapOfDaysGetsNoneOfIt() public {
        uint256 poolBefore = token.balanceOf(address(pool));
        skip(7 days);
        uint64 first = _registerSolo(alice);
        assertEq(token.balanceOf(address(pool)), poolBefore, "the 7 days stayed in the pool");
        uint256 twelve = _poolRelease(12);
        skip(12);
        uint64 second = _registerSolo(bob);
        assertEq(lens.position(first, alice).claimable, twelve, "node 1: its 12 s");
        assertEq(lens.position(second, bob).claimable, 0, "node 2: nothing yet");
        assertLt(twelve, 10 * SESH);
    }

    /// @dev L-4 when N falls back to 0: the days without a node go back to the pool, not to the
    /// next node.
    function test_GapAfterTheLastNodeLeftGoesBackToThePool() public {
        uint64 a = _registerSolo(alice);
        skip(1 days);
        _exitBySignature(a);
        assertEq(lens.networkSize(), 0);
        uint256 earnedA = lens.nodeRecord(a).earned;
        uint256 poolAfterExit = token.balanceOf(address(pool));
        skip(5 days);
        uint64 b = _registerSolo(bob);
        assertEq(token.balanceOf(address(pool)), poolAfterExit, "the 5 empty days stayed in the pool");
        uint256 day = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.position(b, bob).claimable, day, "bob earns only his day");
        assertEq(lens.nodeRecord(a).earned, earnedA, "the ended node is frozen");
        assertEq(token.balanceOf(address(staking)), lens.config().accountedBalance);
    }

    function test_ThirdPartyPoolReleaseIsDistributed() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        pool.release(); // by someone else: the tokens reach the registry outside its own call
        assertEq(lens.pendingRewards(id, _staker(id, 0)), DAY_ONE_RELEASE);
        assertEq(lens.claimableRewards(id, _staker(id, 0)), 0);
        staking.distributeRewards();
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), DAY_ONE_RELEASE);
    }

    /// @dev Whatever gas a caller forwards, `distributeRewards` either distributes the whole day or
    /// reverts: the pool's payout is never skipped for lack of gas (nor by a gas estimate). Some
    /// limits starve the payout itself and are refused with {PoolReleaseOutOfGas}.
    function test_RevertWhen_PoolReleaseStarvedOfGas() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        uint256 starved;
        for (uint256 limit = 20_000; limit <= 80_000; limit += 250) {
            uint256 state = vm.snapshotState();
            (bool ok, bytes memory reason) =
                address(staking).call{gas: limit}(abi.encodeCall(staking.distributeRewards, ()));
            if (ok) {
                assertEq(
                    lens.claimableRewards(id, _staker(id, 0)),
                    DAY_ONE_RELEASE,
                    "a success distributes the day"
                );
            } else if (
                keccak256(reason)
                    == keccak256(abi.encodeWithSelector(IStakingRegistry.PoolReleaseOutOfGas.selector))
            ) {
                ++starved;
            }
            vm.revertToState(state);
        }
        assertGt(starved, 0, "some limits starve the release and are refused by name");
    }

    /// @dev Tokens sent straight to the registry are shared like a payout, never stranded.
    function test_DonationIsDistributed() public {
        _detachPool();
        uint64 id = _registerSolo(alice);
        skip(1);
        _donate(12_345);
        assertEq(lens.pendingRewards(id, _staker(id, 0)), 12_345);
        staking.distributeRewards();
        assertEq(lens.node(id).earned, 12_345);
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), 12_345);
    }

    // ---------------------------------------------------------------- the split within a node

    /// @dev Numbers computed by hand: E = 16,547,945,205,479; operator weight
    /// 6,250e9 x 8,766 + 1,234 x 25,000e9; bob's (25,000e9 - 6,250e9) x 8,766; denominator
    /// 25,000e9 x 10,000. One unit of dust stays in the registry while the node earns.
    function test_FeeThenProRata() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 id = _register(alice, c, 1234);
        skip(1 days);
        staking.distributeRewards();
        uint256 aliceShare = 5_668_498_630_136;
        uint256 bobShare = 10_879_446_575_342;
        // the same as "fee first (rounded down), then the rest by stake (rounded down)"
        uint256 fee = DAY_ONE_RELEASE * 1234 / 10_000;
        uint256 rest = DAY_ONE_RELEASE - fee;
        assertEq(aliceShare, fee + rest * QUARTER / REQUIREMENT);
        assertEq(bobShare, rest * (REQUIREMENT - QUARTER) / REQUIREMENT);
        assertEq(DAY_ONE_RELEASE - aliceShare - bobShare, 1, "dust");

        assertEq(lens.claimableRewards(id, _staker(id, 0)), aliceShare);
        assertEq(lens.claimableRewards(id, _staker(id, 1)), bobShare);
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), aliceShare);
        vm.prank(carol);
        assertEq(staking.claimRewards(id, _staker(id, 1)), bobShare);
        assertEq(token.balanceOf(carol), bobShare, "bob's rewards go to his beneficiary");
        assertEq(token.balanceOf(bob), 0);
        assertEq(token.balanceOf(address(staking)), REQUIREMENT + 1, "the dust waits for the end");
    }

    function test_FeeOf100PercentGoesToTheOperator() public {
        uint64 id = _register(alice, _pair(alice, QUARTER, bob), 10_000);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.claimableRewards(id, _staker(id, 0)), DAY_ONE_RELEASE);
        assertEq(lens.claimableRewards(id, _staker(id, 1)), 0);
    }

    function test_DustGoesToTheOperatorOnceEnded() public {
        _detachPool();
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](3);
        c[0] = IStakingRegistry.Contributor(alice, address(0), 8_333_333_333_334);
        c[1] = IStakingRegistry.Contributor(bob, address(0), 8_333_333_333_333);
        c[2] = IStakingRegistry.Contributor(carol, address(0), 8_333_333_333_333);
        uint64 id = _register(alice, c, 0);
        skip(1);
        _donate(100);
        staking.distributeRewards();
        // 100 x 8,333,333,333,334 / 25e12 = 33.33..., 100 x 8,333,333,333,333 / 25e12 = 33.33...
        assertEq(_claimAll(id), 99);
        assertEq(
            lens.claimableRewards(id, _staker(id, 0)), 0, "the dust is not the operator's while it earns"
        );

        skip(2 hours);
        _exitBySignature(id);
        assertEq(lens.claimableRewards(id, _staker(id, 0)), 1);
        assertEq(lens.claimableRewards(id, _staker(id, 1)), 0);
        assertEq(lens.claimableRewards(id, _staker(id, 2)), 0);
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), 1);
        assertEq(token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(carol), 100);
    }

    // ---------------------------------------------------------------- never paid twice

    function test_RevertWhen_ClaimedTwice() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 0));
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 0));
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InsufficientRewards.selector, 1, 0));
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), 1);
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewardsBatch(_refs(id, 0));
    }

    function test_LaterClaimPaysOnlyTheNewPart() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 0));
        uint256 second = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), second);
        assertEq(token.balanceOf(alice), DAY_ONE_RELEASE + second);
        assertEq(lens.node(id).contributors[0].rewardsPaid, DAY_ONE_RELEASE + second);
    }

    // ---------------------------------------------------------------- who may claim what

    function test_StakerClaimsEverythingForItsBeneficiary() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 id = _register(alice, c, 0);
        skip(1 days);
        staking.distributeRewards();
        uint256 due = lens.claimableRewards(id, _staker(id, 1));
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(id, _staker(id, 1), carol, due);
        vm.prank(bob);
        assertEq(staking.claimRewards(id, _staker(id, 1)), due);
        assertEq(token.balanceOf(carol), due);
        assertEq(token.balanceOf(bob), 0);
    }

    function test_RevertWhen_ClaimByNeitherStakerNorBeneficiary() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 id = _register(alice, c, 0);
        skip(1 days);
        staking.distributeRewards();
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, _staker(id, 1), treasury)
        );
        vm.prank(treasury);
        staking.claimRewards(id, _staker(id, 1));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, _staker(id, 0), bob)
        );
        vm.prank(bob);
        staking.claimRewards(id, _staker(id, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, _staker(id, 1), alice)
        );
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 1));
    }

    /// @dev A position exists only for a contributor of the node: the registry never creates one
    /// for anybody else, whatever the node's kind (shared, solo, unknown).
    function test_RevertWhen_NotAContributor() public {
        uint64 pair = _register(alice, _pair(alice, QUARTER, bob), 0);
        uint64 solo = _registerSolo(carol);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(bob);
        staking.claimRewards(pair, bob);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, pair, carol));
        vm.prank(carol);
        staking.claimRewards(pair, carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, solo, alice));
        vm.prank(alice);
        staking.claimRewards(solo, alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, solo, alice));
        vm.prank(alice);
        staking.claimRewardsAmount(solo, alice, 1);
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](1);
        refs[0] = IStakingRegistry.PositionRef(solo, alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, solo, alice));
        vm.prank(alice);
        staking.claimRewardsBatch(refs);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, 99, carol));
        vm.prank(carol);
        staking.claimRewards(99, carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, 99, address(0)));
        staking.claimRewards(99, address(0));
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, solo, alice));
        lens.claimableRewards(solo, alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, 99, carol));
        lens.pendingRewards(99, carol);
    }

    // ---------------------------------------------------------------- partial claims

    function test_PartialClaim() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(id, _staker(id, 0), alice, 1000);
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), 1000);
        assertEq(token.balanceOf(alice), 1000);
        assertEq(lens.claimableRewards(id, _staker(id, 0)), DAY_ONE_RELEASE - 1000);
        vm.prank(alice);
        assertEq(staking.claimRewards(id, _staker(id, 0)), DAY_ONE_RELEASE - 1000);
    }

    function test_PartialClaimOfExactlyWhatIsAvailable() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), DAY_ONE_RELEASE);
        assertEq(token.balanceOf(alice), DAY_ONE_RELEASE);
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 0));
    }

    function test_RevertWhen_PartialClaimAboveAvailable() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.InsufficientRewards.selector, DAY_ONE_RELEASE + 1, DAY_ONE_RELEASE
            )
        );
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), DAY_ONE_RELEASE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.InsufficientRewards.selector, type(uint256).max, DAY_ONE_RELEASE
            )
        );
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), type(uint256).max);
    }

    function test_RevertWhen_PartialClaimOfZero() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), 0);
    }

    /// @dev Only the beneficiary chooses to leave part of its rewards claimable.
    function test_RevertWhen_PartialClaimByStaker() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 id = _register(alice, c, 0);
        skip(1 days);
        staking.distributeRewards();
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, _staker(id, 1), bob)
        );
        vm.prank(bob);
        staking.claimRewardsAmount(id, _staker(id, 1), 1);
        vm.prank(carol);
        staking.claimRewardsAmount(id, _staker(id, 1), 1);
        assertEq(token.balanceOf(carol), 1);
    }

    // ---------------------------------------------------------------- batch claims

    function test_BatchClaimAcrossNodes() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 a = _register(alice, c, 300);
        uint64 b = _registerSolo(carol);
        skip(1 days);
        staking.distributeRewards();
        uint256 fromA = lens.claimableRewards(a, _staker(a, 1));
        uint256 fromB = lens.claimableRewards(b, _staker(b, 0));
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](3);
        refs[0] = IStakingRegistry.PositionRef(a, _staker(a, 1));
        refs[1] = IStakingRegistry.PositionRef(b, _staker(b, 0));
        refs[2] = IStakingRegistry.PositionRef(a, _staker(a, 1)); // named twice, paid once
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(a, _staker(a, 1), carol, fromA);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(b, _staker(b, 0), carol, fromB);
        vm.prank(carol);
        assertEq(staking.claimRewardsBatch(refs), fromA + fromB);
        assertEq(token.balanceOf(carol), fromA + fromB);
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(carol);
        staking.claimRewardsBatch(refs);
    }

    function test_BatchSkipsPositionsWithNothingToClaim() public {
        uint64 a = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        staking.claimRewards(a, _staker(a, 0));
        uint64 b = _register(alice, _pair(alice, QUARTER, bob), 0); // distributes nothing new
        uint256 second = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        staking.claimRewards(a, _staker(a, 0));
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](2);
        refs[0] = IStakingRegistry.PositionRef(a, _staker(a, 0));
        refs[1] = IStakingRegistry.PositionRef(b, _staker(b, 0));
        vm.prank(alice);
        assertEq(staking.claimRewardsBatch(refs), _entitlement(b, 0, second / 2, false));
    }

    function test_RevertWhen_BatchNamesAPositionOfAnotherBeneficiary() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 id = _register(alice, c, 0);
        skip(1 days);
        staking.distributeRewards();
        // the staker may not batch-claim a position whose beneficiary is someone else
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, _staker(id, 1), bob)
        );
        vm.prank(bob);
        staking.claimRewardsBatch(_refs(id, 1));
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](2);
        refs[0] = IStakingRegistry.PositionRef(id, _staker(id, 1));
        refs[1] = IStakingRegistry.PositionRef(id, _staker(id, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, _staker(id, 0), carol)
        );
        vm.prank(carol);
        staking.claimRewardsBatch(refs);
    }

    function test_RevertWhen_BatchEmpty() public {
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        staking.claimRewardsBatch(new IStakingRegistry.PositionRef[](0));
    }

    // ---------------------------------------------------------------- views

    function test_NodeViewShowsEveryPosition() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = carol;
        uint64 id = _register(alice, c, 1234);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(alice);
        staking.claimRewardsAmount(id, _staker(id, 0), 7);
        IStakingLens.NodeInfo memory info = lens.node(id);
        assertEq(info.earned, DAY_ONE_RELEASE);
        assertEq(info.returnedStake, 0);
        assertEq(info.contributors.length, 2);
        assertEq(info.contributors[0].staker, alice);
        assertEq(info.contributors[0].beneficiary, alice);
        assertEq(info.contributors[0].stake, QUARTER);
        assertEq(info.contributors[0].rewardsPaid, 7);
        assertEq(info.contributors[0].claimable, 5_668_498_630_136 - 7);
        assertFalse(info.contributors[0].stakeWithdrawn);
        assertEq(info.contributors[1].staker, bob);
        assertEq(info.contributors[1].beneficiary, carol);
        assertEq(info.contributors[1].stake, REQUIREMENT - QUARTER);
        assertEq(info.contributors[1].rewardsPaid, 0);
        assertEq(info.contributors[1].claimable, 10_879_446_575_342);
    }

    /// @dev What `pendingRewards` shows before a distribution is what the claim pays after it.
    function testFuzz_PendingIsTheNextClaim(uint256 elapsed, uint16 fee) public {
        elapsed = bound(elapsed, 1, 400 days);
        fee = uint16(bound(fee, 0, BPS));
        uint64 a = _register(alice, _pair(alice, QUARTER, bob), fee);
        uint64 b = _registerSolo(carol);
        skip(elapsed);
        uint256 pa0 = lens.pendingRewards(a, _staker(a, 0));
        uint256 pa1 = lens.pendingRewards(a, _staker(a, 1));
        uint256 pb = lens.pendingRewards(b, _staker(b, 0));
        staking.distributeRewards();
        assertEq(lens.claimableRewards(a, _staker(a, 0)), pa0);
        assertEq(lens.claimableRewards(a, _staker(a, 1)), pa1);
        assertEq(lens.claimableRewards(b, _staker(b, 0)), pb);
        assertEq(pa0, _entitlement(a, 0, _accrued(POOL_GENESIS, elapsed) / 2, false));
    }

    function test_ViewsOfTheRate() public {
        _registerSolo(alice);
        _registerSolo(bob);
        assertEq(lens.networkSize(), 2);
        assertEq(staking.maxContributors(), 10);
        assertEq(lens.rewardPerNodePerDay(), pool.releasePerDay() / 2);
        assertEq(lens.aprBps(), pool.releasePerDay() / 2 * 365 * 10_000 / REQUIREMENT);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev One node with 1..10 random stakes and a random fee; random amounts distributed in
    /// rounds with random (full and partial) claims between them; then the node ends (signed exit,
    /// unsigned exit or liquidation). Every claimable amount matches the formula at every step; in
    /// the end the claims sum to E exactly, each contributor's to its entitlement, the operator's to
    /// E minus the others'.
    function testFuzz_EndedNodePaysExactlyItsEarnings(
        uint256 seed,
        uint256 count,
        uint16 fee,
        uint256[4] memory amounts,
        uint8 ending
    ) public {
        _detachPool();
        // Accounting, not the brake: up to 4M SESH pass in 4 hours.
        vm.prank(governance);
        staking.setOutflowLimit(0, 0);
        count = bound(count, 1, 10);
        fee = uint16(bound(fee, 0, BPS));
        uint64 id = _register(alice, _randomContributors(seed, count, REQUIREMENT), fee);
        uint256[] memory paid = new uint256[](count);
        uint256 earned;
        for (uint256 round; round < amounts.length; ++round) {
            uint256 amount = bound(amounts[round], 0, 1_000_000 * SESH);
            earned += amount;
            skip(1 hours);
            _donate(amount);
            staking.distributeRewards();
            assertEq(lens.node(id).earned, earned, "E");
            for (uint256 i; i < count; ++i) {
                uint256 due = _entitlement(id, i, earned, false) - paid[i];
                assertEq(lens.claimableRewards(id, _staker(id, i)), due, "claimable");
                uint256 pick = uint256(keccak256(abi.encode(seed, round, i))) % 3;
                if (due == 0 || pick == 0) continue;
                vm.prank(stakersOf[id][i]);
                if (pick == 1) {
                    paid[i] += staking.claimRewards(id, _staker(id, i));
                } else {
                    uint256 part = bound(uint256(keccak256(abi.encode(seed, round, i, "part"))), 1, due);
                    staking.claimRewardsAmount(id, _staker(id, i), part);
                    paid[i] += part;
                }
            }
        }
        _end(id, ending);
        assertEq(lens.node(id).earned, earned, "E frozen at the end");
        uint256 total;
        for (uint256 i; i < count; ++i) {
            paid[i] += _claim(id, i);
            assertEq(paid[i], _entitlement(id, i, earned, true), "entitlement");
            total += paid[i];
        }
        assertEq(total, earned, "an ended node pays exactly what it earned");
        assertEq(_claimAll(id), 0);
    }

    /// @dev Many nodes, random fees and splits, random claim times, the real pool: never more
    /// paid than released, and everything released is either paid, claimable, dust of a running
    /// node (below one unit per contributor) or carried.
    function testFuzz_PaidNeverExceedsReleased(uint256 seed) public {
        uint256 nodeCount = bound(seed, 1, 6);
        uint64[] memory ids = new uint64[](nodeCount);
        for (uint256 i; i < nodeCount; ++i) {
            address operator = address(uint160(0xA000 + i));
            uint256 opStake = bound(uint256(keccak256(abi.encode(seed, i))), QUARTER, REQUIREMENT - 1);
            IStakingRegistry.Contributor[] memory c = _pair(operator, opStake, address(uint160(0xB000 + i)));
            ids[i] =
                _register(operator, c, uint16(bound(uint256(keccak256(abi.encode(seed, i, 1))), 0, 10_000)));
        }
        uint256 released;
        uint256 paid;
        for (uint256 step; step < 5; ++step) {
            uint256 dt = bound(uint256(keccak256(abi.encode(seed, step, 2))), 1, 10 days);
            released += _poolRelease(dt);
            skip(dt);
            staking.distributeRewards();
            uint64 id = ids[step % nodeCount];
            paid += _claim(id, uint256(keccak256(abi.encode(seed, step, 3))) % 2);
        }
        for (uint256 i; i < nodeCount; ++i) {
            paid += _claimAll(ids[i]);
        }
        assertLe(paid, released);
        assertLe(released - paid, 2 * nodeCount + lens.undistributedRewards(), "dust and carry only");
        assertLt(lens.undistributedRewards(), nodeCount);
        assertEq(token.balanceOf(address(staking)), nodeCount * REQUIREMENT + released - paid);
    }

    // ---------------------------------------------------------------- helpers

    function _refs(uint64 nodeId, uint256 index)
        internal
        view
        returns (IStakingRegistry.PositionRef[] memory r)
    {
        r = new IStakingRegistry.PositionRef[](1);
        r[0] = IStakingRegistry.PositionRef(nodeId, _staker(nodeId, index));
    }

    /// @dev Ends node `id` by signed exit, unsigned exit or liquidation, per `how`.
    function _end(uint64 id, uint8 how) internal {
        how %= 3;
        if (how == 0) {
            skip(2 hours);
            _exitBySignature(id);
        } else if (how == 1) {
            vm.prank(stakersOf[id][0]);
            staking.requestExit(id);
            skip(30 days);
            _finalizeExit(id);
        } else {
            _liquidate(id);
        }
    }
}
