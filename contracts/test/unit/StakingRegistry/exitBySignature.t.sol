// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `exitBySignature`: network-approved exits, the 2 h minimum age, replay across
/// registrations of the same key, the key passed back checked, aggregate and N after the exit.
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
        staking.exitBySignature(a, keyOf[a], uint64(block.timestamp), "", sig);
    }

    function test_ExitsAtTwoHours() public {
        skip(2 hours);
        uint256 earned = _accrued(POOL_GENESIS, 2 hours) / 3;
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyRemoved(a, keyOf[a]);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeExited(a, true, earned);
        _exitBySignature(a);
        assertEq(uint8(lens.node(a).status), uint8(IStakingRegistry.NodeStatus.Exited));
        assertEq(lens.networkSize(), 2);
        assertEq(consensus.activeBLSKeyCount(), 2);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        // the exit pays nothing: the stake and the rewards up to now wait to be pulled
        assertEq(token.balanceOf(alice), 0);
        assertEq(lens.node(a).earned, earned);
        assertEq(lens.claimableRewards(a, _staker(a, 0)), earned);
        vm.prank(alice);
        assertEq(staking.withdrawStake(a), REQUIREMENT);
        vm.prank(alice);
        assertEq(staking.claimRewards(a, _staker(a, 0)), earned);
    }

    /// @dev After the end the node's earnings are frozen: later payouts go to the others.
    function test_EndedNodeEarnsNothingMore() public {
        skip(2 hours);
        _exitBySignature(a);
        uint256 earned = lens.node(a).earned;
        uint256 bBefore = lens.node(b).earned;
        uint256 carried = lens.undistributedRewards();
        uint256 later = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.node(a).earned, earned);
        assertEq(lens.claimableRewards(a, _staker(a, 0)), earned);
        assertEq(lens.node(b).earned, bBefore + (later + carried) / 2);
    }

    function test_RevertWhen_KeyIsNotTheNodes() public {
        skip(2 hours);
        bytes memory aggregate = consensus.aggregatePublicKey();
        bytes memory sig = _sign(EXIT, a);
        uint256 ts = block.timestamp;
        // another registered node's key, an unregistered key, a malformed one
        bytes[] memory wrong = new bytes[](3);
        (wrong[0], wrong[1], wrong[2]) =
        (keyOf[b], BLSTestSigner.publicKey(BLSTestSigner.secretKey(999)), new bytes(64));
        for (uint256 i; i < wrong.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, a));
            staking.exitBySignature(a, wrong[i], uint64(ts), "", sig);
        }
        assertEq(uint8(lens.node(a).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(uint8(lens.node(b).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(lens.networkSize(), 3);
        assertEq(consensus.activeBLSKeyCount(), 3);
        assertEq(consensus.aggregatePublicKey(), aggregate);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[a]), a);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[b]), b);
        staking.exitBySignature(a, keyOf[a], uint64(ts), "", sig);
    }

    function test_ExitWithOneNonSigner() public {
        skip(2 hours);
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = b;
        bytes memory sig = _networkSign(EXIT, a, uint64(block.timestamp), nonSigners);
        staking.exitBySignature(a, keyOf[a], uint64(block.timestamp), _keysOf(nonSigners), sig);
        assertEq(uint8(lens.node(a).status), uint8(IStakingRegistry.NodeStatus.Exited));
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
        staking.exitBySignature(a, keyOf[a], uint64(block.timestamp), "", sig);
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
        staking.exitBySignature(a, keyOf[a], uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_Expired() public {
        skip(3 hours);
        uint64 ts = uint64(block.timestamp - 1 hours - 1);
        bytes memory sig = _networkSign(EXIT, a, ts, new uint64[](0));
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.SignatureExpired.selector, ts, block.timestamp - 1 hours)
        );
        staking.exitBySignature(a, keyOf[a], ts, "", sig);
    }

    function test_RevertWhen_Replayed() public {
        skip(2 hours);
        bytes memory sig = _sign(EXIT, a);
        staking.exitBySignature(a, keyOf[a], uint64(block.timestamp), "", sig);
        skOf[a] = 0;
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.exitBySignature(a, keyOf[a], uint64(block.timestamp), "", sig);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, 99));
        staking.exitBySignature(99, keyOf[a], uint64(block.timestamp), "", sig);
    }

    /// @dev The same key and operator register again under a new id: the first registration's exit
    /// and liquidation signatures, still within their expiry window, cannot touch the new one (the
    /// aggregate is the same as when they were made, so only the id in the message stops them).
    function test_OldSignaturesNeverRemoveLaterRegistrationOfSameKey() public {
        vm.prank(governance);
        consensus.setSignatureExpiry(2 hours - 1); // the longest allowed
        skip(2 hours);
        uint256 registeredAgainAt = block.timestamp;
        // signed as late as the future skew allows, so the signatures live as long as possible
        uint64 ts = uint64(block.timestamp + 5 minutes);
        bytes memory key = keyOf[a];
        bytes memory exitSig = _networkSign(EXIT, a, ts, new uint64[](0));
        bytes memory liquidationSig = _networkSign(LIQUIDATION, a, ts, new uint64[](0));
        staking.exitBySignature(a, key, ts, "", exitSig);
        uint256 sk = skOf[a];
        skOf[a] = 0;

        // re-register alice's key (same BLS key, same Ed25519 key) as node 4
        bytes32 ed = _ed25519(1);
        bytes memory pop = _pop(sk, alice, ed);
        _fund(alice, REQUIREMENT);
        vm.startPrank(alice);
        token.approve(address(staking), REQUIREMENT);
        uint64 again = staking.registerNode(key, ed, pop, 0, _solo(alice));
        vm.stopPrank();
        skOf[again] = sk;
        keyOf[again] = key;
        assertEq(again, 4);
        assertEq(consensus.nodeIdOfBLSKey(key), again);

        // every network decision needs a node older than any signature can be
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NodeTooYoung.selector, again, registeredAgainAt + 2 hours)
        );
        staking.liquidate(again, key, ts, "", liquidationSig);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NodeTooYoung.selector, again, registeredAgainAt + 2 hours)
        );
        staking.exitBySignature(again, key, ts, "", exitSig);
        skip(2 hours); // old enough now, and the signatures are still fresh
        // the old signatures name id a; for id 4 they are signatures of other bytes
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector, _actionMessage(LIQUIDATION, again, ts)
            )
        );
        staking.liquidate(again, key, ts, "", liquidationSig);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector, _actionMessage(EXIT, again, ts)
            )
        );
        staking.exitBySignature(again, key, ts, "", exitSig);
        // nor through the first registration's id
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.exitBySignature(a, key, ts, "", exitSig);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.liquidate(a, key, ts, "", liquidationSig);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.finalizeExit(a, key);
        assertEq(uint8(lens.node(again).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(consensus.nodeIdOfBLSKey(key), again);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
    }

    function test_ExitWorksWhilePaused() public {
        vm.prank(governance);
        staking.pause();
        skip(2 hours);
        uint256 size = lens.networkSize();
        _exitBySignature(a);
        assertTrue(staking.paused());
        assertEq(uint8(lens.nodeRecord(a).status), uint8(IStakingRegistry.NodeStatus.Exited), "exited");
        assertEq(lens.networkSize(), size - 1, "out of N");
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate(), "key out of the aggregate");
        (address[] memory stakers, uint256[] memory stakes) = lens.stakesOf(a);
        uint256 before = token.balanceOf(stakers[0]);
        vm.prank(stakers[0]);
        staking.withdrawStake(a);
        assertEq(token.balanceOf(stakers[0]) - before, stakes[0], "stake back while paused");
    }

    function test_AggregateAndSizeTrackActiveNodes() public {
        skip(2 hours);
        _exitBySignature(b);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        uint64 d = _registerSolo(treasury);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        _liquidate(a);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        assertEq(lens.networkSize(), 2);
        assertEq(consensus.activeBLSKeyCount(), 2);
        _decommission(c);
        assertEq(lens.networkSize(), 1, "decommissioned nodes leave N");
        assertEq(consensus.activeBLSKeyCount(), 2, "but keep their key in the aggregate");
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        skip(2 hours);
        _exitBySignature(c);
        assertEq(lens.networkSize(), 1);
        assertEq(consensus.activeBLSKeyCount(), 1);
        assertEq(consensus.aggregatePublicKey(), keyOf[d]);
    }
}
