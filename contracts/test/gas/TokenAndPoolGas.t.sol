// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BaseTest} from "../utils/Base.t.sol";

/// @notice Gas of every user-facing token and pool operation, written by forge to
/// `snapshots/SessionToken.json` and `snapshots/RewardPool.json` at the repository root on every
/// `forge test` run, so a change in cost shows up in review. Each test performs its setup in
/// `setUp` (a separate transaction, so storage is cold again) and measures one call.
contract TokenAndPoolGasTest is BaseTest {
    uint256 internal permitDeadline;
    uint8 internal permitV;
    bytes32 internal permitR;
    bytes32 internal permitS;

    function setUp() public override {
        super.setUp();
        // Realistic balances on both sides: alice and bob already hold SESH (no zero-to-nonzero
        // store for the recipient), and alice has approved the pool.
        _fund(alice, 1_000_000 * SESH);
        _fund(bob, 1_000 * SESH);
        vm.prank(alice);
        token.approve(address(pool), type(uint256).max);
        _startPool();

        permitDeadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
                ),
                alice,
                bob,
                100 * SESH,
                token.nonces(alice),
                permitDeadline
            )
        );
        (permitV, permitR, permitS) =
            vm.sign(aliceKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function test_Gas_TokenTransfer() public {
        vm.prank(alice);
        token.transfer(bob, 100 * SESH);
        vm.snapshotGasLastCall("SessionToken", "transfer");
    }

    function test_Gas_TokenApprove() public {
        vm.prank(alice);
        token.approve(bob, 100 * SESH);
        vm.snapshotGasLastCall("SessionToken", "approve");
    }

    function test_Gas_TokenPermit() public {
        token.permit(alice, bob, 100 * SESH, permitDeadline, permitV, permitR, permitS);
        vm.snapshotGasLastCall("SessionToken", "permit");
    }

    function test_Gas_TokenBurn() public {
        vm.prank(alice);
        token.burn(100 * SESH);
        vm.snapshotGasLastCall("SessionToken", "burn");
    }

    function test_Gas_PoolDeposit() public {
        skip(1 days); // the deposit pays one day of accrual first, as it will in production
        vm.prank(alice);
        pool.deposit(1_000 * SESH);
        vm.snapshotGasLastCall("RewardPool", "deposit");
    }

    function test_Gas_PoolReleaseAfterOneDay() public {
        skip(1 days);
        pool.release();
        vm.snapshotGasLastCall("RewardPool", "release after 1 day");
    }

    function test_Gas_PoolSetBeneficiary() public {
        skip(1 days); // changing beneficiary pays the old one first
        vm.prank(governance);
        pool.setBeneficiary(bob);
        vm.snapshotGasLastCall("RewardPool", "setBeneficiary");
    }
}
