// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title BLS12381
/// @notice Calls to the EIP-2537 BLS12-381 precompiles with exact input and output sizes, an
/// explicit gas limit on every call, and errors that say which point was refused and why.
/// @dev Encodings are the EIP-2537 ones: a base field element (Fp) is 64 bytes, big-endian, the top
/// 16 bytes zero; an Fp2 element is `c0 || c1`; a G1 point is `x || y` (128 bytes); a G2 point is
/// `x || y` with Fp2 coordinates (256 bytes); the point at infinity is all zeros.
///
/// The functions work on raw memory pointers so that callers can lay out one contiguous precompile
/// input without copies. Callers own the memory they pass.
///
/// What the precompiles check (EIP-2537): G1ADD/G2ADD check that the inputs are canonical field
/// elements and on the curve, but NOT that they are in the prime-order subgroup; G1MSM, G2MSM and
/// the pairing check also check the subgroup. A refused input makes the call fail and burns all gas
/// given to it, hence the exact gas limits below. On a chain without the precompiles a call to
/// these addresses "succeeds" with empty output, hence the output length checks.
library BLS12381 {
    /// @notice A byte string has `length` bytes where `expected` are required.
    error InvalidLength(uint256 length, uint256 expected);
    /// @notice `point` is not a G1 point: a coordinate is not a canonical field element (non-zero
    /// padding or not below the modulus), or the point is not on the curve.
    error G1PointNotOnCurve(bytes point);
    /// @notice `point` is on the G1 curve but not in its prime-order subgroup.
    error G1PointNotInSubgroup(bytes point);
    /// @notice `point` is not a G2 point: a coordinate is not a canonical field element, or the
    /// point is not on the curve.
    error G2PointNotOnCurve(bytes point);
    /// @notice `point` is on the G2 curve but not in its prime-order subgroup.
    error G2PointNotInSubgroup(bytes point);
    /// @notice The precompile at `precompile` refused an input that the caller had already
    /// validated, or ran out of gas.
    error PrecompileFailed(address precompile);
    /// @notice The call to `precompile` returned output of the wrong size: the chain does not have
    /// this precompile.
    error PrecompileUnavailable(address precompile);

    // Hard-coded selectors for the assembly in this library and in {HashToG2}; a unit test checks
    // each against the error's `.selector`.
    uint256 internal constant PRECOMPILE_FAILED_SELECTOR = 0xeb8d043a;
    uint256 internal constant PRECOMPILE_UNAVAILABLE_SELECTOR = 0x9cdf37be;

    address internal constant SHA256 = address(0x02);
    address internal constant MODEXP = address(0x05);
    address internal constant G1ADD = address(0x0b);
    address internal constant G1MSM = address(0x0c);
    address internal constant G2ADD = address(0x0d);
    address internal constant G2MSM = address(0x0e);
    address internal constant PAIRING_CHECK = address(0x0f);
    address internal constant MAP_FP2_TO_G2 = address(0x11);

    /// @notice Bytes of an encoded G1 point.
    uint256 internal constant G1_LENGTH = 128;
    /// @notice Bytes of an encoded G2 point.
    uint256 internal constant G2_LENGTH = 256;
    /// @notice Bytes of a G1 point packed for storage: `x || y`, 48 bytes each, no padding.
    uint256 internal constant G1_PACKED_LENGTH = 96;

    // Gas of each precompile call, EIP-2537 final schedule (live at prague). A call that fails
    // burns its limit, so the limits are the exact prices.
    uint256 internal constant G1ADD_GAS = 375;
    uint256 internal constant G2ADD_GAS = 600;
    /// @dev G1MSM with one pair: 12,000 x discount 1000 / 1000.
    uint256 internal constant G1MSM_ONE_GAS = 12_000;
    /// @dev G2MSM with one pair: 22,500 x discount 1000 / 1000.
    uint256 internal constant G2MSM_ONE_GAS = 22_500;
    uint256 internal constant PAIRING_BASE_GAS = 37_700;
    uint256 internal constant PAIRING_PER_PAIR_GAS = 32_600;
    uint256 internal constant MAP_FP2_TO_G2_GAS = 23_800;

    /// @dev Field modulus p = P_HI * 2^256 + P_LO, as the two 32-byte words of its 64-byte encoding.
    uint256 internal constant P_HI = 0x1a0111ea397fe69a4b1ba7b6434bacd7;
    uint256 internal constant P_LO = 0x64774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab;

    // The G1 generator negated, (x, p - y), as the four words of its encoding. The pairing check
    // e(pk, H(m)) * e(-g1, sig) == 1 is the BLS verification equation e(pk, H(m)) == e(g1, sig).
    uint256 private constant NEG_G1_X_HI = 0x17f1d3a73197d7942695638c4fa9ac0f;
    uint256 private constant NEG_G1_X_LO = 0xc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb;
    uint256 private constant NEG_G1_Y_HI = 0x114d1d6855d545a8aa7d76c8cf2e21f2;
    uint256 private constant NEG_G1_Y_LO = 0x67816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca;

    /// @notice Calls a precompile; returns false if it refused the input; reverts with
    /// `PrecompileUnavailable` if it answered with output of the wrong size.
    function staticcallChecked(
        address precompile,
        uint256 gasLimit,
        uint256 input,
        uint256 inputLength,
        uint256 output,
        uint256 outputLength
    ) internal view returns (bool success) {
        uint256 returned;
        assembly ("memory-safe") {
            success := staticcall(gasLimit, precompile, input, inputLength, output, outputLength)
            returned := returndatasize()
        }
        if (success) require(returned == outputLength, PrecompileUnavailable(precompile));
    }

    /// @notice Adds the two G1 points at `ptr` (256 bytes) and writes the sum to `ptr` (128 bytes).
    /// @dev For points already validated (stored keys); reverts with `PrecompileFailed` otherwise.
    function g1AddInPlace(uint256 ptr) internal view {
        require(
            staticcallChecked(G1ADD, G1ADD_GAS, ptr, 2 * G1_LENGTH, ptr, G1_LENGTH), PrecompileFailed(G1ADD)
        );
    }

    /// @notice Negates in place the G1 point encoded at `ptr`: (x, y) becomes (x, p - y). The point at
    /// infinity (all zeros) and any point with y = 0 stay as they are.
    /// @dev y < p is required (it holds for every point the precompiles accepted or produced).
    /// Unchecked: with y = yHi * 2^256 + yLo < p, `P_LO - yLo` wraps exactly when it borrows and
    /// `P_HI - yHi - borrow` cannot underflow because y <= p - 1.
    function negateG1InPlace(uint256 ptr) internal pure {
        assembly ("memory-safe") {
            let yHi := mload(add(ptr, 0x40))
            let yLo := mload(add(ptr, 0x60))
            if or(yHi, yLo) {
                mstore(add(ptr, 0x40), sub(sub(P_HI, yHi), lt(P_LO, yLo)))
                mstore(add(ptr, 0x60), sub(P_LO, yLo))
            }
        }
    }

    /// @notice Writes the negated G1 generator (128 bytes) at `ptr`.
    function writeNegG1Generator(uint256 ptr) internal pure {
        assembly ("memory-safe") {
            mstore(ptr, NEG_G1_X_HI)
            mstore(add(ptr, 0x20), NEG_G1_X_LO)
            mstore(add(ptr, 0x40), NEG_G1_Y_HI)
            mstore(add(ptr, 0x60), NEG_G1_Y_LO)
        }
    }

    /// @notice Runs the pairing check over `pairs` (G1, G2) pairs laid out at `input`
    /// (384 bytes each).
    /// @return callSucceeded False if the precompile refused an input (a point off its curve or
    /// outside its subgroup).
    /// @return productIsOne Whether the product of the pairings is the identity.
    function pairingCheck(uint256 input, uint256 pairs)
        internal
        view
        returns (bool callSucceeded, bool productIsOne)
    {
        // The 32-byte answer goes to the scratch space at 0x00.
        callSucceeded = staticcallChecked(
            PAIRING_CHECK,
            PAIRING_BASE_GAS + PAIRING_PER_PAIR_GAS * pairs,
            input,
            pairs * (G1_LENGTH + G2_LENGTH),
            0,
            0x20
        );
        assembly ("memory-safe") {
            productIsOne := eq(mload(0x00), 1)
        }
        productIsOne = callSucceeded && productIsOne;
    }

    /// @notice Reverts with the reason `point` is not a valid G1 point of the prime-order subgroup;
    /// returns if it is one.
    /// @dev Diagnostic for failure paths: G1ADD with infinity checks encoding and curve (375 gas),
    /// G1MSM by one checks the subgroup (12,000 gas).
    function requireG1InSubgroup(bytes memory point) internal view {
        require(point.length == G1_LENGTH, InvalidLength(point.length, G1_LENGTH));
        uint256 buffer = _scratch(2 * G1_LENGTH);
        assembly ("memory-safe") {
            mcopy(buffer, add(point, 0x20), 0x80)
            mstore(add(buffer, 0x80), 0)
            mstore(add(buffer, 0xa0), 0)
            mstore(add(buffer, 0xc0), 0)
            mstore(add(buffer, 0xe0), 0)
        }
        require(
            staticcallChecked(G1ADD, G1ADD_GAS, buffer, 2 * G1_LENGTH, buffer, G1_LENGTH),
            G1PointNotOnCurve(point)
        );
        assembly ("memory-safe") {
            mcopy(buffer, add(point, 0x20), 0x80)
            mstore(add(buffer, 0x80), 1) // scalar 1
        }
        require(
            staticcallChecked(G1MSM, G1MSM_ONE_GAS, buffer, G1_LENGTH + 0x20, buffer, G1_LENGTH),
            G1PointNotInSubgroup(point)
        );
    }

    /// @notice Reverts with the reason `point` is not a valid G2 point of the prime-order subgroup;
    /// returns if it is one.
    /// @dev Diagnostic for failure paths: G2ADD with infinity (600 gas), then G2MSM by one
    /// (22,500 gas).
    function requireG2InSubgroup(bytes memory point) internal view {
        require(point.length == G2_LENGTH, InvalidLength(point.length, G2_LENGTH));
        uint256 buffer = _scratch(2 * G2_LENGTH);
        assembly ("memory-safe") {
            mcopy(buffer, add(point, 0x20), 0x100)
            calldatacopy(add(buffer, 0x100), calldatasize(), 0x100) // zeros
        }
        require(
            staticcallChecked(G2ADD, G2ADD_GAS, buffer, 2 * G2_LENGTH, buffer, G2_LENGTH),
            G2PointNotOnCurve(point)
        );
        assembly ("memory-safe") {
            mcopy(buffer, add(point, 0x20), 0x100)
            mstore(add(buffer, 0x100), 1) // scalar 1
        }
        require(
            staticcallChecked(G2MSM, G2MSM_ONE_GAS, buffer, G2_LENGTH + 0x20, buffer, G2_LENGTH),
            G2PointNotInSubgroup(point)
        );
    }

    /// @notice Packs the G1 point encoded at `ptr` into three words (`x || y` without padding).
    /// @dev Drops the padding: only for points the precompiles accepted (padding zero).
    function packG1(uint256 ptr) internal pure returns (bytes32 w0, bytes32 w1, bytes32 w2) {
        assembly ("memory-safe") {
            w0 := mload(add(ptr, 0x10)) // x[0:32]
            // x[32:48] || y[0:16]
            w1 := or(shl(128, shr(128, mload(add(ptr, 0x30)))), shr(128, mload(add(ptr, 0x50))))
            w2 := mload(add(ptr, 0x60)) // y[16:48]
        }
    }

    /// @notice Writes at `ptr` the 128-byte encoding of the G1 point packed in three words.
    function unpackG1(uint256 ptr, bytes32 w0, bytes32 w1, bytes32 w2) internal pure {
        assembly ("memory-safe") {
            mstore(ptr, 0)
            mstore(add(ptr, 0x10), w0)
            mstore(add(ptr, 0x30), shl(128, shr(128, w1)))
            mstore(add(ptr, 0x50), shl(128, w1))
            mstore(add(ptr, 0x60), w2)
        }
    }

    /// @notice Whether a calldata byte string is all zeros (the encoding of the point at infinity).
    /// @dev `data.length` must be a multiple of 32 (callers check the length of a point first).
    function isZero(bytes calldata data) internal pure returns (bool zero) {
        assembly ("memory-safe") {
            let acc := 0
            for { let o := 0 } lt(o, data.length) { o := add(o, 0x20) } {
                acc := or(acc, calldataload(add(data.offset, o)))
            }
            zero := iszero(acc)
        }
    }

    /// @dev Allocates `length` bytes of memory (not zeroed).
    function _scratch(uint256 length) private pure returns (uint256 ptr) {
        assembly ("memory-safe") {
            ptr := mload(0x40)
            mstore(0x40, add(ptr, length))
        }
    }
}
