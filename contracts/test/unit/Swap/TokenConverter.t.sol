// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {DevnetLegacyToken} from "../../../src/devnet/DevnetLegacyToken.sol";
import {ITokenConverter} from "../../../src/interfaces/ITokenConverter.sol";
import {TokenConverter} from "../../../src/swap/TokenConverter.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice The converter of wrapped OXEN (9 decimals) to SESH at a fixed ratio.
contract TokenConverterTest is BaseTest {
    DevnetLegacyToken internal legacy;
    TokenConverter internal converter;
    /// @dev 1 OXEN -> 0.25 SESH (both 9 decimals).
    uint256 internal constant NUM = 1;
    uint256 internal constant DEN = 4;

    function setUp() public override {
        super.setUp();
        legacy = new DevnetLegacyToken();
        converter = new TokenConverter(IERC20(address(legacy)), IERC20(address(token)), NUM, DEN, governance);
        _fund(address(converter), 1_000_000 * SESH);
        legacy.mint(alice, 4_000_000 * 1e9);
        vm.prank(alice);
        legacy.approve(address(converter), type(uint256).max);
    }

    function test_DevnetToken() public view {
        assertEq(legacy.decimals(), 9);
        assertEq(legacy.name(), "Wrapped OXEN");
        assertEq(legacy.symbol(), "wOXEN");
    }

    function test_ConvertAtTheFixedRatio() public {
        assertEq(converter.quote(1000 * 1e9), 250 * SESH);
        vm.expectEmit(address(converter));
        emit ITokenConverter.Converted(alice, 1000 * 1e9 + 3, 250 * SESH);
        vm.prank(alice);
        assertEq(converter.convert(1000 * 1e9 + 3, 250 * SESH), 250 * SESH, "rounded down");
        assertEq(token.balanceOf(alice), 250 * SESH);
        assertEq(legacy.balanceOf(address(converter)), 1000 * 1e9 + 3, "legacy tokens kept");
    }

    function testFuzz_QuoteIsFloor(uint256 amountIn) public view {
        amountIn = bound(amountIn, 0, 1e40);
        assertEq(converter.quote(amountIn), amountIn * NUM / DEN);
    }

    function test_RevertWhen_ZeroOutput() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ITokenConverter.ZeroOutput.selector, 3));
        converter.convert(3, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ITokenConverter.ZeroOutput.selector, 0));
        converter.convert(0, 0);
    }

    function test_RevertWhen_BelowMinimum() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ITokenConverter.BelowMinimum.selector, 250 * SESH, 250 * SESH + 1)
        );
        converter.convert(1000 * 1e9, 250 * SESH + 1);
    }

    function test_RevertWhen_InsufficientBalance() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITokenConverter.InsufficientBalance.selector, 1_000_000 * SESH + 1, 1_000_000 * SESH
            )
        );
        converter.convert(4_000_000 * 1e9 + 4, 0);
    }

    function test_RevertWhen_Paused() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        converter.pause();
        vm.prank(governance);
        converter.pause();
        vm.prank(alice);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        converter.convert(1000 * 1e9, 0);
        vm.prank(governance);
        converter.unpause();
        vm.prank(alice);
        converter.convert(1000 * 1e9, 0);
    }

    function test_OwnerWithdrawsOnlyTheSurplus() public {
        // 4,000,000 wOXEN outstanding need exactly the 1,000,000 SESH held: no surplus.
        assertEq(converter.withdrawable(), 0);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ITokenConverter.WithdrawalTooLarge.selector, 1, 0));
        converter.withdrawSurplus(governance, 1);
        _fund(address(converter), 10 * SESH);
        assertEq(converter.withdrawable(), 10 * SESH);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        converter.withdrawSurplus(alice, 1);
        vm.expectEmit(address(converter));
        emit ITokenConverter.SurplusWithdrawn(governance, 10 * SESH);
        vm.prank(governance);
        converter.withdrawSurplus(governance, 10 * SESH);
        vm.prank(governance);
        vm.expectRevert(ITokenConverter.ZeroAddress.selector);
        converter.withdrawSurplus(address(0), 0);
        // Every wrapped token can still be converted.
        vm.prank(alice);
        converter.convert(4_000_000 * 1e9, 1_000_000 * SESH);
        assertEq(token.balanceOf(address(converter)), 0);
    }

    function test_RevertWhen_ConstructorArgumentsBad() public {
        vm.expectRevert(abi.encodeWithSelector(ITokenConverter.InvalidRatio.selector, 0, 1));
        new TokenConverter(IERC20(address(legacy)), IERC20(address(token)), 0, 1, governance);
        vm.expectRevert(abi.encodeWithSelector(ITokenConverter.InvalidRatio.selector, 1, 0));
        new TokenConverter(IERC20(address(legacy)), IERC20(address(token)), 1, 0, governance);
        vm.expectRevert(ITokenConverter.ZeroAddress.selector);
        new TokenConverter(IERC20(address(0)), IERC20(address(token)), 1, 1, governance);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0)));
        converter.renounceOwnership();
    }
}
