// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `exitBySignature`: network-approved exits, the 2 h minimum age, replay across
/// registrations of the same key, aggregate and N after the exit.
contract StakingRegistryUnitTest_exitBySignature is StakingRegistryBase {
    uint64 internal a;
    uint64 internal b;
    uint64 internal c;

    function setUp() public override {
        super.setUp();
        a = _registerSolo(alice);
        b = _registerSolo(bob);
        c = _registerSolo(carol);
    }

    function test_RevertWhen_YoungerThanTwoHours() public {
        skip(2 hours - 1);
        bytes memory sig = _sign(EXIT, a);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NodeTooYoung.selector, a, block.timestamp + 1)
        );
        staking.exitBySignature(a, uint64(block.timestamp), "", sig);
    }

    function test_ExitsAtTwoHours() public {
        skip(2 hours);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakeUnlocked(a, alice, REQUIREMENT);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeExited(a, true);
        _exitBySignature(a);
        assertEq(staking.networkSize(), 2);
        assertEq(consensus.activeBLSKeyCount(), 2);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        assertEq(staking.withdrawableStake(alice), REQUIREMENT);
        // the exited node's rewards up to now were credited
        assertEq(staking.claimableRewards(alice), _accrued(POOL_GENESIS, 2 hours) / 3);
    }

    function test_ExitWithOneNonSigner() public {
        skip(2 hours);
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = b;
        bytes memory sig = _networkSign(EXIT, a, uint64(block.timestamp), nonSigners);
        staking.exitBySignature(a, uint64(block.timestamp), _keysOf(nonSigners), sig);
        assertEq(uint8(staking.node(a).status), uint8(IStakingRegistry.NodeStatus.Exited));
    }

    function test_RevertWhen_SignatureForAnotherNode() public {
        skip(2 hours);
        bytes memory sig = _sign(EXIT, b);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector,
                _actionMessage(EXIT, a, uint64(block.timestamp))
            )
        );
        staking.exitBySignature(a, uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_LiquidationSignatureUsedForExit() public {
        skip(2 hours);
        bytes memory sig = _sign(LIQUIDATION, a);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector,
                _actionMessage(EXIT, a, uint64(block.timestamp))
            )
        );
        staking.exitBySignature(a, uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_Expired() public {
        skip(3 hours);
        uint64 ts = uint64(block.timestamp - 1 hours - 1);
        bytes memory sig = _networkSign(EXIT, a, ts, new uint64[](0));
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.SignatureExpired.selector, ts, block.timestamp - 1 hours)
        );
        staking.exitBySignature(a, ts, "", sig);
    }

    function test_RevertWhen_Replayed() public {
        skip(2 hours);
        bytes memory sig = _sign(EXIT, a);
        staking.exitBySignature(a, uint64(block.timestamp), "", sig);
        skOf[a] = 0;
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.exitBySignature(a, uint64(block.timestamp), "", sig);
    }

    /// @dev The same key and operator register again under a new id: the first registration's exit
    /// signature, still within its expiry window, cannot touch the new one.
    function test_OldExitSignatureNeverRemovesLaterRegistrationOfSameKey() public {
        skip(2 hours);
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _sign(EXIT, a);
        staking.exitBySignature(a, ts, "", sig);
        uint256 sk = skOf[a];
        skOf[a] = 0;

        // re-register alice's key (same BLS key, same Ed25519 key) as node 4
        bytes32 ed = _ed25519(1);
        bytes memory pop = _pop(sk, alice, ed);
        _fund(alice, REQUIREMENT);
        vm.startPrank(alice);
        token.approve(address(staking), REQUIREMENT);
        uint64 again = staking.registerNode(keyOf[a], ed, pop, 0, _solo(alice));
        vm.stopPrank();
        skOf[again] = sk;
        assertEq(again, 4);
        skip(2 hours - 1);
        // the old signature names id a; replaying it for id 4 is a signature of other bytes
        vm.expectRevert();
        staking.exitBySignature(again, ts, "", sig);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.exitBySignature(a, ts, "", sig);
        assertEq(uint8(staking.node(again).status), uint8(IStakingRegistry.NodeStatus.Active));
    }

    function test_ExitWorksWhilePaused() public {
        vm.prank(governance);
        staking.pause();
        skip(2 hours);
        _exitBySignature(a);
    }

    function test_AggregateAndSizeTrackActiveNodes() public {
        skip(2 hours);
        _exitBySignature(b);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        uint64 d = _registerSolo(treasury);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        _liquidate(a);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        assertEq(staking.networkSize(), 2);
        assertEq(consensus.activeBLSKeyCount(), 2);
        _decommission(c);
        assertEq(staking.networkSize(), 1, "decommissioned nodes leave N");
        assertEq(consensus.activeBLSKeyCount(), 2, "but keep their key in the aggregate");
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        skip(2 hours);
        _exitBySignature(c);
        assertEq(staking.networkSize(), 1);
        assertEq(consensus.activeBLSKeyCount(), 1);
        assertEq(consensus.aggregatePublicKey(), keyOf[d]);
    }
}
