// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {ContributionFactory} from "../../../src/contribution/ContributionFactory.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IContributionFactory} from "../../../src/interfaces/IContributionFactory.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {Terms} from "../../utils/Terms.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {LibClone} from "solady/utils/LibClone.sol";

contract ContributionFactoryUnitTests_create is ContributionBase {
    function test_CreatesClone() public {
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
        assertEq(cc.maxContributors(), staking.maxContributors());
        assertEq(cc.feeBps(), 0);
        assertFalse(cc.autoFinalize());
        assertEq(cc.serial(), 1);
        assertEq(cc.nodeId(), 0);
        assertEq(cc.contributors().length, 0);
    }

    function test_TermsRoundTrip(uint16 fee, bool auto_, uint32 skip) public {
        fee = uint16(bound(fee, 0, 10_000));
        vm.warp(block.timestamp + 1 + skip);
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(alice, skip);
        vm.prank(alice);
        ContributionContract c = ContributionContract(factory.create(k, e, p, fee, auto_, _noReservations()));
        assertEq(c.operator(), alice);
        assertEq(c.feeBps(), fee);
        assertEq(c.autoFinalize(), auto_);
        assertEq(c.requirement(), REQUIREMENT);
        assertEq(c.serial(), factory.created());
        (bytes memory k2, bytes32 e2, bytes memory p2) = c.keys();
        assertEq(k2, k);
        assertEq(e2, e);
        assertEq(p2, p);
    }

    function test_OperatorIsCallerNotOrigin() public {
        vm.prank(alice, bob);
        address c = factory.create(blsKey, edKey, pop, 0, false, _noReservations());
        assertEq(ContributionContract(c).operator(), alice);
    }

    function test_EmitsCreated() public {
        vm.expectEmit(false, true, false, true, address(factory));
        emit IContributionFactory.ContributionContractCreated(address(0), operator, REQUIREMENT, 500, true);
        _create(500, true);
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

    function test_RevertWhen_ImplementationCalledDirectly() public {
        ContributionContract impl = ContributionContract(factory.IMPLEMENTATION());
        vm.expectRevert(IContributionContract.NotClone.selector);
        vm.prank(address(factory));
        impl.initializeReservations(_noReservations());
        vm.expectRevert(IContributionContract.NotClone.selector);
        impl.contribute(1, Terms.versionOf(address(impl)));
        vm.expectRevert(IContributionContract.NotClone.selector);
        impl.withdraw();
        vm.expectRevert(IContributionContract.NotClone.selector);
        impl.claimRefund();
    }

    function test_RevertWhen_InitializeReservationsByOther() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotFactory.selector, operator));
        vm.prank(operator);
        cc.initializeReservations(_noReservations());
    }

    function test_RevertWhen_KeyNotCanonical() public {
        for (uint256 coordinate; coordinate < 2; ++coordinate) {
            bytes memory k = bytes.concat(blsKey);
            k[coordinate * 64 + 15] = 0x01;
            vm.expectRevert(IContributionContract.KeyNotCanonical.selector);
            factory.create(k, edKey, pop, 0, false, _noReservations());
        }
        for (uint256 coordinate; coordinate < 4; ++coordinate) {
            bytes memory p = bytes.concat(pop);
            p[coordinate * 64] = 0x01;
            vm.expectRevert(IContributionContract.KeyNotCanonical.selector);
            factory.create(blsKey, edKey, p, 0, false, _noReservations());
        }
    }

    function test_RevertWhen_RequirementDoesNotFit() public {
        vm.mockCall(
            address(staking),
            abi.encodeCall(IStakingRegistry.stakingRequirement, ()),
            abi.encode(uint256(1) << 56)
        );
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.RequirementTooLarge.selector, uint256(1) << 56)
        );
        _create(0, false);
    }

    function test_RevertWhen_ContributorLimitOutOfRange() public {
        vm.mockCall(address(staking), abi.encodeCall(IStakingRegistry.maxContributors, ()), abi.encode(256));
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.ContributorLimitOutOfRange.selector, 256)
        );
        _create(0, false);
        vm.mockCall(address(staking), abi.encodeCall(IStakingRegistry.maxContributors, ()), abi.encode(0));
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.ContributorLimitOutOfRange.selector, 0));
        _create(0, false);
    }

    function test_OwnsOnlyWhatItDeployed() public {
        assertTrue(factory.owns(address(cc)));
        assertFalse(factory.owns(factory.IMPLEMENTATION()));
        assertFalse(factory.owns(operator));
        assertFalse(factory.owns(address(factory)));
        // the same code deployed by anyone else is not vouched for
        address copy = LibClone.clone(factory.IMPLEMENTATION(), LibClone.argsOnClone(address(cc)));
        assertEq(copy.code, address(cc).code);
        assertFalse(factory.owns(copy));
        // nor is a factory-made clone of another factory
        ContributionFactory other =
            new ContributionFactory(address(token), IStakingRegistry(address(staking)), governance);
        vm.prank(operator);
        address foreign = other.create(blsKey, edKey, pop, 0, false, _noReservations());
        assertTrue(other.owns(foreign));
        assertFalse(factory.owns(foreign));
    }

    function testFuzz_OwnsRejectsCloneWithOtherArguments(bytes32 seed) public {
        bytes memory args = LibClone.argsOnClone(address(cc));
        uint256 at = uint256(seed) % args.length;
        args[at] = bytes1(uint8(args[at]) ^ (uint8(uint256(seed) >> 8) | 1));
        address copy = LibClone.clone(factory.IMPLEMENTATION(), args);
        assertFalse(factory.owns(copy));
    }

    function test_SameTermsTwiceGetTwoContracts() public {
        // the address commits to the arguments, serial number included
        ContributionContract again = _create(0, false);
        assertTrue(address(again) != address(cc));
        assertTrue(factory.owns(address(again)));
        assertEq(cc.serial(), 1);
        assertEq(again.serial(), 2);
        assertEq(factory.created(), 2);
    }

    function test_ReservationsAtCreation() public {
        IContributionContract.Reservation[] memory r = new IContributionContract.Reservation[](2);
        r[0] = IContributionContract.Reservation(alice, 1_000e9);
        r[1] = IContributionContract.Reservation(bob, 2_000e9);
        vm.expectEmit(false, false, false, true);
        emit IContributionContract.ReservationsUpdated(r);
        ContributionContract c = _createWith(0, false, r);
        assertEq(c.reservations().length, 2);
        assertEq(c.openSlots(), 8);
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

