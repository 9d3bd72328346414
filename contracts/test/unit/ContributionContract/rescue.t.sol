// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {ContributionBase} from "./ContributionBase.t.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract StrayToken is ERC20("Stray", "STR") {
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @dev In every status: rescuing SESH with nothing stray reverts, and with stray SESH only the
/// stray amount leaves.
contract ContributionContractUnitTests_rescue is ContributionBase {
    uint256 internal constant STRAY = 123 * SESH;

    function _check() internal {
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.NothingToRescue.selector, address(token))
        );
        vm.prank(operator);
        cc.rescue(address(token));
        uint256 before = token.balanceOf(address(cc));
        _fund(address(cc), STRAY);
        vm.prank(operator);
        cc.rescue(address(token));
        assertEq(token.balanceOf(operator), STRAY);
        assertEq(token.balanceOf(address(cc)), before);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.NothingToRescue.selector, address(token))
        );
        vm.prank(operator);
        cc.rescue(address(token));
    }

    function test_WaitingForOperator() public {
        _check();
    }

    function test_Open() public {
        _deposit(cc, operator, QUARTER);
        _check();
    }

    function test_Filled() public {
        _fill(cc, 3);
        _check();
    }

    function test_Finalized() public {
        _fill(cc, 3);
        vm.prank(operator);
        cc.finalize();
        _check();
    }

    function test_ResetWithRefundsOwed() public {
        _fill(cc, 3);
        vm.prank(operator);
        cc.reset();
        _check();
    }

    function test_CancelledWithRefundsOwed() public {
        _fill(cc, 3);
        vm.prank(operator);
        cc.cancel();
        _check();
    }

    function test_RescuesOtherToken() public {
        StrayToken other = new StrayToken();
        other.mint(address(cc), 5);
        vm.prank(operator);
        cc.rescue(address(other));
        assertEq(other.balanceOf(operator), 5);
    }

    function test_RevertWhen_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        vm.prank(alice);
        cc.rescue(address(token));
    }
}
