// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {VestingTestBase} from "./VestingBase.t.sol";

contract VestingRevokeTest is VestingTestBase {
    IVesting internal v;

    function setUp() public override {
        super.setUp();
        v = _plain(grantor, 2000);
    }

    function test_RevokeReturnsOnlyTheUnvestedPart() public {
        vm.warp(T0 + 2 * 365 days); // 20% + 80% / 3
        uint256 vested = _reference(ALLOCATION, _schedule(2000), block.timestamp);
        vm.expectEmit(address(v));
        emit IVesting.Revoked(grantor, vested, ALLOCATION - vested);
        vm.expectEmit(address(v));
        emit IVesting.RevokedPaid(grantor, ALLOCATION - vested, ALLOCATION - vested);
        vm.prank(grantor);
        assertEq(v.revoke(), ALLOCATION - vested);
        assertEq(token.balanceOf(grantor), ALLOCATION - vested, "the revoker got the unvested part");
        assertEq(v.revokedAt(), block.timestamp);
        // What vested stays the beneficiary's, and nothing more ever vests.
        vm.warp(T0 + 10 * 365 days);
        assertEq(v.vestedAmount(uint64(block.timestamp)), vested, "frozen");
        assertEq(v.releasable(), vested);
        v.release();
        assertEq(token.balanceOf(beneficiary), vested);
        assertEq(token.balanceOf(address(v)), 0);
        vm.expectRevert(IVesting.NothingOwedToRevoker.selector);
        v.claimRevoked();
    }

    function test_RevokeBeforeTheCliffTakesEverything() public {
        vm.prank(grantor);
        v.revoke();
        assertEq(token.balanceOf(grantor), ALLOCATION);
        vm.warp(T0 + 10 * 365 days);
        assertEq(v.releasable(), 0);
    }

    function test_RevertWhen_RevokeAfterTheEnd() public {
        vm.warp(T0 + 4 * 365 days);
        vm.prank(grantor);
        vm.expectRevert(IVesting.NothingToRevoke.selector);
        v.revoke();
    }

    function test_RevertWhen_NotRevoker() public {
        vm.prank(beneficiary);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotRevoker.selector, beneficiary, grantor));
        v.revoke();
    }

    function test_RevertWhen_Irrevocable() public {
        IVesting irrevocable = _plain(address(0), 0);
        vm.prank(address(0));
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotRevoker.selector, address(0), address(0)));
        irrevocable.revoke();
    }

    function test_RevertWhen_RevokedTwice() public {
        vm.warp(T0 + 400 days);
        vm.prank(grantor);
        v.revoke();
        vm.prank(grantor);
        vm.expectRevert(abi.encodeWithSelector(IVesting.AlreadyRevoked.selector, uint64(block.timestamp)));
        v.revoke();
    }

    function test_RevokerCannotTakeVestedTokens() public {
        vm.warp(T0 + 3 * 365 days);
        uint256 vested = _reference(ALLOCATION, _schedule(2000), block.timestamp);
        vm.prank(grantor);
        v.revoke();
        assertEq(token.balanceOf(address(v)), vested, "the vested part stays");
        assertEq(v.revokerClaimable(), 0);
        vm.prank(grantor);
        vm.expectRevert(IVesting.NothingOwedToRevoker.selector);
        v.claimRevoked();
        vm.prank(grantor);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, grantor, beneficiary));
        v.transferBeneficiary(grantor);
    }

    function testFuzz_ConservationAcrossRevoke(uint64 releaseAt, uint64 revokeAt, uint64 endAt) public {
        releaseAt = uint64(bound(releaseAt, T0, T0 + 5 * 365 days));
        revokeAt = uint64(bound(revokeAt, releaseAt, T0 + 5 * 365 days));
        endAt = uint64(bound(endAt, revokeAt, T0 + 6 * 365 days));
        vm.warp(releaseAt);
        if (v.releasable() != 0) v.release();
        vm.warp(revokeAt);
        uint256 vested = _reference(ALLOCATION, _schedule(2000), revokeAt);
        vm.prank(grantor);
        if (vested == ALLOCATION) {
            vm.expectRevert(IVesting.NothingToRevoke.selector);
            v.revoke();
            return;
        }
        v.revoke();
        vm.warp(endAt);
        if (v.releasable() != 0) v.release();
        assertEq(token.balanceOf(beneficiary), vested, "beneficiary gets exactly what vested");
        assertEq(token.balanceOf(grantor), ALLOCATION - vested, "revoker exactly the rest");
        assertEq(v.released() + v.revokerPaid() + token.balanceOf(address(v)), ALLOCATION);
    }
}
