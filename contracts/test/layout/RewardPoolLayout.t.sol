// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BaseTest} from "../utils/Base.t.sol";

/// @notice Storage-layout check of RewardPool. Its state lives in one ERC-7201 namespace; an
/// upgrade that reorders, retypes or moves a field would silently corrupt a live pool, so this
/// pins every field to its slot and offset by reading raw storage. A deliberate layout change must
/// edit this file, which makes it visible in review.
contract RewardPoolLayoutTest is BaseTest {
    /// @dev `cast index-erc7201 session.storage.RewardPool`.
    bytes32 internal constant NAMESPACE = 0xe6d59317d3879cf93b225e1b1aa5964b835a59e2511d131820f9466940394d00;

    function test_NamespaceIsTheERC7201SlotOfItsId() public pure {
        bytes32 expected = keccak256(abi.encode(uint256(keccak256("session.storage.RewardPool")) - 1))
            & ~bytes32(uint256(0xff));
        assertEq(NAMESPACE, expected);
    }

    function test_FieldsSitAtTheirSlots() public {
        _startPool();
        skip(1 days);
        pool.release();

        bytes32 slot0 = vm.load(address(pool), NAMESPACE);
        bytes32 slot1 = vm.load(address(pool), bytes32(uint256(NAMESPACE) + 1));
        bytes32 slot2 = vm.load(address(pool), bytes32(uint256(NAMESPACE) + 2));

        assertEq(uint64(uint256(slot0)), pool.lastReleaseTime(), "slot 0, low 8 bytes: lastReleaseTime");
        assertEq(uint256(slot0) >> 64, pool.accruingBalance(), "slot 0, high 24 bytes: accruingBalance");
        assertEq(address(uint160(uint256(slot1))), address(token), "slot 1: token");
        assertEq(address(uint160(uint256(slot2))), registry, "slot 2: beneficiary");
        assertEq(vm.load(address(pool), bytes32(uint256(NAMESPACE) + 3)), bytes32(0), "nothing beyond slot 2");
    }

    function test_NoStateOutsideTheNamespaceButOpenZeppelins() public view {
        // Slot 0 of a plain contract layout: a field declared outside the namespace would land here.
        assertEq(vm.load(address(pool), bytes32(0)), bytes32(0));
        assertEq(vm.load(address(pool), bytes32(uint256(1))), bytes32(0));
    }
}
