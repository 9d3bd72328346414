// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {ERC20Mock} from "../../mocks/ERC20Mock.sol";
import {VestingTestBase} from "./VestingBase.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract VestingBeneficiaryTest is VestingTestBase {
    IVesting internal v;
    address internal heir;

    function setUp() public override {
        super.setUp();
        v = _plain(grantor, 0);
        heir = makeAddr("heir");
    }

    function test_TwoStepTransfer() public {
        vm.expectEmit(address(v));
        emit IVesting.BeneficiaryTransferStarted(beneficiary, heir);
        vm.prank(beneficiary);
        v.transferBeneficiary(heir);
        assertEq(v.pendingBeneficiary(), heir);
        assertEq(v.beneficiary(), beneficiary, "not before acceptance");

        vm.prank(grantor);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotPendingBeneficiary.selector, grantor, heir));
        v.acceptBeneficiary();

        vm.expectEmit(address(v));
        emit IVesting.BeneficiaryTransferred(beneficiary, heir);
        vm.prank(heir);
        v.acceptBeneficiary();
        assertEq(v.beneficiary(), heir);
        assertEq(v.pendingBeneficiary(), address(0));

        vm.warp(T0 + 4 * 365 days);
        v.release();
        assertEq(token.balanceOf(heir), ALLOCATION, "releases go to the new beneficiary");
        assertEq(token.balanceOf(beneficiary), 0);
    }

    function test_OfferCanBeWithdrawn() public {
        vm.startPrank(beneficiary);
        v.transferBeneficiary(heir);
        v.transferBeneficiary(address(0));
        vm.stopPrank();
        vm.prank(heir);
        vm.expectRevert(
            abi.encodeWithSelector(IVesting.CallerNotPendingBeneficiary.selector, heir, address(0))
        );
        v.acceptBeneficiary();
        vm.prank(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IVesting.CallerNotPendingBeneficiary.selector, address(0), address(0))
        );
        v.acceptBeneficiary();
    }

    function test_RevertWhen_TransferByOther() public {
        vm.prank(heir);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, heir, beneficiary));
        v.transferBeneficiary(heir);
    }

    function test_RescueOtherTokensOnly() public {
        ERC20Mock other = new ERC20Mock();
        other.mint(address(v), 5);
        vm.prank(heir);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, heir, beneficiary));
        v.rescue(IERC20(address(other)));
        vm.expectEmit(address(v));
        emit IVesting.Rescued(address(other), beneficiary, 5);
        vm.prank(beneficiary);
        v.rescue(IERC20(address(other)));
        assertEq(other.balanceOf(beneficiary), 5);
        vm.prank(beneficiary);
        vm.expectRevert(abi.encodeWithSelector(IVesting.NothingToRescue.selector, address(other)));
        v.rescue(IERC20(address(other)));
        vm.prank(beneficiary);
        vm.expectRevert(abi.encodeWithSelector(IVesting.TokenNotRescuable.selector, address(token)));
        v.rescue(IERC20(address(token)));
    }
}
