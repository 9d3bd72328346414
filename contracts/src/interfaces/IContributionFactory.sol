// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "./IContributionContract.sol";
import {IStakingRegistry} from "./IStakingRegistry.sol";

/// @title Factory of contribution contracts
/// @notice Deploys one {IContributionContract} per prospective node as a minimal proxy (clone) of a
/// single implementation, with the terms and node keys as the clone's immutable arguments. The
/// operator is always `msg.sender`. Vouches for what it deployed ({owns}), which vesting contracts
/// rely on. The owner may pause it: no new contracts, existing ones unaffected.
interface IContributionFactory {
    /// @notice A contribution contract was deployed.
    /// @param contributionContract The clone.
    /// @param operator The caller, its operator.
    /// @param requirement The registry's staking requirement, captured.
    /// @param feeBps The operator fee.
    /// @param autoFinalize Whether the filling deposit registers the node.
    event ContributionContractCreated(
        address indexed contributionContract,
        address indexed operator,
        uint256 requirement,
        uint16 feeBps,
        bool autoFinalize
    );

    /// @notice The clone implementation.
    function IMPLEMENTATION() external view returns (address);

    /// @notice How many contracts this factory has created (the last one's serial number).
    function created() external view returns (uint64);

    /// @notice The staking registry the clones register in.
    function REGISTRY() external view returns (IStakingRegistry);

    /// @notice Whether `account` is a contribution contract this factory deployed: its code is a
    /// clone of {IMPLEMENTATION} and its address the one this factory's CREATE2 gives that code.
    function owns(address account) external view returns (bool);

    /// @notice Deploys a contribution contract whose operator is the caller. Not when paused.
    /// @param blsKey 128-byte BLS public key.
    /// @param ed25519Key Non-zero Ed25519 key.
    /// @param proofOfPossession 256-byte proof of possession binding the caller (checked by the
    /// registry at finalization; only its length and encoding here).
    /// @param feeBps Operator fee, 0..10_000.
    /// @param autoFinalize Whether the filling deposit registers the node.
    /// @param reservations Reserved slots (see {IContributionContract-updateReservations}).
    /// @return contributionContract The new clone.
    function create(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations
    ) external returns (address contributionContract);

    /// @notice {create}, then the operator's first deposit of `operatorStake` in the same
    /// transaction (one transaction fewer; the operator approves this factory instead of the new
    /// contract). Same rules as {IContributionContract-contribute}, auto-finalize included.
    /// @param operatorStake Atomic SESH units, at least a quarter of the requirement.
    function createAndContribute(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations,
        uint256 operatorStake
    ) external returns (address contributionContract);

    /// @notice The SESH token (what {createAndContribute} moves).
    function TOKEN() external view returns (address);

    /// @notice Owner only: stops {create} and {createAndContribute}.
    function pause() external;

    /// @notice Owner only: resumes {create}.
    function unpause() external;
}
