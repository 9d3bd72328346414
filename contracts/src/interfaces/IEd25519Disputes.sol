// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "./IStakingRegistry.sol";

/// @title Ed25519 key disputes
/// @notice The rightful holder of a node's Ed25519 key takes it back from a squatter (finding L-1 of
/// issue 14, docs/staking.md "Ed25519 key squatting"). A proof of possession binds a node's
/// Ed25519 key but is signed by its BLS key only, so anyone can register a fresh BLS key under an
/// Ed25519 key they saw (public in `ContributionContractCreated`), and the key's real node cannot
/// register until the squatter leaves. Here the key's holder proves it on-chain: an Ed25519
/// signature, by the node's registered Ed25519 key, of the eviction message below, naming the
/// squatting node and the rightful operator (`claimant`). If it verifies, the registry evicts the
/// node at once ({IStakingRegistry-evictSquatter}): a liquidation whose liquidator part goes to
/// the claimant and in which the squatter also gives back, from its stake, everything the node
/// earned; the key is then reserved for the claimant as operator for 7 days.
///
/// Eviction message (112 bytes, docs/consensus.md), signed as raw bytes (RFC 8032 Ed25519,
/// no prehash, no context; what ed25519-dalek's `sign` does):
/// `EVICTION_TAG (32) || chainid (32, uint256) || staking registry proxy (20) || nodeId (8) ||
/// claimant (20)`, `EVICTION_TAG = keccak256("session.staking.v1.eviction")`.
///
/// Only the key's holder can sign it, so an honest node is never evicted by anyone else; the node
/// id (never reused), the chain and the registry in the message make a signature useless for any
/// other node, chain or deployment. Verification costs about 300k gas (Ed25519 in Solidity); it is
/// paid only by a dispute, never by a registration. Not upgradeable: the staking registry trusts
/// this contract's verdicts ({IStakingRegistry-setEd25519Disputes}); governance replaces it, or
/// switches disputes off, by naming another address.
interface IEd25519Disputes {
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice An Ed25519 signature is 64 bytes, not `length`.
    error Ed25519SignatureLength(uint256 length);
    /// @notice `ed25519Key` is not held by registered node `nodeId`; the latest node registered
    /// with it is `holder` (0: none), `registered` says whether it still holds it.
    error Ed25519KeyNotHeldByNode(bytes32 ed25519Key, uint64 nodeId, uint64 holder, bool registered);
    /// @notice The signature is not `ed25519Key`'s Ed25519 signature of `message`, the eviction of
    /// the node for the claimant.
    error EvictionSignatureInvalid(bytes32 ed25519Key, bytes message);

    /// @notice The holder of `ed25519Key` evicted squatting node `nodeId` for `claimant`, submitted
    /// by `submitter`; the key is reserved for `claimant` as operator until `reservedUntil`.
    event SquatterEvicted(
        uint64 indexed nodeId,
        bytes32 indexed ed25519Key,
        address indexed claimant,
        address submitter,
        uint256 reservedUntil
    );

    /// @notice `keccak256("session.staking.v1.eviction")`, the first 32 bytes of every eviction
    /// message.
    function EVICTION_TAG() external view returns (bytes32);

    /// @notice The staking registry whose nodes this contract judges (and whose proxy address the
    /// eviction message names).
    function registry() external view returns (IStakingRegistry);

    /// @notice Evicts squatting node `nodeId` if `signature` is the Ed25519 signature, by
    /// `ed25519Key` (the key node `nodeId` registered with, and still holds), of
    /// {evictionMessage}`(nodeId, claimant)`. Anyone may submit it (the signature names the
    /// claimant, who gets the liquidator part and the key's reservation); not while the registry is
    /// paused. Costs about 350k gas.
    /// @param nodeId The squatting node's registration id.
    /// @param ed25519Key Its Ed25519 key, whose holder signed.
    /// @param claimant The rightful operator, named in the signed message (not zero).
    /// @param blsKey The squatting node's BLS key (from {INetworkConsensus-BLSKeyAdded}), which
    /// leaves the aggregate.
    /// @param signature 64 bytes, `R || S` (RFC 8032).
    function evictSquatter(
        uint64 nodeId,
        bytes32 ed25519Key,
        address claimant,
        bytes calldata blsKey,
        bytes calldata signature
    ) external;

    /// @notice The exact bytes the key's holder signs to evict node `nodeId` for `claimant` on this
    /// chain and registry (112 bytes).
    function evictionMessage(uint64 nodeId, address claimant) external view returns (bytes memory);

    /// @notice Whether `signature` (64 bytes) is `publicKey`'s Ed25519 signature of `message`
    /// (RFC 8032; refuses S >= L, keys that do not decode and keys of small order). For
    /// cross-checks by clients; about 300k gas.
    function verifyEd25519(bytes32 publicKey, bytes calldata message, bytes calldata signature)
        external
        view
        returns (bool);
}
