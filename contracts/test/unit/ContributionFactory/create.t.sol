// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IContributionFactory} from "../../../src/interfaces/IContributionFactory.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {LibClone} from "solady/utils/LibClone.sol";

contract ContributionFactoryUnitTests_create is ContributionBase {
    function test_CreatesInitializedClone() public {
        assertTrue(factory.owns(address(cc)));
        assertFalse(factory.owns(address(this)));
        assertEq(cc.operator(), operator);
        assertEq(cc.requirement(), REQUIREMENT);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.WaitingForOperator));
        (bytes memory k, bytes32 e, bytes memory p) = cc.keys();
        assertEq(k, blsKey);
        assertEq(e, edKey);
        assertEq(p, pop);
        assertEq(cc.minimumContribution(), QUARTER);
        assertEq(cc.openSlots(), 10);
    }

    function test_OperatorIsCallerNotOrigin() public {
        vm.prank(alice, bob);
        address c = factory.create(blsKey, edKey, pop, 0, false, _noReservations());
        assertEq(ContributionContract(c).operator(), alice);
    }

    function test_EmitsCreated() public {
        vm.expectEmit(false, true, false, true, address(factory));
        emit IContributionFactory.ContributionContractCreated(address(0), operator, 500, true);
        _create(500, true);
    }

    function test_EmitsKeysAtInitialization() public {
        vm.expectEmit(false, false, false, true);
        emit IContributionContract.KeysUpdated(blsKey, edKey, pop);
        _create(0, false);
    }

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        factory.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _create(0, false);
        // existing contracts are unaffected
        _deposit(cc, operator, QUARTER);
        vm.prank(governance);
        factory.unpause();
        _create(0, false);
    }

    function test_RevertWhen_PauseByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        factory.pause();
    }

    function test_RevertWhen_RenounceOwnership() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0)));
        vm.prank(governance);
        factory.renounceOwnership();
    }

    function test_RevertWhen_BlsKeyLength() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.InvalidKeyLength.selector, 127, 128));
        factory.create(new bytes(127), edKey, pop, 0, false, _noReservations());
    }

    function test_RevertWhen_PopLength() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.InvalidKeyLength.selector, 255, 256));
        factory.create(blsKey, edKey, new bytes(255), 0, false, _noReservations());
    }

    function test_RevertWhen_ZeroEd25519Key() public {
        vm.expectRevert(IContributionContract.ZeroEd25519Key.selector);
        factory.create(blsKey, bytes32(0), pop, 0, false, _noReservations());
    }

    function test_RevertWhen_FeeTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.FeeTooHigh.selector, 10_001, 10_000));
        factory.create(blsKey, edKey, pop, 10_001, false, _noReservations());
    }

    function test_RevertWhen_InitializeImplementation() public {
        ContributionContract impl = ContributionContract(factory.IMPLEMENTATION());
        vm.expectRevert(IContributionContract.AlreadyInitialized.selector);
        vm.prank(address(factory));
        impl.initialize(alice, 0, false, _noReservations());
    }

    function test_RevertWhen_InitializeTwice() public {
        vm.expectRevert(IContributionContract.AlreadyInitialized.selector);
        vm.prank(address(factory));
        cc.initialize(alice, 0, false, _noReservations());
    }

    function test_RevertWhen_InitializeByOther() public {
        // a clone made outside the factory: fresh storage, but only the factory may initialize
        address fresh = LibClone.clone(factory.IMPLEMENTATION());
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotFactory.selector, alice));
        vm.prank(alice);
        ContributionContract(fresh).initialize(alice, 0, false, _noReservations());
    }

    function test_Ownable2Step() public {
        vm.prank(governance);
        factory.transferOwnership(alice);
        assertEq(factory.owner(), governance);
        vm.prank(alice);
        factory.acceptOwnership();
        assertEq(factory.owner(), alice);
    }
}

