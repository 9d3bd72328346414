// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ConsensusMessages
/// @notice The exact bytes every Session Network BLS signature signs (docs/consensus.md; the Rust
/// crate `session-bls` builds the same bytes in its `messages` module).
/// @dev Every message starts with a 84-byte domain: `tag (32) || chainid (32) || contract (20)`,
/// where `tag = keccak256("session.staking.v1.<action>")`, `chainid` is `block.chainid` as a
/// uint256 and `contract` is the verifying contract (`address(this)`: the proxy when called
/// through one). All fields are fixed-width (`abi.encodePacked` of fixed-size types), so two
/// different field tuples never give the same bytes, and messages of different actions differ in
/// their first 32 bytes.
library ConsensusMessages {
    /// @notice Tag of a proof of possession of a BLS key.
    bytes32 internal constant PROOF_OF_POSSESSION_TAG = keccak256("session.staking.v1.proofOfPossession");
    /// @notice Tag of the network's approval of a node's exit (stake returned, no penalty).
    bytes32 internal constant EXIT_TAG = keccak256("session.staking.v1.exit");
    /// @notice Tag of the network's deregistration (liquidation) of a misbehaving node.
    bytes32 internal constant LIQUIDATION_TAG = keccak256("session.staking.v1.liquidation");
    /// @notice Tag of the network's decommission (temporary suspension) of a node.
    bytes32 internal constant DECOMMISSION_TAG = keccak256("session.staking.v1.decommission");
    /// @notice Tag of the network's recommission (end of suspension) of a node.
    bytes32 internal constant RECOMMISSION_TAG = keccak256("session.staking.v1.recommission");
    /// @notice Tag of the network's lowering of the staking requirement. Its message is a
    /// {networkAction} whose `nodeId` field carries the new requirement (atomic SESH units, which
    /// fit 64 bits): `tag || chainid || contract || requirement (8) || timestamp (8)`.
    bytes32 internal constant STAKING_REQUIREMENT_TAG = keccak256("session.staking.v1.stakingRequirement");

    /// @notice Length of a proof-of-possession message: 84 + 128 + 20 + 32.
    uint256 internal constant PROOF_OF_POSSESSION_LENGTH = 264;
    /// @notice Length of a network action message: 84 + 8 + 8.
    uint256 internal constant NETWORK_ACTION_LENGTH = 100;

    /// @notice The message a node's BLS key signs to prove possession of it when registering:
    /// `PROOF_OF_POSSESSION_TAG || chainid || contract || blsKey (128) || operator (20) ||
    /// ed25519Key (32)` (264 bytes).
    /// @param blsKey The node's BLS public key, 128-byte EIP-2537 G1 encoding.
    /// @param operator The node operator's address.
    /// @param ed25519Key The node's Ed25519 public key (its identity on the Session Network).
    function proofOfPossession(bytes calldata blsKey, address operator, bytes32 ed25519Key)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodePacked(
            PROOF_OF_POSSESSION_TAG, block.chainid, address(this), blsKey, operator, ed25519Key
        );
    }

    /// @notice The message the network signs to approve `actionTag` for node `nodeId`:
    /// `actionTag || chainid || contract || nodeId (8) || timestamp (8)` (100 bytes).
    /// @param actionTag One of the action tags above.
    /// @param nodeId The node's registration id (ids are never reused, so neither is a signature).
    /// @param timestamp When the network signed, in seconds since the epoch.
    function networkAction(bytes32 actionTag, uint64 nodeId, uint64 timestamp)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodePacked(actionTag, block.chainid, address(this), nodeId, timestamp);
    }
}
