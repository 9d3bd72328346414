// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BaseTest} from "../../utils/Base.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice ERC-2612 permit, signed with `vm.sign` over a digest built here from the EIP-712 spec.
contract SessionTokenUnitTest_permit is BaseTest {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    function setUp() public override {
        super.setUp();
        _fund(alice, 1000 * SESH);
    }

    function test_DomainSeparatorFollowsEip712() public view {
        bytes32 expected = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Session Token"), keccak256("1"), block.chainid, address(token)
            )
        );
        assertEq(token.DOMAIN_SEPARATOR(), expected);
    }

    function test_PermitSetsAllowanceAndConsumesNonce() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 100 * SESH, 0, deadline);

        vm.expectEmit(address(token));
        emit IERC20.Approval(alice, bob, 100 * SESH);
        vm.prank(feeRouter); // anyone may submit the signature
        token.permit(alice, bob, 100 * SESH, deadline, v, r, s);

        assertEq(token.allowance(alice, bob), 100 * SESH);
        assertEq(token.nonces(alice), 1);

        vm.prank(bob);
        token.transferFrom(alice, bob, 60 * SESH);
        assertEq(token.balanceOf(bob), 60 * SESH);
        assertEq(token.allowance(alice, bob), 40 * SESH);
    }

    function test_PermitAtDeadlineAccepted() public {
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 1, 0, deadline);
        token.permit(alice, bob, 1, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 1);
    }

    function testFuzz_Permit(uint256 value, uint256 deadline) public {
        deadline = bound(deadline, block.timestamp, type(uint64).max);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, value, 0, deadline);
        token.permit(alice, bob, value, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), value);
        assertEq(token.nonces(alice), 1);
    }

    function test_RevertWhen_PermitReplayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 100 * SESH, 0, deadline);
        token.permit(alice, bob, 100 * SESH, deadline, v, r, s);

        // The nonce moved on, so the same signature now recovers to an unrelated address.
        address recovered = ecrecover(_permitDigest(alice, bob, 100 * SESH, 1, deadline), v, r, s);
        assertTrue(recovered != alice);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 100 * SESH, deadline, v, r, s);
    }

    function test_RevertWhen_PermitExpired() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 100 * SESH, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 100 * SESH, deadline, v, r, s);
    }

    function test_RevertWhen_PermitSignedByAnotherKey() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(bobKey, alice, bob, 100 * SESH, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, bob, alice));
        token.permit(alice, bob, 100 * SESH, deadline, v, r, s);
    }

    function test_RevertWhen_PermitValueAltered() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 100 * SESH, 0, deadline);
        address recovered = ecrecover(_permitDigest(alice, bob, 101 * SESH, 0, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 101 * SESH, deadline, v, r, s);
    }
}
