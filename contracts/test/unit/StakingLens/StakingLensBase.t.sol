// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "../../../src/interfaces/IConsensusRegistry.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {LegacyStakingViews} from "./LegacyStakingViews.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared base of the lens tests: nodes in every state a listing shows (solo, shared with a
/// fee and a beneficiary, registered by a contribution contract, partly claimed, decommissioned,
/// exited with a stake withdrawn, liquidated), and the old views ({LegacyStakingViews}) read in the
/// registry's storage, the reference the lens must equal.
abstract contract StakingLensBase is ContributionBase {
    LegacyStakingViews internal legacy;
    /// @dev The nodes of the scenario, by state.
    uint64 internal solo;
    uint64 internal shared;
    uint64 internal byContract;
    uint64 internal decommissioned;
    uint64 internal exited;
    uint64 internal liquidated;

    function setUp() public virtual override {
        super.setUp();
        legacy = new LegacyStakingViews(
            IERC20(address(token)), IRewardPool(address(pool)), IConsensusRegistry(address(consensus))
        );
        solo = _registerSolo(alice);
        IStakingRegistry.Contributor[] memory c = _randomContributors(42, 4, REQUIREMENT);
        c[2].beneficiary = treasury;
        shared = _register(alice, c, 700);
        _fill(cc, 3);
        vm.prank(operator);
        byContract = cc.finalize();
        // The contract's node signs with the network too (ContributionBase's keys, seed 7_000).
        skOf[byContract] = BLSTestSigner.secretKey(7_000);
        keyOf[byContract] = blsKey;
        decommissioned = _register(bob, _pair(bob, QUARTER, carol), 250);
        exited = _register(carol, _pair(carol, REQUIREMENT / 2, bob), 100);
        liquidated = _register(bob, _randomContributors(7, 3, REQUIREMENT), 900);

        skip(1 days);
        staking.distributeRewards();
        _claim(shared, 1);
        vm.prank(_contributor(1));
        staking.claimRewards(byContract, _contributor(1));
        vm.prank(bob);
        staking.setBeneficiary(exited, carol);
        skip(3 hours);
        _decommission(decommissioned);
        _exitBySignature(exited);
        vm.prank(carol);
        staking.withdrawStake(exited);
        _liquidate(liquidated);
        skip(1 days);
        staking.distributeRewards();
        skip(6 hours);
    }

    /// @dev Runs the old views in the registry's storage: points the proxy at them for the call.
    function _legacyNode(uint64 nodeId) internal returns (IStakingLens.NodeInfo memory info) {
        bytes32 implementation = _pointProxyAt(address(legacy));
        info = LegacyStakingViews(address(staking)).node(nodeId);
        _restoreProxy(implementation);
    }

    function _legacyNodes(uint256 offset, uint256 limit)
        internal
        returns (IStakingLens.NodeInfo[] memory page)
    {
        bytes32 implementation = _pointProxyAt(address(legacy));
        page = LegacyStakingViews(address(staking)).nodes(offset, limit);
        _restoreProxy(implementation);
    }

    function _pointProxyAt(address code) internal returns (bytes32 implementation) {
        implementation = vm.load(address(staking), ERC1967Utils.IMPLEMENTATION_SLOT);
        vm.store(address(staking), ERC1967Utils.IMPLEMENTATION_SLOT, bytes32(uint256(uint160(code))));
    }

    function _restoreProxy(bytes32 implementation) internal {
        vm.store(address(staking), ERC1967Utils.IMPLEMENTATION_SLOT, implementation);
    }

    /// @dev Every contributor of every node of the scenario (the same staker may appear twice).
    function _allPositions() internal view returns (IStakingRegistry.PositionRef[] memory refs) {
        uint64 last = lens.lastNodeId();
        uint256 total;
        for (uint64 id = 1; id <= last; ++id) {
            total += lens.nodeRecord(id).contributorCount;
        }
        refs = new IStakingRegistry.PositionRef[](total);
        uint256 k;
        for (uint64 id = 1; id <= last; ++id) {
            (address[] memory stakers,) = lens.stakesOf(id);
            for (uint256 i; i < stakers.length; ++i) {
                refs[k++] = IStakingRegistry.PositionRef(id, stakers[i]);
            }
        }
    }
}
