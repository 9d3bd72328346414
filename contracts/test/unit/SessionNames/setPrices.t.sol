// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice `setPrices` and `initialize`'s tiers: owner only, all non-zero, old and new in the event.
contract SessionNamesUnitTest_setPrices is FeesBaseTest {
    function test_Constants() public view {
        assertEq(names.MIN_LENGTH(), 3);
        assertEq(names.MAX_LENGTH(), 64);
        assertEq(names.REGISTRATION_PERIOD(), 365 days);
        assertEq(names.GRACE_PERIOD(), 30 days);
        assertEq(names.VERSION(), 1);
        (uint256 a, uint256 b, uint256 c) = names.prices();
        assertEq(a, NAME_USD_3);
        assertEq(b, NAME_USD_4);
        assertEq(c, NAME_USD_5);
    }

    function test_SetPrices() public {
        vm.expectEmit(address(names));
        emit ISessionNames.PricesUpdated(NAME_USD_3, NAME_USD_4, NAME_USD_5, 3, 2, 1);
        vm.prank(governance);
        names.setPrices(3, 2, 1);
        assertEq(names.priceOf("abc"), 3);
        assertEq(names.priceOf("abcd"), 2);
        assertEq(names.priceOf("abcde"), 1);
    }

    function test_RevertWhen_TierZero() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidPrices.selector, 0, 2, 1));
        names.setPrices(0, 2, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidPrices.selector, 3, 0, 1));
        names.setPrices(3, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidPrices.selector, 3, 2, 0));
        names.setPrices(3, 2, 0);
        vm.stopPrank();
    }

    function test_RevertWhen_TierAboveUint128() public {
        uint256 big = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidPrices.selector, big, 2, 1));
        vm.prank(governance);
        names.setPrices(big, 2, 1);
    }

    function test_RevertWhen_CallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        names.setPrices(3, 2, 1);
    }
}
