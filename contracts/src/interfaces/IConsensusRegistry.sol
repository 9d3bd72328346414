// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "./INetworkConsensus.sol";

/// @title Session Network consensus registry
/// @notice The network's BLS keys and the check of what the network signs, as a contract of its
/// own next to the staking registry (which would not fit in 24,576 bytes with it). It holds every
/// active node's key and their aggregate (all the views of {INetworkConsensus}) and the
/// consensus parameters (non-signer cap, signature expiry, future skew), set by the owner.
///
/// Only the staking registry adds and removes keys: it does so while registering a node and when a
/// node leaves. It also has network signatures checked here before acting on a network decision;
/// that check is a view anyone may call. Signed messages (proofs of possession and network actions) bind this
/// contract's address (its proxy), not the staking registry's (docs/consensus.md).
///
/// Deployment: this contract first (`initialize(owner)`), then the staking registry with this
/// proxy's address as an immutable, then {setStakingRegistry} once with the staking registry's
/// proxy (docs/staking.md). Until then, no key can be added.
interface IConsensusRegistry is INetworkConsensus {
    /// @notice Only the staking registry `stakingRegistry()` may call this; `caller` did.
    error NotStakingRegistry(address caller);
    /// @notice The staking registry is already set to `stakingRegistry`; it is set once.
    error StakingRegistryAlreadySet(address stakingRegistry);
    /// @notice A zero address was given where an account or a contract is required.
    error ZeroAddress();

    /// @notice The staking registry allowed to add and remove keys was set (once).
    event StakingRegistrySet(address indexed stakingRegistry);

    /// @notice The staking registry allowed to call {addKey} and {removeKey}; zero until
    /// {setStakingRegistry}.
    function stakingRegistry() external view returns (address);

    /// @notice Owner only, once: names the staking registry (its proxy). Reverts with
    /// {StakingRegistryAlreadySet} the second time and {ZeroAddress} for address zero. Emits
    /// {StakingRegistrySet}.
    /// @param stakingRegistry_ The staking registry's proxy.
    function setStakingRegistry(address stakingRegistry_) external;

    /// @notice Staking registry only: registers node `nodeId`'s BLS key after checking its proof
    /// of possession (bound to `operator`, `ed25519Key`, this chain and this contract) and adds it
    /// to the aggregate. Reverts with {NotStakingRegistry}, {NodeIdZero},
    /// {BLSKeyAlreadyRegistered}, {BLSKeyAtInfinity}, {SignatureAtInfinity},
    /// {ProofOfPossessionInvalid}, or a `BLS12381` error naming a malformed point. Emits
    /// {BLSKeyAdded}.
    /// @param nodeId The node's registration id (not 0).
    /// @param blsKey 128-byte EIP-2537 G1 key, not registered to another active node.
    /// @param operator The node operator, bound by the proof of possession.
    /// @param ed25519Key The node's Ed25519 key, bound by the proof of possession.
    /// @param proofOfPossession 256-byte signature of {proofOfPossessionMessage} by `blsKey`.
    function addKey(
        uint64 nodeId,
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) external;

    /// @notice Staking registry only: takes node `nodeId`'s key out of the aggregate and forgets
    /// it (the key may register again under a new id). Reverts with {NotStakingRegistry} or
    /// {NotKeyOfNode}. Emits {BLSKeyRemoved}.
    /// @param nodeId The node's registration id.
    /// @param blsKey The key the node registered (from {BLSKeyAdded}); it is not stored.
    function removeKey(uint64 nodeId, bytes calldata blsKey) external;

    /// @notice Checks that `proofOfPossession` is `blsKey`'s signature of
    /// {proofOfPossessionMessage}(blsKey, operator, ed25519Key), as {addKey} does, without adding
    /// anything: a view, for contribution contracts' {IStakingLens-finalizeCheck} and
    /// frontends. Returns nothing; reverts with the errors {addKey} names for the proof.
    /// @param blsKey 128-byte EIP-2537 G1 key.
    /// @param operator The node operator the proof binds.
    /// @param ed25519Key The node's Ed25519 key the proof binds.
    /// @param proofOfPossession 256-byte signature.
    function verifyProofOfPossession(
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) external view;

    /// @notice Checks that the network approved action `actionTag` on node
    /// `nodeId` at `timestamp` (not older than {signatureExpiry}, not later than now +
    /// {maxFutureSkew}): `signature` is the aggregate signature of {networkActionMessage} by every
    /// active key except `nonSignerKeys`. A view, callable by anyone (an `eth_call` could run the
    /// same check anyway). Returns nothing; reverts with {SignatureExpired}, {SignatureFromFuture}, {SignatureAtInfinity},
    /// {NonSignerKeysMalformed}, {TooManyNonSigners}, {NonSignerNotRegistered},
    /// {NonSignersNotSorted}, {NetworkSignatureInvalid}, or a `BLS12381` error naming a malformed
    /// signature.
    /// @param actionTag One of the action tags (`EXIT_TAG`, `LIQUIDATION_TAG`, ...).
    /// @param nodeId The node the action is about.
    /// @param timestamp When the network signed.
    /// @param nonSignerKeys The non-signers' 128-byte keys, concatenated in strictly increasing
    /// order of registration id, at most {maxNonSigners}.
    /// @param signature 256-byte aggregate signature (G2).
    function verifyNetworkSignature(
        bytes32 actionTag,
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external view;

    /// @notice Owner only: the cap on non-signers (any value; 0 demands every active key's
    /// signature). Emits {NonSignerCapUpdated}.
    function setNonSignerCap(uint64 newCap) external;

    /// @notice Owner only: the network-signature expiry window, in (0, 2 h). Reverts with
    /// {SignatureExpiryOutOfRange}. Emits {SignatureExpiryUpdated}.
    function setSignatureExpiry(uint64 newExpiry) external;

    /// @notice Owner only: the max future skew of a signature timestamp, at most 15 min. Reverts
    /// with {MaxFutureSkewOutOfRange}. Emits {MaxFutureSkewUpdated}.
    function setMaxFutureSkew(uint64 newSkew) external;
}
