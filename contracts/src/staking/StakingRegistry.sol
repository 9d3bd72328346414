// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusMessages} from "../consensus/ConsensusMessages.sol";
import {IConsensusRegistry} from "../interfaces/IConsensusRegistry.sol";
import {IContributionFactory} from "../interfaces/IContributionFactory.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {GasGuard} from "../utils/GasGuard.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {ReservingReentrancyGuard} from "../utils/ReservingReentrancyGuard.sol";
import {StakingLedger} from "./StakingLedger.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title StakingRegistry
/// @notice See {IStakingRegistry}; the node listing is {StakingLens}, at its own address.
/// @dev Storage and the amounts owed in {StakingLedger}; pause state in OpenZeppelin's namespace.
/// The BLS keys live in the {ConsensusRegistry}, which alone checks proofs of possession and
/// network signatures. No fallback and no `delegatecall` but OpenZeppelin's UUPS upgrade: one ABI.
/// Trust: the token is SESH, the pool our own {RewardPool}, the consensus registry our own, and a
/// contribution contract one the configured factory `owns` (whose code answers for its
/// contributors, frozen once it finalized); all are called under the reentrancy guard, and a
/// failing `pool.release()` never blocks the registry.
contract StakingRegistry is
    IStakingRegistry,
    StakingLedger,
    OwnedUpgradeable,
    PausableUpgradeable,
    ReservingReentrancyGuard
{
    using SafeERC20 for IERC20;

    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;
    /// @dev Up to 10 contributors including the operator (seeds).
    uint256 private constant MAX_CONTRIBUTORS = 10;
    /// @dev Default deposit: 25,000 SESH (9 decimals).
    uint64 private constant DEFAULT_STAKING_REQUIREMENT = 25_000e9;
    /// @dev The operator stakes at least 1/4 of the requirement; below 1/4 a contributor is small.
    uint256 private constant QUARTER_DIVISOR = 4;
    /// @dev A small staker's lock after its deposit, and the unsigned exit's delay after a request.
    uint256 private constant LOCK_PERIOD = 30 days;
    /// @dev Minimum gap between two exit requests of a node.
    uint256 private constant EXIT_REQUEST_REPEAT = 1 hours;
    /// @dev Minimum age of a node for any network decision on it (above the 2 h signature expiry
    /// bound, so a signature can never predate the registration it judges).
    uint256 private constant MIN_DECISION_AGE = 2 hours;
    /// @dev The emergency brake's default: what the production contracts cap claims at, 1M SESH
    /// per 12 h (about 60 days of the pool's release at launch, 40 full stakes).
    uint64 private constant DEFAULT_OUTFLOW_CAP = 1_000_000e9;
    uint32 private constant DEFAULT_OUTFLOW_WINDOW = 12 hours;
    /// @dev The longest window governance may set: a brake, not a freeze.
    uint256 private constant MAX_OUTFLOW_WINDOW = 30 days;
    /// @dev Gas a distribution with the pool's release costs at most, with room: what a call
    /// that skipped it (same second) must leave at its end.
    uint256 private constant DISTRIBUTION_GAS = 120_000;
    /// @dev How long an evicted squatter's Ed25519 key stays reserved for the claimant: time to
    /// finalize a filled contribution contract (or register) before anyone else may take it.
    uint256 private constant RESERVATION_PERIOD = 7 days;
    /// @dev Per-block join cap: max(20, 2% of N).
    uint256 private constant MIN_JOINS_PER_BLOCK = 20;
    uint256 private constant JOIN_PERCENT = 2;

    /// @param token_ The SESH token.
    /// @param pool_ The reward pool (its beneficiary must be set to the proxy).
    /// @param consensus_ The consensus registry's proxy (its `setStakingRegistry` must name this
    /// registry's proxy).
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IERC20 token_, IRewardPool pool_, IConsensusRegistry consensus_)
        StakingLedger(token_, pool_, consensus_)
    {}

    /// @notice Sets the owner and the defaults (25,000 SESH, ratios 3 : 17 : 9980, outflows capped
    /// at 1M SESH per 12 h) behind the proxy.
    /// @param owner_ The governance account.
    function initialize(address owner_) external initializer {
        require(owner_ != address(0), ZeroAddress());
        __OwnedUpgradeable_init(owner_);
        __Pausable_init();
        _setStakingRequirement(DEFAULT_STAKING_REQUIREMENT);
        _setLiquidationRatios(3, 17, 9980);
        _setOutflowLimit(DEFAULT_OUTFLOW_CAP, DEFAULT_OUTFLOW_WINDOW);
    }

    // ------------------------------------------------------------------------- registration

    /// @inheritdoc IStakingRegistry
    function registerNode(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        Contributor[] calldata contributors
    ) external nonReentrant whenNotPaused returns (uint64 nodeId) {
        _admit();
        return _register(blsKey, ed25519Key, proofOfPossession, feeBps, contributors, uint64(block.timestamp));
    }

    /// @inheritdoc IStakingRegistry
    /// @dev Trusts the contract (vouched for by the factory) for the contributors and their stakes:
    /// the clone checked them as they deposited, passes none here, and answers for them from now on.
    function registerFromContract(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        address operator,
        uint256 contributorCount
    ) external nonReentrant whenNotPaused returns (uint64 nodeId) {
        address factory = _storage().contributionFactory;
        require(
            factory != address(0) && IContributionFactory(factory).owns(msg.sender),
            NotContributionContract(msg.sender)
        );
        _admit();
        require(operator != address(0), ZeroAddress());
        require(
            contributorCount != 0 && contributorCount <= MAX_CONTRIBUTORS,
            ContributorCountOutOfRange(contributorCount, MAX_CONTRIBUTORS)
        );
        uint256 requirement = _checkTerms(ed25519Key, feeBps);
        _distribute();
        nodeId = _createNode(
            operator, ed25519Key, true, feeBps, contributorCount, requirement, uint64(block.timestamp)
        );
        _addKey(nodeId, blsKey, operator, ed25519Key, proofOfPossession);
        emit NodeRegisteredByContract(nodeId, msg.sender);
        _TOKEN.safeTransferFrom(msg.sender, address(this), requirement);
    }

    /// @inheritdoc IStakingRegistry
    function seedNode(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        Contributor[] calldata contributors,
        uint64 registeredAt
    ) external onlyOwner nonReentrant whenNotPaused returns (uint64 nodeId) {
        require(!_storage().started, AlreadyStarted());
        require(registeredAt <= block.timestamp, RegistrationTimeInFuture(registeredAt));
        return _register(blsKey, ed25519Key, proofOfPossession, feeBps, contributors, registeredAt);
    }

    /// @inheritdoc IStakingRegistry
    function start() external onlyOwner {
        StakingRegistryStorage storage $ = _storage();
        require(!$.started, AlreadyStarted());
        $.started = true;
        emit Started();
    }

    // ------------------------------------------------------------------------------ rewards

    /// @inheritdoc IStakingRegistry
    function distributeRewards() external nonReentrant {
        _distribute();
    }

    /// @inheritdoc IStakingRegistry
    function claimRewards(uint64 nodeId, address staker) external nonReentrant returns (uint256 amount) {
        address beneficiary;
        (amount, beneficiary) = _claim(nodeId, staker, 0, true);
        require(amount != 0, NothingToClaim());
        _transferOut(beneficiary, amount);
    }

    /// @inheritdoc IStakingRegistry
    function claimRewardsAmount(uint64 nodeId, address staker, uint256 amount) external nonReentrant {
        require(amount != 0, NothingToClaim());
        _claim(nodeId, staker, amount, false);
        _transferOut(msg.sender, amount);
    }

    /// @inheritdoc IStakingRegistry
    function claimRewardsBatch(PositionRef[] calldata refs) external nonReentrant returns (uint256 amount) {
        for (uint256 i; i < refs.length; ++i) {
            (uint256 due,) = _claim(refs[i].nodeId, refs[i].staker, 0, false);
            amount += due;
        }
        require(amount != 0, NothingToClaim());
        _transferOut(msg.sender, amount);
    }

    /// @inheritdoc IStakingRegistry
    function setBeneficiary(uint64 nodeId, address newBeneficiary) external nonReentrant {
        require(newBeneficiary != address(0), ZeroAddress());
        StakingRegistryStorage storage $ = _storage();
        NodeRecord storage n = $.nodes[nodeId];
        (PositionRecord memory p, address old,) = _readPosition(nodeId, n, msg.sender);
        uint256 due = _claimable(nodeId, n, msg.sender, p, $.rewardPerNode);
        if (due != 0) {
            p.rewardsPaid += uint64(due);
            emit RewardsClaimed(nodeId, msg.sender, old, due);
        }
        if (newBeneficiary == msg.sender) p.flags &= ~HAS_BENEFICIARY;
        else p.flags |= HAS_BENEFICIARY;
        // Writes the new beneficiary unless it is the staker.
        _writePosition(nodeId, msg.sender, p, newBeneficiary, false);
        emit BeneficiaryUpdated(nodeId, msg.sender, old, newBeneficiary);
        if (due != 0) _transferOut(old, due);
    }

    // -------------------------------------------------------------------------------- exits

    /// @inheritdoc IStakingRegistry
    /// @dev Changes no reward state, so it does not pull the pool. Not stopped by pause: it is the
    /// first step of a contributor's only unsigned way out.
    function requestExit(uint64 nodeId) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        (PositionRecord memory p,,) = _readPosition(nodeId, n, msg.sender);
        if (uint256(p.stake) * QUARTER_DIVISOR < n.deposit) {
            uint256 unlock = uint256(n.registeredAt) + LOCK_PERIOD;
            require(block.timestamp >= unlock, SmallStakerLocked(nodeId, unlock));
        }
        uint64 first = n.exitRequestedAt;
        if (first == 0) {
            first = uint64(block.timestamp);
            n.exitRequestedAt = first;
        } else {
            uint256 next = uint256(n.lastExitRequestAt) + EXIT_REQUEST_REPEAT;
            require(block.timestamp >= next, ExitRequestTooSoon(nodeId, next));
        }
        n.lastExitRequestAt = uint64(block.timestamp);
        emit ExitRequested(nodeId, msg.sender, first, uint256(first) + LOCK_PERIOD);
    }

    /// @inheritdoc IStakingRegistry
    function requestExitByGovernance(uint64 nodeId) external onlyOwner nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 requested = n.exitRequestedAt;
        require(requested == 0, ExitAlreadyRequested(nodeId, requested + LOCK_PERIOD));
        (n.exitRequestedAt, n.lastExitRequestAt) = (uint64(block.timestamp), uint64(block.timestamp));
        emit ExitRequested(nodeId, msg.sender, uint64(block.timestamp), block.timestamp + LOCK_PERIOD);
    }

    /// @inheritdoc IStakingRegistry
    function exitBySignature(
        uint64 nodeId,
        bytes calldata blsKey,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        _verifySignature(ConsensusMessages.EXIT_TAG, nodeId, n, timestamp, nonSignerKeys, signature);
        _exit(nodeId, n, blsKey, true);
    }

    /// @inheritdoc IStakingRegistry
    function finalizeExit(uint64 nodeId, bytes calldata blsKey) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 requested = n.exitRequestedAt;
        require(requested != 0, ExitNotRequested(nodeId));
        uint256 unlock = requested + LOCK_PERIOD;
        require(block.timestamp >= unlock, ExitNotUnlocked(nodeId, unlock));
        _exit(nodeId, n, blsKey, false);
    }

    /// @inheritdoc IStakingRegistry
    /// @dev Liquidator part = deposit * l / (l + p + r) rounded down; pool part = deposit * p / sum
    /// rounded up (both favour the pool); returned = deposit - both, so the three sum to the
    /// deposit exactly. The pool part is a plain transfer: the pool counts it from its next payout.
    /// No distribution first: the node, judged faulty, forfeits what accrued since the last one,
    /// which the remaining nodes share at the next (this saves the pool pull, ~35k gas).
    function liquidate(
        uint64 nodeId,
        bytes calldata blsKey,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant whenNotPaused {
        NodeRecord storage n = _registeredNode(nodeId);
        _verifySignature(ConsensusMessages.LIQUIDATION_TAG, nodeId, n, timestamp, nonSignerKeys, signature);
        _liquidate(nodeId, n, blsKey, msg.sender, false);
    }

    /// @inheritdoc IStakingRegistry
    /// @dev A liquidation (the same parts, the claimant as liquidator) in which the node's
    /// earnings also go back from the returned stake to the pool. Trusts the disputes contract for
    /// the verdict: that `ed25519Key` is node `nodeId`'s and its holder signed for `claimant`.
    function evictSquatter(uint64 nodeId, bytes calldata blsKey, bytes32 ed25519Key, address claimant)
        external
        nonReentrant
        whenNotPaused
    {
        StakingRegistryStorage storage $ = _storage();
        require(msg.sender == $.ed25519Disputes, NotEd25519Disputes(msg.sender));
        NodeRecord storage n = _registeredNode(nodeId);
        Ed25519Holder storage holder = $.ed25519Holders[ed25519Key];
        (holder.reservedFor, holder.reservedUntil) = (claimant, uint32(block.timestamp + RESERVATION_PERIOD));
        _liquidate(nodeId, n, blsKey, claimant, true);
    }

    /// @inheritdoc IStakingRegistry
    function decommission(
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant whenNotPaused {
        NodeRecord storage n = _checkDecision(
            nodeId, NodeStatus.Active, ConsensusMessages.DECOMMISSION_TAG, timestamp, nonSignerKeys, signature
        );
        StakingRegistryStorage storage $ = _storage();
        uint256 earned = $.rewardPerNode - n.earnedBase;
        n.earnedBase = uint64(earned);
        n.status = NodeStatus.Decommissioned;
        --$.earningNodes;
        emit NodeDecommissioned(nodeId, timestamp, earned);
    }

    /// @inheritdoc IStakingRegistry
    function recommission(
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant whenNotPaused {
        NodeRecord storage n = _checkDecision(
            nodeId,
            NodeStatus.Decommissioned,
            ConsensusMessages.RECOMMISSION_TAG,
            timestamp,
            nonSignerKeys,
            signature
        );
        StakingRegistryStorage storage $ = _storage();
        // E continues from its frozen value: E = rewardPerNode - (rewardPerNode - frozen).
        n.earnedBase = $.rewardPerNode - n.earnedBase;
        n.status = NodeStatus.Active;
        ++$.earningNodes;
        emit NodeRecommissioned(nodeId, timestamp);
    }

    /// @inheritdoc IStakingRegistry
    function withdrawStake(uint64 nodeId) external nonReentrant returns (uint256 amount) {
        NodeRecord storage n = _storage().nodes[nodeId];
        require(_isEnded(n.status), NodeStillRegistered(nodeId));
        (PositionRecord memory p, address beneficiary, bool stored) = _readPosition(nodeId, n, msg.sender);
        require(p.flags & STAKE_WITHDRAWN == 0, StakeAlreadyWithdrawn(nodeId, msg.sender));
        p.flags |= STAKE_WITHDRAWN;
        _writePosition(nodeId, msg.sender, p, beneficiary, stored);
        amount = _stakeBack(nodeId, n, msg.sender, p.stake);
        emit StakeWithdrawn(nodeId, msg.sender, amount);
        _transferOut(msg.sender, amount);
    }

    // --------------------------------------------------------------------------- governance

    /// @inheritdoc IStakingRegistry
    function setStakingRequirement(uint256 newRequirement) external onlyOwner {
        require(
            newRequirement != 0 && newRequirement <= type(uint64).max,
            InvalidStakingRequirement(newRequirement)
        );
        _setStakingRequirement(newRequirement);
    }

    /// @inheritdoc IStakingRegistry
    /// @dev The message is the network action with the requirement in the node id's place: one
    /// verification path (`_verifySignature`), and the consensus registry's expiry applies.
    function setStakingRequirementBySignature(
        uint256 newRequirement,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant {
        StakingRegistryStorage storage $ = _storage();
        require(
            newRequirement != 0 && newRequirement < $.stakingRequirement,
            InvalidStakingRequirement(newRequirement)
        );
        uint64 last = $.requirementChangedAt;
        require(timestamp > last, StaleNetworkDecision(0, timestamp, last));
        // Node 0 is never given: its empty record passes the age check (no node is judged).
        _verifySignature(
            ConsensusMessages.STAKING_REQUIREMENT_TAG,
            uint64(newRequirement),
            $.nodes[0],
            timestamp,
            nonSignerKeys,
            signature
        );
        _setStakingRequirement(newRequirement);
        // After the setter's own record: this decision's time is the last one applied.
        $.requirementChangedAt = uint40(timestamp);
    }

    /// @inheritdoc IStakingRegistry
    function setLiquidationRatios(uint32 liquidator, uint32 pool, uint32 returned) external onlyOwner {
        require(
            uint256(liquidator) + pool + returned != 0 && (uint256(liquidator) + pool) * 3 <= returned,
            InvalidLiquidationRatios(liquidator, pool, returned)
        );
        _setLiquidationRatios(liquidator, pool, returned);
    }

    /// @inheritdoc IStakingRegistry
    function setContributionFactory(address factory) external onlyOwner {
        StakingRegistryStorage storage $ = _storage();
        emit ContributionFactoryUpdated($.contributionFactory, factory);
        $.contributionFactory = factory;
    }

    /// @inheritdoc IStakingRegistry
    function setEd25519Disputes(address disputes) external onlyOwner {
        StakingRegistryStorage storage $ = _storage();
        emit Ed25519DisputesUpdated($.ed25519Disputes, disputes);
        $.ed25519Disputes = disputes;
    }

    /// @inheritdoc IStakingRegistry
    function setOutflowLimit(uint256 cap, uint256 window) external onlyOwner {
        if (cap == 0) window = 0;
        require(
            cap <= type(uint64).max && (cap == 0 || (window != 0 && window <= MAX_OUTFLOW_WINDOW)),
            InvalidOutflowLimit(cap, window)
        );
        _setOutflowLimit(uint64(cap), uint32(window));
    }

    /// @inheritdoc IStakingRegistry
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IStakingRegistry
    function unpause() external onlyOwner {
        _unpause();
    }

    // -------------------------------------------------------------------------------- views

    /// @inheritdoc IStakingRegistry
    function token() external view returns (IERC20) {
        return _TOKEN;
    }

    /// @inheritdoc IStakingRegistry
    function rewardPool() external view returns (IRewardPool) {
        return _POOL;
    }

    /// @inheritdoc IStakingRegistry
    function consensus() external view returns (IConsensusRegistry) {
        return _CONSENSUS;
    }

    /// @inheritdoc IStakingRegistry
    function stakingRequirement() external view returns (uint256) {
        return _storage().stakingRequirement;
    }

    /// @inheritdoc IStakingRegistry
    function maxContributors() external pure returns (uint256) {
        return MAX_CONTRIBUTORS;
    }

    /// @inheritdoc IStakingRegistry
    function extsload(bytes32[] calldata slots) external view returns (bytes32[] memory values) {
        values = new bytes32[](slots.length);
        // Reads only; both arrays hold `slots.length` words (no bounds to check).
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, slots.length) { i := add(i, 1) } {
                let offset := shl(5, i)
                mstore(add(add(values, 0x20), offset), sload(calldataload(add(slots.offset, offset))))
            }
        }
    }

    // ------------------------------------------------------------------------------ private

    /// @dev Sets a checked staking requirement (from 0 at initialization).
    function _setStakingRequirement(uint256 newRequirement) private {
        StakingRegistryStorage storage $ = _storage();
        emit StakingRequirementUpdated($.stakingRequirement, newRequirement);
        ($.stakingRequirement, $.requirementChangedAt) = (uint64(newRequirement), uint40(block.timestamp));
    }

    /// @dev Sets checked liquidation ratios (from 0 : 0 : 0 at initialization).
    function _setLiquidationRatios(uint32 liquidator, uint32 pool, uint32 returned) private {
        StakingRegistryStorage storage $ = _storage();
        emit LiquidationRatiosUpdated(
            $.liquidatorRatio, $.poolRatio, $.returnedRatio, liquidator, pool, returned
        );
        ($.liquidatorRatio, $.poolRatio, $.returnedRatio) = (liquidator, pool, returned);
    }

    /// @dev The per-block join cap (after `start()`).
    function _admit() private {
        StakingRegistryStorage storage $ = _storage();
        require($.started, NotStarted());
        uint256 joined = $.joinBlock == block.number ? $.joinedInBlock : 0;
        uint256 percent = uint256($.earningNodes) * JOIN_PERCENT / 100;
        uint256 limit = percent > MIN_JOINS_PER_BLOCK ? percent : MIN_JOINS_PER_BLOCK;
        require(joined < limit, RegistrationLimitReached(joined, limit));
        $.joinBlock = uint64(block.number);
        $.joinedInBlock = uint32(joined + 1);
    }

    function _register(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        Contributor[] calldata list,
        uint64 registeredAt
    ) private returns (uint64 nodeId) {
        uint256 requirement = _checkTerms(ed25519Key, feeBps);
        _checkContributors(list, requirement);
        _distribute();
        address operator = list[0].staker;
        nodeId = _createNode(operator, ed25519Key, false, feeBps, list.length, requirement, registeredAt);
        _addKey(nodeId, blsKey, operator, ed25519Key, proofOfPossession);
        _createPositions(nodeId, list);
        _TOKEN.safeTransferFrom(msg.sender, address(this), requirement);
    }

    /// @dev Writes the node record, earning from the current `rewardPerNode`. `byContract`: the
    /// caller is a contribution contract, recorded in place of the key.
    function _createNode(
        address operator,
        bytes32 ed25519Key,
        bool byContract,
        uint16 feeBps,
        uint256 count,
        uint256 requirement,
        uint64 registeredAt
    ) private returns (uint64 nodeId) {
        StakingRegistryStorage storage $ = _storage();
        uint64 base = $.rewardPerNode;
        nodeId = ++$.lastNodeId;
        _takeEd25519Key(ed25519Key, operator, nodeId);
        NodeRecord storage n = $.nodes[nodeId];
        (n.operator, n.registeredAt, n.feeBps) = (operator, uint40(registeredAt), feeBps);
        (n.status, n.contributorCount, n.byContract) = (NodeStatus.Active, uint8(count), byContract);
        (n.deposit, n.earnedBase) = (uint64(requirement), base);
        n.ed25519KeyOrContract = byContract ? bytes32(uint256(uint160(msg.sender))) : ed25519Key;
        ++$.earningNodes;
        $.accountedBalance += uint64(requirement);
        emit NodeRegistered(nodeId, operator, ed25519Key, feeBps, requirement, registeredAt, base);
    }

    /// @dev Records node `nodeId` as the holder of `ed25519Key`, which must be free (no registered
    /// node holds it) and, after an eviction, reserved for no one but `operator` (none: 0, 0).
    function _takeEd25519Key(bytes32 ed25519Key, address operator, uint64 nodeId) private {
        StakingRegistryStorage storage $ = _storage();
        Ed25519Holder storage holder = $.ed25519Holders[ed25519Key];
        uint64 previous = holder.nodeId;
        require(
            previous == 0 || !_isRegistered($.nodes[previous].status),
            Ed25519KeyAlreadyRegistered(ed25519Key, previous)
        );
        (address reservedFor, uint256 until) = (holder.reservedFor, holder.reservedUntil);
        require(
            reservedFor == operator || block.timestamp >= until,
            Ed25519KeyReserved(ed25519Key, reservedFor, until)
        );
        holder.nodeId = nodeId;
    }

    /// @dev Has the consensus registry check the proof of possession and add the BLS key (one call
    /// site for both registration paths).
    function _addKey(
        uint64 nodeId,
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) private {
        _CONSENSUS.addKey(nodeId, blsKey, operator, ed25519Key, proofOfPossession);
    }

    /// @dev A solo node writes nothing (its position is loaded from the node record when first
    /// changed); a shared node one slot per contributor and one per contributor after the operator
    /// (the list), plus the beneficiary where it is not the staker.
    function _createPositions(uint64 nodeId, Contributor[] calldata list) private {
        StakingRegistryStorage storage $ = _storage();
        uint256 count = list.length;
        for (uint256 i; i < count; ++i) {
            Contributor calldata c = list[i];
            address beneficiary = c.beneficiary;
            if (beneficiary == address(0)) beneficiary = c.staker;
            bool other = beneficiary != c.staker;
            if (count != 1 || other) {
                _writePosition(
                    nodeId,
                    c.staker,
                    PositionRecord(uint64(c.stake), 0, other ? LOADED | HAS_BENEFICIARY : LOADED),
                    beneficiary,
                    false
                );
                // The operator (index 0) is the node's; the others are listed.
                if (i != 0) $.stakers[nodeId][i] = c.staker;
            }
            emit ContributorAdded(nodeId, uint8(i), c.staker, beneficiary, c.stake);
        }
    }

    /// @dev Checks what every registration must meet (but the Ed25519 key's holder and reservation,
    /// {_createNode}); returns the staking requirement (the deposit).
    function _checkTerms(bytes32 ed25519Key, uint16 feeBps) private view returns (uint256 requirement) {
        StakingRegistryStorage storage $ = _storage();
        require(ed25519Key != bytes32(0), ZeroEd25519Key());
        require(feeBps <= BPS, FeeTooHigh(feeBps, BPS));
        requirement = $.stakingRequirement;
    }

    /// @dev Checks a contributor list given at registration against the requirement.
    function _checkContributors(Contributor[] calldata list, uint256 requirement) private pure {
        uint256 count = list.length;
        require(count != 0 && count <= MAX_CONTRIBUTORS, ContributorCountOutOfRange(count, MAX_CONTRIBUTORS));
        uint256 minimum = (requirement + QUARTER_DIVISOR - 1) / QUARTER_DIVISOR;
        require(list[0].stake >= minimum, OperatorStakeTooLow(list[0].stake, minimum));
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            address staker = list[i].staker;
            uint256 stake = list[i].stake;
            require(staker != address(0), ZeroAddress());
            require(stake != 0, ZeroStake(i));
            for (uint256 j; j < i; ++j) {
                require(list[j].staker != staker, DuplicateStaker(staker));
            }
            sum += stake;
        }
        require(sum == requirement, StakeSumMismatch(sum, requirement));
    }

    /// @dev Pulls the pool once per block and shares what arrived (plus the carried remainder)
    /// equally among the earning nodes; the division's remainder is carried to the next
    /// distribution. With N == 0 it all goes back to the pool: every change of N distributes first,
    /// so what arrives now accrued while no node earned, and must not wait for the first node. Arrivals are measured on the balance, so tokens paid by a
    /// third party's `pool.release()` (or sent directly) are distributed, never stranded.
    function _distribute() private {
        StakingRegistryStorage storage $ = _storage();
        // Done this second: a second later this call would distribute, so it must leave the gas
        // for that at its end (see {ReservingReentrancyGuard}).
        if ($.lastDistribution == block.timestamp) return _reserveGasAtExit(DISTRIBUTION_GAS);
        $.lastDistribution = uint40(block.timestamp);
        // A pool without this registry as beneficiary (or otherwise failing) must never block
        // registrations, exits or payouts. A failure for lack of gas is the caller's doing (it
        // would skip the payout, and make gas estimates skip it too): that one is refused.
        uint256 gasBefore = gasleft();
        try _POOL.release() returns (uint256 released) {
            // Nothing released: someone else pulled the pool this second; a second later this
            // call would pay for the pool's transfer too.
            if (released == 0) _reserveGasAtExit(DISTRIBUTION_GAS);
        } catch {
            require(GasGuard.refused(gasBefore), PoolReleaseOutOfGas());
        }
        uint256 balance = _balance();
        uint256 accounted = $.accountedBalance;
        if (balance <= accounted) return;
        uint256 arrived = balance - accounted;
        $.accountedBalance = uint64(balance);
        uint256 total = arrived + $.undistributed;
        uint256 n = $.earningNodes;
        if (n == 0) {
            // A plain transfer: the pool counts it from its next payout (as a liquidation's part).
            ($.undistributed, $.accountedBalance) = (0, uint64(accounted - $.undistributed));
            emit RewardsReturnedToPool(total);
            return _TOKEN.safeTransfer(address(_POOL), total);
        }
        uint256 perNode = total / n;
        uint256 carried = total % n;
        $.rewardPerNode += uint64(perNode);
        $.undistributed = uint64(carried);
        emit RewardsDistributed(arrived, perNode, n, carried);
    }

    /// @dev Ends node `nodeId`: E frozen (as of the last distribution), out of N, its key out of
    /// the aggregate. Its contributors then pull their stakes and rewards. Returns E.
    function _end(uint64 nodeId, NodeRecord storage n, bytes calldata blsKey, NodeStatus finalStatus)
        private
        returns (uint256 earned)
    {
        StakingRegistryStorage storage $ = _storage();
        earned = _earned(n, $.rewardPerNode);
        if (n.status == NodeStatus.Active) --$.earningNodes;
        (n.status, n.earnedBase) = (finalStatus, uint64(earned));
        _CONSENSUS.removeKey(nodeId, blsKey);
    }

    /// @dev The claims' shared part: records (pays nothing yet) `amount` of `staker`'s position in
    /// node `nodeId`, or everything claimable if `amount` is 0, as paid to its beneficiary, who must
    /// be the caller (or, if `stakerMayClaim`, the staker). Returns what was recorded (0 writes
    /// nothing) and the beneficiary.
    function _claim(uint64 nodeId, address staker, uint256 amount, bool stakerMayClaim)
        private
        returns (uint256, address)
    {
        NodeRecord storage n = _storage().nodes[nodeId];
        (PositionRecord memory p, address beneficiary, bool stored) = _readPosition(nodeId, n, staker);
        require(
            msg.sender == beneficiary || (stakerMayClaim && msg.sender == staker),
            NotBeneficiary(nodeId, staker, msg.sender)
        );
        uint256 available = _claimable(nodeId, n, staker, p, _storage().rewardPerNode);
        if (amount == 0) amount = available;
        else require(amount <= available, InsufficientRewards(amount, available));
        if (amount != 0) _recordPaid(nodeId, staker, p, beneficiary, stored, amount);
        return (amount, beneficiary);
    }

    /// @dev Ends node `nodeId` as liquidated: liquidator part (rounded down) to `liquidator`, pool
    /// part (rounded up) to the pool, the rest returned; with `forfeitEarnings` (an eviction) the
    /// node's earnings E also move from the returned part to the pool's, as far as it goes.
    function _liquidate(
        uint64 nodeId,
        NodeRecord storage n,
        bytes calldata blsKey,
        address liquidator,
        bool forfeitEarnings
    ) private {
        uint256 earned = _end(nodeId, n, blsKey, NodeStatus.Liquidated);
        StakingRegistryStorage storage $ = _storage();
        (uint256 liquidatorPart, uint256 poolPart, uint256 returned) =
            _liquidationParts(n.deposit, $.liquidatorRatio, $.poolRatio, $.returnedRatio);
        if (forfeitEarnings) {
            uint256 forfeited = earned < returned ? earned : returned;
            (poolPart, returned) = (poolPart + forfeited, returned - forfeited);
        }
        n.returnedStake = uint64(returned);
        $.accountedBalance -= uint64(liquidatorPart + poolPart);
        emit NodeLiquidated(nodeId, liquidator, liquidatorPart, poolPart, returned, earned);
        if (liquidatorPart != 0) _TOKEN.safeTransfer(liquidator, liquidatorPart);
        if (poolPart != 0) _TOKEN.safeTransfer(address(_POOL), poolPart);
    }

    /// @dev An exit (`signed` by the network, or unlocked after the request): distributes first, so
    /// the node earns until now.
    function _exit(uint64 nodeId, NodeRecord storage n, bytes calldata blsKey, bool signed) private {
        _distribute();
        uint256 earned = _end(nodeId, n, blsKey, NodeStatus.Exited);
        emit NodeExited(nodeId, signed, earned);
    }

    /// @dev Records that `amount` of `staker`'s rewards in node `nodeId` went to `beneficiary`.
    function _recordPaid(
        uint64 nodeId,
        address staker,
        PositionRecord memory p,
        address beneficiary,
        bool stored,
        uint256 amount
    ) private {
        p.rewardsPaid += uint64(amount);
        _writePosition(nodeId, staker, p, beneficiary, stored);
        emit RewardsClaimed(nodeId, staker, beneficiary, amount);
    }

    /// @dev Sends `amount` of what the registry holds and owes (stake or rewards) to `to`, within
    /// the emergency brake's allowance: every claim, withdrawal and beneficiary payout passes here.
    function _transferOut(address to, uint256 amount) private {
        StakingRegistryStorage storage $ = _storage();
        $.accountedBalance -= uint64(amount);
        uint256 cap = $.outflowCap;
        if (cap != 0) {
            (uint256 windowStart, uint256 used) = _outflowWindow($);
            uint256 remaining = cap > used ? cap - used : 0;
            require(
                amount <= remaining, OutflowLimitReached(amount, remaining, windowStart + $.outflowWindow)
            );
            // amount <= remaining <= cap < 2^64.
            ($.outflowWindowStart, $.outflowUsed) = (uint40(windowStart), uint64(used + amount));
        }
        _TOKEN.safeTransfer(to, amount);
    }

    /// @dev The brake's current window (start at a multiple of the window) and what left in it.
    function _outflowWindow(StakingRegistryStorage storage $)
        private
        view
        returns (uint256 windowStart, uint256 used)
    {
        windowStart = block.timestamp - block.timestamp % $.outflowWindow;
        if ($.outflowWindowStart == windowStart) used = $.outflowUsed;
    }

    /// @dev Sets a checked brake (cap 0: off) and restarts the window's count.
    function _setOutflowLimit(uint64 cap, uint32 window) private {
        StakingRegistryStorage storage $ = _storage();
        emit OutflowLimitUpdated($.outflowCap, $.outflowWindow, cap, window);
        ($.outflowCap, $.outflowWindow, $.outflowWindowStart, $.outflowUsed) = (cap, window, 0, 0);
    }

    /// @dev A decommission or recommission of node `nodeId`, which must be in `expected` status:
    /// checks the decision is newer than the last one and signed, records it, then distributes.
    function _checkDecision(
        uint64 nodeId,
        NodeStatus expected,
        bytes32 tag,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) private returns (NodeRecord storage n) {
        n = _storage().nodes[nodeId];
        require(n.status == expected, UnexpectedNodeStatus(nodeId, n.status));
        uint64 last = n.lastDecisionAt;
        require(timestamp > last, StaleNetworkDecision(nodeId, timestamp, last));
        _verifySignature(tag, nodeId, n, timestamp, nonSignerKeys, signature);
        n.lastDecisionAt = timestamp;
        _distribute();
    }

    /// @dev Has the consensus registry check the network's signature of action `tag` on node
    /// `nodeId` (one call site: one copy of the call's encoding), once the node is 2 h old: every
    /// network decision waits as long, so none can rest on a signature older than the node.
    function _verifySignature(
        bytes32 tag,
        uint64 nodeId,
        NodeRecord storage n,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) private view {
        uint256 oldEnough = uint256(n.registeredAt) + MIN_DECISION_AGE;
        require(block.timestamp >= oldEnough, NodeTooYoung(nodeId, oldEnough));
        _CONSENSUS.verifyNetworkSignature(tag, nodeId, timestamp, nonSignerKeys, signature);
    }

    /// @dev Stores `p`; a position written for the first time also records its beneficiary.
    function _writePosition(
        uint64 nodeId,
        address staker,
        PositionRecord memory p,
        address beneficiary,
        bool stored
    ) private {
        StakingRegistryStorage storage $ = _storage();
        if (!stored && beneficiary != staker) $.beneficiaries[nodeId][staker] = beneficiary;
        $.positions[nodeId][staker] = p;
    }

    /// @dev Liquidator part rounded down, pool part rounded up, returned = the rest.
    function _liquidationParts(uint256 deposit, uint256 l, uint256 p, uint256 r)
        private
        pure
        returns (uint256 liquidatorPart, uint256 poolPart, uint256 returned)
    {
        uint256 total = l + p + r;
        liquidatorPart = deposit * l / total;
        poolPart = (deposit * p + total - 1) / total;
        returned = deposit - liquidatorPart - poolPart;
    }
}
