// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingLens} from "../../../src/staking/StakingLens.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {LegacyStakingViews} from "./LegacyStakingViews.sol";
import {StakingLensBase} from "./StakingLensBase.t.sol";

/// @notice `claimableRewards`, `rewardPerNodePerDay` and `aprBps` answer what the old views did, and
/// the registry's `pendingRewards` what the old views' did.
contract StakingLensUnitTest_rewards is StakingLensBase {
    function test_ClaimableAndPendingEqualTheOldViews() public {
        IStakingRegistry.PositionRef[] memory refs = _allPositions();
        uint256[] memory claimable = new uint256[](refs.length);
        uint256[] memory pending = new uint256[](refs.length);
        bytes32 implementation = _pointProxyAt(address(legacy));
        for (uint256 i; i < refs.length; ++i) {
            claimable[i] =
                LegacyStakingViews(address(staking)).claimableRewards(refs[i].nodeId, refs[i].staker);
            pending[i] = LegacyStakingViews(address(staking)).pendingRewards(refs[i].nodeId, refs[i].staker);
        }
        _restoreProxy(implementation);
        uint256 nonZero;
        for (uint256 i; i < refs.length; ++i) {
            assertEq(lens.claimableRewards(refs[i].nodeId, refs[i].staker), claimable[i], "claimable");
            assertEq(lens.pendingRewards(refs[i].nodeId, refs[i].staker), pending[i], "pending");
            if (pending[i] > claimable[i]) ++nonZero;
        }
        assertGt(nonZero, 0, "the pool has released since the last distribution");
    }

    function test_RateAndAprEqualTheOldViews() public {
        bytes32 implementation = _pointProxyAt(address(legacy));
        uint256 rate = LegacyStakingViews(address(staking)).rewardPerNodePerDay();
        uint256 apr = LegacyStakingViews(address(staking)).aprBps();
        _restoreProxy(implementation);
        assertGt(rate, 0);
        assertEq(lens.rewardPerNodePerDay(), rate);
        assertEq(lens.rewardPerNodePerDay(), pool.releasePerDay() / lens.networkSize());
        assertEq(lens.aprBps(), apr);
    }

    function test_RateIsZeroWithoutEarningNodes() public {
        (,,, StakingRegistry empty) = _deploySystem();
        StakingLens emptyLens = new StakingLens(empty);
        assertEq(emptyLens.rewardPerNodePerDay(), 0);
        assertEq(emptyLens.aprBps(), 0);
    }

    function test_RevertWhen_ClaimableOfANonContributor() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, solo, carol));
        lens.claimableRewards(solo, carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, 99, alice));
        lens.claimableRewards(99, alice);
    }
}
