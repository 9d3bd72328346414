// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {ReservingReentrancyGuard} from "../../../src/utils/ReservingReentrancyGuard.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice A wallet estimates a call against the latest state, then the call is mined a second
/// later. In the second of the last distribution the registry skips it; a second later it pulls
/// the pool and distributes. The least gas that works at time t must work at t + 1: the skipped
/// call reserves the distribution's gas at its exit ({ReservingReentrancyGuard}).
contract StakingRegistryUnitTest_gasReserve is StakingRegistryBase {
    function setUp() public override {
        super.setUp();
        _registerSolo(alice);
        _registerSolo(bob);
        skip(1 days);
        staking.distributeRewards();
    }

    function _succeedsWith(address caller, uint256 gas, bytes memory data) internal returns (bool ok) {
        vm.prank(caller);
        (ok,) = address(staking).call{gas: gas}(data);
    }

    function test_DistributeEstimatedInTheSecondOfTheLastOneWorksASecondLater() public {
        bytes memory data = abi.encodeCall(IStakingRegistry.distributeRewards, ());
        uint256 estimate = _leastGas(address(staking), carol, data);
        uint256 before = lens.rewardPerNode();
        skip(1);
        assertTrue(_succeedsWith(carol, estimate, data), "mined a second later with the estimate");
        assertGt(lens.rewardPerNode(), before, "the second's release was distributed");
    }

    function test_ARegistrationEstimatedInTheSecondOfTheLastDistributionWorksASecondLater() public {
        uint256 sk = BLSTestSigner.secretKey(9999);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes32 ed = _ed25519(9999);
        IStakingRegistry.Contributor[] memory c = _solo(carol);
        _fund(carol, REQUIREMENT);
        vm.prank(carol);
        token.approve(address(staking), REQUIREMENT);
        bytes memory data =
            abi.encodeCall(IStakingRegistry.registerNode, (key, ed, _pop(sk, carol, ed), 0, c));
        uint256 estimate = _leastGas(address(staking), carol, data);
        uint256 before = lens.rewardPerNode();
        skip(1);
        assertTrue(_succeedsWith(carol, estimate, data), "mined a second later with the estimate");
        assertEq(lens.networkSize(), 3);
        assertGt(lens.rewardPerNode(), before, "the registration distributed first");
    }

    function test_AnEstimateAfterSomeoneElsePulledThePoolWorksASecondLater() public {
        skip(1 hours);
        // A third party pulls the pool this second; the registry has not distributed yet.
        vm.prank(carol);
        pool.release();
        bytes memory data = abi.encodeCall(IStakingRegistry.distributeRewards, ());
        uint256 estimate = _leastGas(address(staking), carol, data);
        skip(1);
        uint256 poolBefore = token.balanceOf(address(pool));
        assertTrue(_succeedsWith(carol, estimate, data), "mined a second later with the estimate");
        assertLt(token.balanceOf(address(pool)), poolBefore, "the pool paid the second's release");
    }

    function test_RevertWhen_ASkippedDistributionLeavesLessThanItsReserve() public {
        // Same second as the last distribution: the call works with its reserve, not without.
        bytes memory data = abi.encodeCall(IStakingRegistry.distributeRewards, ());
        uint256 estimate = _leastGas(address(staking), carol, data);
        assertGt(estimate, 120_000, "the estimate includes the reserve");
        vm.expectRevert(ReservingReentrancyGuard.GasReserveNotLeft.selector);
        vm.prank(carol);
        staking.distributeRewards{gas: estimate - 5_000}();
    }

    function test_TheReserveIsNotSpent() public {
        // What the skipped call uses is far below what it must leave: the reserve is never paid.
        uint256 before = gasleft();
        vm.prank(carol);
        staking.distributeRewards();
        assertLt(before - gasleft(), 20_000);
    }
}
