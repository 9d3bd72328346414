// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "../../../src/interfaces/IConsensusRegistry.sol";
import {IOwnedUpgradeable} from "../../../src/interfaces/IOwnedUpgradeable.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Initialisation, setters (owner only, old and new value), pause coverage, ownership, and
/// an upgrade that keeps every balance and node.
contract StakingRegistryUnitTest_governance is StakingRegistryBase {
    function test_Defaults() public view {
        assertEq(staking.owner(), governance);
        assertEq(staking.stakingRequirement(), REQUIREMENT);
        (uint256 l, uint256 p, uint256 r) = lens.liquidationRatios();
        assertEq(l, 3);
        assertEq(p, 17);
        assertEq(r, 9980);
        assertEq(staking.VERSION(), 1);
        assertEq(address(staking.token()), address(token));
        assertEq(address(staking.rewardPool()), address(pool));
        assertEq(address(staking.consensus()), address(consensus));
        assertEq(consensus.stakingRegistry(), address(staking));
    }

    function test_RevertWhen_ConstructedWithZeroToken() public {
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        new StakingRegistry(IERC20(address(0)), pool, consensus);
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        new StakingRegistry(IERC20(address(token)), IRewardPool(address(0)), consensus);
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        new StakingRegistry(IERC20(address(token)), pool, IConsensusRegistry(address(0)));
    }

    function test_RevertWhen_InitializedWithZeroOwner() public {
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        new SessionProxy(address(stakingImpl), abi.encodeCall(StakingRegistry.initialize, (address(0))));
    }

    function test_RevertWhen_InitializedTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        staking.initialize(alice);
    }

    function test_RevertWhen_ImplementationInitialized() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        stakingImpl.initialize(alice);
    }

    function test_SetStakingRequirement() public {
        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakingRequirementUpdated(REQUIREMENT, 20_000 * SESH);
        vm.prank(governance);
        staking.setStakingRequirement(20_000 * SESH);
        assertEq(staking.stakingRequirement(), 20_000 * SESH);
    }

    function test_RevertWhen_StakingRequirementZero() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidStakingRequirement.selector, 0));
        vm.prank(governance);
        staking.setStakingRequirement(0);
    }

    function test_RevertWhen_StakingRequirementTooLarge() public {
        uint256 tooLarge = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidStakingRequirement.selector, tooLarge));
        vm.prank(governance);
        staking.setStakingRequirement(tooLarge);
    }

    function test_RevertWhen_SettersNotOwner() public {
        bytes memory err =
            abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice);
        vm.startPrank(alice);
        vm.expectRevert(err);
        staking.setStakingRequirement(1);
        vm.expectRevert(err);
        staking.setLiquidationRatios(1, 1, 6);
        vm.expectRevert(err);
        staking.pause();
        vm.expectRevert(err);
        staking.unpause();
        vm.stopPrank();
    }

    function test_RevertWhen_Renounce() public {
        vm.expectRevert(IOwnedUpgradeable.RenounceDisabled.selector);
        vm.prank(governance);
        staking.renounceOwnership();
    }

    /// @dev Pause stops exactly `registerNode`, `seedNode`, `liquidate`, `decommission` and
    /// `recommission`; money out (the three claims, withdrawals), exit requests, both exits,
    /// beneficiary changes and distributions keep working.
    function test_PauseCoverage() public {
        uint64 a = _registerSolo(alice);
        uint64 b = _register(bob, _pair(bob, QUARTER, carol), 500);
        uint64 c = _registerSolo(carol);
        uint64 d = _registerSolo(treasury);
        _decommission(d);
        vm.prank(alice);
        staking.requestExit(a);
        skip(30 days);
        (,,, StakingRegistry fresh) = _deploySystem();
        vm.startPrank(governance);
        staking.pause();
        fresh.pause();
        vm.stopPrank();
        assertTrue(staking.paused());

        // stopped
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.registerNode(keyOf[a], _ed25519(99), "", 0, _solo(alice));
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(governance);
        fresh.seedNode(keyOf[a], _ed25519(99), "", 0, _solo(alice), uint64(block.timestamp));
        bytes memory sig = _sign(LIQUIDATION, b);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.liquidate(b, keyOf[b], uint64(block.timestamp), "", sig);
        sig = _sign(DECOMMISSION, b);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.decommission(b, uint64(block.timestamp), "", sig);
        sig = _sign(RECOMMISSION, d);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.recommission(d, uint64(block.timestamp), "", sig);

        // working
        vm.prank(bob);
        staking.requestExit(b);
        assertEq(lens.nodeRecord(b).exitRequestedAt, block.timestamp, "exit requested while paused");
        uint256 before = lens.rewardPerNode();
        staking.distributeRewards();
        assertGt(lens.rewardPerNode(), before);
        _finalizeExit(a);
        vm.prank(alice);
        assertEq(staking.withdrawStake(a), REQUIREMENT);
        vm.prank(alice);
        assertGt(staking.claimRewards(a, _staker(a, 0)), 0);
        vm.prank(carol);
        staking.claimRewardsAmount(b, _staker(b, 1), 1);
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](1);
        refs[0] = IStakingRegistry.PositionRef(b, _staker(b, 0));
        vm.prank(bob);
        assertGt(staking.claimRewardsBatch(refs), 0);
        vm.prank(carol);
        staking.setBeneficiary(c, treasury);
        _exitBySignature(c);
        vm.prank(carol);
        assertEq(staking.withdrawStake(c), REQUIREMENT);

        vm.prank(governance);
        staking.unpause();
        _recommission(d);
        assertEq(uint8(lens.nodeRecord(d).status), uint8(IStakingRegistry.NodeStatus.Active));
    }

    function test_RevertWhen_PauseTwiceOrUnpauseUnpaused() public {
        vm.prank(governance);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(governance);
        staking.pause();
        vm.prank(governance);
        staking.unpause();
        vm.expectRevert(PausableUpgradeable.ExpectedPause.selector);
        vm.prank(governance);
        staking.unpause();
    }

    function test_UpgradeKeepsNodesAndBalances() public {
        uint64 a = _register(alice, _pair(alice, QUARTER, bob), 700);
        skip(1 days);
        staking.distributeRewards();
        uint256 claimableAlice = lens.claimableRewards(a, _staker(a, 0));
        uint256 claimableBob = lens.claimableRewards(a, _staker(a, 1));
        assertGt(claimableAlice, 0);
        bytes memory aggregate = consensus.aggregatePublicKey();
        StakingRegistry v2 = new StakingRegistry(IERC20(address(token)), pool, consensus);
        vm.prank(governance);
        staking.upgradeToAndCall(address(v2), "");
        assertEq(
            address(uint160(uint256(vm.load(address(staking), ERC1967Utils.IMPLEMENTATION_SLOT)))),
            address(v2)
        );
        assertEq(lens.claimableRewards(a, _staker(a, 0)), claimableAlice);
        assertEq(lens.claimableRewards(a, _staker(a, 1)), claimableBob);
        assertEq(consensus.aggregatePublicKey(), aggregate);
        assertEq(lens.node(a).contributors.length, 2);
        assertEq(lens.node(a).contributors[1].staker, bob);
        assertEq(lens.networkSize(), 1);
        vm.prank(alice);
        assertEq(staking.claimRewards(a, _staker(a, 0)), claimableAlice);
        skip(2 hours);
        _exitBySignature(a);
        vm.prank(bob);
        assertEq(staking.withdrawStake(a), REQUIREMENT - QUARTER);
    }

    function test_RevertWhen_UpgradeByNonOwner() public {
        StakingRegistry v2 = new StakingRegistry(IERC20(address(token)), pool, consensus);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        staking.upgradeToAndCall(address(v2), "");
    }
}
