// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionPro} from "../../../src/interfaces/ISessionPro.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice `setPlan` and `removePlan`: owner only, old and new values in the event.
contract SessionProUnitTest_plans is FeesBaseTest {
    function test_SetPlanCreates() public {
        vm.expectEmit(address(pro));
        emit ISessionPro.PlanUpdated(7, 0, 0, 1_000_000, 7 days);
        vm.prank(governance);
        pro.setPlan(7, 1_000_000, 7 days);
        ISessionPro.Plan memory p = pro.plan(7);
        assertEq(p.usdPrice, 1_000_000);
        assertEq(p.duration, 7 days);
    }

    function test_SetPlanChanges() public {
        vm.expectEmit(address(pro));
        emit ISessionPro.PlanUpdated(MONTHLY, MONTHLY_USD, MONTHLY_DURATION, 5_990_000, 31 days);
        vm.prank(governance);
        pro.setPlan(MONTHLY, 5_990_000, 31 days);
        assertEq(pro.plan(MONTHLY).usdPrice, 5_990_000);
    }

    function test_RemovePlanKeepsSubscriptions() public {
        _fundAndApprove(alice, address(pro), MONTHLY_SESH);
        vm.prank(alice);
        (uint64 expiry,) = pro.subscribe(_sessionId("alice"), MONTHLY, MONTHLY_SESH);

        vm.expectEmit(address(pro));
        emit ISessionPro.PlanUpdated(MONTHLY, MONTHLY_USD, MONTHLY_DURATION, 0, 0);
        vm.prank(governance);
        pro.removePlan(MONTHLY);
        assertEq(pro.plan(MONTHLY).usdPrice, 0);
        assertEq(pro.proExpiry(_sessionId("alice")), expiry);

        vm.expectRevert(abi.encodeWithSelector(ISessionPro.UnknownPlan.selector, MONTHLY));
        pro.quotePlan(MONTHLY);
    }

    function test_RevertWhen_SetPlanPriceZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionPro.InvalidPlan.selector, 7, 0, 7 days));
        vm.prank(governance);
        pro.setPlan(7, 0, 7 days);
    }

    function test_RevertWhen_SetPlanDurationZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionPro.InvalidPlan.selector, 7, 1_000_000, 0));
        vm.prank(governance);
        pro.setPlan(7, 1_000_000, 0);
    }

    function test_RevertWhen_RemoveUnknownPlan() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionPro.UnknownPlan.selector, 7));
        vm.prank(governance);
        pro.removePlan(7);
    }

    function test_RevertWhen_SetPlanCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pro.setPlan(7, 1_000_000, 7 days);
    }

    function test_RevertWhen_RemovePlanCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pro.removePlan(MONTHLY);
    }
}
