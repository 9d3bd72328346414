// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
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

    /// @dev One node's record (4 slots) and its positions: a solo node writes no position slot,
    /// a shared node one per contributor, plus slot B for a beneficiary other than the staker, a
    /// claim or a withdrawal.
    function test_NodeAndPositionSlots() public {
        uint64 solo = _register(alice, _solo(alice), 250);
        IStakingRegistry.Contributor[] memory c = _pair(bob, QUARTER, carol);
        c[1].beneficiary = treasury;
        uint64 shared = _register(bob, c, 0);

        bytes32 node0 = _nodeSlot(solo);
        uint256 w0 = uint256(vm.load(address(staking), node0));
        assertEq(address(uint160(w0)), alice, "operator");
        assertEq(uint64(w0 >> 160), block.timestamp, "registeredAt");
        assertEq(uint16(w0 >> 224), 250, "feeBps");
        assertEq(uint8(w0 >> 240), uint8(IStakingRegistry.NodeStatus.Active), "status");
        assertEq(uint8(w0 >> 248), 1, "contributorCount");
        uint256 w1 = uint256(vm.load(address(staking), bytes32(uint256(node0) + 1)));
        assertEq(uint64(w1), REQUIREMENT, "deposit");
        assertEq(uint64(w1 >> 64), 0, "earnedBase");
        assertEq(vm.load(address(staking), bytes32(uint256(node0) + 2)), bytes32(0), "decisions");
        assertEq(vm.load(address(staking), bytes32(uint256(node0) + 3)), _ed25519(1), "ed25519Key");
        assertEq(
            uint256(vm.load(address(staking), keccak256(abi.encode(_ed25519(1), uint256(BASE) + 5)))), solo
        );

        bytes32 p0 = _positionSlot(solo, 0);
        assertEq(vm.load(address(staking), p0), bytes32(0), "a solo node stores no position");
        assertEq(vm.load(address(staking), bytes32(uint256(p0) + 1)), bytes32(0));

        uint256 a0 = uint256(vm.load(address(staking), _positionSlot(shared, 0)));
        assertEq(address(uint160(a0)), bob);
        assertEq(uint64(a0 >> 160), QUARTER);
        uint256 a1 = uint256(vm.load(address(staking), _positionSlot(shared, 1)));
        assertEq(address(uint160(a1)), carol);
        assertEq(uint64(a1 >> 160), REQUIREMENT - QUARTER);
        assertEq(vm.load(address(staking), bytes32(uint256(_positionSlot(shared, 0)) + 1)), bytes32(0));
        uint256 b1 = uint256(vm.load(address(staking), bytes32(uint256(_positionSlot(shared, 1)) + 1)));
        assertEq(address(uint160(b1)), treasury, "beneficiary");

        skip(2 hours);
        staking.distributeRewards();
        vm.prank(alice);
        uint256 paid = staking.claimRewards(solo, 0);
        _exitBySignature(solo);
        vm.prank(alice);
        staking.withdrawStake(solo);
        uint256 b0 = uint256(vm.load(address(staking), bytes32(uint256(p0) + 1)));
        assertEq(address(uint160(b0)), address(0), "beneficiary is the staker");
        assertEq(uint64(b0 >> 160), paid, "rewardsPaid");
        assertEq(uint8(b0 >> 224), 1, "stakeWithdrawn");
        w0 = uint256(vm.load(address(staking), node0));
        assertEq(uint8(w0 >> 240), uint8(IStakingRegistry.NodeStatus.Exited));
        w1 = uint256(vm.load(address(staking), bytes32(uint256(node0) + 1)));
        assertEq(uint64(w1 >> 64), staking.node(solo).earned, "earnedBase holds E once ended");
    }

    function _nodeSlot(uint64 nodeId) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(nodeId), uint256(BASE) + 3));
    }

    function _positionSlot(uint64 nodeId, uint256 index) internal pure returns (bytes32) {
        return keccak256(abi.encode(index, keccak256(abi.encode(uint256(nodeId), uint256(BASE) + 4))));
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
        // keys are not stored per node (the old mapping stays empty), only their hash => id
        bytes32 unused = keccak256(abi.encode(uint256(1), uint256(consensusBase) + 4));
        for (uint256 i; i < 3; ++i) {
            assertEq(vm.load(address(consensus), bytes32(uint256(unused) + i)), bytes32(0));
        }
        bytes32 byHash = keccak256(abi.encode(keccak256(keyOf[2]), uint256(consensusBase) + 5));
        assertEq(uint256(vm.load(address(consensus), byHash)), 2);
    }
}
