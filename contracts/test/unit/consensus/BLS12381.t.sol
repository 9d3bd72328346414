// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BLS12381} from "../../../src/consensus/BLS12381.sol";
import {BLS12381Harness} from "./BLS12381Harness.sol";
import {BLSTestSigner} from "./BLSTestSigner.sol";
import {Test} from "forge-std/Test.sol";

/// @notice {BLS12381}: point arithmetic helpers, packing, and the diagnostics that name a refused
/// point.
contract BLS12381UnitTests is Test {
    BLS12381Harness internal harness;

    /// @dev (4, sqrt(4^3 + 4)): on y^2 = x^3 + 4, outside the prime-order subgroup (the cofactor
    /// is ~2^126; the tests below show G1ADD accepts the point and G1MSM refuses it).
    bytes internal constant G1_NOT_IN_SUBGROUP = abi.encodePacked(
        uint256(0),
        uint256(4),
        bytes16(0),
        hex"0a989badd40d6212b33cffc3f3763e9bc760f988c9926b26da9dd85e928483446346b8ed00e1de5d5ea93e354abe706c"
    );

    function setUp() public {
        harness = new BLS12381Harness();
    }

    function test_HardCodedSelectorsMatchTheErrors() public pure {
        assertEq(bytes4(uint32(BLS12381.PRECOMPILE_FAILED_SELECTOR)), BLS12381.PrecompileFailed.selector);
        assertEq(
            bytes4(uint32(BLS12381.PRECOMPILE_UNAVAILABLE_SELECTOR)), BLS12381.PrecompileUnavailable.selector
        );
    }

    function test_ModulusConstant() public pure {
        // p = 0x1a0111ea...ffaaab, the BLS12-381 base field modulus.
        assertEq(
            abi.encodePacked(bytes16(0), bytes16(uint128(BLS12381.P_HI)), BLS12381.P_LO),
            abi.encodePacked(
                bytes16(0),
                hex"1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"
            )
        );
    }

    function testFuzz_NegationAddsToInfinity(uint256 seed) public view {
        bytes memory point = BLSTestSigner.publicKey(BLSTestSigner.secretKey(seed));
        bytes memory negated = harness.negate(point);
        assertEq(BLSTestSigner.addG1(point, negated), new bytes(128));
        assertEq(harness.negate(negated), point);
    }

    function test_NegationOfInfinityIsInfinity() public view {
        assertEq(harness.negate(new bytes(128)), new bytes(128));
    }

    function test_NegatedGeneratorConstant() public view {
        bytes memory negG1 = new bytes(128);
        uint256 ptr;
        assembly {
            ptr := add(negG1, 0x20)
        }
        BLS12381.writeNegG1Generator(ptr);
        bytes memory g1 = BLSTestSigner.publicKey(1);
        assertEq(harness.negate(g1), negG1);
        assertEq(BLSTestSigner.addG1(negG1, BLSTestSigner.publicKey(2)), g1); // -g1 + 2 g1 = g1
    }

    function testFuzz_PackUnpackRoundTrip(uint256 seed) public view {
        bytes memory point = BLSTestSigner.publicKey(BLSTestSigner.secretKey(seed));
        (bytes32 w0, bytes32 w1, bytes32 w2, bytes memory out) = harness.packUnpack(point);
        assertEq(out, point);
        // x || y without padding
        bytes memory packed = abi.encodePacked(w0, w1, w2);
        for (uint256 i; i < 48; ++i) {
            assertEq(packed[i], point[16 + i]);
            assertEq(packed[48 + i], point[80 + i]);
        }
    }

    function test_IsZero() public view {
        assertTrue(harness.isZero(new bytes(256)));
        assertTrue(harness.isZero(""));
        bytes memory one = new bytes(128);
        one[127] = 0x01;
        assertFalse(harness.isZero(one));
    }

    function test_AcceptsValidPoints() public view {
        harness.requireG1InSubgroup(BLSTestSigner.publicKey(7));
        harness.requireG1InSubgroup(new bytes(128)); // infinity is in every subgroup
        harness.requireG2InSubgroup(BLSTestSigner.sign(7, "message"));
    }

    function test_RevertWhen_G1PointNotOnCurve() public {
        bytes memory point = BLSTestSigner.publicKey(7);
        point[127] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotOnCurve.selector, point));
        harness.requireG1InSubgroup(point);
    }

    function test_RevertWhen_G1CoordinateNotCanonical() public {
        // x + p instead of x: same residue, not a canonical encoding.
        bytes memory point = BLSTestSigner.publicKey(7);
        (uint256 hi, uint256 lo) = _words(point, 0);
        unchecked {
            uint256 newLo = lo + BLS12381.P_LO;
            hi = hi + BLS12381.P_HI + (newLo < lo ? 1 : 0);
            lo = newLo;
        }
        assembly {
            mstore(add(point, 0x20), hi)
            mstore(add(point, 0x40), lo)
        }
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotOnCurve.selector, point));
        harness.requireG1InSubgroup(point);
    }

    function test_RevertWhen_G1PaddingNotZero() public {
        bytes memory point = BLSTestSigner.publicKey(7);
        point[64] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotOnCurve.selector, point));
        harness.requireG1InSubgroup(point);
    }

    function test_RevertWhen_G1PointNotInSubgroup() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotInSubgroup.selector, G1_NOT_IN_SUBGROUP));
        harness.requireG1InSubgroup(G1_NOT_IN_SUBGROUP);
    }

    function test_RevertWhen_G1LengthWrong() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidLength.selector, 96, 128));
        harness.requireG1InSubgroup(new bytes(96));
    }

    function test_RevertWhen_G2PointNotOnCurve() public {
        bytes memory point = BLSTestSigner.sign(7, "message");
        point[200] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G2PointNotOnCurve.selector, point));
        harness.requireG2InSubgroup(point);
    }

    function test_RevertWhen_G2LengthWrong() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidLength.selector, 192, 256));
        harness.requireG2InSubgroup(new bytes(192));
    }

    function _words(bytes memory data, uint256 offset) internal pure returns (uint256 a, uint256 b) {
        assembly {
            a := mload(add(add(data, 0x20), offset))
            b := mload(add(add(data, 0x40), offset))
        }
    }
}
