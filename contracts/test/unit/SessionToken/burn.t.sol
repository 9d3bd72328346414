// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BaseTest} from "../../utils/Base.t.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice `burn` and `burnFrom`: both lower the supply and feed `totalBurnt`.
contract SessionTokenUnitTest_burn is BaseTest {
    function setUp() public override {
        super.setUp();
        _fund(alice, 1000 * SESH);
    }

    function test_BurnLowersSupplyAndCountsBurnt() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(0), 300 * SESH);
        vm.prank(alice);
        token.burn(300 * SESH);

        assertEq(token.balanceOf(alice), 700 * SESH);
        assertEq(token.totalSupply(), GENESIS_TOTAL - 300 * SESH);
        assertEq(token.totalBurnt(), 300 * SESH);
        assertEq(token.remintable(), 300 * SESH);
    }

    function test_BurnFromSpendsAllowanceAndCountsBurnt() public {
        vm.prank(alice);
        token.approve(bob, 500 * SESH);

        vm.prank(bob);
        token.burnFrom(alice, 200 * SESH);

        assertEq(token.balanceOf(alice), 800 * SESH);
        assertEq(token.balanceOf(bob), 0);
        assertEq(token.allowance(alice, bob), 300 * SESH);
        assertEq(token.totalSupply(), GENESIS_TOTAL - 200 * SESH);
        assertEq(token.totalBurnt(), 200 * SESH);
    }

    function test_BurnsAccumulate() public {
        vm.prank(alice);
        token.burn(1);
        vm.prank(alice);
        token.approve(bob, 10);
        vm.prank(bob);
        token.burnFrom(alice, 10);
        vm.prank(treasury);
        token.burn(100);
        assertEq(token.totalBurnt(), 111);
        assertEq(token.totalSupply(), GENESIS_TOTAL - 111);
    }

    function test_TransferDoesNotCountAsBurnt() public {
        vm.prank(alice);
        token.transfer(bob, 1000 * SESH);
        assertEq(token.totalBurnt(), 0);
        assertEq(token.totalSupply(), GENESIS_TOTAL);
    }

    function testFuzz_BurnLowersSupplyAndCountsBurnt(uint256 amount) public {
        uint256 balance = token.balanceOf(treasury);
        amount = bound(amount, 0, balance);
        vm.prank(treasury);
        token.burn(amount);
        assertEq(token.totalBurnt(), amount);
        assertEq(token.remintable(), amount);
        assertEq(token.totalSupply(), GENESIS_TOTAL - amount);
        assertEq(token.balanceOf(treasury), balance - amount);
    }

    function test_RevertWhen_BurnExceedsBalance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector, alice, 1000 * SESH, 1000 * SESH + 1
            )
        );
        vm.prank(alice);
        token.burn(1000 * SESH + 1);
    }

    function test_RevertWhen_BurnFromExceedsAllowance() public {
        vm.prank(alice);
        token.approve(bob, 5);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 5, 6));
        vm.prank(bob);
        token.burnFrom(alice, 6);
    }
}
