// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

contract ContributionFactoryUnitTests_createAndContribute is ContributionBase {
    function _approveFactory(uint256 stake) internal {
        _fund(operator, stake);
        vm.prank(operator);
        token.approve(address(factory), stake);
    }

    function _createAndContribute(uint256 stake, bool auto_) internal returns (ContributionContract c) {
        _approveFactory(stake);
        vm.prank(operator);
        c = ContributionContract(
            factory.createAndContribute(blsKey, edKey, pop, 500, auto_, _noReservations(), stake)
        );
    }

    function test_CreatesAndTakesTheOperatorStake() public {
        _approveFactory(QUARTER);
        vm.expectEmit(true, false, false, true);
        emit IContributionContract.Contributed(operator, QUARTER, QUARTER);
        vm.prank(operator);
        ContributionContract c = ContributionContract(
            factory.createAndContribute(blsKey, edKey, pop, 500, false, _noReservations(), QUARTER)
        );
        assertTrue(factory.owns(address(c)));
        assertEq(uint8(c.status()), uint8(IContributionContract.Status.Open));
        assertEq(c.contributionOf(operator), QUARTER);
        assertEq(c.contributed(), QUARTER);
        assertEq(token.balanceOf(address(c)), QUARTER);
        assertEq(token.balanceOf(operator), 0);
        assertEq(token.allowance(operator, address(factory)), 0);
        IContributionContract.ContributorView[] memory list = c.contributors();
        assertEq(list.length, 1);
        assertEq(list[0].staker, operator);
        assertEq(list[0].lastDeposit, block.timestamp);
        // the contract then runs as if the operator had deposited itself
        _deposit(c, alice, REQUIREMENT - QUARTER);
        vm.prank(operator);
        uint64 id = c.finalize();
        assertEq(lens.node(id).contributors[0].stake, QUARTER);
    }

    function test_AutoFinalizesWhenTheOperatorStakesEverything() public {
        ContributionContract c = _createAndContribute(REQUIREMENT, true);
        assertEq(uint8(c.status()), uint8(IContributionContract.Status.Finalized));
        IStakingLens.NodeInfo memory info = lens.node(c.nodeId());
        assertEq(info.operator, operator);
        assertEq(info.deposit, REQUIREMENT);
        assertEq(token.balanceOf(address(c)), 0);
    }

    function test_RevertWhen_StakeBelowAQuarter() public {
        _approveFactory(QUARTER - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.OperatorStakeTooLow.selector, QUARTER - 1, QUARTER)
        );
        vm.prank(operator);
        factory.createAndContribute(blsKey, edKey, pop, 500, false, _noReservations(), QUARTER - 1);
        assertEq(factory.created(), 1);
    }

    function test_RevertWhen_StakeAboveTheRequirement() public {
        _approveFactory(REQUIREMENT + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.ContributionAboveMaximum.selector, REQUIREMENT + 1, REQUIREMENT
            )
        );
        vm.prank(operator);
        factory.createAndContribute(blsKey, edKey, pop, 500, false, _noReservations(), REQUIREMENT + 1);
    }

    function test_RevertWhen_FactoryNotApproved() public {
        _fund(operator, QUARTER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(factory), 0, QUARTER
            )
        );
        vm.prank(operator);
        factory.createAndContribute(blsKey, edKey, pop, 500, false, _noReservations(), QUARTER);
    }

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        factory.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(operator);
        factory.createAndContribute(blsKey, edKey, pop, 500, false, _noReservations(), QUARTER);
    }

    function test_RevertWhen_ContributeFromFactoryByOther() public {
        _fund(address(cc), QUARTER);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotFactory.selector, operator));
        vm.prank(operator);
        cc.contributeFromFactory(QUARTER);
    }

    function test_RevertWhen_FactoryDepositMissing() public {
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.FactoryDepositMissing.selector, 0, QUARTER)
        );
        vm.prank(address(factory));
        cc.contributeFromFactory(QUARTER);
    }
}
