// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice On Arbitrum `block.number` is (close to) the L1 block number: many L2 blocks, seconds
/// apart, share it. What follows for the registry: the join cap counts per `block.number`, so per
/// L1 block (about 12 s) rather than per L2 block; distributions follow time, once per second
/// whatever the block number says.
contract StakingRegistryUnitTest_l2Semantics is StakingRegistryBase {
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

    function test_L2BlocksSharingABlockNumberShareOneJoinCap() public {
        uint256 number = block.number;
        for (uint256 i; i < 20; ++i) {
            _registerSolo(address(uint160(0x5000 + i)));
            // A later L2 block, same L1 block number.
            skip(1);
            assertEq(block.number, number);
        }
        assertEq(lens.networkSize(), 20);
        IStakingRegistry.Contributor[] memory c = _solo(alice);
        bytes memory pop = _pop(sk, alice, ed);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.RegistrationLimitReached.selector, 20, 20));
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
        // The next L1 block opens the cap again.
        vm.roll(number + 1);
        vm.prank(alice);
        staking.registerNode(key, ed, pop, 0, c);
        assertEq(lens.networkSize(), 21);
    }

    function test_DistributionsFollowTimeNotTheBlockNumber() public {
        _registerSolo(bob);
        uint256 number = block.number;
        skip(1 days);
        staking.distributeRewards();
        uint256 first = lens.rewardPerNode();
        assertGt(first, 0);
        // The same second in another L2 block: nothing more to share.
        staking.distributeRewards();
        assertEq(lens.rewardPerNode(), first);
        // A second later, same block number: the pool's second of release is shared.
        skip(1);
        staking.distributeRewards();
        assertEq(block.number, number);
        assertGt(lens.rewardPerNode(), first);
    }
}
