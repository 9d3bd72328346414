// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FeesBaseTest} from "../utils/FeesBase.t.sol";

/// @notice Gas of every user-facing network-fee operation, written by forge to
/// `snapshots/FeeRouter.json`, `snapshots/SessionPro.json` and `snapshots/SessionNames.json` on every
/// `forge test` run. Production-like state: the pool's clock runs (so each fee's deposit pays the
/// accrual since the last payout first), the payers already hold SESH and have approved, and every
/// measured call runs in its own transaction after `setUp` (cold storage).
contract FeesGasTest is FeesBaseTest {
    function setUp() public override {
        super.setUp();
        _startPool();
        _fundAndApprove(alice, address(pro), 10_000 * SESH);
        vm.prank(alice);
        token.approve(address(names), type(uint256).max);
        _fund(bob, 10 * SESH); // bob already holds SESH
        vm.prank(alice);
        pro.subscribe(_sessionId("renewing"), MONTHLY, type(uint256).max);
        vm.prank(alice);
        names.register("registered", _sessionId("alice"), type(uint256).max);
        // a fee has already reached the treasury: no zero-to-nonzero balance there
        _fund(address(router), 1_000 * SESH);
        router.routeFees();
        _fund(address(router), 1_000 * SESH);
        _skipAndRefresh(1 hours);
    }

    function test_Gas_RouteFees() public {
        router.routeFees();
        vm.snapshotGasLastCall("FeeRouter", "routeFees");
    }

    function test_Gas_Subscribe() public {
        vm.prank(alice);
        pro.subscribe(_sessionId("new"), MONTHLY, type(uint256).max);
        vm.snapshotGasLastCall("SessionPro", "subscribe (new)");
    }

    function test_Gas_SubscribeRenewal() public {
        vm.prank(alice);
        pro.subscribe(_sessionId("renewing"), MONTHLY, type(uint256).max);
        vm.snapshotGasLastCall("SessionPro", "subscribe (renewal)");
    }

    function test_Gas_IsPro() public {
        pro.isPro(_sessionId("renewing"));
        vm.snapshotGasLastCall("SessionPro", "isPro");
    }

    function test_Gas_RegisterName() public {
        vm.prank(alice);
        names.register("Session-Name", _sessionId("alice"), type(uint256).max);
        vm.snapshotGasLastCall("SessionNames", "register (12 chars)");
    }

    function test_Gas_RenewName() public {
        vm.prank(alice);
        names.renew("registered", type(uint256).max);
        vm.snapshotGasLastCall("SessionNames", "renew");
    }

    function test_Gas_TransferName() public {
        vm.prank(alice);
        names.transfer("registered", bob);
        vm.snapshotGasLastCall("SessionNames", "transfer");
    }

    function test_Gas_SetTarget() public {
        vm.prank(alice);
        names.setTarget("registered", _sessionId("other"));
        vm.snapshotGasLastCall("SessionNames", "setTarget");
    }

    function test_Gas_Resolve() public {
        names.resolve("registered");
        vm.snapshotGasLastCall("SessionNames", "resolve");
    }
}
