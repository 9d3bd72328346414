// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "../interfaces/IConsensusRegistry.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {NetworkConsensus} from "./NetworkConsensus.sol";

/// @title ConsensusRegistry
/// @notice See {IConsensusRegistry}.
/// @dev Storage: the keys and parameters in ERC-7201 `session.storage.NetworkConsensus`
/// (docs/consensus.md), the staking registry's address in `session.storage.ConsensusRegistry`,
/// ownership in OpenZeppelin's namespace.
/// Trust: the staking registry is our own contract, set once by the owner; it alone changes the
/// key set, so the key set always matches its registered nodes.
contract ConsensusRegistry is IConsensusRegistry, OwnedUpgradeable, NetworkConsensus {
    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;

    /// @custom:storage-location erc7201:session.storage.ConsensusRegistry
    struct ConsensusRegistryStorage {
        address stakingRegistry;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.ConsensusRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x938417ed850a50c189d6b1747682f779a70f41ba72c7d69f4786e68875412600;

    function _storage() private pure returns (ConsensusRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    modifier onlyStakingRegistry() {
        require(msg.sender == _storage().stakingRegistry, NotStakingRegistry(msg.sender));
        _;
    }

    /// @notice Sets the owner and the consensus defaults (non-signer cap 4000, expiry 1 h, future
    /// skew 5 min) behind the proxy. The staking registry is named later, once, with
    /// {setStakingRegistry}: its implementation needs this proxy's address first.
    /// @param owner_ The governance account.
    function initialize(address owner_) external initializer {
        require(owner_ != address(0), ZeroAddress());
        __OwnedUpgradeable_init(owner_);
        __NetworkConsensus_init();
    }

    /// @inheritdoc IConsensusRegistry
    function stakingRegistry() external view returns (address) {
        return _storage().stakingRegistry;
    }

    /// @inheritdoc IConsensusRegistry
    function setStakingRegistry(address stakingRegistry_) external onlyOwner {
        require(stakingRegistry_ != address(0), ZeroAddress());
        ConsensusRegistryStorage storage $ = _storage();
        address current = $.stakingRegistry;
        require(current == address(0), StakingRegistryAlreadySet(current));
        $.stakingRegistry = stakingRegistry_;
        emit StakingRegistrySet(stakingRegistry_);
    }

    // ------------------------------------------------------------------ staking registry only

    /// @inheritdoc IConsensusRegistry
    function addKey(
        uint64 nodeId,
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) external onlyStakingRegistry {
        _addKey(nodeId, blsKey, operator, ed25519Key, proofOfPossession);
    }

    /// @inheritdoc IConsensusRegistry
    function removeKey(uint64 nodeId, bytes calldata blsKey) external onlyStakingRegistry {
        _removeKey(nodeId, blsKey);
    }

    /// @inheritdoc IConsensusRegistry
    function verifyProofOfPossession(
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) external view {
        _verifyProofOfPossession(blsKey, operator, ed25519Key, proofOfPossession);
    }

    /// @inheritdoc IConsensusRegistry
    function verifyNetworkSignature(
        bytes32 actionTag,
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external view {
        _verifyNetworkSignature(actionTag, nodeId, timestamp, nonSignerKeys, signature);
    }

    // ------------------------------------------------------------------------------ governance

    /// @inheritdoc IConsensusRegistry
    function setNonSignerCap(uint64 newCap) external onlyOwner {
        _setNonSignerCap(newCap);
    }

    /// @inheritdoc IConsensusRegistry
    function setSignatureExpiry(uint64 newExpiry) external onlyOwner {
        _setSignatureExpiry(newExpiry);
    }

    /// @inheritdoc IConsensusRegistry
    function setMaxFutureSkew(uint64 newSkew) external onlyOwner {
        _setMaxFutureSkew(newSkew);
    }
}
