// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionToken} from "../../../src/interfaces/ISessionToken.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice `remint`: only the reminter, never more than was burnt and not yet reminted.
contract SessionTokenUnitTest_remint is BaseTest {
    function setUp() public override {
        super.setUp();
        _setReminter();
    }

    function _burn(address holder, uint256 amount) internal {
        vm.prank(holder);
        token.burn(amount);
    }

    function test_RemintRecreatesBurntTokens() public {
        _burn(treasury, 1000 * SESH);

        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(0), address(pool), 900 * SESH);
        vm.expectEmit(address(token));
        emit ISessionToken.Reminted(address(pool), 900 * SESH);
        vm.prank(feeRouter);
        token.remint(address(pool), 900 * SESH);

        assertEq(token.balanceOf(address(pool)), POOL_GENESIS + 900 * SESH);
        assertEq(token.totalReminted(), 900 * SESH);
        assertEq(token.totalBurnt(), 1000 * SESH);
        assertEq(token.remintable(), 100 * SESH);
        assertEq(token.totalSupply(), GENESIS_TOTAL - 100 * SESH);
    }

    /// @dev Genesis filled the cap, so reminting everything burnt brings the supply back to exactly
    /// `MAX_SUPPLY` and no further.
    function test_RemintAllBurntRestoresSupplyToCap() public {
        assertEq(token.totalSupply(), MAX_SUPPLY);
        _burn(treasury, 5000 * SESH);
        vm.prank(feeRouter);
        token.remint(alice, 5000 * SESH);
        assertEq(token.totalSupply(), MAX_SUPPLY);
        assertEq(token.remintable(), 0);
    }

    function test_RevertWhen_CallerNotReminter() public {
        _burn(treasury, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.NotReminter.selector, alice, feeRouter));
        vm.prank(alice);
        token.remint(alice, 1);
    }

    function test_RevertWhen_CallerIsReminterAdmin() public {
        _burn(treasury, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.NotReminter.selector, deployer, feeRouter));
        vm.prank(deployer);
        token.remint(deployer, 1);
    }

    function test_RevertWhen_ReminterNotSet() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1000);
        SessionToken fresh = new SessionToken(recipients, amounts, deployer);
        vm.prank(alice);
        fresh.burn(10);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.NotReminter.selector, feeRouter, address(0)));
        vm.prank(feeRouter);
        fresh.remint(alice, 1);
    }

    function testFuzz_RevertWhen_CallerNotReminter(address caller) public {
        vm.assume(caller != feeRouter); // excluding one point, not a range
        _burn(treasury, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.NotReminter.selector, caller, feeRouter));
        vm.prank(caller);
        token.remint(caller, 1);
    }

    function test_RevertWhen_AmountIsZero() public {
        _burn(treasury, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ZeroAmount.selector));
        vm.prank(feeRouter);
        token.remint(alice, 0);
    }

    function test_RevertWhen_NothingBurnt() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.RemintExceedsBurnt.selector, 1, 0));
        vm.prank(feeRouter);
        token.remint(alice, 1);
    }

    function test_RevertWhen_RemintExceedsBurnt() public {
        _burn(treasury, 100);
        vm.prank(feeRouter);
        token.remint(alice, 60);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.RemintExceedsBurnt.selector, 41, 40));
        vm.prank(feeRouter);
        token.remint(alice, 41);
    }

    function testFuzz_RevertWhen_RemintExceedsBurnt(uint256 burnt, uint256 amount) public {
        burnt = bound(burnt, 0, LIQUID_GENESIS);
        amount = bound(amount, burnt + 1, type(uint128).max);
        if (burnt != 0) _burn(treasury, burnt);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.RemintExceedsBurnt.selector, amount, burnt));
        vm.prank(feeRouter);
        token.remint(alice, amount);
    }

    function test_RevertWhen_RecipientIsZero() public {
        _burn(treasury, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(feeRouter);
        token.remint(address(0), 1);
    }

    /// @dev Any sequence of burns, burnFroms, transfers and remints (valid or over the limit) keeps
    /// `totalSupply <= MAX_SUPPLY` and `totalSupply == genesis - burnt + reminted`.
    function testFuzz_SupplyAccountingOverAnySequence(uint256 seed, uint256 steps) public {
        steps = bound(steps, 1, 40);
        address[4] memory holders = [treasury, alice, bob, address(pool)];
        _fund(alice, 10_000_000 * SESH);
        _fund(bob, 10_000_000 * SESH);
        uint256 burnt;
        uint256 reminted;

        for (uint256 i; i < steps; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address holder = holders[(r >> 8) % holders.length];
            uint256 op = r % 5;
            uint256 x = r >> 16;
            if (op == 0) {
                uint256 amount = bound(x, 0, token.balanceOf(holder));
                vm.prank(holder);
                token.burn(amount);
                burnt += amount;
            } else if (op == 1) {
                uint256 amount = bound(x, 0, token.balanceOf(holder));
                vm.prank(holder);
                token.approve(feeRouter, amount);
                vm.prank(feeRouter);
                token.burnFrom(holder, amount);
                burnt += amount;
            } else if (op == 2) {
                uint256 amount = bound(x, 0, token.balanceOf(holder));
                vm.prank(holder);
                token.transfer(holders[(r >> 12) % holders.length], amount);
            } else if (op == 3) {
                if (token.remintable() == 0) continue;
                uint256 amount = bound(x, 1, token.remintable());
                vm.prank(feeRouter);
                token.remint(holder, amount);
                reminted += amount;
            } else {
                uint256 available = token.remintable();
                uint256 amount = bound(x, available + 1, available + MAX_SUPPLY);
                vm.expectRevert(
                    abi.encodeWithSelector(ISessionToken.RemintExceedsBurnt.selector, amount, available)
                );
                vm.prank(feeRouter);
                token.remint(holder, amount);
            }

            assertLe(token.totalSupply(), MAX_SUPPLY, "cap");
            // burnt may exceed genesis once reminted tokens are burnt again: add before subtracting
            assertEq(token.totalSupply(), GENESIS_TOTAL + reminted - burnt, "supply identity");
            assertEq(token.totalBurnt(), burnt, "totalBurnt");
            assertEq(token.totalReminted(), reminted, "totalReminted");
            assertEq(token.remintable(), burnt - reminted, "remintable");
        }
    }
}

