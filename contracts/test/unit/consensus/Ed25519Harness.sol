// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ed25519} from "../../../src/consensus/Ed25519.sol";
import {Sha512} from "../../../src/consensus/Sha512.sol";

/// @notice Exposes the {Ed25519} and {Sha512} libraries as calls, so tests see their gas and
/// their memory starts clean.
contract Ed25519Harness {
    function verify(bytes32 publicKey, bytes calldata message, bytes calldata signature)
        external
        view
        returns (bool)
    {
        require(signature.length == 64, "length");
        return Ed25519.verify(publicKey, message, bytes32(signature[:32]), bytes32(signature[32:]));
    }

    function decode(bytes32 encoded) external view returns (bool ok, uint256 x, uint256 y) {
        return Ed25519.decode(encoded);
    }

    function isSmallOrder(uint256 x, uint256 y) external pure returns (bool) {
        return Ed25519.isSmallOrder(x, y);
    }

    function sha512(bytes calldata data) external pure returns (bytes memory) {
        (bytes32 high, bytes32 low) = Sha512.hash(data);
        return abi.encodePacked(high, low);
    }
}
