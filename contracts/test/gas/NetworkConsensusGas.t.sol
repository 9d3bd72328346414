// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../src/interfaces/INetworkConsensus.sol";
import {BLSTestSigner} from "../unit/consensus/BLSTestSigner.sol";
import {NetworkConsensusBase} from "../unit/consensus/NetworkConsensusBase.t.sol";

/// @notice Gas of the consensus checks, written by forge to `snapshots/NetworkConsensus.json` at
/// the repository root on every `forge test` run. Each test prepares in `setUp` (a separate
/// transaction, so storage is cold again) and measures one call of the harness, which is what
/// the staking registry's external function will spend on it (execution only: the calldata of the
/// non-signer keys is priced in docs/consensus.md).
///
/// 300 active nodes, so that 100 non-signers are allowed (min(300 / 3, 4000) = 100).
contract NetworkConsensusGasTest is NetworkConsensusBase {
    uint64 internal constant NODE = 150;
    uint64 internal constant NETWORK_SIZE = 300;

    bytes internal signature;
    bytes internal nonSignerKeys;
    uint64 internal timestamp;

    // proof of possession and key addition for node NETWORK_SIZE + 1
    uint256 internal newSk;
    bytes internal newKey;
    bytes internal newPop;

    function setUp() public override {
        super.setUp();
        _registerNodes(NETWORK_SIZE);
        timestamp = uint64(block.timestamp);
        newSk = BLSTestSigner.secretKey(NETWORK_SIZE + 1);
        newKey = BLSTestSigner.publicKey(newSk);
        newPop = _proofOfPossession(newSk, _operator(NETWORK_SIZE + 1), _ed25519(NETWORK_SIZE + 1));
    }

    /// @dev Non-signers spread over the id range: ids 3, 6, 9, ...
    function _prepare(uint256 nonSignerCount) internal {
        uint64[] memory nonSigners = new uint64[](nonSignerCount);
        for (uint256 i; i < nonSignerCount; ++i) {
            nonSigners[i] = uint64(3 * (i + 1));
        }
        nonSignerKeys = _keysOf(nonSigners);
        signature = _networkSign(_actionMessage(address(consensus), EXIT, NODE, timestamp), nonSigners);
    }

    /// @dev Measures the check, then shows it checked something: the `nonSignerCount` keys were
    /// passed, and the same signature for another node is refused.
    function _measure(string memory name, uint256 nonSignerCount) internal {
        consensus.verifyNetworkSignature(EXIT, NODE, timestamp, nonSignerKeys, signature);
        vm.snapshotGasLastCall("NetworkConsensus", name);
        assertEq(nonSignerKeys.length, nonSignerCount * 128, "non-signers measured");
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector,
                _actionMessage(address(consensus), EXIT, NODE + 1, timestamp)
            )
        );
        consensus.verifyNetworkSignature(EXIT, NODE + 1, timestamp, nonSignerKeys, signature);
    }

    function test_Gas_VerifyNetworkSignature_0NonSigners() public {
        _prepare(0);
        _measure("verifyNetworkSignature_0NonSigners", 0);
    }

    function test_Gas_VerifyNetworkSignature_1NonSigner() public {
        _prepare(1);
        _measure("verifyNetworkSignature_1NonSigner", 1);
    }

    function test_Gas_VerifyNetworkSignature_10NonSigners() public {
        _prepare(10);
        _measure("verifyNetworkSignature_10NonSigners", 10);
    }

    function test_Gas_VerifyNetworkSignature_100NonSigners() public {
        _prepare(100);
        _measure("verifyNetworkSignature_100NonSigners", 100);
    }

    function test_Gas_VerifyProofOfPossession() public {
        consensus.verifyProofOfPossession(
            newKey, _operator(NETWORK_SIZE + 1), _ed25519(NETWORK_SIZE + 1), newPop
        );
        vm.snapshotGasLastCall("NetworkConsensus", "verifyProofOfPossession");
    }

    function test_Gas_AddKey() public {
        consensus.addKey(
            NETWORK_SIZE + 1, newKey, _operator(NETWORK_SIZE + 1), _ed25519(NETWORK_SIZE + 1), newPop
        );
        vm.snapshotGasLastCall("NetworkConsensus", "addKey");
        assertEq(consensus.activeBLSKeyCount(), NETWORK_SIZE + 1);
        assertEq(consensus.nodeIdOfBLSKey(newKey), NETWORK_SIZE + 1);
    }

    function test_Gas_RemoveKey() public {
        consensus.removeKey(NODE, publicKeyOf[NODE]);
        vm.snapshotGasLastCall("NetworkConsensus", "removeKey");
        assertEq(consensus.activeBLSKeyCount(), NETWORK_SIZE - 1);
        assertEq(consensus.nodeIdOfBLSKey(publicKeyOf[NODE]), 0);
    }
}
