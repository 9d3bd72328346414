// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {NetworkConsensusBase} from "./NetworkConsensusBase.t.sol";
import {NetworkConsensusHarness} from "./NetworkConsensusHarness.sol";

/// @notice Defaults, governable parameters, tags and the ERC-7201 storage location.
contract NetworkConsensusUnitTests_parameters is NetworkConsensusBase {
    bytes32 internal constant STORAGE_LOCATION =
        0xceb6967e78adaa916f14092c38158ec996433b07b8fff439351f6de590042400;

    function test_Defaults() public view {
        assertEq(consensus.nonSignerCap(), 4000);
        assertEq(consensus.DEFAULT_NON_SIGNER_CAP(), 4000);
        assertEq(consensus.signatureExpiry(), 1 hours);
        assertEq(consensus.maxFutureSkew(), 5 minutes);
        assertEq(consensus.MAX_SIGNATURE_EXPIRY(), 2 hours);
        assertEq(consensus.MAX_FUTURE_SKEW_LIMIT(), 15 minutes);
        assertEq(consensus.activeBLSKeyCount(), 0);
        assertEq(consensus.maxNonSigners(), 0);
    }

    function test_InitialisationEmitsTheDefaults() public {
        vm.expectEmit();
        emit INetworkConsensus.NonSignerCapUpdated(0, 4000);
        vm.expectEmit();
        emit INetworkConsensus.SignatureExpiryUpdated(0, 1 hours);
        vm.expectEmit();
        emit INetworkConsensus.MaxFutureSkewUpdated(0, 5 minutes);
        new NetworkConsensusHarness();
    }

    function test_Tags() public view {
        assertEq(consensus.PROOF_OF_POSSESSION_TAG(), POP);
        assertEq(consensus.EXIT_TAG(), EXIT);
        assertEq(consensus.LIQUIDATION_TAG(), LIQUIDATION);
        assertEq(consensus.DECOMMISSION_TAG(), DECOMMISSION);
        assertEq(consensus.RECOMMISSION_TAG(), RECOMMISSION);
    }

    function testFuzz_NetworkActionMessageMatchesTheDocumentedLayout(bytes32 tag, uint64 nodeId, uint64 ts)
        public
        view
    {
        bytes memory message = consensus.networkActionMessage(tag, nodeId, ts);
        assertEq(message, _actionMessage(address(consensus), tag, nodeId, ts));
        assertEq(message.length, 100);
    }

    function test_StorageLocationIsTheErc7201Slot() public {
        assertEq(
            STORAGE_LOCATION,
            keccak256(abi.encode(uint256(keccak256("session.storage.NetworkConsensus")) - 1))
                & ~bytes32(uint256(0xff))
        );
        // Slot 3 of the namespace packs count | cap | expiry | skew (uint64 each, low to high).
        _registerNodes(2);
        uint256 word = uint256(vm.load(address(consensus), bytes32(uint256(STORAGE_LOCATION) + 3)));
        assertEq(uint64(word), 2);
        assertEq(uint64(word >> 64), 4000);
        assertEq(uint64(word >> 128), 1 hours);
        assertEq(uint64(word >> 192), 5 minutes);
        // Slots 0-2: the aggregate, packed.
        bytes memory aggregate = consensus.aggregatePublicKey();
        bytes32 w0 = vm.load(address(consensus), STORAGE_LOCATION);
        bytes32 expected;
        assembly {
            expected := mload(add(aggregate, 0x30))
        }
        assertEq(w0, expected);
        // Slot 4: the mapping keccak256(128-byte key) => node id, right after the parameters.
        for (uint64 id = 1; id <= 2; ++id) {
            bytes32 entry = keccak256(abi.encode(keccak256(publicKeyOf[id]), uint256(STORAGE_LOCATION) + 4));
            assertEq(uint256(vm.load(address(consensus), entry)), id, "nodeIdOfKeyHash");
        }
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_MaxNonSignersIsAThirdCappedByTheCap(uint8 nodes, uint64 cap) public {
        nodes = uint8(bound(nodes, 0, 30));
        _registerNodes(nodes);
        consensus.setNonSignerCap(cap);
        uint256 third = uint256(nodes) / 3;
        assertEq(consensus.maxNonSigners(), third < cap ? third : cap);
    }

    function test_SetNonSignerCap() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.NonSignerCapUpdated(4000, 10);
        consensus.setNonSignerCap(10);
        assertEq(consensus.nonSignerCap(), 10);
    }

    function test_SetSignatureExpiry() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.SignatureExpiryUpdated(1 hours, 2 hours - 1);
        consensus.setSignatureExpiry(2 hours - 1);
        assertEq(consensus.signatureExpiry(), 2 hours - 1);
    }

    function test_RevertWhen_SignatureExpiryOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.SignatureExpiryOutOfRange.selector, 2 hours, 2 hours)
        );
        consensus.setSignatureExpiry(2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.SignatureExpiryOutOfRange.selector, 0, 2 hours)
        );
        consensus.setSignatureExpiry(0);
    }

    function test_SetMaxFutureSkew() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.MaxFutureSkewUpdated(5 minutes, 0);
        consensus.setMaxFutureSkew(0);
        assertEq(consensus.maxFutureSkew(), 0);
    }

    function test_RevertWhen_MaxFutureSkewOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.MaxFutureSkewOutOfRange.selector, 15 minutes + 1, 15 minutes
            )
        );
        consensus.setMaxFutureSkew(15 minutes + 1);
    }
}
