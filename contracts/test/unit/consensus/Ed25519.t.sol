// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ed25519} from "../../../src/consensus/Ed25519.sol";
import {Ed25519Harness} from "./Ed25519Harness.sol";
import {Ed25519TestSigner} from "./Ed25519TestSigner.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The Ed25519 verifier and SHA-512 against outside sources: the RFC 8032 section 7.1
/// vectors, FIPS 180-4 digests, and `contracts/test/fixtures/ed25519/ed25519.json`, written by
/// Node's OpenSSL (`generate.js`): valid signatures over messages of many lengths, and invalid
/// ones (a bit of R or S flipped, S + L, another message or key, keys that do not decode or have
/// small order).
contract Ed25519Test is Test {
    string internal constant PATH = "contracts/test/fixtures/ed25519/ed25519.json";

    string internal json;
    Ed25519Harness internal harness;
    uint256 internal validCount;
    uint256 internal invalidCount;

    function setUp() public {
        json = vm.readFile(PATH);
        harness = new Ed25519Harness();
        while (vm.keyExistsJson(json, _at("valid", validCount, ""))) ++validCount;
        while (vm.keyExistsJson(json, _at("invalid", invalidCount, ""))) ++invalidCount;
    }

    function _at(string memory list, uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".", list, "[", vm.toString(i), "]", field);
    }

    function _case(string memory list, uint256 i)
        internal
        view
        returns (bytes32 publicKey, bytes memory message, bytes memory signature)
    {
        publicKey = vm.parseJsonBytes32(json, _at(list, i, ".publicKey"));
        message = vm.parseJsonBytes(json, _at(list, i, ".message"));
        signature = vm.parseJsonBytes(json, _at(list, i, ".signature"));
    }

    // ------------------------------------------------------------------------------ SHA-512

    function test_Sha512OfAbc() public view {
        assertEq(
            harness.sha512("abc"),
            hex"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
    }

    function test_Sha512OfNothing() public view {
        assertEq(
            harness.sha512(""),
            hex"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        );
    }

    /// @dev FIPS 180-4's two-block example (112 bytes: the length no longer fits the first block).
    function test_Sha512OfTheTwoBlockExample() public view {
        assertEq(
            harness.sha512(
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            ),
            hex"8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"
        );
    }

    function test_Sha512MatchesNodeAroundEveryBoundary() public view {
        uint256 i;
        for (; vm.keyExistsJson(json, _at("sha512", i, "")); ++i) {
            bytes memory message = vm.parseJsonBytes(json, _at("sha512", i, ".message"));
            assertEq(
                harness.sha512(message),
                vm.parseJsonBytes(json, _at("sha512", i, ".digest")),
                string.concat("length ", vm.toString(message.length))
            );
        }
        assertEq(i, 18);
    }

    // ---------------------------------------------------------------------------- RFC 8032

    function test_Rfc8032Vectors() public view {
        uint256 i;
        for (; vm.keyExistsJson(json, _at("rfc8032", i, "")); ++i) {
            (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("rfc8032", i);
            string memory name = vm.parseJsonString(json, _at("rfc8032", i, ".name"));
            assertTrue(harness.verify(publicKey, message, signature), name);
        }
        assertEq(i, 5, "TEST 1, 2, 3, 1024, SHA(abc)");
    }

    /// @dev TEST 1 written out here, from RFC 8032 7.1, in case the fixture were wrong.
    function test_Rfc8032Test1Inline() public view {
        assertTrue(
            harness.verify(
                0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,
                "",
                hex"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            )
        );
    }

    /// @dev The test signer derives the RFC's public keys and signatures from its secret keys.
    function test_SignerReproducesRfc8032() public view {
        for (uint256 i; i < 5; ++i) {
            (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("rfc8032", i);
            bytes32 secret = vm.parseJsonBytes32(json, _at("rfc8032", i, ".secretKey"));
            assertEq(Ed25519TestSigner.publicKey(secret), publicKey, "public key");
            assertEq(Ed25519TestSigner.sign(secret, message), signature, "signature");
        }
    }

    // ------------------------------------------------------------------------ Node's cases

    function test_NodeSignaturesVerify() public view {
        assertEq(validCount, 16);
        for (uint256 i; i < validCount; ++i) {
            (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("valid", i);
            assertTrue(harness.verify(publicKey, message, signature), vm.toString(i));
        }
    }

    function test_SignerMatchesNode() public view {
        for (uint256 i; i < validCount; i += 5) {
            (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("valid", i);
            bytes32 secret = vm.parseJsonBytes32(json, _at("valid", i, ".seed"));
            assertEq(Ed25519TestSigner.publicKey(secret), publicKey);
            assertEq(Ed25519TestSigner.sign(secret, message), signature);
        }
    }

    function test_InvalidCasesAreRefused() public view {
        assertEq(invalidCount, 47);
        for (uint256 i; i < invalidCount; ++i) {
            (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("invalid", i);
            assertFalse(
                harness.verify(publicKey, message, signature),
                vm.parseJsonString(json, _at("invalid", i, ".name"))
            );
        }
    }

    /// @dev OpenSSL accepts two of the small-order forgeries (anyone can sign for the identity);
    /// the contract refuses every small-order key.
    function test_StricterThanOpenSslOnSmallOrderKeys() public view {
        uint256 accepted;
        for (uint256 i; i < invalidCount; ++i) {
            if (vm.parseJsonBool(json, _at("invalid", i, ".nodeAccepts"))) {
                ++accepted;
                (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("invalid", i);
                (bool ok, uint256 x, uint256 y) = harness.decode(publicKey);
                assertTrue(ok && harness.isSmallOrder(x, y));
                assertFalse(harness.verify(publicKey, message, signature));
            }
        }
        assertEq(accepted, 2);
    }

    function test_DecodeRefusesWhatRfc8032Refuses() public view {
        // y = p (non-canonical 0), y = 2^255 - 1, x = 0 with the sign bit set (y = 1)
        bytes32[3] memory bad = [
            bytes32(Ed25519.littleEndian(Ed25519.P)),
            bytes32(Ed25519.littleEndian((1 << 255) - 1)),
            bytes32(Ed25519.littleEndian(1 | (1 << 255)))
        ];
        for (uint256 i; i < bad.length; ++i) {
            (bool ok,,) = harness.decode(bad[i]);
            assertFalse(ok);
        }
        // The base point decodes to its known coordinates.
        (bool good, uint256 x, uint256 y) =
            harness.decode(0x5866666666666666666666666666666666666666666666666666666666666666);
        assertTrue(good);
        assertEq(x, 15112221349535400772501151409588531511454012693041857206046113283949847762202);
        assertEq(y, 46316835694926478169428394003475163141307993866256225615783033603165251855960);
        assertFalse(harness.isSmallOrder(x, y));
    }

    // ------------------------------------------------------------------------------- fuzzing

    /// @dev A Node signature never verifies for any other message.
    function testFuzz_NodeSignatureRefusesOtherMessages(uint256 index, bytes memory message) public view {
        (bytes32 publicKey, bytes memory signed, bytes memory signature) = _case("valid", bound(index, 0, 15));
        assertEq(harness.verify(publicKey, message, signature), keccak256(message) == keccak256(signed));
    }

    /// @dev Nor with any one bit of the signature or the key flipped.
    function testFuzz_FlippedBitIsRefused(uint256 index, uint256 bit, bool inKey) public view {
        (bytes32 publicKey, bytes memory message, bytes memory signature) =
            _case("valid", bound(index, 0, 15));
        if (inKey) {
            publicKey ^= bytes32(uint256(1) << bound(bit, 0, 255));
        } else {
            bit = bound(bit, 0, 511);
            signature[bit / 8] ^= bytes1(uint8(1) << uint8(bit % 8));
        }
        assertFalse(harness.verify(publicKey, message, signature));
    }

    /// @dev Signatures the test signer makes for any secret and message verify (the signer is
    /// itself checked against Node above).
    function testFuzz_SignAndVerify(bytes32 secret, bytes memory message) public view {
        bytes memory signature = Ed25519TestSigner.sign(secret, message);
        assertTrue(harness.verify(Ed25519TestSigner.publicKey(secret), message, signature));
    }

    /// @dev The verifier's gas for the dispute's 112-byte message (two SHA-512 blocks).
    function test_GasOfAVerification() public {
        (bytes32 publicKey, bytes memory message, bytes memory signature) = _case("valid", 10);
        assertEq(message.length, 112);
        uint256 before = gasleft();
        assertTrue(harness.verify(publicKey, message, signature));
        emit log_named_uint("verify, 112-byte message (gas)", before - gasleft());
    }
}
