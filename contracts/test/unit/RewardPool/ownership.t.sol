// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IOwnedUpgradeable} from "../../../src/interfaces/IOwnedUpgradeable.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {
    Ownable2StepUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice Ownable2Step with renounce disabled (from `OwnedUpgradeable`).
contract RewardPoolUnitTest_ownership is BaseTest {
    function test_RevertWhen_RenounceOwnership() public {
        vm.expectRevert(abi.encodeWithSelector(IOwnedUpgradeable.RenounceDisabled.selector));
        vm.prank(governance);
        pool.renounceOwnership();
        assertEq(pool.owner(), governance);
    }

    function test_RevertWhen_RenounceOwnershipByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pool.renounceOwnership();
    }

    function test_TwoStepTransfer() public {
        vm.expectEmit(address(pool));
        emit Ownable2StepUpgradeable.OwnershipTransferStarted(governance, alice);
        vm.prank(governance);
        pool.transferOwnership(alice);
        assertEq(pool.owner(), governance, "unchanged until accepted");
        assertEq(pool.pendingOwner(), alice);

        vm.expectEmit(address(pool));
        emit OwnableUpgradeable.OwnershipTransferred(governance, alice);
        vm.prank(alice);
        pool.acceptOwnership();
        assertEq(pool.owner(), alice);
        assertEq(pool.pendingOwner(), address(0));

        // the new owner governs, the old one no longer does
        vm.prank(alice);
        pool.setBeneficiary(registry);
        vm.expectRevert(
            abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, governance)
        );
        vm.prank(governance);
        pool.setBeneficiary(bob);
    }

    function test_PendingTransferCanBeReplaced() public {
        vm.prank(governance);
        pool.transferOwnership(alice);
        vm.prank(governance);
        pool.transferOwnership(bob);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pool.acceptOwnership();
        vm.prank(bob);
        pool.acceptOwnership();
        assertEq(pool.owner(), bob);
    }

    function test_RevertWhen_AcceptedByOther() public {
        vm.prank(governance);
        pool.transferOwnership(alice);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, bob));
        vm.prank(bob);
        pool.acceptOwnership();
        assertEq(pool.owner(), governance);
    }

    function test_RevertWhen_TransferByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pool.transferOwnership(alice);
    }
}
