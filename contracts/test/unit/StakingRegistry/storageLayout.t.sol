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
        assertEq(uint64(slot0), lens.rewardPerNode(), "rewardPerNode");
        assertEq(uint64(slot0 >> 64), lens.undistributedRewards(), "undistributed");
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

    /// @dev One node's record (4 slots) and its positions, one slot each, keyed by staker: a solo
    /// node writes none at registration (its position is loaded from the record when first
    /// changed), a shared node one per contributor plus the list of contributors after the
    /// operator, and a beneficiary other than the staker in its own mapping.
    function test_NodeAndPositionSlots() public {
        uint64 solo = _register(alice, _solo(alice), 250);
        IStakingRegistry.Contributor[] memory c = _pair(bob, QUARTER, carol);
        c[1].beneficiary = treasury;
        uint64 shared = _register(bob, c, 0);

        bytes32 node0 = _nodeSlot(solo);
        uint256 w0 = uint256(vm.load(address(staking), node0));
        assertEq(address(uint160(w0)), alice, "operator");
        assertEq(uint40(w0 >> 160), block.timestamp, "registeredAt");
        assertEq(uint16(w0 >> 200), 250, "feeBps");
        assertEq(uint8(w0 >> 216), uint8(IStakingRegistry.NodeStatus.Active), "status");
        assertEq(uint8(w0 >> 224), 1, "contributorCount");
        assertEq(uint8(w0 >> 232), 0, "byContract");
        uint256 w1 = uint256(vm.load(address(staking), bytes32(uint256(node0) + 1)));
        assertEq(uint64(w1), REQUIREMENT, "deposit");
        assertEq(uint64(w1 >> 64), 0, "earnedBase");
        assertEq(vm.load(address(staking), bytes32(uint256(node0) + 2)), bytes32(0), "decisions");
        assertEq(vm.load(address(staking), bytes32(uint256(node0) + 3)), _ed25519(1), "ed25519Key");
        assertEq(
            uint256(vm.load(address(staking), keccak256(abi.encode(_ed25519(1), uint256(BASE) + 5)))), solo
        );

        bytes32 p0 = _positionSlot(solo, alice);
        assertEq(vm.load(address(staking), p0), bytes32(0), "a solo node stores no position");

        uint256 a0 = uint256(vm.load(address(staking), _positionSlot(shared, bob)));
        assertEq(uint64(a0), QUARTER, "stake");
        assertEq(uint64(a0 >> 64), 0, "rewardsPaid");
        assertEq(uint8(a0 >> 128), 1, "loaded");
        uint256 a1 = uint256(vm.load(address(staking), _positionSlot(shared, carol)));
        assertEq(uint64(a1), REQUIREMENT - QUARTER);
        assertEq(uint8(a1 >> 128), 1 | 4, "loaded, with a beneficiary");
        assertEq(
            address(uint160(uint256(vm.load(address(staking), _mappingSlot(shared, carol, 6))))), treasury
        );
        assertEq(
            address(
                uint160(uint256(vm.load(address(staking), _mappingSlot(shared, bytes32(uint256(1)), 7))))
            ),
            carol
        );

        skip(2 hours);
        staking.distributeRewards();
        vm.prank(alice);
        uint256 paid = staking.claimRewards(solo, alice);
        uint256 loaded = uint256(vm.load(address(staking), p0));
        assertEq(uint64(loaded), REQUIREMENT, "the first claim loads the stake");
        assertEq(uint64(loaded >> 64), paid, "rewardsPaid");
        _exitBySignature(solo);
        vm.prank(alice);
        staking.withdrawStake(solo);
        assertEq(uint8(uint256(vm.load(address(staking), p0)) >> 128), 1 | 2, "loaded, stake withdrawn");
        w0 = uint256(vm.load(address(staking), node0));
        assertEq(uint8(w0 >> 216), uint8(IStakingRegistry.NodeStatus.Exited));
        w1 = uint256(vm.load(address(staking), bytes32(uint256(node0) + 1)));
        assertEq(uint64(w1 >> 64), lens.node(solo).earned, "earnedBase holds E once ended");
    }

    function test_ContributionFactorySharesTheRatiosSlot() public {
        vm.prank(governance);
        staking.setContributionFactory(treasury);
        uint256 slot2 = uint256(vm.load(address(staking), bytes32(uint256(BASE) + 2)));
        assertEq(uint32(slot2), 3, "liquidatorRatio");
        assertEq(address(uint160(slot2 >> 96)), treasury, "contributionFactory");
    }

    /// @dev Slot 9: the Ed25519 disputes contract (appended after the brake's slot 8). The key
    /// index's reservation bits are checked through the lens in `evictSquatter.t.sol`.
    function test_Ed25519DisputesSlot() public {
        vm.prank(governance);
        staking.setEd25519Disputes(treasury);
        assertEq(address(uint160(uint256(vm.load(address(staking), bytes32(uint256(BASE) + 9))))), treasury);
        assertEq(lens.ed25519Disputes(), treasury);
    }

    function _nodeSlot(uint64 nodeId) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(nodeId), uint256(BASE) + 3));
    }

    function _positionSlot(uint64 nodeId, address staker) internal pure returns (bytes32) {
        return _mappingSlot(nodeId, bytes32(uint256(uint160(staker))), 4);
    }

    /// @dev Slot of `map[nodeId][key]` for the nested mapping at `BASE + offset`.
    function _mappingSlot(uint64 nodeId, address key, uint256 offset) internal pure returns (bytes32) {
        return _mappingSlot(nodeId, bytes32(uint256(uint160(key))), offset);
    }

    function _mappingSlot(uint64 nodeId, bytes32 key, uint256 offset) internal pure returns (bytes32) {
        return keccak256(abi.encode(key, keccak256(abi.encode(uint256(nodeId), uint256(BASE) + offset))));
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
        // keys are not stored per node, only their hash => id, right after the parameters
        bytes32 byHash = keccak256(abi.encode(keccak256(keyOf[2]), uint256(consensusBase) + 4));
        assertEq(uint256(vm.load(address(consensus), byHash)), 2);
    }
}
