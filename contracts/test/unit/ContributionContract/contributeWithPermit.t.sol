// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {Terms} from "../../utils/Terms.sol";
import {ContributionBase} from "./ContributionBase.t.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice A deposit with an EIP-2612 permit instead of a prior approval: one signature, one
/// transaction; a permit front-run to the token cannot block it, and no permit but the caller's own
/// for exactly this contract and amount moves anything.
contract ContributionContractUnitTests_contributeWithPermit is ContributionBase {
    uint256 internal constant SHARE = 5_000 * SESH;
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        _deposit(cc, operator, QUARTER);
        _fund(alice, 2 * SHARE);
        deadline = block.timestamp + 1 hours;
    }

    function _permitFor(uint256 key, address owner, address spender, uint256 value)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return _signPermit(key, owner, spender, value, token.nonces(owner), deadline);
    }

    function test_DepositsWithoutAPriorApprovalAndLeavesNoAllowance() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(aliceKey, alice, address(cc), SHARE);
        uint32 terms = Terms.versionOf(address(cc));
        vm.expectEmit(true, false, false, true, address(cc));
        emit IContributionContract.Contributed(alice, SHARE, SHARE);
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
        assertEq(cc.contributionOf(alice), SHARE);
        assertEq(token.balanceOf(alice), SHARE);
        assertEq(token.allowance(alice, address(cc)), 0);
        assertEq(token.nonces(alice), 1, "the permit was used");
    }

    function test_APermitFrontRunToTheTokenDoesNotBlockTheDeposit() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(aliceKey, alice, address(cc), SHARE);
        uint32 terms = Terms.versionOf(address(cc));
        // Someone copies the signature from the pending transaction and submits it first.
        vm.prank(bob);
        token.permit(alice, address(cc), SHARE, deadline, v, r, s);
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
        assertEq(cc.contributionOf(alice), SHARE);
        assertEq(token.allowance(alice, address(cc)), 0);
    }

    function test_RevertWhen_PermitSignedByAnotherKey() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(bobKey, alice, address(cc), SHARE);
        uint32 terms = Terms.versionOf(address(cc));
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(cc), 0, SHARE)
        );
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
        assertEq(token.nonces(alice), 0);
    }

    function test_RevertWhen_PermitForASmallerAmount() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(aliceKey, alice, address(cc), SHARE - 1);
        uint32 terms = Terms.versionOf(address(cc));
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(cc), 0, SHARE)
        );
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
    }

    function test_RevertWhen_PermitExpired() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(aliceKey, alice, address(cc), SHARE);
        uint32 terms = Terms.versionOf(address(cc));
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(cc), 0, SHARE)
        );
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
    }

    /// @dev Someone else submitting alice's signature deposits nothing of hers: the permit names
    /// alice as owner, the deposit pulls from the caller.
    function test_RevertWhen_AnotherCallerUsesTheSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(aliceKey, alice, address(cc), SHARE);
        uint32 terms = Terms.versionOf(address(cc));
        _fund(bob, SHARE);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(cc), 0, SHARE)
        );
        vm.prank(bob);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
        assertEq(cc.contributionOf(alice), 0);
        assertEq(token.balanceOf(alice), 2 * SHARE);
    }

    /// @dev The same quote of the terms as {contribute}: a permit does not bypass M-1.
    function test_RevertWhen_TermsChanged() public {
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(aliceKey, alice, address(cc), SHARE);
        uint32 seen = Terms.versionOf(address(cc));
        vm.startPrank(operator);
        cc.reset();
        cc.updateFee(10_000);
        vm.stopPrank();
        uint32 current = Terms.versionOf(address(cc));
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.TermsChanged.selector, seen, current));
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, seen, deadline, v, r, s);
        assertEq(token.balanceOf(alice), 2 * SHARE);
    }

    function test_RevertWhen_ImplementationCalledDirectly() public {
        ContributionContract impl = ContributionContract(factory.IMPLEMENTATION());
        vm.expectRevert(IContributionContract.NotClone.selector);
        impl.contributeWithPermit(SHARE, 0, deadline, 0, bytes32(0), bytes32(0));
    }

    /// @dev The permit the contract submits is for exactly `amount`: one signed for any other value,
    /// or by any other key, moves nothing.
    /// forge-config: default.fuzz.runs = 64
    function testFuzz_OnlyTheExactPermitMovesTokens(uint256 value, uint256 signerSeed) public {
        value = value % 2 == 0 ? SHARE : bound(value, 1, 2 * SHARE);
        uint256 key = signerSeed % 2 == 0 ? aliceKey : bobKey;
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(key, alice, address(cc), value);
        uint32 terms = Terms.versionOf(address(cc));
        bool valid = key == aliceKey && value == SHARE;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IERC20Errors.ERC20InsufficientAllowance.selector, address(cc), 0, SHARE
                )
            );
        }
        vm.prank(alice);
        cc.contributeWithPermit(SHARE, terms, deadline, v, r, s);
        assertEq(cc.contributionOf(alice), valid ? SHARE : 0);
        assertEq(token.allowance(alice, address(cc)), 0);
        assertEq(token.balanceOf(alice), valid ? SHARE : 2 * SHARE);
    }
}
