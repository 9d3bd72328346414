// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Session Network consensus
/// @notice The BLS12-381 keys of the active Session Nodes and the verification of what the network
/// signs. Each node registers a BLS public key (G1, 128-byte EIP-2537 encoding) with a proof of
/// possession; the contract keeps the aggregate of all active keys. A network decision (exit,
/// liquidation, decommission, recommission) carries one aggregate signature (G2, 256 bytes) of
/// every active node except a listed few non-signers, and is accepted when
/// `e(aggregate - sum(nonSigners), H(message)) == e(g1, signature)`.
///
/// Scheme: min-pk BLS over BLS12-381, hash to G2 per RFC 9380 with the DST
/// `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`. Domain separation between actions, chains and
/// contracts lives in the message (docs/consensus.md); rogue-key attacks are stopped by the proof
/// of possession checked at registration.
///
/// Non-signers are passed by key, not by id: `nonSignerKeys` is the concatenation of their 128-byte
/// keys in strictly increasing order of registration id. The contract checks each against
/// `keccak256(key) => nodeId` (one storage read per non-signer instead of three for a stored key).
interface INetworkConsensus {
    /// @notice Registration id 0 is reserved ("no node").
    error NodeIdZero();
    /// @notice The key given is not the BLS key node `nodeId` registered and still holds.
    error NotKeyOfNode(uint64 nodeId);
    /// @notice The BLS key is already registered to active node `nodeId`.
    error BLSKeyAlreadyRegistered(uint64 nodeId);
    /// @notice The BLS key is the point at infinity (all zeros), which anyone can "sign" for.
    error BLSKeyAtInfinity();
    /// @notice The signature is the point at infinity.
    error SignatureAtInfinity();
    /// @notice The proof of possession does not verify against its message.
    /// @param message The exact bytes the key should have signed (docs/consensus.md).
    error ProofOfPossessionInvalid(bytes message);
    /// @notice The network signature does not verify against its message and the active keys
    /// minus the non-signers.
    /// @param message The exact bytes the network should have signed (docs/consensus.md).
    error NetworkSignatureInvalid(bytes message);
    /// @notice `nonSignerKeys` has `length` bytes, not a multiple of 128.
    error NonSignerKeysMalformed(uint256 length);
    /// @notice `count` non-signers were listed; at most `maximum` = min(active keys / 3, cap) may be.
    error TooManyNonSigners(uint256 count, uint256 maximum);
    /// @notice Non-signer number `index` (0-based) is not the key of an active node.
    error NonSignerNotRegistered(uint256 index, bytes32 keyHash);
    /// @notice Non-signer number `index` has registration id `nodeId`, not above the previous
    /// one's `previousNodeId`: the list must be strictly increasing (which also rules out duplicates).
    error NonSignersNotSorted(uint256 index, uint64 previousNodeId, uint64 nodeId);
    /// @notice The signature's `timestamp` is older than `oldestAccepted` (now - expiry window).
    error SignatureExpired(uint64 timestamp, uint256 oldestAccepted);
    /// @notice The signature's `timestamp` is later than `latestAccepted` (now + max future skew).
    error SignatureFromFuture(uint64 timestamp, uint256 latestAccepted);
    /// @notice A signature expiry window of `expiry` seconds is outside (0, `maximum`).
    error SignatureExpiryOutOfRange(uint256 expiry, uint256 maximum);
    /// @notice A max future skew of `skew` seconds is above `maximum`.
    error MaxFutureSkewOutOfRange(uint256 skew, uint256 maximum);

    /// @notice Node `nodeId` registered BLS key `blsKey` (128-byte EIP-2537 G1 encoding); it is now
    /// part of the aggregate.
    event BLSKeyAdded(uint64 indexed nodeId, bytes blsKey);
    /// @notice Node `nodeId`'s BLS key `blsKey` left the aggregate.
    event BLSKeyRemoved(uint64 indexed nodeId, bytes blsKey);
    /// @notice The cap on non-signers changed.
    event NonSignerCapUpdated(uint256 oldCap, uint256 newCap);
    /// @notice The signature expiry window changed (seconds).
    event SignatureExpiryUpdated(uint256 oldExpiry, uint256 newExpiry);
    /// @notice The max future skew of a signature's timestamp changed (seconds).
    event MaxFutureSkewUpdated(uint256 oldSkew, uint256 newSkew);

    /// @notice Tag of a proof of possession: `keccak256("session.staking.v1.proofOfPossession")`.
    function PROOF_OF_POSSESSION_TAG() external view returns (bytes32);

    /// @notice Tag of an exit approval: `keccak256("session.staking.v1.exit")`.
    function EXIT_TAG() external view returns (bytes32);

    /// @notice Tag of a liquidation: `keccak256("session.staking.v1.liquidation")`.
    function LIQUIDATION_TAG() external view returns (bytes32);

    /// @notice Tag of a decommission: `keccak256("session.staking.v1.decommission")`.
    function DECOMMISSION_TAG() external view returns (bytes32);

    /// @notice Tag of a recommission: `keccak256("session.staking.v1.recommission")`.
    function RECOMMISSION_TAG() external view returns (bytes32);

    /// @notice Tag of the network's lowering of the staking requirement
    /// (`keccak256("session.staking.v1.stakingRequirement")`); the action message carries the new
    /// requirement in place of a node id.
    function STAKING_REQUIREMENT_TAG() external view returns (bytes32);

    /// @notice Default cap on non-signers, whatever the network size: 4000.
    function DEFAULT_NON_SIGNER_CAP() external view returns (uint256);

    /// @notice Exclusive upper bound on the signature expiry window: 2 hours, the minimum age of a
    /// node before it may exit, so a signature cannot outlive the state it was made for.
    function MAX_SIGNATURE_EXPIRY() external view returns (uint256);

    /// @notice Upper bound on the max future skew: 15 minutes.
    function MAX_FUTURE_SKEW_LIMIT() external view returns (uint256);

    /// @notice Aggregate (sum) of the BLS keys of all active nodes.
    /// @return The 128-byte EIP-2537 G1 encoding; all zeros (infinity) with no active node.
    function aggregatePublicKey() external view returns (bytes memory);

    /// @notice The active node that registered `blsKey`.
    /// @param blsKey 128-byte EIP-2537 G1 encoding.
    /// @return nodeId Its registration id, or 0 if no active node has it.
    function nodeIdOfBLSKey(bytes calldata blsKey) external view returns (uint64 nodeId);

    /// @notice Number of active BLS keys (nodes in the aggregate).
    function activeBLSKeyCount() external view returns (uint256);

    /// @notice Cap on non-signers, whatever the network size.
    function nonSignerCap() external view returns (uint256);

    /// @notice How many non-signers a network signature may list now: min(active keys / 3, cap),
    /// the division rounded down (fewer non-signers, the safe side).
    function maxNonSigners() external view returns (uint256);

    /// @notice Seconds after its timestamp during which a network signature is accepted.
    function signatureExpiry() external view returns (uint256);

    /// @notice Seconds a network signature's timestamp may lie ahead of the block's.
    function maxFutureSkew() external view returns (uint256);

    /// @notice The message a BLS key signs to prove possession on this chain and contract.
    /// @param blsKey The key, 128-byte EIP-2537 G1 encoding.
    /// @param operator The node operator.
    /// @param ed25519Key The node's Ed25519 public key.
    /// @return The 264 bytes documented in docs/consensus.md.
    function proofOfPossessionMessage(bytes calldata blsKey, address operator, bytes32 ed25519Key)
        external
        view
        returns (bytes memory);

    /// @notice The message the network signs to approve an action on a node, on this chain and
    /// contract.
    /// @param actionTag One of the action tags (`EXIT_TAG`, `LIQUIDATION_TAG`, ...).
    /// @param nodeId The node's registration id.
    /// @param timestamp When the network signed (seconds since the epoch).
    /// @return The 100 bytes documented in docs/consensus.md.
    function networkActionMessage(bytes32 actionTag, uint64 nodeId, uint64 timestamp)
        external
        view
        returns (bytes memory);
}
