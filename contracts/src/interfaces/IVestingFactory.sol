// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionFactory} from "./IContributionFactory.sol";
import {IStakingRegistry} from "./IStakingRegistry.sol";
import {IVesting} from "./IVesting.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Factory of vesting contracts
/// @notice Deploys one vesting contract per beneficiary as a minimal clone (CREATE2) of one of two
/// implementations fixed at construction: {IVesting} (plain) or {IStakingVesting} (can stake in the
/// registry and contribution contracts fixed here). The creator funds the allocation in the same
/// call, so creation is permissionless: nobody can make a vesting that is not fully funded, and the
/// factory vouches ({owns}) only for what it deployed. The address depends on the creator, its salt,
/// the kind, the revoker, the allocation and the schedule (not on the beneficiary, which can change),
/// and is known in advance ({predictAddress}). The owner may pause creation; existing clones are
/// unaffected.
interface IVestingFactory {
    /// @notice The two kinds of vesting.
    enum Kind {
        Plain,
        Staking
    }

    /// @notice The address (or salt) is already taken by an earlier vesting.
    error VestingExists(address vesting);

    /// @notice A vesting was created and funded.
    /// @param vesting The clone.
    /// @param kind Plain or staking.
    /// @param beneficiary Its first beneficiary.
    /// @param revoker Who may revoke (zero: irrevocable).
    /// @param allocation Atomic SESH units, pulled from `creator`.
    /// @param start The schedule's start.
    /// @param cliff The schedule's cliff.
    /// @param end The schedule's end.
    /// @param cliffShareBps The share vested at the cliff.
    /// @param creator Who paid (`msg.sender`).
    /// @param salt The creator's salt.
    event VestingCreated(
        address indexed vesting,
        Kind kind,
        address indexed beneficiary,
        address indexed revoker,
        uint256 allocation,
        uint64 start,
        uint64 cliff,
        uint64 end,
        uint16 cliffShareBps,
        address creator,
        bytes32 salt
    );

    /// @notice Deploys a vesting of `kind` for `beneficiary` and funds it with `allocation` SESH taken
    /// from the caller (`transferFrom`: approve this factory first). Not when paused.
    /// @param kind Plain or staking.
    /// @param beneficiary Non-zero; transferable later (two-step).
    /// @param revoker Who may revoke; zero for an irrevocable vesting.
    /// @param allocation Non-zero, below 2^128.
    /// @param schedule `start <= cliff <= end`, `start < end`, `cliffShareBps <= 10_000`.
    /// @param salt Any value; a creator's (kind, revoker, allocation, schedule, salt) makes one address.
    /// @return vesting The new clone.
    function create(
        Kind kind,
        address beneficiary,
        address revoker,
        uint256 allocation,
        IVesting.Schedule calldata schedule,
        bytes32 salt
    ) external returns (address vesting);

    /// @notice The address {create} would deploy for these arguments when called by `creator`.
    function predictAddress(
        Kind kind,
        address revoker,
        uint256 allocation,
        IVesting.Schedule calldata schedule,
        address creator,
        bytes32 salt
    ) external view returns (address vesting);

    /// @notice Whether `account` is a vesting this factory deployed (its code is a clone of one of the
    /// two implementations and its address the one this factory's CREATE2 gives that code).
    function owns(address account) external view returns (bool);

    /// @notice How many vestings this factory created.
    function created() external view returns (uint256);

    /// @notice The SESH token.
    function TOKEN() external view returns (IERC20);
    /// @notice The staking registry staking vestings stake in.
    function REGISTRY() external view returns (IStakingRegistry);
    /// @notice The contribution factory whose contracts staking vestings may deposit into.
    function CONTRIBUTION_FACTORY() external view returns (IContributionFactory);
    /// @notice The plain implementation.
    function PLAIN_IMPLEMENTATION() external view returns (address);
    /// @notice The staking implementation.
    function STAKING_IMPLEMENTATION() external view returns (address);

    /// @notice Owner only: stops {create}.
    function pause() external;
    /// @notice Owner only: resumes {create}.
    function unpause() external;
}
