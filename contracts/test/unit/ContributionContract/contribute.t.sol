// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {Terms} from "../../utils/Terms.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

contract ContributionContractUnitTests_contribute is ContributionBase {
    function test_OperatorFirstDepositOpens() public {
        _fund(operator, QUARTER);
        vm.prank(operator);
        token.approve(address(cc), QUARTER);
        vm.expectEmit(true, false, false, true, address(cc));
        emit IContributionContract.Contributed(operator, QUARTER, QUARTER);
        vm.prank(operator);
        cc.contribute(QUARTER, Terms.versionOf(address(cc)));
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Open));
        assertEq(cc.contributed(), QUARTER);
        assertEq(cc.remaining(), REQUIREMENT - QUARTER);
        assertEq(cc.openSlots(), 9);
        assertEq(cc.minimumContribution(), _ceil(REQUIREMENT - QUARTER, 9));
        assertEq(token.balanceOf(address(cc)), QUARTER);
    }

    function test_RevertWhen_OperatorBelowQuarter() public {
        _fund(operator, QUARTER);
        vm.prank(operator);
        token.approve(address(cc), QUARTER);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.OperatorStakeTooLow.selector, QUARTER - 1, QUARTER)
        );
        vm.prank(operator);
        cc.contribute(QUARTER - 1, Terms.versionOf(address(cc)));
    }

    function test_RevertWhen_NotOperatorFirst() public {
        vm.expectRevert(IContributionContract.WaitingForOperator.selector);
        vm.prank(alice);
        cc.contribute(QUARTER, Terms.versionOf(address(cc)));
    }

    function test_RevertWhen_ZeroAmount() public {
        vm.expectRevert(IContributionContract.ZeroAmount.selector);
        vm.prank(operator);
        cc.contribute(0, Terms.versionOf(address(cc)));
    }

    function test_RevertWhen_OverFunded() public {
        _deposit(cc, operator, QUARTER);
        uint256 free = REQUIREMENT - QUARTER;
        _fund(alice, free + 1);
        vm.prank(alice);
        token.approve(address(cc), free + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.ContributionAboveMaximum.selector, free + 1, free)
        );
        vm.prank(alice);
        cc.contribute(free + 1, Terms.versionOf(address(cc)));
    }

    function test_RevertWhen_BelowMinimum() public {
        _deposit(cc, operator, QUARTER);
        uint256 minimum = _ceil(REQUIREMENT - QUARTER, 9);
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.ContributionBelowMinimum.selector, minimum - 1, minimum
            )
        );
        vm.prank(alice);
        cc.contribute(minimum - 1, Terms.versionOf(address(cc)));
    }

    function test_TopUpHasNoMinimum() public {
        _deposit(cc, operator, QUARTER);
        uint256 minimum = cc.minimumContribution();
        _deposit(cc, alice, minimum);
        _deposit(cc, alice, 1);
        _deposit(cc, operator, 1);
        assertEq(cc.contributionOf(alice), minimum + 1);
        assertEq(cc.contributionOf(operator), QUARTER + 1);
    }

    function test_FillsWithTenAndRefusesEleventh() public {
        _fill(cc, 10);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Filled));
        assertEq(cc.contributors().length, 10);
        vm.expectRevert(IContributionContract.NoSlotAvailable.selector);
        vm.prank(alice);
        cc.contribute(1, Terms.versionOf(address(cc)));
    }

    function test_RevertWhen_NoSlotLeft() public {
        _deposit(cc, operator, QUARTER);
        for (uint256 i = 1; i < 10; ++i) {
            _deposit(cc, _contributor(i), cc.minimumContribution());
        }
        assertEq(cc.openSlots(), 0);
        assertEq(cc.minimumContribution(), 0);
        vm.expectRevert(IContributionContract.NoSlotAvailable.selector);
        vm.prank(alice);
        cc.contribute(1, Terms.versionOf(address(cc)));
    }

    function test_ReservedSlotsCountAsTaken() public {
        IContributionContract.Reservation[] memory r = new IContributionContract.Reservation[](2);
        r[0] = IContributionContract.Reservation(alice, 5_000 * SESH);
        r[1] = IContributionContract.Reservation(bob, 2_000 * SESH);
        cc = _createWith(0, false, r);
        _deposit(cc, operator, QUARTER);
        uint256 free = REQUIREMENT - QUARTER - 7_000 * SESH;
        assertEq(cc.openSlots(), 7);
        assertEq(cc.minimumContribution(), _ceil(free, 7));
        assertEq(cc.minimumContributionOf(alice), 5_000 * SESH);
        assertEq(cc.maximumContributionOf(alice), free + 5_000 * SESH);
        assertEq(cc.maximumContributionOf(carol), free);
        // a reserved contributor pays at least the reservation
        _fund(alice, 5_000 * SESH);
        vm.prank(alice);
        token.approve(address(cc), 5_000 * SESH);
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.ContributionBelowMinimum.selector, 5_000 * SESH - 1, 5_000 * SESH
            )
        );
        vm.prank(alice);
        cc.contribute(5_000 * SESH - 1, Terms.versionOf(address(cc)));
        vm.prank(alice);
        cc.contribute(5_000 * SESH, Terms.versionOf(address(cc)));
        assertEq(cc.openSlots(), 7);
        // non-reserved cannot take bob's reserved stake
        _fund(carol, free + 1);
        vm.prank(carol);
        token.approve(address(cc), free + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.ContributionAboveMaximum.selector, free + 1, free)
        );
        vm.prank(carol);
        cc.contribute(free + 1, Terms.versionOf(address(cc)));
    }

    function test_AutoFinalizeOnFill() public {
        cc = _create(300, true);
        _fill(cc, 4);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Finalized));
        assertEq(cc.nodeId(), 1);
        assertEq(token.balanceOf(address(cc)), 0);
    }

    /// @dev Over every gas limit around what the filling deposit needs: either it registers the
    /// node, or the whole call reverts. Never a kept deposit with a skipped registration for lack
    /// of gas (gas estimates would then skip the registration too).
    function test_AutoFinalizeIsNeverSkippedForLackOfGas() public {
        cc = _create(0, true);
        _deposit(cc, operator, QUARTER);
        uint256 rest = REQUIREMENT - QUARTER;
        _fund(alice, rest);
        vm.prank(alice);
        token.approve(address(cc), rest);
        uint256 registered;
        uint256 refused;
        uint256 namedRefusals;
        bytes memory call = abi.encodeCall(IContributionContract.contribute, (rest, cc.termsVersion()));
        for (uint256 limit = 100_000; limit <= 900_000; limit += 5_000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(alice);
            (bool ok, bytes memory returned) = address(cc).call{gas: limit}(call);
            if (ok) {
                assertEq(
                    uint8(cc.status()),
                    uint8(IContributionContract.Status.Finalized),
                    "deposit kept, node not registered"
                );
                ++registered;
            } else {
                assertEq(cc.contributed(), QUARTER);
                ++refused;
                // out of gas before the registration (no data), or starved inside it (named)
                if (returned.length != 0) {
                    assertEq(bytes4(returned), IContributionContract.AutoFinalizeOutOfGas.selector);
                    ++namedRefusals;
                }
            }
            vm.revertToState(snapshot);
        }
        assertGt(registered, 0);
        assertGt(namedRefusals, 0);
        assertGe(refused, namedRefusals);
    }

    function test_AutoFinalizeFailureKeepsDeposit() public {
        cc = _create(0, true);
        _deposit(cc, operator, QUARTER);
        vm.prank(governance);
        staking.pause();
        uint256 rest = REQUIREMENT - QUARTER;
        _fund(alice, rest);
        vm.prank(alice);
        token.approve(address(cc), rest);
        vm.expectEmit(false, false, false, false, address(cc));
        emit IContributionContract.AutoFinalizeFailed("");
        vm.prank(alice);
        cc.contribute(rest, Terms.versionOf(address(cc)));
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Filled));
        assertEq(token.balanceOf(address(cc)), REQUIREMENT);
        assertEq(token.allowance(address(cc), address(staking)), 0);
        vm.prank(governance);
        staking.unpause();
        vm.prank(operator);
        assertEq(cc.finalize(), 1);
    }

    function test_RevertWhen_Drifted() public {
        _deposit(cc, operator, QUARTER);
        vm.prank(governance);
        staking.setStakingRequirement(REQUIREMENT + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.RequirementChanged.selector, REQUIREMENT, REQUIREMENT + 1
            )
        );
        vm.prank(alice);
        cc.contribute(1, Terms.versionOf(address(cc)));
    }

    function test_RevertWhen_Cancelled() public {
        vm.prank(operator);
        cc.cancel();
        _expectWrongStatus(IContributionContract.Status.Cancelled);
        vm.prank(operator);
        cc.contribute(QUARTER, Terms.versionOf(address(cc)));
    }

    /// @dev The minimum is ceil(free / open slots) and a deposit never over-funds.
    function testFuzz_MinimumAndNeverOverFunded(uint256 opStake, uint256 seed, uint8 steps) public {
        opStake = bound(opStake, QUARTER, REQUIREMENT);
        _deposit(cc, operator, opStake);
        steps = uint8(bound(steps, 1, 12));
        for (uint256 i = 1; i <= steps; ++i) {
            uint256 slots = cc.openSlots();
            uint256 free = REQUIREMENT - cc.contributed();
            if (slots == 0 || free == 0) break;
            uint256 minimum = cc.minimumContribution();
            assertEq(minimum, _ceil(free, slots));
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, i))), minimum, free);
            _deposit(cc, _contributor(i), amount);
            assertLe(cc.contributed(), REQUIREMENT);
        }
        assertEq(token.balanceOf(address(cc)), cc.contributed());
    }
}
