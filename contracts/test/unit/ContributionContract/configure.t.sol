// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

/// @notice updateKeys, updateFee, updateReservations, updateBeneficiary.
contract ContributionContractUnitTests_configure is ContributionBase {
    function _res(address a, uint256 x) internal pure returns (IContributionContract.Reservation[] memory r) {
        r = new IContributionContract.Reservation[](1);
        r[0] = IContributionContract.Reservation(a, x);
    }

    function test_UpdateFee() public {
        vm.expectEmit(address(cc));
        emit IContributionContract.FeeUpdated(0, 900);
        vm.prank(operator);
        cc.updateFee(900);
        assertEq(cc.feeBps(), 900);
    }

    function test_RevertWhen_UpdateFeeTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.FeeTooHigh.selector, 10_001, 10_000));
        vm.prank(operator);
        cc.updateFee(10_001);
    }

    function test_RevertWhen_ConfigureAfterDeposit() public {
        _deposit(cc, operator, QUARTER);
        vm.startPrank(operator);
        vm.expectRevert(IContributionContract.OperatorAlreadyDeposited.selector);
        cc.updateFee(1);
        vm.expectRevert(IContributionContract.OperatorAlreadyDeposited.selector);
        cc.updateKeys(blsKey, edKey, pop);
        vm.expectRevert(IContributionContract.OperatorAlreadyDeposited.selector);
        cc.updateReservations(_res(alice, 1));
        vm.stopPrank();
    }

    function test_RevertWhen_ConfigureByNonOperator() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        cc.updateFee(1);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        cc.updateKeys(blsKey, edKey, pop);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        cc.updateReservations(_res(alice, 1));
        vm.stopPrank();
    }

    function test_RevertWhen_UpdateKeysNotCanonical() public {
        bytes memory k = bytes.concat(blsKey);
        k[64] = 0x01; // the padding of the second coordinate
        vm.expectRevert(IContributionContract.KeyNotCanonical.selector);
        vm.prank(operator);
        cc.updateKeys(k, edKey, pop);
        bytes memory p = bytes.concat(pop);
        p[192 + 15] = 0x01; // the padding of the fourth coordinate
        vm.expectRevert(IContributionContract.KeyNotCanonical.selector);
        vm.prank(operator);
        cc.updateKeys(blsKey, edKey, p);
    }

    function test_UpdateKeys() public {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(operator, 4_242);
        vm.expectEmit(address(cc));
        emit IContributionContract.KeysUpdated(k, e, p);
        vm.prank(operator);
        cc.updateKeys(k, e, p);
        (bytes memory k2, bytes32 e2, bytes memory p2) = cc.keys();
        assertEq(k2, k);
        assertEq(e2, e);
        assertEq(p2, p);
    }

    function test_RevertWhen_UpdateKeysBadLengths() public {
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.InvalidKeyLength.selector, 96, 128));
        cc.updateKeys(new bytes(96), edKey, pop);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.InvalidKeyLength.selector, 0, 256));
        cc.updateKeys(blsKey, edKey, "");
        vm.expectRevert(IContributionContract.ZeroEd25519Key.selector);
        cc.updateKeys(blsKey, bytes32(0), pop);
        vm.stopPrank();
    }

    function test_UpdateReservationsReplaces() public {
        vm.startPrank(operator);
        cc.updateReservations(_res(alice, 1_000 * SESH));
        cc.updateReservations(_res(bob, 2_000 * SESH));
        vm.stopPrank();
        IContributionContract.Reservation[] memory r = cc.reservations();
        assertEq(r.length, 1);
        assertEq(r[0].staker, bob);
        assertEq(cc.minimumContributionOf(alice), 0);
        assertEq(cc.openSlots(), 9);
    }

    function test_RevertWhen_InvalidReservations() public {
        vm.startPrank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.InvalidReservation.selector, operator, 1)
        );
        cc.updateReservations(_res(operator, 1));
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.InvalidReservation.selector, address(0), 1)
        );
        cc.updateReservations(_res(address(0), 1));
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.InvalidReservation.selector, alice, 0));
        cc.updateReservations(_res(alice, 0));
        IContributionContract.Reservation[] memory dup = new IContributionContract.Reservation[](2);
        dup[0] = IContributionContract.Reservation(alice, 1);
        dup[1] = IContributionContract.Reservation(alice, 2);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.InvalidReservation.selector, alice, 2));
        cc.updateReservations(dup);
        uint256 max = REQUIREMENT - QUARTER;
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.ReservationsTooLarge.selector, max + 1, max)
        );
        cc.updateReservations(_res(alice, max + 1));
        IContributionContract.Reservation[] memory many = new IContributionContract.Reservation[](10);
        for (uint256 i; i < 10; ++i) {
            many[i] = IContributionContract.Reservation(_contributor(i + 1), 1);
        }
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.TooManyReservations.selector, 10, 9));
        cc.updateReservations(many);
        vm.stopPrank();
    }

    function test_UpdateBeneficiary() public {
        assertEq(cc.beneficiaryOf(alice), alice);
        vm.expectEmit(true, false, false, true, address(cc));
        emit IContributionContract.BeneficiaryUpdated(alice, alice, bob);
        vm.prank(alice);
        cc.updateBeneficiary(bob);
        assertEq(cc.beneficiaryOf(alice), bob);
    }

    function test_RevertWhen_BeneficiaryZero() public {
        vm.expectRevert(IContributionContract.ZeroAddress.selector);
        vm.prank(alice);
        cc.updateBeneficiary(address(0));
    }

    function test_RevertWhen_BeneficiaryAfterFinalize() public {
        _fill(cc, 2);
        vm.prank(operator);
        cc.finalize();
        _expectWrongStatus(IContributionContract.Status.Finalized);
        vm.prank(alice);
        cc.updateBeneficiary(bob);
    }
}
