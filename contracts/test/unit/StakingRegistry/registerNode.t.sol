// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BLS12381} from "../../../src/consensus/BLS12381.sol";
import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice `registerNode`: terms, keys, deposit, ids, the per-block cap.
contract StakingRegistryUnitTest_registerNode is StakingRegistryBase {
    uint256 internal sk;
    bytes internal key;
    bytes32 internal ed;

    function setUp() public override {
        super.setUp();
        sk = BLSTestSigner.secretKey(1000);
        key = BLSTestSigner.publicKey(sk);
        ed = _ed25519(1000);
        _fund(alice, 10 * REQUIREMENT);
        vm.prank(alice);
        token.approve(address(staking), type(uint256).max);
    }

    function _try(IStakingRegistry.Contributor[] memory c, uint16 fee) internal returns (uint64) {
        bytes memory pop = _pop(sk, c.length == 0 ? alice : c[0].staker, ed);
        vm.prank(alice);
        return staking.registerNode(key, ed, pop, fee, c);
    }

    function test_RegistersASoloNode() public {
        uint256 aliceBefore = token.balanceOf(alice);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeRegistered(1, alice, ed, 500, REQUIREMENT, uint64(block.timestamp), 0);
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyAdded(1, key);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.ContributorAdded(1, 0, alice, alice, REQUIREMENT);
        uint64 id = _try(_solo(alice), 500);

        assertEq(id, 1);
        assertEq(lens.lastNodeId(), 1);
        assertEq(lens.networkSize(), 1);
        assertEq(token.balanceOf(alice), aliceBefore - REQUIREMENT);
        assertEq(token.balanceOf(address(staking)), REQUIREMENT);
        assertEq(consensus.aggregatePublicKey(), key);
        IStakingLens.NodeInfo memory info = lens.node(1);
        assertEq(uint8(info.status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(info.operator, alice);
        assertEq(info.ed25519Key, ed);
        assertEq(info.feeBps, 500);
        assertEq(info.deposit, REQUIREMENT);
        assertEq(info.registeredAt, block.timestamp);
        assertEq(info.earned, 0);
        assertEq(info.returnedStake, 0);
        assertEq(info.exitRequestedAt, 0);
        assertEq(info.contributors.length, 1);
        assertEq(info.contributors[0].staker, alice);
        assertEq(info.contributors[0].beneficiary, alice);
        assertEq(info.contributors[0].stake, REQUIREMENT);
        assertEq(info.contributors[0].rewardsPaid, 0);
        assertEq(info.contributors[0].claimable, 0);
        assertFalse(info.contributors[0].stakeWithdrawn);
    }

    /// @dev A node earns from the accumulator's value at its registration, which the event states.
    function test_JoinerStartsAtTheCurrentRewardPerNode() public {
        _registerSolo(bob);
        skip(1 days);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeRegistered(
            2, alice, ed, 0, REQUIREMENT, uint64(block.timestamp), DAY_ONE_RELEASE
        );
        uint64 id = _try(_solo(alice), 0);
        assertEq(lens.rewardPerNode(), DAY_ONE_RELEASE);
        assertEq(lens.node(id).earned, 0);
        assertEq(lens.pendingRewards(id, alice), 0);
    }

    function test_SoloBeneficiaryOtherThanOperator() public {
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        c[0].beneficiary = carol;
        vm.expectEmit(address(staking));
        emit IStakingRegistry.ContributorAdded(1, 0, alice, carol, REQUIREMENT);
        uint64 id = _try(c, 0);
        assertEq(lens.node(id).contributors[0].staker, alice);
        assertEq(lens.node(id).contributors[0].beneficiary, carol);
    }

    function test_CallerPaysForOtherContributors() public {
        IStakingRegistry.Contributor[] memory c = _pair(bob, QUARTER, carol);
        c[1].beneficiary = treasury;
        uint256 aliceBefore = token.balanceOf(alice);
        // alice (e.g. a contribution contract) pays; bob is the operator bound by the PoP.
        uint64 id = _try(c, 0);
        assertEq(token.balanceOf(alice), aliceBefore - REQUIREMENT);
        assertEq(lens.node(id).operator, bob);
        assertEq(lens.node(id).contributors[1].beneficiary, treasury);
        assertEq(lens.node(id).contributors[1].staker, carol);
        assertEq(lens.node(id).contributors[0].beneficiary, bob);
    }

    function test_TenContributors() public {
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](10);
        c[0] = IStakingRegistry.Contributor(alice, address(0), 0);
        for (uint256 i = 1; i < 10; ++i) {
            c[i] = IStakingRegistry.Contributor(
                address(uint160(0x1000 + i)), address(0), (REQUIREMENT - QUARTER) / 9
            );
        }
        c[0].stake = REQUIREMENT - 9 * ((REQUIREMENT - QUARTER) / 9);
        uint64 id = _try(c, 0);
        IStakingLens.NodeInfo memory info = lens.node(id);
        assertEq(info.contributors.length, 10);
        for (uint256 i; i < 10; ++i) {
            assertEq(info.contributors[i].staker, c[i].staker);
            assertEq(info.contributors[i].stake, c[i].stake);
        }
    }

    function test_RequirementChangeKeepsRegisteredDeposits() public {
        uint64 id = _try(_solo(alice), 0);
        vm.prank(governance);
        staking.setStakingRequirement(20_000 * SESH);
        assertEq(lens.node(id).deposit, REQUIREMENT);
        _fund(bob, 20_000 * SESH);
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](1);
        c[0] = IStakingRegistry.Contributor(bob, address(0), 20_000 * SESH);
        uint64 id2 = _register(bob, c, 0);
        assertEq(lens.node(id2).deposit, 20_000 * SESH);
        skOf[id] = sk;
        keyOf[id] = key;
        skip(2 hours);
        _exitBySignature(id);
        vm.prank(alice);
        assertEq(staking.withdrawStake(id), REQUIREMENT);
    }

    function test_IdsAreNeverReusedAndEd25519FreedOnExit() public {
        uint64 id = _try(_solo(alice), 0);
        skOf[id] = sk;
        keyOf[id] = key;
        skip(2 hours);
        _exitBySignature(id);
        // same BLS and Ed25519 keys register again under a new id
        uint64 id2 = _try(_solo(alice), 0);
        assertEq(id2, 2);
        assertEq(consensus.nodeIdOfBLSKey(key), 2);
    }

    // ---------------------------------------------------------------- reverts

    function test_RevertWhen_NotStarted() public {
        (,,, StakingRegistry fresh) = _deploySystem();
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(IStakingRegistry.NotStarted.selector);
        vm.prank(alice);
        fresh.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        staking.pause();
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_NoContributors() public {
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](0);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ContributorCountOutOfRange.selector, 0, 10));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_ElevenContributors() public {
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](11);
        for (uint256 i; i < 11; ++i) {
            c[i] = IStakingRegistry.Contributor(address(uint160(0x1000 + i)), address(0), 1);
        }
        bytes memory pop = _pop(sk, c[0].staker, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ContributorCountOutOfRange.selector, 11, 10));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_FeeAbove100Percent() public {
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.FeeTooHigh.selector, 10_001, 10_000));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 10_001, c);
    }

    function test_FeeOf100PercentAccepted() public {
        uint64 id = _try(_solo(alice), 10_000);
        assertEq(lens.nodeRecord(id).feeBps, 10_000, "fee stored");
        assertEq(uint8(lens.nodeRecord(id).status), uint8(IStakingRegistry.NodeStatus.Active));
        // With a 100% fee the operator takes the whole of what the node earns.
        _detachPool();
        skip(1);
        _donate(1000);
        staking.distributeRewards();
        assertEq(lens.position(id, alice).claimable, 1000 / lens.networkSize());
    }

    function test_RevertWhen_OperatorBelowQuarter() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER - 1, bob);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.OperatorStakeTooLow.selector, QUARTER - 1, QUARTER)
        );
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_OperatorAtExactlyQuarter() public {
        uint64 id = _try(_pair(alice, QUARTER, bob), 0);
        assertEq(lens.position(id, alice).stake, QUARTER, "operator's stake");
        assertEq(lens.position(id, bob).stake, REQUIREMENT - QUARTER, "bob's stake");
        assertEq(uint8(lens.nodeRecord(id).status), uint8(IStakingRegistry.NodeStatus.Active));
    }

    /// @dev L-3: an all-zero Ed25519 key is no node's identity.
    function test_RevertWhen_ZeroEd25519Key() public {
        bytes memory pop = _pop(sk, alice, bytes32(0));
        vm.expectRevert(IStakingRegistry.ZeroEd25519Key.selector);
        vm.prank(alice);
        staking.registerNode(key, bytes32(0), pop, 0, _solo(alice));
    }

    /// @dev L-3: an all-zero BLS key is the point at infinity, refused by the consensus registry.
    function test_RevertWhen_ZeroBLSKey() public {
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(INetworkConsensus.BLSKeyAtInfinity.selector);
        vm.prank(alice);
        staking.registerNode(new bytes(128), ed, pop, 0, _solo(alice));
    }

    function test_RevertWhen_ZeroStaker() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, address(0));
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_ZeroStake() public {
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](2);
        c[0] = IStakingRegistry.Contributor(alice, address(0), REQUIREMENT);
        c[1] = IStakingRegistry.Contributor(bob, address(0), 0);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ZeroStake.selector, 1));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_DuplicateStaker() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.DuplicateStaker.selector, alice));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_StakesDoNotSumToRequirement() public {
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        c[0].stake = REQUIREMENT + 1;
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.StakeSumMismatch.selector, REQUIREMENT + 1, REQUIREMENT)
        );
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_Ed25519KeyTaken() public {
        _try(_solo(alice), 0);
        uint256 sk2 = BLSTestSigner.secretKey(2000);
        bytes memory key2 = BLSTestSigner.publicKey(sk2);
        bytes memory pop = _pop(sk2, alice, ed);
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.Ed25519KeyAlreadyRegistered.selector, ed, 1));
        vm.prank(alice);
        staking.registerNode(key2, ed, pop, 0, c);
    }

    function test_RevertWhen_BLSKeyTaken() public {
        _try(_solo(alice), 0);
        bytes32 ed2 = _ed25519(2000);
        bytes memory pop = _pop(sk, alice, ed2);
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.BLSKeyAlreadyRegistered.selector, 1));
        vm.prank(alice);
        staking.registerNode(key, ed2, pop, 0, c);
    }

    function test_RevertWhen_ProofOfPossessionForAnotherOperator() public {
        bytes memory popForBob = _pop(sk, bob, ed);
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector, _popMessage(key, alice, ed)
            )
        );
        vm.prank(alice);
        staking.registerNode(key, ed, popForBob, 0, c);
    }

    function test_RevertWhen_ProofOfPossessionForAnotherEd25519Key() public {
        bytes memory pop = _pop(sk, alice, _ed25519(7));
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector, _popMessage(key, alice, ed)
            )
        );
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_KeyMalformed() public {
        bytes memory pop = _pop(sk, alice, ed);
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidLength.selector, 127, 128));
        vm.prank(alice);
        staking.registerNode(new bytes(127), ed, pop, 0, c);
    }

    function test_RevertWhen_DepositNotApproved() public {
        vm.prank(alice);
        token.approve(address(staking), REQUIREMENT - 1);
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert();
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }

    function test_RevertWhen_MoreThan20JoinInOneBlock() public {
        for (uint256 i; i < 20; ++i) {
            _registerSolo(address(uint160(0x5000 + i)));
        }
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.RegistrationLimitReached.selector, 20, 20));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
        // next block: allowed again
        vm.roll(block.number + 1);
        _try(c, 0);
    }

    /// @dev With N = 1,050 the cap is 2% = 21 (above 20). N is set in storage (slot 0 of the
    /// namespace, bits 128..151) rather than by registering 1,050 nodes.
    function test_RevertWhen_MoreThanTwoPercentJoinInOneBlock() public {
        bytes32 base = 0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;
        uint256 slot0 = uint256(vm.load(address(staking), base));
        slot0 = (slot0 & ~(uint256(type(uint24).max) << 128)) | (uint256(1050) << 128);
        vm.store(address(staking), base, bytes32(slot0));
        assertEq(lens.networkSize(), 1050);
        for (uint256 i; i < 21; ++i) {
            _registerSolo(address(uint160(0x5000 + i)));
        }
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.RegistrationLimitReached.selector, 21, 21));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
    }
}
