// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
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
        assertEq(cc.openSlots(), 0, "no slot is open once registered");
        IStakingLens.NodeInfo memory info = lens.node(id);
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

    function testFuzz_RegistersInDepositOrder(uint8 n, uint256 withBeneficiary) public {
        n = uint8(bound(n, 2, 10)); // `_fill` gives the operator a quarter
        cc = _create(300, false);
        // beneficiaries chosen before depositing stay with the staker
        for (uint256 i = 1; i < n; ++i) {
            if (withBeneficiary >> i & 1 == 1) {
                vm.prank(_contributor(i));
                cc.updateBeneficiary(address(uint160(0xBE0000 + i)));
            }
        }
        _fill(cc, n);
        IContributionContract.ContributorView[] memory local = cc.contributors();
        vm.prank(operator);
        uint64 id = cc.finalize();
        IStakingLens.NodeInfo memory info = lens.node(id);
        assertEq(info.contributors.length, n);
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            address staker = i == 0 ? operator : _contributor(i);
            address expected =
                i != 0 && withBeneficiary >> i & 1 == 1 ? address(uint160(0xBE0000 + i)) : staker;
            assertEq(info.contributors[i].staker, staker);
            assertEq(info.contributors[i].beneficiary, expected);
            assertEq(info.contributors[i].stake, local[i].amount);
            assertEq(local[i].staker, staker);
            sum += info.contributors[i].stake;
        }
        assertEq(sum, REQUIREMENT);
        // the views still describe the contributors once the node id sits in the header
        assertEq(cc.contributed(), REQUIREMENT);
        assertEq(cc.remaining(), 0);
        assertEq(cc.contributors().length, n);
    }

    function test_RevertWhen_NotOperator() public {
        _fill(cc, 2);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        vm.prank(alice);
        cc.finalize();
    }

    function test_RevertWhen_NotFilled() public {
        _deposit(cc, operator, QUARTER);
        _expectWrongStatus(IContributionContract.Status.Open);
        vm.prank(operator);
        cc.finalize();
    }

    function test_RevertWhen_Twice() public {
        _fill(cc, 2);
        vm.prank(operator);
        cc.finalize();
        _expectWrongStatus(IContributionContract.Status.Finalized);
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
        assertEq(lens.node(id).ed25519Key, e);
    }
}
