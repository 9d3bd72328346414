// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "./IConsensusRegistry.sol";
import {IRewardPool} from "./IRewardPool.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Session Network staking registry
/// @notice Registers Session Nodes (BLS key with proof of possession, Ed25519 key, 1..10
/// contributors whose stakes sum to the staking requirement), shares the reward pool's payouts
/// equally among the active nodes, splits each node's share between its operator (fee first) and
/// its contributors (pro rata to stake), and lets nodes leave: by request (30 days), by network
/// signature (exit), or by network deregistration (liquidation with a penalty).
///
/// Reward accounting (docs/staking.md): exact, O(1) per node, nothing written per contributor
/// until it claims.
/// - Distributions pull the pool (`release()`) and measure what arrived as
///   `token.balanceOf(this) - accountedBalance` (a payout triggered by a third party calling the
///   pool directly is never lost). That amount plus the carried `undistributedRewards` is divided by
///   the number of earning nodes N: `rewardPerNode += total / N`; `total % N` (< N atomic units)
///   is carried to the next distribution. While N == 0 nothing is shared: what arrived and the
///   carry go back to the pool ({RewardsReturnedToPool}), so nothing accrues to nobody. Registrations, exits and
///   decommissions/recommissions distribute first (a liquidated node forfeits what accrued since
///   the last distribution); anyone may call {distributeRewards}; claims do not (they pay what has
///   been distributed).
/// - A node's earnings E are `rewardPerNode - base` while it earns, frozen while decommissioned and
///   after it ended: exact atomic units.
/// - Contributor i's entitlement is `E * w_i / (deposit * 10_000)` rounded down, with
///   `w_i = stake_i * (10_000 - feeBps)`, plus `feeBps * deposit` for the operator.
///   Each position stores what it was paid; a claim pays entitlement - paid. The rounding dust (less
///   than one unit per contributor, never growing) stays in the registry while the node earns and
///   goes to the operator once the node has ended. Every atomic unit released is paid exactly once.
///
/// Positions are named by node and staker. A node registered by a contribution contract
/// ({registerFromContract}) has its contributors and their stakes read from that contract, which
/// keeps them frozen once it has finalized; the registry writes a position only when it first
/// changes (a claim, a beneficiary, a withdrawal).
///
/// Stake and rewards of an ended node are pulled by each contributor ({withdrawStake},
/// {claimRewards}); an exit or a liquidation never loops over transfers.
///
/// Reads: this contract answers the addresses
/// it was built with, and the two parameters contribution contracts read; every other read (the
/// parameters and counters, node records, Ed25519 key lookups, the brake's allowance, pending
/// rewards, positions, listings, APR) is served by the separate, non-upgradeable {IStakingLens} at its own
/// address, which decodes this registry's storage through {extsload} (as Uniswap v4's
/// `extsload`; the layout is fixed by the upgrade rules, see {StakingSlots}).
///
/// Pause stops what brings a node in or judges one: `registerNode`, `registerFromContract`,
/// `seedNode`, `liquidate`, `decommission` and `recommission`. It never stops a user's way out:
/// `requestExit`, `finalizeExit`, `exitBySignature`, `withdrawStake`, the claims and
/// `setBeneficiary` (a long pause must never trap a stake).
///
/// Emergency brake: governance may cap the registry's outflows (claims, stake withdrawals, the
/// payout of {setBeneficiary}) per fixed time window ({setOutflowLimit}, {IStakingLens-outflowAllowance}); a
/// payout above what the window has left is refused with {OutflowLimitReached} and waits for the
/// next window. Liquidations (the liquidator's small part and the pool's part) are not capped: the
/// network's judgement must always land.
interface IStakingRegistry {
    // ------------------------------------------------------------------------------ structs

    /// @notice One contributor of a node, as given at registration.
    /// @param staker Who provides the stake; owns the position (exit requests, beneficiary).
    /// @param beneficiary Receives the rewards; `address(0)` at registration means the staker.
    /// @param stake Atomic SESH units.
    struct Contributor {
        address staker;
        address beneficiary;
        uint256 stake;
    }

    /// @notice A contributor's position in a node ({IStakingLens-position}).
    /// @param staker Owns the position.
    /// @param beneficiary Receives its rewards.
    /// @param stake Atomic SESH units staked.
    /// @param rewardsPaid Rewards paid so far.
    /// @param claimable Rewards a claim would pay now (as of the last distribution).
    /// @param stakeWithdrawn Whether the stake was withdrawn after the node ended.
    /// @param withdrawable What {withdrawStake} pays the staker now (0 while the node is registered
    /// and once withdrawn).
    struct Position {
        address staker;
        address beneficiary;
        uint256 stake;
        uint256 rewardsPaid;
        uint256 claimable;
        bool stakeWithdrawn;
        uint256 withdrawable;
    }

    /// @notice Names `staker`'s position in node `nodeId`.
    struct PositionRef {
        uint64 nodeId;
        address staker;
    }

    /// @notice Lifecycle of a registration id (never reused).
    enum NodeStatus {
        None,
        Active,
        Decommissioned,
        Exited,
        Liquidated
    }

    // ------------------------------------------------------------------------------- errors

    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice An all-zero Ed25519 key (no node's identity). An all-zero BLS key is the point at
    /// infinity, refused by the consensus registry ({INetworkConsensus-BLSKeyAtInfinity}).
    error ZeroEd25519Key();
    /// @notice Only before `start()`.
    error AlreadyStarted();
    /// @notice Only after `start()`.
    error NotStarted();
    /// @notice `count` contributors; 1..10 are allowed.
    error ContributorCountOutOfRange(uint256 count, uint256 maximum);
    /// @notice Contributor `index` has a zero stake.
    error ZeroStake(uint256 index);
    /// @notice `staker` appears twice in the contributor list.
    error DuplicateStaker(address staker);
    /// @notice The operator (contributors[0]) stakes `stake`, below `minimum` (25% of the requirement).
    error OperatorStakeTooLow(uint256 stake, uint256 minimum);
    /// @notice The stakes sum to `sum`, not the staking requirement `requirement`.
    error StakeSumMismatch(uint256 sum, uint256 requirement);
    /// @notice Operator fee `feeBps` above `maximum` (10,000).
    error FeeTooHigh(uint256 feeBps, uint256 maximum);
    /// @notice The Ed25519 key is already used by registered node `nodeId`.
    error Ed25519KeyAlreadyRegistered(bytes32 ed25519Key, uint64 nodeId);
    /// @notice `joined` keys already joined in this block; at most `limit` = max(20, 2% of N) may.
    error RegistrationLimitReached(uint256 joined, uint256 limit);
    /// @notice A seeded node's registration time `registeredAt` lies in the future.
    error RegistrationTimeInFuture(uint64 registeredAt);
    /// @notice Node `nodeId` is not registered (never was, exited or liquidated).
    error NodeNotRegistered(uint64 nodeId);
    /// @notice Node `nodeId` is not in the state the call needs (`status`).
    error UnexpectedNodeStatus(uint64 nodeId, NodeStatus status);
    /// @notice `account` is not a contributor of node `nodeId`.
    error NotContributor(uint64 nodeId, address account);
    /// @notice `caller` may not claim `staker`'s position in node `nodeId` (only its beneficiary,
    /// or for a full claim its staker).
    error NotBeneficiary(uint64 nodeId, address staker, address caller);
    /// @notice `caller` is not a contribution contract of the contribution factory.
    error NotContributionContract(address caller);
    /// @notice A small staker (below 25%) may request an exit only from `unlockTime`.
    error SmallStakerLocked(uint64 nodeId, uint256 unlockTime);
    /// @notice An exit was requested less than 1 h ago; the next request is allowed at `nextAllowed`.
    error ExitRequestTooSoon(uint64 nodeId, uint256 nextAllowed);
    /// @notice Node `nodeId`'s exit is already requested; anyone may finalize it from `unlockTime`.
    error ExitAlreadyRequested(uint64 nodeId, uint256 unlockTime);
    /// @notice Node `nodeId` has no exit request.
    error ExitNotRequested(uint64 nodeId);
    /// @notice The unsigned exit of node `nodeId` completes only from `unlockTime`.
    error ExitNotUnlocked(uint64 nodeId, uint256 unlockTime);
    /// @notice Node `nodeId` is younger than 2 h; a network decision on it (exit, liquidation,
    /// decommission, recommission) is allowed from `exitableAt`.
    error NodeTooYoung(uint64 nodeId, uint256 exitableAt);
    /// @notice A network decision for node `nodeId` at `timestamp` is not newer than the last one
    /// applied to it (`lastTimestamp`): a replay.
    error StaleNetworkDecision(uint64 nodeId, uint64 timestamp, uint64 lastTimestamp);
    /// @notice Node `nodeId` is still registered: its stake is not withdrawable yet.
    error NodeStillRegistered(uint64 nodeId);
    /// @notice `staker` already withdrew its stake in node `nodeId`.
    error StakeAlreadyWithdrawn(uint64 nodeId, address staker);
    /// @notice `requested` exceeds the claimable `available`.
    error InsufficientRewards(uint256 requested, uint256 available);
    /// @notice Nothing to pay.
    error NothingToClaim();
    /// @notice The pool's release ran out of the gas this call forwarded to it: send the
    /// transaction with more gas (a payout is never skipped for lack of gas).
    error PoolReleaseOutOfGas();
    /// @notice Liquidation ratios must have a positive sum and `(liquidator + pool) * 3 <= returned`.
    error InvalidLiquidationRatios(uint256 liquidator, uint256 pool, uint256 returned);
    /// @notice A staking requirement of `requirement` is outside (0, 2^64).
    error InvalidStakingRequirement(uint256 requirement);
    /// @notice The emergency brake: paying `amount` would exceed what the current window allows
    /// (`remaining`); the allowance renews at `nextWindowStart`.
    error OutflowLimitReached(uint256 amount, uint256 remaining, uint256 nextWindowStart);
    /// @notice An outflow limit needs a cap below 2^64 and, when the cap is not 0, a window of
    /// 1 s .. 30 days.
    error InvalidOutflowLimit(uint256 cap, uint256 window);
    /// @notice Only the Ed25519 disputes contract ({setEd25519Disputes}) may evict; `caller` is not it.
    error NotEd25519Disputes(address caller);
    /// @notice The Ed25519 key was taken back from a squatter by its holder, for `operator`: only a
    /// registration with that operator may use it before `availableAt`.
    error Ed25519KeyReserved(bytes32 ed25519Key, address operator, uint256 availableAt);

    // ------------------------------------------------------------------------------- events

    /// @notice The registry was opened to public registration; seeding is over.
    event Started();
    /// @notice Node `nodeId` registered: its operator, Ed25519 key, fee, total deposit and
    /// registration time (for a seeded node, the original one). Followed by one
    /// {ContributorAdded} per contributor, or by {NodeRegisteredByContract}; the BLS key is in {INetworkConsensus-BLSKeyAdded},
    /// emitted by the consensus registry in the same call, between the two. From now the node earns
    /// `rewardPerNode - rewardPerNodeAtStart`.
    event NodeRegistered(
        uint64 indexed nodeId,
        address indexed operator,
        bytes32 ed25519Key,
        uint16 feeBps,
        uint256 deposit,
        uint64 registeredAt,
        uint256 rewardPerNodeAtStart
    );
    /// @notice Node `nodeId` was registered by `contributionContract`, which keeps its contributors
    /// and their stakes (its `contributors()`; its `Contributed` events).
    event NodeRegisteredByContract(uint64 indexed nodeId, address indexed contributionContract);
    /// @notice Contributor number `index` of node `nodeId` (registered directly).
    event ContributorAdded(
        uint64 indexed nodeId, uint8 index, address indexed staker, address indexed beneficiary, uint256 stake
    );
    /// @notice `amount` arrived from the pool; each earning node's accumulator rose by
    /// `perNode`; `carried` atomic units wait for the next distribution; `earningNodes` = N.
    event RewardsDistributed(uint256 amount, uint256 perNode, uint256 earningNodes, uint256 carried);
    /// @notice `staker`'s position in node `nodeId` paid `amount` of rewards to `beneficiary`.
    event RewardsClaimed(
        uint64 indexed nodeId, address indexed staker, address indexed beneficiary, uint256 amount
    );
    /// @notice `staker` of node `nodeId` sends its future rewards to `newBeneficiary` (what was
    /// claimable was paid to `oldBeneficiary` first).
    event BeneficiaryUpdated(
        uint64 indexed nodeId, address indexed staker, address oldBeneficiary, address newBeneficiary
    );
    /// @notice `requester` asked node `nodeId` to exit; the first request was at `firstRequestedAt`,
    /// and the exit can be completed without a signature from `unlockTime`.
    event ExitRequested(
        uint64 indexed nodeId, address indexed requester, uint64 firstRequestedAt, uint256 unlockTime
    );
    /// @notice Node `nodeId` left the network: `signed` by network signature, else by the
    /// 30-day unlock. It earned `earned` in all; its stakes are now withdrawable.
    event NodeExited(uint64 indexed nodeId, bool signed, uint256 earned);
    /// @notice Node `nodeId` was deregistered: `liquidatorAmount` to `liquidator`, `poolAmount` to the
    /// reward pool, `returnedAmount` back to the contributors (pro rata, withdrawable). It earned
    /// `earned` in all.
    event NodeLiquidated(
        uint64 indexed nodeId,
        address indexed liquidator,
        uint256 liquidatorAmount,
        uint256 poolAmount,
        uint256 returnedAmount,
        uint256 earned
    );
    /// @notice `staker` withdrew `amount` of its stake in ended node `nodeId`.
    event StakeWithdrawn(uint64 indexed nodeId, address indexed staker, uint256 amount);
    /// @notice The network decommissioned node `nodeId` (signed at `timestamp`): it stops earning,
    /// having earned `earned` so far.
    event NodeDecommissioned(uint64 indexed nodeId, uint64 timestamp, uint256 earned);
    /// @notice The network recommissioned node `nodeId` (signed at `timestamp`): it earns again.
    event NodeRecommissioned(uint64 indexed nodeId, uint64 timestamp);
    /// @notice Released rewards that arrived while no node earned (N == 0), `amount` with the
    /// carried remainder, went back to the reward pool: nothing accrues to nobody.
    event RewardsReturnedToPool(uint256 amount);
    /// @notice The emergency brake changed (cap 0: off); the window's count starts afresh.
    event OutflowLimitUpdated(uint256 oldCap, uint256 oldWindow, uint256 newCap, uint256 newWindow);
    /// @notice The contract whose verdicts may evict squatters changed (zero: none).
    event Ed25519DisputesUpdated(address oldDisputes, address newDisputes);
    /// @notice The staking requirement for new registrations changed.
    event StakingRequirementUpdated(uint256 oldRequirement, uint256 newRequirement);
    /// @notice The contribution factory whose contracts may call {registerFromContract} changed.
    event ContributionFactoryUpdated(address oldFactory, address newFactory);
    /// @notice The liquidation ratios changed.
    event LiquidationRatiosUpdated(
        uint256 oldLiquidator,
        uint256 oldPool,
        uint256 oldReturned,
        uint256 newLiquidator,
        uint256 newPool,
        uint256 newReturned
    );

    // ------------------------------------------------------------------------- registration

    /// @notice Registers a node. The caller pays the whole deposit (`safeTransferFrom`), so anyone
    /// may register on behalf of the contributors listed (contribution contracts use
    /// {registerFromContract} instead); the operator is `contributors[0].staker`, and the proof of
    /// possession must bind that address. Only after `start()`, not when paused.
    /// @dev Anyone who sees a proof of possession may use it, but must pay the whole deposit; the
    /// operator can exit such a node at any time (an operator stakes at least 25%, so is never
    /// locked).
    /// @param blsKey 128-byte EIP-2537 G1 key, not registered to another active node.
    /// @param ed25519Key The node's Ed25519 key, non-zero, unique among registered nodes.
    /// @param proofOfPossession 256-byte signature of the message in docs/consensus.md.
    /// @param feeBps Operator fee, 0..10_000.
    /// @param contributors 1..10, operator first with at least 25% of the requirement, unique
    /// non-zero stakers, non-zero stakes summing to the staking requirement.
    /// @return nodeId The new registration id (from 1, never reused).
    function registerNode(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        Contributor[] calldata contributors
    ) external returns (uint64 nodeId);

    /// @notice Registers the node of the calling contribution contract (one the contribution factory
    /// `owns`), which keeps the contributors and their stakes and pays the whole deposit. The same
    /// checks and limits as {registerNode}, except the contributors, which the contract checked.
    /// @param operator The contract's operator, whose address the proof of possession binds.
    /// @param contributorCount 1..10, the operator included.
    /// @return nodeId The new registration id.
    function registerFromContract(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        address operator,
        uint256 contributorCount
    ) external returns (uint64 nodeId);

    /// @notice Owner only, before `start()`: registers a migrated node with its original
    /// registration time, with the same checks as {registerNode} (including the proof of
    /// possession) and no per-block cap. The owner pays the deposit.
    /// @param registeredAt The original registration time, not in the future.
    function seedNode(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        Contributor[] calldata contributors,
        uint64 registeredAt
    ) external returns (uint64 nodeId);

    /// @notice Owner only, one way: ends seeding and opens {registerNode}.
    function start() external;

    // ------------------------------------------------------------------------------ rewards

    /// @notice Pulls the pool and distributes what arrived. Every call that changes N or a
    /// node's earning state does this first; anyone may call it (the network does, each round).
    function distributeRewards() external;

    /// @notice Pays everything `staker`'s position in node `nodeId` can claim to its beneficiary.
    /// Callable by the beneficiary or the staker. {claimRewardsAmount} pays part of it,
    /// {claimRewardsBatch} several positions at once. Reverts with {NothingToClaim} if that is zero.
    /// @return amount Atomic SESH units paid.
    function claimRewards(uint64 nodeId, address staker) external returns (uint256 amount);

    /// @notice Pays `amount` (non-zero, at most what is claimable) of what `staker`'s position in
    /// node `nodeId` can claim to its beneficiary, the caller; the rest stays claimable.
    function claimRewardsAmount(uint64 nodeId, address staker, uint256 amount) external;

    /// @notice Pays the caller everything it can claim from `positions`, each of which must name
    /// it as beneficiary, in one transfer. Reverts with {NothingToClaim} if that is zero.
    /// @return amount Atomic SESH units paid.
    function claimRewardsBatch(PositionRef[] calldata positions) external returns (uint256 amount);

    /// @notice Sends future rewards of the caller's position in node `nodeId` to `newBeneficiary`
    /// (non-zero); what is claimable now is paid to the old beneficiary first.
    function setBeneficiary(uint64 nodeId, address newBeneficiary) external;

    // -------------------------------------------------------------------------------- exits

    /// @notice Any contributor of node `nodeId` asks it to leave. A contributor below 25% of the
    /// deposit may do so only 30 days after registration. A repeated request is allowed 1 h after
    /// the previous one and re-emits {ExitRequested} with the first request time. Allowed while
    /// paused: a pause must never trap a stake.
    function requestExit(uint64 nodeId) external;

    /// @notice Owner only: asks node `nodeId` to leave as a contributor's request would, the same
    /// 30 days before anyone may {finalizeExit} it, the whole stake returned. The recovery when
    /// more than a third of the keys are gone for good and the network can sign nothing (not
    /// even the liquidation of the dead nodes): their exits shrink the aggregate back to a set
    /// whose two thirds are alive. A live operator sees it coming for 30 days.
    function requestExitByGovernance(uint64 nodeId) external;

    /// @notice Exit approved by the network (no request needed); node at least 2 h old.
    /// @param blsKey The node's BLS key (from {INetworkConsensus-BLSKeyAdded}; it is not stored).
    /// @param timestamp When the network signed.
    /// @param nonSignerKeys The non-signers' keys, sorted by registration id.
    /// @param signature Aggregate signature of the exit message.
    function exitBySignature(
        uint64 nodeId,
        bytes calldata blsKey,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external;

    /// @notice Completes an exit without a signature, by anyone, 30 days after the first request.
    /// @param blsKey The node's BLS key (from {INetworkConsensus-BLSKeyAdded}).
    function finalizeExit(uint64 nodeId, bytes calldata blsKey) external;

    /// @notice Network-signed deregistration with a penalty: liquidator part (rounded down) to the
    /// caller, pool part (rounded up) sent to the reward pool, the rest withdrawable by the
    /// contributors pro rata (rounded down, the dust to the operator). Not when paused; the node must
    /// be at least 2 h old (a signature can then not predate its registration). It does not
    /// distribute first: the node forfeits what accrued since the last distribution.
    function liquidate(
        uint64 nodeId,
        bytes calldata blsKey,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external;

    /// @notice Only the Ed25519 disputes contract, once it has verified that the holder of
    /// `ed25519Key`, node `nodeId`'s key, signed the eviction of that node for `claimant`: ends the
    /// node at once as a liquidation would (out of N and the aggregate, its Ed25519 key free), the
    /// liquidator part to `claimant`, and takes back everything the node earned (its rewards stay
    /// claimable, but as much again leaves the returned stake for the pool's part: squatting never
    /// pays). The key is then reserved for `claimant` as operator for 7 days ({Ed25519KeyReserved}),
    /// so the squatter cannot take it again before the rightful node registers. Emits
    /// {NodeLiquidated} (the claimant as liquidator; the pool's part includes the earnings taken
    /// back); the disputes contract emits {IEd25519Disputes-SquatterEvicted}. Not when paused; no
    /// minimum node age (the signature names the node, and only the key's holder can make it).
    /// @param blsKey The evicted node's BLS key (from {INetworkConsensus-BLSKeyAdded}).
    /// @param ed25519Key The node's Ed25519 key, whose holder signed.
    /// @param claimant Named in the signed message: the rightful operator.
    function evictSquatter(uint64 nodeId, bytes calldata blsKey, bytes32 ed25519Key, address claimant)
        external;

    /// @notice Network-signed: node `nodeId` stops earning and leaves N. Its BLS key stays in the
    /// aggregate (re-adding it would need a new proof of possession; a decommissioned node is
    /// listed as a non-signer while it cannot sign). Not when paused; the node must be at least 2 h
    /// old.
    function decommission(
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external;

    /// @notice Network-signed: a decommissioned node earns again from now. Not when paused.
    function recommission(
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external;

    /// @notice Pays the caller its stake in ended node `nodeId`: all of it after an exit, its pro
    /// rata part of the returned stake after a liquidation.
    /// @return amount Atomic SESH units paid.
    function withdrawStake(uint64 nodeId) external returns (uint256 amount);

    // --------------------------------------------------------------------------- governance

    /// @notice Owner only: the requirement for future registrations (registered nodes keep theirs).
    function setStakingRequirement(uint256 newRequirement) external;

    /// @notice The network lowers the staking requirement for future registrations to
    /// `newRequirement` (non-zero, below the current one; governance alone may raise it), signed at
    /// `timestamp`, which must be newer than the last change of the requirement by either
    /// (`StaleNetworkDecision(0, timestamp, last)`: no replay, and no decision older than
    /// governance's latest word). Anyone may submit it. Registered nodes keep their deposit; open
    /// contribution contracts see the drift (deposits and finalization refused, contributors may
    /// withdraw at once).
    /// @param newRequirement Atomic SESH units.
    /// @param timestamp When the network signed.
    /// @param nonSignerKeys The non-signers' keys, sorted by registration id.
    /// @param signature Aggregate signature of the network action message with tag
    /// `STAKING_REQUIREMENT_TAG` and `newRequirement` in place of the node id (docs/consensus.md).
    function setStakingRequirementBySignature(
        uint256 newRequirement,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external;

    /// @notice Owner only: liquidator : pool : returned, set together.
    function setLiquidationRatios(uint32 liquidator, uint32 pool, uint32 returned) external;

    /// @notice Owner only: the factory whose contracts may register through {registerFromContract}
    /// (zero: none). Nodes already registered keep reading their own contract.
    /// @dev As powerful as an upgrade: a contract the factory vouches for answers for its nodes'
    /// stakes, which the registry pays out. Only a factory with a fixed, reviewed implementation
    /// (ours is not upgradeable) may be named.
    function setContributionFactory(address factory) external;

    /// @notice Owner only: the contract allowed to call {evictSquatter} (zero: none), a
    /// non-upgradeable {IEd25519Disputes} bound to this registry.
    /// @dev As powerful as a liquidation without the network: only a contract that checks the
    /// Ed25519 signature of the node's key may be named.
    function setEd25519Disputes(address disputes) external;

    /// @notice Owner only: the emergency brake. At most `cap` atomic SESH units leave the registry
    /// through claims, stake withdrawals and {setBeneficiary}'s payout per fixed window of `window`
    /// seconds (windows start at multiples of `window` since the epoch); `cap` 0 turns it off.
    /// Restarts the current window's count.
    /// @param cap Atomic units per window, below 2^64 (0: off).
    /// @param window Seconds, 1 .. 30 days (ignored when `cap` is 0).
    function setOutflowLimit(uint256 cap, uint256 window) external;

    /// @notice Owner only: stops the functions listed in the contract description.
    function pause() external;

    /// @notice Owner only.
    function unpause() external;

    // -------------------------------------------------------------------------------- views

    /// @notice The SESH token.
    function token() external view returns (IERC20);

    /// @notice The reward pool whose beneficiary this registry is.
    function rewardPool() external view returns (IRewardPool);

    /// @notice The consensus registry: the nodes' BLS keys, their aggregate, the consensus
    /// parameters, and the check of network signatures (which bind its address, not this one's).
    function consensus() external view returns (IConsensusRegistry);

    /// @notice Deposit of new registrations (default 25,000 SESH); read by contribution contracts.
    function stakingRequirement() external view returns (uint256);

    /// @notice The most contributors a node may have (10); read by contribution contracts.
    function maxContributors() external view returns (uint256);

    /// @notice The values of the registry's storage slots `slots` (its proxy's storage), for
    /// {IStakingLens} and contribution contracts, which decode them with {StakingSlots}. Reads only.
    /// @param slots Storage slots.
    /// @return values The 32-byte value of each, in order.
    function extsload(bytes32[] calldata slots) external view returns (bytes32[] memory values);
}
