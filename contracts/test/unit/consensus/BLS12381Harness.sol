// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BLS12381} from "../../../src/consensus/BLS12381.sol";

/// @notice Exposes {BLS12381} to tests, on `bytes` instead of memory pointers.
contract BLS12381Harness {
    function negate(bytes memory point) external pure returns (bytes memory) {
        uint256 ptr;
        assembly {
            ptr := add(point, 0x20)
        }
        BLS12381.negateG1InPlace(ptr);
        return point;
    }

    function packUnpack(bytes memory point)
        external
        pure
        returns (bytes32 w0, bytes32 w1, bytes32 w2, bytes memory out)
    {
        uint256 ptr;
        assembly {
            ptr := add(point, 0x20)
        }
        (w0, w1, w2) = BLS12381.packG1(ptr);
        out = new bytes(128);
        assembly {
            ptr := add(out, 0x20)
        }
        BLS12381.unpackG1(ptr, w0, w1, w2);
    }

    function requireG1InSubgroup(bytes memory point) external view {
        BLS12381.requireG1InSubgroup(point);
    }

    function requireG2InSubgroup(bytes memory point) external view {
        BLS12381.requireG2InSubgroup(point);
    }

    function isZero(bytes calldata data) external pure returns (bool) {
        return BLS12381.isZero(data);
    }
}
