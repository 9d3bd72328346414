// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusRegistry} from "../../../src/consensus/ConsensusRegistry.sol";
import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingLens} from "../../../src/staking/StakingLens.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice `seedNode` and `start`: migrated nodes by the owner only, before the one-way start,
/// with their original registration time and a proof of possession.
contract StakingRegistryUnitTest_seedNode is StakingRegistryBase {
    StakingRegistry internal fresh;
    StakingLens internal freshLens;
    /// @dev The consensus registry paired with `fresh`: proofs of possession bind its address.
    ConsensusRegistry internal freshConsensus;
    uint256 internal sk;
    bytes internal key;
    bytes32 internal ed;

    function setUp() public override {
        super.setUp();
        (, freshConsensus,, fresh) = _deploySystem();
        freshLens = new StakingLens(fresh);
        sk = BLSTestSigner.secretKey(4242);
        key = BLSTestSigner.publicKey(sk);
        ed = _ed25519(4242);
        _fund(governance, REQUIREMENT);
        vm.prank(governance);
        token.approve(address(fresh), REQUIREMENT);
    }

    function _freshPop(address operator) internal view returns (bytes memory) {
        return BLSTestSigner.sign(
            sk, abi.encodePacked(POP, block.chainid, address(freshConsensus), key, operator, ed)
        );
    }

    function test_SeedsWithOriginalTime() public {
        uint64 original = uint64(block.timestamp - 400 days);
        bytes memory pop = _freshPop(alice);
        vm.expectEmit(address(fresh));
        emit IStakingRegistry.NodeRegistered(1, alice, ed, 0, REQUIREMENT, original, 0);
        vm.prank(governance);
        uint64 id = fresh.seedNode(key, ed, pop, 0, _solo(alice), original);
        assertEq(freshLens.nodeRecord(id).registeredAt, original);
        assertEq(freshLens.networkSize(), 1);
        assertEq(token.balanceOf(address(fresh)), REQUIREMENT);
    }

    function test_RevertWhen_SeedWithoutValidProof() public {
        bytes memory pop = _freshPop(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector,
                abi.encodePacked(POP, block.chainid, address(freshConsensus), key, alice, ed)
            )
        );
        vm.prank(governance);
        fresh.seedNode(key, ed, pop, 0, _solo(alice), uint64(block.timestamp));
    }

    function test_RevertWhen_SeedInFuture() public {
        bytes memory pop = _freshPop(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.RegistrationTimeInFuture.selector, block.timestamp + 1)
        );
        vm.prank(governance);
        fresh.seedNode(key, ed, pop, 0, _solo(alice), uint64(block.timestamp + 1));
    }

    function test_RevertWhen_SeedByNonOwner() public {
        bytes memory pop = _freshPop(alice);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        fresh.seedNode(key, ed, pop, 0, _solo(alice), uint64(block.timestamp));
    }

    function test_RevertWhen_SeedAfterStart() public {
        vm.prank(governance);
        fresh.start();
        bytes memory pop = _freshPop(alice);
        vm.expectRevert(IStakingRegistry.AlreadyStarted.selector);
        vm.prank(governance);
        fresh.seedNode(key, ed, pop, 0, _solo(alice), uint64(block.timestamp));
    }

    function test_StartIsOneWay() public {
        assertFalse(freshLens.started());
        vm.expectEmit(address(fresh));
        emit IStakingRegistry.Started();
        vm.prank(governance);
        fresh.start();
        assertTrue(freshLens.started());
        vm.expectRevert(IStakingRegistry.AlreadyStarted.selector);
        vm.prank(governance);
        fresh.start();
    }

    function test_RevertWhen_StartByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        fresh.start();
    }

    function test_SeededNodeOlderThanLockCanExitAtOnce() public {
        uint64 original = uint64(block.timestamp - 31 days);
        IStakingRegistry.Contributor[] memory c = _pair(alice, REQUIREMENT - 1000, bob);
        bytes memory pop = _freshPop(alice);
        vm.prank(governance);
        uint64 id = fresh.seedNode(key, ed, pop, 0, c, original);
        vm.prank(governance);
        fresh.start();
        // bob is a small staker, but his deposit is 31 days old
        vm.prank(bob);
        fresh.requestExit(id);
        assertEq(freshLens.nodeRecord(id).exitRequestedAt, block.timestamp, "bob's request recorded");
        assertEq(freshLens.nodeRecord(id).registeredAt, original);
    }

    /// @dev L-3 on the migration path: no all-zero Ed25519 key.
    function test_RevertWhen_SeedWithZeroEd25519Key() public {
        bytes memory pop = _freshPop(alice);
        vm.expectRevert(IStakingRegistry.ZeroEd25519Key.selector);
        vm.prank(governance);
        fresh.seedNode(key, bytes32(0), pop, 0, _solo(alice), uint64(block.timestamp));
    }

    /// @dev L-3 on the migration path: no all-zero BLS key (the point at infinity).
    function test_RevertWhen_SeedWithZeroBLSKey() public {
        bytes memory pop = _freshPop(alice);
        vm.expectRevert(INetworkConsensus.BLSKeyAtInfinity.selector);
        vm.prank(governance);
        fresh.seedNode(new bytes(128), ed, pop, 0, _solo(alice), uint64(block.timestamp));
    }
}
