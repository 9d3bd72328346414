// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionToken} from "../../../src/interfaces/ISessionToken.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Metadata and the genesis mint.
contract SessionTokenUnitTest_constructor is BaseTest {
    function test_Metadata() public view {
        assertEq(token.name(), "Session Token");
        assertEq(token.symbol(), "SESH");
        assertEq(token.decimals(), 9);
        assertEq(token.MAX_SUPPLY(), 240_000_000 * 1e9);
        assertEq(token.REMINTER_ADMIN(), deployer);
        assertEq(token.reminter(), address(0));
        assertEq(token.totalBurnt(), 0);
        assertEq(token.totalReminted(), 0);
        assertEq(token.remintable(), 0);
    }

    function test_GenesisMintsExactlyToRecipients() public view {
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS);
        assertEq(token.balanceOf(treasury), LIQUID_GENESIS);
        assertEq(token.balanceOf(vesting), LOCKED_GENESIS);
        assertEq(token.balanceOf(deployer), 0, "admin gets nothing");
        assertEq(token.totalSupply(), GENESIS_TOTAL);
    }

    function test_GenesisEmitsOneMintTransferPerRecipient() public {
        (address[] memory recipients, uint256[] memory amounts) = _two(alice, 1 * SESH, bob, 2 * SESH);
        vm.expectEmit(false, true, true, true);
        emit IERC20.Transfer(address(0), alice, 1 * SESH);
        vm.expectEmit(false, true, true, true);
        emit IERC20.Transfer(address(0), bob, 2 * SESH);
        new SessionToken(recipients, amounts, deployer);
    }

    function test_GenesisSameRecipientTwiceAddsUp() public {
        (address[] memory recipients, uint256[] memory amounts) = _two(alice, 1 * SESH, alice, 2 * SESH);
        SessionToken t = new SessionToken(recipients, amounts, deployer);
        assertEq(t.balanceOf(alice), 3 * SESH);
        assertEq(t.totalSupply(), 3 * SESH);
    }

    function test_GenesisOfExactlyMaxSupplyAccepted() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, MAX_SUPPLY);
        SessionToken t = new SessionToken(recipients, amounts, deployer);
        assertEq(t.totalSupply(), MAX_SUPPLY);
        assertEq(t.balanceOf(alice), MAX_SUPPLY);
    }

    function testFuzz_GenesisUpToMaxSupplyAccepted(uint256 first, uint256 total) public {
        total = bound(total, 2, MAX_SUPPLY);
        first = bound(first, 1, total - 1);
        (address[] memory recipients, uint256[] memory amounts) = _two(alice, first, bob, total - first);
        SessionToken t = new SessionToken(recipients, amounts, deployer);
        assertEq(t.totalSupply(), total);
        assertEq(t.balanceOf(alice), first);
        assertEq(t.balanceOf(bob), total - first);
    }

    function test_RevertWhen_GenesisExceedsMaxSupplyByOne() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, MAX_SUPPLY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ISessionToken.MaxSupplyExceeded.selector, MAX_SUPPLY + 1, MAX_SUPPLY)
        );
        new SessionToken(recipients, amounts, deployer);
    }

    /// @dev The cap is checked on every mint: the recipient that crosses it is refused, with the
    /// running total at that point.
    function testFuzz_RevertWhen_GenesisExceedsMaxSupply(uint256 first, uint256 excess) public {
        first = bound(first, 1, MAX_SUPPLY);
        excess = bound(excess, 1, type(uint128).max);
        (address[] memory recipients, uint256[] memory amounts) =
            _two(alice, first, bob, MAX_SUPPLY - first + excess);
        vm.expectRevert(
            abi.encodeWithSelector(ISessionToken.MaxSupplyExceeded.selector, MAX_SUPPLY + excess, MAX_SUPPLY)
        );
        new SessionToken(recipients, amounts, deployer);
    }

    function test_RevertWhen_GenesisLengthMismatch() public {
        address[] memory recipients = new address[](2);
        (recipients[0], recipients[1]) = (alice, bob);
        uint256[] memory amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (1, 2, 3);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.GenesisLengthMismatch.selector, 2, 3));
        new SessionToken(recipients, amounts, deployer);
    }

    function testFuzz_RevertWhen_GenesisLengthMismatch(uint8 nRecipients, uint8 nAmounts) public {
        nRecipients = uint8(bound(nRecipients, 0, 16));
        nAmounts = uint8(bound(nAmounts, 0, 16));
        if (nAmounts == nRecipients) nAmounts = nRecipients + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ISessionToken.GenesisLengthMismatch.selector, nRecipients, nAmounts)
        );
        new SessionToken(new address[](nRecipients), new uint256[](nAmounts), deployer);
    }

    function test_RevertWhen_GenesisRecipientIsZero() public {
        (address[] memory recipients, uint256[] memory amounts) = _two(alice, 1, address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ZeroAddress.selector));
        new SessionToken(recipients, amounts, deployer);
    }

    function test_RevertWhen_GenesisAmountIsZero() public {
        (address[] memory recipients, uint256[] memory amounts) = _two(alice, 1, bob, 0);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ZeroAmount.selector));
        new SessionToken(recipients, amounts, deployer);
    }

    function test_RevertWhen_ReminterAdminIsZero() public {
        (address[] memory recipients, uint256[] memory amounts) = _one(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ZeroAddress.selector));
        new SessionToken(recipients, amounts, address(0));
    }
}
