// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "./IConsensusRegistry.sol";
import {IContributionContract} from "./IContributionContract.sol";
import {IRewardPool} from "./IRewardPool.sol";
import {IStakingRegistry} from "./IStakingRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Staking lens
/// @notice The nodes and their positions as frontends list them, and the network's reward rate:
/// read-only views over the staking registry, served at their own address. The lens holds no state
/// but the registry's address and calls only the registry's external views (and, through them, the
/// reward pool and the contribution contracts): it can read nothing the registry does not expose
/// and write nothing at all. It is not upgradeable; a new lens is deployed beside the registry
/// when the listing changes, without touching the registry.
/// Besides the listings it serves every read the registry leaves out to stay small: its parameters
/// and counters ({config} and one getter each), node records, Ed25519 key lookups, the emergency
/// brake's allowance and pending rewards, decoding the registry's storage read through
/// {IStakingRegistry-extsload} (layout in {StakingSlots}).
/// @dev Each answer is assembled from several calls to the registry ({IStakingRegistry-extsload},
/// {stakesOf}, one {position} per contributor), all within
/// one `eth_call`, so it is consistent with one block.
interface IStakingLens {
    /// @notice A node and its positions, as frontends list them.
    /// @param nodeId The registration id.
    /// @param status Lifecycle state (None for an id never given).
    /// @param operator contributors[0].staker, bound by the proof of possession.
    /// @param ed25519Key The node's Ed25519 public key (for a node registered by a contribution
    /// contract, read from that contract).
    /// @param feeBps Operator fee in basis points.
    /// @param registeredAt Registration (deposit) time; for seeded nodes the original one.
    /// @param deposit Total stake, the staking requirement at registration.
    /// @param exitRequestedAt First exit request time, 0 if none.
    /// @param earned E: everything the node has earned (as of the last distribution).
    /// @param returnedStake What a liquidation left to the contributors (0 otherwise).
    /// @param contributors The positions ({position}), operator first.
    struct NodeInfo {
        uint64 nodeId;
        IStakingRegistry.NodeStatus status;
        address operator;
        bytes32 ed25519Key;
        uint16 feeBps;
        uint64 registeredAt;
        uint256 deposit;
        uint64 exitRequestedAt;
        uint256 earned;
        uint256 returnedStake;
        IStakingRegistry.Position[] contributors;
    }

    /// @notice A node's record as stored ({nodeRecord}); its positions are read with
    /// {stakesOf} and {position}, and {node} assembles both.
    /// @param operator contributors[0].staker, bound by the proof of possession.
    /// @param status Lifecycle state (None for an id never given).
    /// @param feeBps Operator fee in basis points.
    /// @param registeredAt Registration (deposit) time; for seeded nodes the original one.
    /// @param contributorCount Contributors, the operator included (1..10).
    /// @param contributionContract The contribution contract that registered the node, which keeps
    /// its contributors, their stakes and its keys; `address(0)` for a node registered directly.
    /// @param ed25519Key The node's Ed25519 key for a node registered directly; zero for a node
    /// registered by a contribution contract (the registry stores that contract in its place: read
    /// the key from the contract's `keys()`, as {node} does).
    /// @param deposit Total stake, the staking requirement at registration.
    /// @param earned E: everything the node has earned (as of the last distribution).
    /// @param exitRequestedAt First exit request time, 0 if none.
    /// @param lastExitRequestAt Latest exit request time, 0 if none (a repeat waits 1 h after it).
    /// @param lastDecisionAt Signing time of the last decommission or recommission applied, 0 if none
    /// (a decision must be newer).
    /// @param returnedStake What a liquidation left to the contributors (0 otherwise).
    struct NodeRecordView {
        address operator;
        IStakingRegistry.NodeStatus status;
        uint16 feeBps;
        uint64 registeredAt;
        uint256 contributorCount;
        address contributionContract;
        bytes32 ed25519Key;
        uint256 deposit;
        uint256 earned;
        uint64 exitRequestedAt;
        uint64 lastExitRequestAt;
        uint64 lastDecisionAt;
        uint256 returnedStake;
    }

    /// @notice The registry's parameters and counters in one read ({config}).
    /// @param token The SESH token.
    /// @param rewardPool The reward pool whose beneficiary this registry is.
    /// @param consensus The consensus registry: the nodes' BLS keys, their aggregate, the consensus
    /// parameters, and the check of network signatures (which bind its address, not this one's).
    /// @param contributionFactory The factory whose contracts may call {registerFromContract}.
    /// @param started Whether `start()` was called.
    /// @param stakingRequirement Deposit of new registrations (default 25,000 SESH).
    /// @param maxContributors The most contributors a node may have (10).
    /// @param liquidatorRatio Liquidation ratio liquidator : pool : returned, first term.
    /// @param poolRatio Second term.
    /// @param returnedRatio Third term.
    /// @param lastNodeId The highest registration id given so far.
    /// @param networkSize N: the number of earning (active, not decommissioned) nodes.
    /// @param rewardPerNode Cumulative reward per earning node since deployment, atomic units.
    /// @param undistributedRewards The division remainder waiting for the next distribution
    /// (below N atomic units).
    /// @param accountedBalance The SESH the registry owes (stakes, unclaimed and carried rewards);
    /// its balance above this is what the next distribution shares.
    /// @param lastDistribution Time of the last distribution.
    /// @param outflowCap The emergency brake: most atomic units paid out per window (0: off).
    /// @param outflowWindow The brake's window, in seconds.
    /// @param outflowWindowStart Start of the window the brake last counted in.
    /// @param outflowUsed What left the registry in that window.
    struct Config {
        IERC20 token;
        IRewardPool rewardPool;
        IConsensusRegistry consensus;
        address contributionFactory;
        bool started;
        uint256 stakingRequirement;
        uint256 maxContributors;
        uint256 liquidatorRatio;
        uint256 poolRatio;
        uint256 returnedRatio;
        uint64 lastNodeId;
        uint256 networkSize;
        uint256 rewardPerNode;
        uint256 undistributedRewards;
        uint256 accountedBalance;
        uint64 lastDistribution;
        uint256 outflowCap;
        uint256 outflowWindow;
        uint256 outflowWindowStart;
        uint256 outflowUsed;
    }

    /// @notice A zero registry address was given to the constructor.
    error ZeroRegistry();

    /// @notice The staking registry (its proxy) this lens reads.
    /// @return The registry.
    function registry() external view returns (IStakingRegistry);

    /// @notice The registry's parameters and counters in one read (see {Config}).
    /// @return The configuration.
    function config() external view returns (Config memory);

    /// @notice Whether the registry's `start()` was called.
    function started() external view returns (bool);

    /// @notice The registry's liquidation ratios.
    function liquidationRatios() external view returns (uint256 liquidator, uint256 pool, uint256 returned);

    /// @notice The highest registration id given so far.
    function lastNodeId() external view returns (uint64);

    /// @notice The factory whose contracts may call {IStakingRegistry-registerFromContract}.
    function contributionFactory() external view returns (address);

    /// @notice N: the number of earning (active, not decommissioned) nodes.
    function networkSize() external view returns (uint256);

    /// @notice Cumulative reward per earning node since deployment, atomic units.
    function rewardPerNode() external view returns (uint256);

    /// @notice Released rewards waiting for the next distribution (the division remainder).
    function undistributedRewards() external view returns (uint256);

    /// @notice `staker`'s position in node `nodeId`, as of the last distribution. Reverts with
    /// {IStakingRegistry-NotContributor} if `staker` has none.
    /// @return The position: `claimable` is what {IStakingRegistry-claimRewards} pays now,
    /// `withdrawable` what {IStakingRegistry-withdrawStake} pays now.
    function position(uint64 nodeId, address staker) external view returns (IStakingRegistry.Position memory);

    /// @notice Every contributor of node `nodeId` with its stake, the operator first (empty for an
    /// id never given). For a node registered by a contribution contract, read from that contract.
    /// @return stakers The stakers.
    /// @return stakes Their stakes, atomic SESH units.
    function stakesOf(uint64 nodeId) external view returns (address[] memory stakers, uint256[] memory stakes);

    /// @notice Node `nodeId`'s record (all zero, status None, for an id never given).
    /// @return The record; see {NodeRecordView} for the Ed25519 key of a contract-registered node.
    function nodeRecord(uint64 nodeId) external view returns (NodeRecordView memory);

    /// @notice The latest node registered with Ed25519 key `ed25519Key` (0 if none ever was), and
    /// whether it still holds the key (active or decommissioned; a new registration with the key
    /// needs it not to).
    /// @return nodeId The registration id.
    /// @return registered Whether that node is still registered.
    function nodeIdOfEd25519(bytes32 ed25519Key) external view returns (uint64 nodeId, bool registered);

    /// @notice After an eviction ({IStakingRegistry-evictSquatter}), the operator `ed25519Key` is
    /// reserved for and until when; `(0, 0)` if it never was.
    /// @return operator The only operator that may register the key before `until`.
    /// @return until The end of the reservation (in the past: it no longer binds).
    function ed25519Reservation(bytes32 ed25519Key) external view returns (address operator, uint256 until);

    /// @notice The contract whose verdicts may evict squatters ({IStakingRegistry-setEd25519Disputes};
    /// zero: none).
    function ed25519Disputes() external view returns (address);

    /// @notice The registry's emergency brake now: what may still be paid out in the current window
    /// and when the next one starts (`type(uint256).max` and 0 while the brake is off).
    /// @return remaining Atomic units that may still leave the registry in this window.
    /// @return nextWindowStart When the allowance renews.
    function outflowAllowance() external view returns (uint256 remaining, uint256 nextWindowStart);

    /// @notice Whether contribution contract `c`'s {IContributionContract-finalize} could register
    /// its node now, and if not the first reason found: its status, the requirement's drift, the
    /// registry (paused, not started, `c`'s factory not the registry's), the keys (held by a
    /// registered node) and the proof of possession (verified here by the consensus registry).
    /// Transient limits (the per-block join cap) are not checked.
    /// @return ready Whether nothing blocks the registration.
    /// @return reason `None` when ready, else what blocks it.
    function finalizeCheck(IContributionContract c)
        external
        view
        returns (bool ready, IContributionContract.FinalizeBlocker reason);

    /// @notice Node `nodeId` with every position (status None and no positions for an id never
    /// given).
    /// @return The node.
    function node(uint64 nodeId) external view returns (NodeInfo memory);

    /// @notice Nodes with ids `offset + 1` .. `offset + limit`, bounded by the registry's
    /// `lastNodeId` (empty from `offset >= lastNodeId`), whatever their status.
    /// @return The nodes, by id.
    function nodes(uint256 offset, uint256 limit) external view returns (NodeInfo[] memory);

    /// @notice What {IStakingRegistry-claimRewards} of `staker`'s position in node `nodeId` pays now
    /// (as of the last distribution). Reverts with {IStakingRegistry-NotContributor} if `staker` has
    /// no position.
    /// @return Atomic SESH units.
    function claimableRewards(uint64 nodeId, address staker) external view returns (uint256);

    /// @notice What {IStakingRegistry-claimRewards} of `staker`'s position in node `nodeId` would
    /// pay after a distribution now (including what the pool would release). Reverts with
    /// {IStakingRegistry-NotContributor} if `staker` has no position.
    /// @return Atomic SESH units.
    function pendingRewards(uint64 nodeId, address staker) external view returns (uint256);

    /// @notice Today's reward per earning node: the pool's daily release / N (0 when N == 0),
    /// rounded down.
    /// @return Atomic SESH units per day.
    function rewardPerNodePerDay() external view returns (uint256);

    /// @notice APR estimate of a full stake, in bps: rewardPerNodePerDay * 365 * 10_000 /
    /// stakingRequirement, rounded down.
    /// @return Basis points (10_000 = 100%).
    function aprBps() external view returns (uint256);
}
