// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice `setBeneficiary`: owner only, never zero; the first call starts the clock, later calls
/// pay the old beneficiary first.
contract RewardPoolUnitTest_setBeneficiary is BaseTest {
    function test_FirstBeneficiaryStartsClock() public {
        skip(30 days); // time before the first beneficiary never accrues

        vm.recordLogs();
        vm.prank(governance);
        pool.setBeneficiary(registry);
        assertEq(vm.getRecordedLogs().length, 1, "BeneficiaryUpdated only, no release");

        assertEq(pool.beneficiary(), registry);
        assertEq(pool.lastReleaseTime(), block.timestamp);
        assertEq(pool.pendingRelease(), 0);
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS);
    }

    function test_RevertWhen_BeneficiaryIsThePool() public {
        vm.expectRevert(IRewardPool.BeneficiaryIsPool.selector);
        vm.prank(governance);
        pool.setBeneficiary(address(pool));
    }

    function test_EmitsBeneficiaryUpdated() public {
        vm.expectEmit(address(pool));
        emit IRewardPool.BeneficiaryUpdated(address(0), registry);
        vm.prank(governance);
        pool.setBeneficiary(registry);
    }

    function test_ChangePaysOldBeneficiaryFirst() public {
        _startPool();
        skip(1 days);

        vm.expectEmit(address(pool));
        emit IRewardPool.Released(registry, DAY_ONE_RELEASE, 1 days, POOL_GENESIS - DAY_ONE_RELEASE);
        vm.expectEmit(address(pool));
        emit IRewardPool.BeneficiaryUpdated(registry, bob);
        vm.prank(governance);
        pool.setBeneficiary(bob);

        assertEq(token.balanceOf(registry), DAY_ONE_RELEASE);
        assertEq(token.balanceOf(bob), 0);
        assertEq(pool.beneficiary(), bob);
        assertEq(pool.lastReleaseTime(), block.timestamp);

        skip(1 days);
        uint256 paid = pool.release();
        assertEq(paid, _accrued(POOL_GENESIS - DAY_ONE_RELEASE, 1 days));
        assertEq(token.balanceOf(bob), paid);
        assertEq(token.balanceOf(registry), DAY_ONE_RELEASE, "old beneficiary gets no more");
    }

    function testFuzz_ChangePaysOldBeneficiaryAccrued(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 10 * YEAR);
        _startPool();
        skip(elapsed);
        vm.prank(governance);
        pool.setBeneficiary(bob);
        assertEq(token.balanceOf(registry), _accrued(POOL_GENESIS, elapsed));
        assertEq(pool.pendingRelease(), 0);
    }

    function test_RevertWhen_CallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pool.setBeneficiary(alice);
    }

    function testFuzz_RevertWhen_CallerNotOwner(address caller) public {
        vm.assume(caller != governance); // excluding one point, not a range
        vm.expectRevert(
            abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, caller)
        );
        vm.prank(caller);
        pool.setBeneficiary(caller);
    }

    function test_RevertWhen_BeneficiaryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ZeroAddress.selector));
        vm.prank(governance);
        pool.setBeneficiary(address(0));
    }

    function test_RevertWhen_BeneficiaryIsZeroAfterStart() public {
        _startPool();
        skip(1 days);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ZeroAddress.selector));
        vm.prank(governance);
        pool.setBeneficiary(address(0));
        assertEq(pool.beneficiary(), registry);
    }
}
