// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice The ERC-7201 namespace and the packing of the first slots, so an upgrade that moves a
/// field fails here.
contract StakingRegistryUnitTest_storageLayout is StakingRegistryBase {
    bytes32 internal constant BASE = 0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;

    function test_NamespaceIsErc7201() public pure {
        bytes32 expected = keccak256(abi.encode(uint256(keccak256("session.storage.StakingRegistry")) - 1))
            & ~bytes32(uint256(0xff));
        assertEq(expected, BASE);
    }

    function test_Slots() public {
        _registerSolo(alice);
        _registerSolo(bob);
        skip(1 days);
        staking.distributeRewards();

        uint256 slot0 = uint256(vm.load(address(staking), BASE));
        assertEq(uint64(slot0), staking.rewardPerNode(), "rewardPerNode");
        assertEq(uint64(slot0 >> 64), staking.undistributedRewards(), "undistributed");
        assertEq(uint24(slot0 >> 128), 2, "earningNodes");
        assertEq(uint40(slot0 >> 152), block.timestamp, "lastDistribution");
        assertEq(uint64(slot0 >> 192), token.balanceOf(address(staking)), "accountedBalance");

        uint256 slot1 = uint256(vm.load(address(staking), bytes32(uint256(BASE) + 1)));
        assertEq(uint64(slot1), 2, "lastNodeId");
        assertEq(uint64(slot1 >> 64), REQUIREMENT, "stakingRequirement");
        assertEq(uint8(slot1 >> 224), 1, "started");

        uint256 slot2 = uint256(vm.load(address(staking), bytes32(uint256(BASE) + 2)));
        assertEq(uint32(slot2), 3, "liquidatorRatio");
        assertEq(uint32(slot2 >> 32), 17, "poolRatio");
        assertEq(uint32(slot2 >> 64), 9980, "returnedRatio");
    }

    /// @dev The keys live in the consensus registry's proxy, in the `NetworkConsensus` namespace
    /// (docs/consensus.md); the staking registry's proxy has nothing there.
    function test_ConsensusSlotsLiveInConsensusRegistry() public {
        bytes32 consensusBase = 0xceb6967e78adaa916f14092c38158ec996433b07b8fff439351f6de590042400;
        _registerSolo(alice);
        _registerSolo(bob);
        uint256 params = uint256(vm.load(address(consensus), bytes32(uint256(consensusBase) + 3)));
        assertEq(uint64(params), 2, "activeKeyCount");
        assertEq(uint64(params >> 64), 4000, "nonSignerCap");
        assertEq(uint64(params >> 128), 1 hours, "signatureExpiry");
        assertEq(uint64(params >> 192), 5 minutes, "maxFutureSkew");
        for (uint256 i; i < 4; ++i) {
            assertEq(vm.load(address(staking), bytes32(uint256(consensusBase) + i)), bytes32(0));
        }
    }
}
