// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BLS12381} from "../../../src/consensus/BLS12381.sol";
import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {BLSTestSigner} from "./BLSTestSigner.sol";
import {NetworkConsensusBase} from "./NetworkConsensusBase.t.sol";
import {NetworkConsensusHarness} from "./NetworkConsensusHarness.sol";

/// @notice `_verifyProofOfPossession`: a key proves possession for one operator, one Ed25519 key,
/// one chain and one contract.
contract NetworkConsensusUnitTests_verifyProofOfPossession is NetworkConsensusBase {
    uint256 internal sk;
    bytes internal key;
    address internal operatorA;
    address internal operatorB;
    bytes32 internal ed25519E;
    bytes32 internal ed25519F;
    bytes internal pop;

    function setUp() public override {
        super.setUp();
        sk = BLSTestSigner.secretKey(42);
        key = BLSTestSigner.publicKey(sk);
        (operatorA, operatorB) = (makeAddr("operator A"), makeAddr("operator B"));
        (ed25519E, ed25519F) = (keccak256("ed25519 E"), keccak256("ed25519 F"));
        pop = _proofOfPossession(sk, operatorA, ed25519E);
    }

    function _invalid(bytes memory blsKey, address operator, bytes32 ed25519Key)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            INetworkConsensus.ProofOfPossessionInvalid.selector,
            _popMessage(address(consensus), blsKey, operator, ed25519Key)
        );
    }

    function test_Verifies() public view {
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, pop);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_Verifies(uint256 seed, address operator, bytes32 ed25519Key) public view {
        uint256 secret = BLSTestSigner.secretKey(seed);
        consensus.verifyProofOfPossession(
            BLSTestSigner.publicKey(secret),
            operator,
            ed25519Key,
            _proofOfPossession(secret, operator, ed25519Key)
        );
    }

    function test_MessageMatchesTheDocumentedLayout() public view {
        bytes memory message = consensus.proofOfPossessionMessage(key, operatorA, ed25519E);
        assertEq(message, _popMessage(address(consensus), key, operatorA, ed25519E));
        assertEq(message.length, 264);
    }

    function test_RevertWhen_MadeForAnotherOperator() public {
        vm.expectRevert(_invalid(key, operatorB, ed25519E));
        consensus.verifyProofOfPossession(key, operatorB, ed25519E, pop);
    }

    function test_RevertWhen_MadeForAnotherEd25519Key() public {
        vm.expectRevert(_invalid(key, operatorA, ed25519F));
        consensus.verifyProofOfPossession(key, operatorA, ed25519F, pop);
    }

    function test_RevertWhen_MadeOnAnotherChain() public {
        vm.chainId(block.chainid + 1);
        vm.expectRevert(_invalid(key, operatorA, ed25519E));
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, pop);
    }

    function test_RevertWhen_MadeForAnotherContract() public {
        NetworkConsensusHarness other = new NetworkConsensusHarness();
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector,
                _popMessage(address(other), key, operatorA, ed25519E)
            )
        );
        other.verifyProofOfPossession(key, operatorA, ed25519E, pop);
    }

    function test_RevertWhen_SignedByAnotherKey() public {
        // A rogue key: the claimed key's owner never signed.
        bytes memory victim = BLSTestSigner.publicKey(BLSTestSigner.secretKey(43));
        bytes memory forged =
            BLSTestSigner.sign(sk, _popMessage(address(consensus), victim, operatorA, ed25519E));
        vm.expectRevert(_invalid(victim, operatorA, ed25519E));
        consensus.verifyProofOfPossession(victim, operatorA, ed25519E, forged);
    }

    function test_RevertWhen_NetworkMessageSignatureUsedAsProof() public {
        bytes memory signature =
            BLSTestSigner.sign(sk, _actionMessage(address(consensus), EXIT, 1, uint64(block.timestamp)));
        vm.expectRevert(_invalid(key, operatorA, ed25519E));
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, signature);
    }

    function test_RevertWhen_KeyAtInfinity() public {
        vm.expectRevert(INetworkConsensus.BLSKeyAtInfinity.selector);
        consensus.verifyProofOfPossession(new bytes(128), operatorA, ed25519E, pop);
    }

    function test_RevertWhen_KeyLengthWrong() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidLength.selector, 96, 128));
        consensus.verifyProofOfPossession(new bytes(96), operatorA, ed25519E, pop);
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidLength.selector, 129, 128));
        consensus.verifyProofOfPossession(bytes.concat(key, hex"00"), operatorA, ed25519E, pop);
    }

    function test_RevertWhen_KeyNotOnCurve() public {
        bytes memory bad = bytes.concat(key);
        bad[127] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotOnCurve.selector, bad));
        consensus.verifyProofOfPossession(bad, operatorA, ed25519E, pop);
    }

    function test_RevertWhen_KeyPaddingNotZero() public {
        bytes memory bad = bytes.concat(key);
        bad[0] = 0x80;
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotOnCurve.selector, bad));
        consensus.verifyProofOfPossession(bad, operatorA, ed25519E, pop);
    }

    function test_RevertWhen_KeyNotInSubgroup() public {
        bytes memory bad = abi.encodePacked(
            uint256(0),
            uint256(4),
            bytes16(0),
            hex"0a989badd40d6212b33cffc3f3763e9bc760f988c9926b26da9dd85e928483446346b8ed00e1de5d5ea93e354abe706c"
        );
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G1PointNotInSubgroup.selector, bad));
        consensus.verifyProofOfPossession(bad, operatorA, ed25519E, pop);
    }

    function test_RevertWhen_SignatureLengthWrong() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidLength.selector, 192, 256));
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, new bytes(192));
    }

    function test_RevertWhen_SignatureAtInfinity() public {
        vm.expectRevert(INetworkConsensus.SignatureAtInfinity.selector);
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, new bytes(256));
    }

    function test_RevertWhen_SignatureNotOnCurve() public {
        bytes memory bad = bytes.concat(pop);
        bad[255] ^= 0x01;
        vm.expectRevert(abi.encodeWithSelector(BLS12381.G2PointNotOnCurve.selector, bad));
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, bad);
    }

    function test_RevertWhen_PairingPrecompileMissing() public {
        vm.mockCall(BLS12381.PAIRING_CHECK, bytes(""), bytes(""));
        vm.expectRevert(
            abi.encodeWithSelector(BLS12381.PrecompileUnavailable.selector, BLS12381.PAIRING_CHECK)
        );
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, pop);
    }

    function test_RevertWhen_PairingPrecompileFailsOnValidInput() public {
        vm.mockCallRevert(BLS12381.PAIRING_CHECK, bytes(""), bytes(""));
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.PAIRING_CHECK));
        consensus.verifyProofOfPossession(key, operatorA, ed25519E, pop);
    }
}
