// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

contract ContributionContractUnitTests_finalize is ContributionBase {
    function test_RegistersEveryContributor() public {
        cc = _create(700, false);
        _fill(cc, 4);
        vm.prank(_contributor(2));
        cc.updateBeneficiary(carol);
        vm.expectEmit(true, false, false, false, address(cc));
        emit IContributionContract.Finalized(1);
        vm.prank(operator);
        uint64 id = cc.finalize();
        assertEq(id, 1);
        assertEq(cc.nodeId(), 1);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Finalized));
        IStakingRegistry.NodeInfo memory info = staking.node(id);
        assertEq(info.operator, operator);
        assertEq(info.feeBps, 700);
        assertEq(info.ed25519Key, edKey);
        assertEq(info.contributors.length, 4);
        assertEq(info.contributors[0].staker, operator);
        assertEq(info.contributors[0].stake, QUARTER);
        assertEq(info.contributors[2].staker, _contributor(2));
        assertEq(info.contributors[2].beneficiary, carol);
        assertEq(info.contributors[1].beneficiary, _contributor(1));
        assertEq(token.balanceOf(address(cc)), 0);
        assertEq(token.allowance(address(cc), address(staking)), 0);
    }

    function test_RevertWhen_NotOperator() public {
        _fill(cc, 2);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        vm.prank(alice);
        cc.finalize();
    }

    function test_RevertWhen_NotFilled() public {
        _deposit(cc, operator, QUARTER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.WrongStatus.selector, IContributionContract.Status.Open
            )
        );
        vm.prank(operator);
        cc.finalize();
    }

    function test_RevertWhen_Twice() public {
        _fill(cc, 2);
        vm.prank(operator);
        cc.finalize();
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.WrongStatus.selector, IContributionContract.Status.Finalized
            )
        );
        vm.prank(operator);
        cc.finalize();
    }

    function test_UsesUpdatedKeys() public {
        address op2 = operator;
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(op2, 9_999);
        vm.prank(operator);
        cc.updateKeys(k, e, p);
        _fill(cc, 3);
        vm.prank(operator);
        uint64 id = cc.finalize();
        assertEq(staking.node(id).ed25519Key, e);
    }
}
