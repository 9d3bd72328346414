// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../interfaces/INetworkConsensus.sol";
import {BLS12381} from "./BLS12381.sol";
import {ConsensusMessages} from "./ConsensusMessages.sol";
import {HashToG2} from "./HashToG2.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

/// @title NetworkConsensus
/// @notice See {INetworkConsensus}. Abstract: the {ConsensusRegistry} inherits it and exposes
/// {_addKey}, {_removeKey} and {_verifyNetworkSignature} to the staking registry and the setters
/// to governance.
/// @dev Storage (ERC-7201 namespace `session.storage.NetworkConsensus`):
/// - the aggregate key packed in 3 slots (`x || y`, 48 bytes each, the zero padding dropped);
/// - one slot of parameters: active key count, non-signer cap, expiry window, future skew;
/// - per key, `keccak256(128-byte key) => nodeId`: duplicate detection, lookups, the single
///   storage read a non-signer costs (its key comes in calldata and is checked against its hash),
///   and the check of the key passed back at removal. Keys themselves are not stored.
abstract contract NetworkConsensus is INetworkConsensus, Initializable {
    /// @inheritdoc INetworkConsensus
    bytes32 public constant PROOF_OF_POSSESSION_TAG = ConsensusMessages.PROOF_OF_POSSESSION_TAG;
    /// @inheritdoc INetworkConsensus
    bytes32 public constant EXIT_TAG = ConsensusMessages.EXIT_TAG;
    /// @inheritdoc INetworkConsensus
    bytes32 public constant LIQUIDATION_TAG = ConsensusMessages.LIQUIDATION_TAG;
    /// @inheritdoc INetworkConsensus
    bytes32 public constant DECOMMISSION_TAG = ConsensusMessages.DECOMMISSION_TAG;
    /// @inheritdoc INetworkConsensus
    bytes32 public constant RECOMMISSION_TAG = ConsensusMessages.RECOMMISSION_TAG;
    /// @inheritdoc INetworkConsensus
    bytes32 public constant STAKING_REQUIREMENT_TAG = ConsensusMessages.STAKING_REQUIREMENT_TAG;
    /// @inheritdoc INetworkConsensus
    uint256 public constant DEFAULT_NON_SIGNER_CAP = 4000;
    /// @inheritdoc INetworkConsensus
    uint256 public constant MAX_SIGNATURE_EXPIRY = 2 hours;
    /// @inheritdoc INetworkConsensus
    uint256 public constant MAX_FUTURE_SKEW_LIMIT = 15 minutes;
    /// @dev Default expiry window: half the 2 h bound, ample for the network to gather signatures.
    uint64 internal constant DEFAULT_SIGNATURE_EXPIRY = 1 hours;
    /// @dev Default future skew: tolerates node clocks a little ahead of the L2's block time.
    uint64 internal constant DEFAULT_MAX_FUTURE_SKEW = 5 minutes;
    /// @dev Mirror of {BLS12381-G1ADD_GAS} for inline assembly.
    uint256 private constant G1ADD_GAS = 375;

    /// @custom:storage-location erc7201:session.storage.NetworkConsensus
    struct NetworkConsensusStorage {
        /// @dev Sum of the active keys, packed; all zeros = infinity (no key).
        bytes32[3] aggregateKey;
        uint64 activeKeyCount;
        uint64 nonSignerCap;
        uint64 signatureExpiry;
        uint64 maxFutureSkew;
        mapping(bytes32 keyHash => uint64 nodeId) nodeIdOfKeyHash;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.NetworkConsensus")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant NETWORK_CONSENSUS_STORAGE_LOCATION =
        0xceb6967e78adaa916f14092c38158ec996433b07b8fff439351f6de590042400;

    function _networkConsensusStorage() private pure returns (NetworkConsensusStorage storage $) {
        assembly {
            $.slot := NETWORK_CONSENSUS_STORAGE_LOCATION
        }
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc INetworkConsensus
    function aggregatePublicKey() external view returns (bytes memory key) {
        bytes32[3] storage packed = _networkConsensusStorage().aggregateKey;
        key = new bytes(BLS12381.G1_LENGTH);
        BLS12381.unpackG1(_dataPointer(key), packed[0], packed[1], packed[2]);
    }

    /// @inheritdoc INetworkConsensus
    function nodeIdOfBLSKey(bytes calldata blsKey) external view returns (uint64) {
        return _networkConsensusStorage().nodeIdOfKeyHash[keccak256(blsKey)];
    }

    /// @inheritdoc INetworkConsensus
    function activeBLSKeyCount() external view returns (uint256) {
        return _networkConsensusStorage().activeKeyCount;
    }

    /// @inheritdoc INetworkConsensus
    function nonSignerCap() external view returns (uint256) {
        return _networkConsensusStorage().nonSignerCap;
    }

    /// @inheritdoc INetworkConsensus
    function maxNonSigners() public view returns (uint256) {
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        uint256 third = $.activeKeyCount / 3;
        uint256 cap = $.nonSignerCap;
        return third < cap ? third : cap;
    }

    /// @inheritdoc INetworkConsensus
    function signatureExpiry() external view returns (uint256) {
        return _networkConsensusStorage().signatureExpiry;
    }

    /// @inheritdoc INetworkConsensus
    function maxFutureSkew() external view returns (uint256) {
        return _networkConsensusStorage().maxFutureSkew;
    }

    /// @inheritdoc INetworkConsensus
    function proofOfPossessionMessage(bytes calldata blsKey, address operator, bytes32 ed25519Key)
        external
        view
        returns (bytes memory)
    {
        return ConsensusMessages.proofOfPossession(blsKey, operator, ed25519Key);
    }

    /// @inheritdoc INetworkConsensus
    function networkActionMessage(bytes32 actionTag, uint64 nodeId, uint64 timestamp)
        external
        view
        returns (bytes memory)
    {
        return ConsensusMessages.networkAction(actionTag, nodeId, timestamp);
    }

    // ------------------------------------------------------------------------ initialisation

    /// @dev Sets the defaults: non-signer cap 4000, expiry 1 h, future skew 5 min. Call from the
    /// child's `initialize`.
    function __NetworkConsensus_init() internal onlyInitializing {
        _setNonSignerCap(uint64(DEFAULT_NON_SIGNER_CAP));
        _setSignatureExpiry(DEFAULT_SIGNATURE_EXPIRY);
        _setMaxFutureSkew(DEFAULT_MAX_FUTURE_SKEW);
    }

    // ------------------------------------------------------------------------------- setters

    /// @dev Sets the cap on non-signers (any value; 0 demands every active node's signature).
    /// Emits {NonSignerCapUpdated}.
    function _setNonSignerCap(uint64 newCap) internal {
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        emit NonSignerCapUpdated($.nonSignerCap, newCap);
        $.nonSignerCap = newCap;
    }

    /// @dev Sets the expiry window, in (0, 2 h). Emits {SignatureExpiryUpdated}.
    function _setSignatureExpiry(uint64 newExpiry) internal {
        require(
            newExpiry != 0 && newExpiry < MAX_SIGNATURE_EXPIRY,
            SignatureExpiryOutOfRange(newExpiry, MAX_SIGNATURE_EXPIRY)
        );
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        emit SignatureExpiryUpdated($.signatureExpiry, newExpiry);
        $.signatureExpiry = newExpiry;
    }

    /// @dev Sets the max future skew, at most 15 min. Emits {MaxFutureSkewUpdated}.
    function _setMaxFutureSkew(uint64 newSkew) internal {
        require(newSkew <= MAX_FUTURE_SKEW_LIMIT, MaxFutureSkewOutOfRange(newSkew, MAX_FUTURE_SKEW_LIMIT));
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        emit MaxFutureSkewUpdated($.maxFutureSkew, newSkew);
        $.maxFutureSkew = newSkew;
    }

    // ------------------------------------------------------------------------------ keys

    /// @dev Registers `blsKey` for node `nodeId` after checking its proof of possession (bound to
    /// `operator`, `ed25519Key`, this chain and this contract) and adds it to the aggregate.
    /// Reverts with {NodeIdZero}, {BLSKeyAlreadyRegistered}, or any error of
    /// {_verifyProofOfPossession}. Emits {BLSKeyAdded}.
    /// The proof of possession is what makes the key safe to aggregate (no rogue keys) and what
    /// checks its subgroup (the pairing precompile does); there is deliberately no way to add a key
    /// without it. The key itself is not stored (3 slots, 66k gas): its hash is, and whoever removes
    /// it passes it again (it is in {BLSKeyAdded}).
    function _addKey(
        uint64 nodeId,
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) internal {
        require(nodeId != 0, NodeIdZero());
        _verifyProofOfPossession(blsKey, operator, ed25519Key, proofOfPossession);
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        bytes32 keyHash = keccak256(blsKey);
        uint64 existing = $.nodeIdOfKeyHash[keyHash];
        require(existing == 0, BLSKeyAlreadyRegistered(existing));

        // buffer = aggregate || key; G1ADD writes the new aggregate over the first half. The key is
        // on the curve and in the subgroup (the proof of possession's pairing checked it).
        uint256 buffer = _allocate(2 * BLS12381.G1_LENGTH);
        bytes32[3] storage aggregate = $.aggregateKey;
        BLS12381.unpackG1(buffer, aggregate[0], aggregate[1], aggregate[2]);
        assembly ("memory-safe") {
            calldatacopy(add(buffer, 0x80), blsKey.offset, 0x80)
        }
        BLS12381.g1AddInPlace(buffer);
        (aggregate[0], aggregate[1], aggregate[2]) = BLS12381.packG1(buffer);

        $.nodeIdOfKeyHash[keyHash] = nodeId;
        ++$.activeKeyCount;
        emit BLSKeyAdded(nodeId, blsKey);
    }

    /// @dev Removes node `nodeId`'s key `blsKey` from the aggregate and forgets it (the node can no
    /// longer be named as a non-signer; the key may register again under a new id). Reverts with
    /// {NotKeyOfNode} unless `blsKey` is the key node `nodeId` registered and still holds. Emits
    /// {BLSKeyRemoved}.
    function _removeKey(uint64 nodeId, bytes calldata blsKey) internal {
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        require(blsKey.length == BLS12381.G1_LENGTH, NotKeyOfNode(nodeId));
        bytes32 keyHash = keccak256(blsKey);
        require(nodeId != 0 && $.nodeIdOfKeyHash[keyHash] == nodeId, NotKeyOfNode(nodeId));
        delete $.nodeIdOfKeyHash[keyHash];

        // buffer = aggregate || -key; G1ADD writes the new aggregate over the first half. The key
        // matches a registered one, so it is a valid point.
        uint256 buffer = _allocate(2 * BLS12381.G1_LENGTH);
        bytes32[3] storage aggregate = $.aggregateKey;
        BLS12381.unpackG1(buffer, aggregate[0], aggregate[1], aggregate[2]);
        assembly ("memory-safe") {
            calldatacopy(add(buffer, 0x80), blsKey.offset, 0x80)
        }
        BLS12381.negateG1InPlace(buffer + BLS12381.G1_LENGTH);
        BLS12381.g1AddInPlace(buffer);
        (aggregate[0], aggregate[1], aggregate[2]) = BLS12381.packG1(buffer);

        --$.activeKeyCount;
        emit BLSKeyRemoved(nodeId, blsKey);
    }

    // ------------------------------------------------------------------------- verification

    /// @dev Checks that `proofOfPossession` is `blsKey`'s signature of
    /// {ConsensusMessages-proofOfPossession}(blsKey, operator, ed25519Key) on this chain and
    /// contract. Reverts with {BLS12381-InvalidLength} (key not 128 bytes, signature not 256),
    /// {BLSKeyAtInfinity}, {SignatureAtInfinity}, {BLS12381-G1PointNotOnCurve} /
    /// {BLS12381-G1PointNotInSubgroup} (the key), {BLS12381-G2PointNotOnCurve} /
    /// {BLS12381-G2PointNotInSubgroup} (the signature), or {ProofOfPossessionInvalid}.
    function _verifyProofOfPossession(
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) internal view {
        require(
            blsKey.length == BLS12381.G1_LENGTH, BLS12381.InvalidLength(blsKey.length, BLS12381.G1_LENGTH)
        );
        _requireSignatureShape(proofOfPossession);
        require(!BLS12381.isZero(blsKey), BLSKeyAtInfinity());

        bytes memory message = ConsensusMessages.proofOfPossession(blsKey, operator, ed25519Key);
        uint256 input = _allocate(2 * (BLS12381.G1_LENGTH + BLS12381.G2_LENGTH));
        assembly ("memory-safe") {
            calldatacopy(input, blsKey.offset, 0x80)
        }
        (bool callSucceeded, bool valid) = _pairWithMessage(input, message, proofOfPossession);
        if (!callSucceeded) {
            BLS12381.requireG1InSubgroup(blsKey);
            _revertPairingFailure(proofOfPossession);
        }
        require(valid, ProofOfPossessionInvalid(message));
    }

    /// @dev Checks that the network approved action `actionTag` on node `nodeId` at `timestamp`:
    /// the timestamp is neither expired nor too far ahead, then {_verifyAggregateSignature} over
    /// {ConsensusMessages-networkAction}(actionTag, nodeId, timestamp). Reverts with
    /// {SignatureExpired}, {SignatureFromFuture}, or any error of {_verifyAggregateSignature}.
    function _verifyNetworkSignature(
        bytes32 actionTag,
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) internal view {
        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        uint256 expiry = $.signatureExpiry;
        uint256 oldest = block.timestamp > expiry ? block.timestamp - expiry : 0;
        require(timestamp >= oldest, SignatureExpired(timestamp, oldest));
        uint256 latest = block.timestamp + $.maxFutureSkew;
        require(timestamp <= latest, SignatureFromFuture(timestamp, latest));
        _verifyAggregateSignature(
            ConsensusMessages.networkAction(actionTag, nodeId, timestamp), nonSignerKeys, signature
        );
    }

    /// @dev Checks that `signature` is the aggregate signature of `message` by every active node
    /// except the non-signers: e(aggregate - sum(nonSignerKeys), H(message)) == e(g1, signature).
    /// `nonSignerKeys` concatenates the non-signers' 128-byte keys in strictly increasing order of
    /// registration id; each must be an active node's key, and there may be at most
    /// {maxNonSigners}. For messages beyond the four actions, `message` must start with its own
    /// domain (tag, chain id, contract) like those of {ConsensusMessages}, and carry its own
    /// freshness. Reverts with {BLS12381-InvalidLength} (signature not 256 bytes),
    /// {SignatureAtInfinity}, {NonSignerKeysMalformed}, {TooManyNonSigners},
    /// {NonSignerNotRegistered}, {NonSignersNotSorted}, {BLS12381-G2PointNotOnCurve} /
    /// {BLS12381-G2PointNotInSubgroup}, or {NetworkSignatureInvalid}.
    function _verifyAggregateSignature(
        bytes memory message,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) internal view {
        _requireSignatureShape(signature);
        require(nonSignerKeys.length % BLS12381.G1_LENGTH == 0, NonSignerKeysMalformed(nonSignerKeys.length));
        uint256 count = nonSignerKeys.length / BLS12381.G1_LENGTH;
        uint256 maximum = maxNonSigners();
        require(count <= maximum, TooManyNonSigners(count, maximum));

        NetworkConsensusStorage storage $ = _networkConsensusStorage();
        bytes32[3] storage aggregate = $.aggregateKey;
        // input: signers' key (128) | H(message) (256) | -g1 (128) | signature (256), then the
        // non-signer accumulator (128) and the incoming key (128).
        uint256 input = _allocate(2 * (BLS12381.G1_LENGTH + BLS12381.G2_LENGTH) + 2 * BLS12381.G1_LENGTH);
        if (count == 0) {
            BLS12381.unpackG1(input, aggregate[0], aggregate[1], aggregate[2]);
        } else {
            uint256 sum = input + 2 * (BLS12381.G1_LENGTH + BLS12381.G2_LENGTH);
            _sumNonSigners($.nodeIdOfKeyHash, nonSignerKeys, count, sum);
            // signers' key = aggregate + (-sum), written to the start of the pairing input.
            BLS12381.negateG1InPlace(sum);
            BLS12381.unpackG1(sum + BLS12381.G1_LENGTH, aggregate[0], aggregate[1], aggregate[2]);
            require(
                BLS12381.staticcallChecked(
                    BLS12381.G1ADD, BLS12381.G1ADD_GAS, sum, 2 * BLS12381.G1_LENGTH, input, BLS12381.G1_LENGTH
                ),
                BLS12381.PrecompileFailed(BLS12381.G1ADD)
            );
        }

        (bool callSucceeded, bool valid) = _pairWithMessage(input, message, signature);
        if (!callSucceeded) _revertPairingFailure(signature);
        require(valid, NetworkSignatureInvalid(message));
    }

    // ------------------------------------------------------------------------------ private

    /// @dev Writes at `sum` the sum of the `count` keys in `nonSignerKeys`, checking that each is an
    /// active node's key and that their ids strictly increase; uses 256 bytes at `sum`.
    /// Per key: copy it from calldata, hash it, one (cold) storage read, one G1ADD. Registered keys
    /// passed the precompiles' checks, so the additions cannot be refused.
    function _sumNonSigners(
        mapping(bytes32 => uint64) storage nodeIdOfKeyHash,
        bytes calldata nonSignerKeys,
        uint256 count,
        uint256 sum
    ) private view {
        uint256 mappingSlot;
        assembly ("memory-safe") {
            mappingSlot := nodeIdOfKeyHash.slot
        }
        // failure: 0 none, 1 not registered, 2 not sorted, 3 G1ADD failed, 4 G1ADD unavailable.
        uint256 failure;
        uint256 index;
        bytes32 keyHash;
        uint64 previous;
        uint64 nodeId;
        assembly ("memory-safe") {
            let key := sum // the first key lands in the accumulator, the others next to it
            let source := nonSignerKeys.offset
            for {} lt(index, count) { index := add(index, 1) } {
                calldatacopy(key, source, 0x80)
                keyHash := keccak256(key, 0x80)
                mstore(0x00, keyHash)
                mstore(0x20, mappingSlot)
                nodeId := and(sload(keccak256(0x00, 0x40)), 0xffffffffffffffff)
                if iszero(gt(nodeId, previous)) {
                    failure := add(1, iszero(iszero(nodeId)))
                    break
                }
                previous := nodeId
                if index {
                    let ok := staticcall(G1ADD_GAS, 0x0b, sum, 0x100, sum, 0x80)
                    if iszero(and(ok, eq(returndatasize(), 0x80))) {
                        failure := add(3, ok)
                        break
                    }
                }
                key := add(sum, 0x80)
                source := add(source, 0x80)
            }
        }
        if (failure == 0) return;
        if (failure == 1) revert NonSignerNotRegistered(index, keyHash);
        if (failure == 2) revert NonSignersNotSorted(index, previous, nodeId);
        if (failure == 3) revert BLS12381.PrecompileFailed(BLS12381.G1ADD);
        revert BLS12381.PrecompileUnavailable(BLS12381.G1ADD);
    }

    /// @dev Completes the pairing input at `input` (its first 128 bytes hold the public key) with
    /// H(message), -g1 and the signature, and runs e(pk, H(message)) * e(-g1, signature) == 1.
    function _pairWithMessage(uint256 input, bytes memory message, bytes calldata signature)
        private
        view
        returns (bool callSucceeded, bool valid)
    {
        bytes memory hashed = HashToG2.hashToG2(message);
        assembly ("memory-safe") {
            mcopy(add(input, 0x80), add(hashed, 0x20), 0x100)
            calldatacopy(add(input, 0x200), signature.offset, 0x100)
        }
        BLS12381.writeNegG1Generator(input + BLS12381.G1_LENGTH + BLS12381.G2_LENGTH);
        return BLS12381.pairingCheck(input, 2);
    }

    /// @dev After the pairing precompile refused its input: names the signature's defect, or
    /// reports the precompile's failure if the signature is valid.
    function _revertPairingFailure(bytes calldata signature) private view {
        BLS12381.requireG2InSubgroup(signature);
        revert BLS12381.PrecompileFailed(BLS12381.PAIRING_CHECK);
    }

    /// @dev A signature must be 256 bytes and not the point at infinity.
    function _requireSignatureShape(bytes calldata signature) private pure {
        require(
            signature.length == BLS12381.G2_LENGTH,
            BLS12381.InvalidLength(signature.length, BLS12381.G2_LENGTH)
        );
        require(!BLS12381.isZero(signature), SignatureAtInfinity());
    }

    /// @dev Allocates `length` bytes of memory (not zeroed).
    function _allocate(uint256 length) private pure returns (uint256 ptr) {
        assembly ("memory-safe") {
            ptr := mload(0x40)
            mstore(0x40, add(ptr, length))
        }
    }

    /// @dev Pointer to the contents of `data`.
    function _dataPointer(bytes memory data) private pure returns (uint256 ptr) {
        assembly ("memory-safe") {
            ptr := add(data, 0x20)
        }
    }
}
