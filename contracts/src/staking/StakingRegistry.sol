// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusMessages} from "../consensus/ConsensusMessages.sol";
import {IConsensusRegistry} from "../interfaces/IConsensusRegistry.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title StakingRegistry
/// @notice See {IStakingRegistry}.
/// @dev Storage (ERC-7201 `session.storage.StakingRegistry`), pause state in OpenZeppelin's
/// namespace. The BLS keys live in the {ConsensusRegistry}, which alone checks proofs of possession
/// and network signatures. The token, the pool and the consensus registry are immutables of the
/// implementation (an upgrade must pass the same ones).
/// Trust: the token is SESH, the pool our own {RewardPool} and the consensus registry our own;
/// all are called under the reentrancy guard, and a failing `pool.release()` never blocks the
/// registry.
contract StakingRegistry is
    IStakingRegistry,
    OwnedUpgradeable,
    PausableUpgradeable,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;

    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;
    /// @dev 100% in basis points (operator fee, APR).
    uint256 private constant BPS = 10_000;
    /// @dev Scale of `rewardPerStake`: 1e18 keeps its per-distribution rounding (carried anyway)
    /// far below one atomic unit of any stake.
    uint256 private constant PRECISION = 1e18;
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
    /// @dev Minimum age of a node for a signed exit (above the 2 h signature expiry bound).
    uint256 private constant MIN_SIGNED_EXIT_AGE = 2 hours;
    /// @dev Per-block join cap: max(20, 2% of N).
    uint256 private constant MIN_JOINS_PER_BLOCK = 20;
    uint256 private constant JOIN_PERCENT = 2;

    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IERC20 private immutable _TOKEN;
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IRewardPool private immutable _POOL;
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IConsensusRegistry private immutable _CONSENSUS;

    /// @dev One node: 5 slots, 3 of them written at registration (slot 1 and, until the node first
    /// settles, slot 3 stay zero). Amounts in uint64: the token's cap (2.4e17) is below 2^64, and so is
    /// a node's cumulative reward for centuries at the pool's rate.
    struct NodeRecord {
        // slot 0
        address operator;
        uint64 registeredAt;
        uint16 feeBps;
        NodeStatus status;
        uint8 contributorCount;
        // slot 1
        uint64 exitRequestedAt;
        uint64 lastExitRequestAt;
        uint64 lastDecisionAt;
        // slot 2: everything a settlement touches
        uint64 rewardCheckpoint;
        uint64 unclaimedFee;
        uint64 stakeCarry;
        uint64 deposit;
        // slot 3
        uint256 rewardPerStake;
        // slot 4
        bytes32 ed25519Key;
    }

    /// @dev One contributor position: 3 slots. `beneficiary == address(0)` means the staker itself
    /// (saves a slot at registration).
    struct Position {
        address staker;
        uint64 stake;
        uint32 listIndex;
        address beneficiary;
        uint64 remainder;
        uint256 checkpoint;
    }

    /// @dev An address's balances and the length of its list of positions, in one slot, so an exit
    /// crediting both rewards and stake writes one slot per contributor.
    struct Account {
        uint64 claimable;
        uint64 withdrawable;
        uint32 positionCount;
    }

    /// @custom:storage-location erc7201:session.storage.StakingRegistry
    struct StakingRegistryStorage {
        // slot 0: everything a distribution reads and writes. Amounts fit in uint64 (the token's
        // cap, 2.4e17, is below 2^64); uint24 nodes and uint40 seconds are ample.
        uint64 rewardPerNode;
        uint64 undistributed;
        uint24 earningNodes;
        uint40 lastDistribution;
        uint64 accountedBalance;
        // slot 1
        uint64 lastNodeId;
        uint64 stakingRequirement;
        uint64 joinBlock;
        uint32 joinedInBlock;
        bool started;
        // slot 2
        uint32 liquidatorRatio;
        uint32 poolRatio;
        uint32 returnedRatio;
        mapping(uint64 nodeId => NodeRecord) nodes;
        mapping(uint64 nodeId => mapping(uint256 index => Position)) positions;
        mapping(bytes32 ed25519Key => uint64 nodeId) nodeIdOfEd25519;
        mapping(address account => Account) accounts;
        /// @dev Positions whose beneficiary is the key, `nodeId << 8 | index`, at 0..positionCount-1.
        mapping(address beneficiary => mapping(uint256 at => uint256 entry)) entries;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.StakingRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;

    function _storage() private pure returns (StakingRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @param token_ The SESH token.
    /// @param pool_ The reward pool (its beneficiary must be set to the proxy).
    /// @param consensus_ The consensus registry's proxy (its `setStakingRegistry` must name this
    /// registry's proxy).
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IERC20 token_, IRewardPool pool_, IConsensusRegistry consensus_) {
        require(
            address(token_) != address(0) && address(pool_) != address(0)
                && address(consensus_) != address(0),
            ZeroAddress()
        );
        _TOKEN = token_;
        _POOL = pool_;
        _CONSENSUS = consensus_;
    }

    /// @notice Sets the owner and the defaults (25,000 SESH, ratios 3 : 17 : 9980) behind the
    /// proxy.
    /// @param owner_ The governance account.
    function initialize(address owner_) external initializer {
        require(owner_ != address(0), ZeroAddress());
        __OwnedUpgradeable_init(owner_);
        __Pausable_init();
        StakingRegistryStorage storage $ = _storage();
        $.stakingRequirement = DEFAULT_STAKING_REQUIREMENT;
        ($.liquidatorRatio, $.poolRatio, $.returnedRatio) = (3, 17, 9980);
        emit StakingRequirementUpdated(0, DEFAULT_STAKING_REQUIREMENT);
        emit LiquidationRatiosUpdated(0, 0, 0, 3, 17, 9980);
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
        StakingRegistryStorage storage $ = _storage();
        require($.started, NotStarted());
        uint256 joined = $.joinBlock == block.number ? $.joinedInBlock : 0;
        uint256 percent = uint256($.earningNodes) * JOIN_PERCENT / 100;
        uint256 limit = percent > MIN_JOINS_PER_BLOCK ? percent : MIN_JOINS_PER_BLOCK;
        require(joined < limit, RegistrationLimitReached(joined, limit));
        $.joinBlock = uint64(block.number);
        $.joinedInBlock = uint32(joined + 1);
        return _register(blsKey, ed25519Key, proofOfPossession, feeBps, contributors, uint64(block.timestamp));
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
    function claimRewards() external nonReentrant returns (uint256 amount) {
        return _claim(0);
    }

    /// @inheritdoc IStakingRegistry
    function claimRewards(uint256 amount) external nonReentrant {
        require(amount != 0, NothingToClaim());
        _claim(amount);
    }

    /// @inheritdoc IStakingRegistry
    function setBeneficiary(uint64 nodeId, address newBeneficiary) external nonReentrant {
        require(newBeneficiary != address(0), ZeroAddress());
        StakingRegistryStorage storage $ = _storage();
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 index = _positionIndex(nodeId, n, msg.sender);
        Position storage p = $.positions[nodeId][index];
        _distribute();
        _settleNode(n, $.rewardPerNode);
        address old = _beneficiaryOf(p);
        uint256 credit = _settlePosition(nodeId, n, index, p);
        if (credit != 0) $.accounts[old].claimable += uint64(credit);
        _unlist(old, p);
        p.beneficiary = newBeneficiary == msg.sender ? address(0) : newBeneficiary;
        _list(newBeneficiary, p, nodeId, index);
        emit BeneficiaryUpdated(nodeId, msg.sender, old, newBeneficiary);
    }

    // -------------------------------------------------------------------------------- exits

    /// @inheritdoc IStakingRegistry
    /// @dev Changes no reward state, so it does not pull the pool.
    function requestExit(uint64 nodeId) external nonReentrant whenNotPaused {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 index = _positionIndex(nodeId, n, msg.sender);
        uint256 stake = _storage().positions[nodeId][index].stake;
        if (stake * QUARTER_DIVISOR < n.deposit) {
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
    function exitBySignature(
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 exitableAt = uint256(n.registeredAt) + MIN_SIGNED_EXIT_AGE;
        require(block.timestamp >= exitableAt, NodeTooYoung(nodeId, exitableAt));
        _verifyNetworkSignature(ConsensusMessages.EXIT_TAG, nodeId, timestamp, nonSignerKeys, signature);
        _distribute();
        _exit(nodeId, n, NodeStatus.Exited, 0);
        emit NodeExited(nodeId, true);
    }

    /// @inheritdoc IStakingRegistry
    function finalizeExit(uint64 nodeId) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 requested = n.exitRequestedAt;
        require(requested != 0, ExitNotRequested(nodeId));
        uint256 unlock = requested + LOCK_PERIOD;
        require(block.timestamp >= unlock, ExitNotUnlocked(nodeId, unlock));
        _distribute();
        _exit(nodeId, n, NodeStatus.Exited, 0);
        emit NodeExited(nodeId, false);
    }

    /// @inheritdoc IStakingRegistry
    /// @dev Liquidator part = deposit * l / (l + p + r) rounded down; pool part = deposit * p / sum
    /// rounded up (both favour the pool); returned = deposit - both, so the three sum to the
    /// deposit exactly. The returned part is split by stake, rounded down, the dust to the operator.
    function liquidate(
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant whenNotPaused {
        NodeRecord storage n = _registeredNode(nodeId);
        _verifyNetworkSignature(
            ConsensusMessages.LIQUIDATION_TAG, nodeId, timestamp, nonSignerKeys, signature
        );
        _distribute();
        StakingRegistryStorage storage $ = _storage();
        (uint256 liquidatorPart, uint256 poolPart, uint256 returned) =
            _liquidationParts(n.deposit, $.liquidatorRatio, $.poolRatio, $.returnedRatio);
        _exit(nodeId, n, NodeStatus.Liquidated, returned);
        $.accountedBalance -= uint64(liquidatorPart + poolPart);
        if (liquidatorPart != 0) _TOKEN.safeTransfer(msg.sender, liquidatorPart);
        if (poolPart != 0) {
            _TOKEN.forceApprove(address(_POOL), poolPart);
            // The pool pays its accrual to us first; we pulled it this block, so that is 0, and any
            // other arrival is picked up as surplus by the next distribution.
            _POOL.deposit(poolPart);
        }
        emit NodeLiquidated(nodeId, msg.sender, liquidatorPart, poolPart, returned);
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
        _settleNode(n, $.rewardPerNode);
        n.status = NodeStatus.Decommissioned;
        --$.earningNodes;
        emit NodeDecommissioned(nodeId, timestamp);
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
        n.rewardCheckpoint = $.rewardPerNode;
        n.status = NodeStatus.Active;
        ++$.earningNodes;
        emit NodeRecommissioned(nodeId, timestamp);
    }

    /// @inheritdoc IStakingRegistry
    function withdrawStake() external nonReentrant returns (uint256 amount) {
        StakingRegistryStorage storage $ = _storage();
        amount = $.accounts[msg.sender].withdrawable;
        require(amount != 0, NothingToClaim());
        $.accounts[msg.sender].withdrawable = 0;
        $.accountedBalance -= uint64(amount);
        _TOKEN.safeTransfer(msg.sender, amount);
        emit StakeWithdrawn(msg.sender, amount);
    }

    // --------------------------------------------------------------------------- governance

    /// @inheritdoc IStakingRegistry
    function setStakingRequirement(uint256 newRequirement) external onlyOwner {
        require(
            newRequirement != 0 && newRequirement <= type(uint64).max,
            InvalidStakingRequirement(newRequirement)
        );
        StakingRegistryStorage storage $ = _storage();
        emit StakingRequirementUpdated($.stakingRequirement, newRequirement);
        $.stakingRequirement = uint64(newRequirement);
    }

    /// @inheritdoc IStakingRegistry
    function setLiquidationRatios(uint32 liquidator, uint32 pool, uint32 returned) external onlyOwner {
        require(
            uint256(liquidator) + pool + returned != 0 && (uint256(liquidator) + pool) * 3 <= returned,
            InvalidLiquidationRatios(liquidator, pool, returned)
        );
        StakingRegistryStorage storage $ = _storage();
        emit LiquidationRatiosUpdated(
            $.liquidatorRatio, $.poolRatio, $.returnedRatio, liquidator, pool, returned
        );
        ($.liquidatorRatio, $.poolRatio, $.returnedRatio) = (liquidator, pool, returned);
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
    function started() external view returns (bool) {
        return _storage().started;
    }

    /// @inheritdoc IStakingRegistry
    function stakingRequirement() external view returns (uint256) {
        return _storage().stakingRequirement;
    }

    /// @inheritdoc IStakingRegistry
    function liquidationRatios() external view returns (uint256 liquidator, uint256 pool, uint256 returned) {
        StakingRegistryStorage storage $ = _storage();
        return ($.liquidatorRatio, $.poolRatio, $.returnedRatio);
    }

    /// @inheritdoc IStakingRegistry
    function lastNodeId() external view returns (uint64) {
        return _storage().lastNodeId;
    }

    /// @inheritdoc IStakingRegistry
    function node(uint64 nodeId) public view returns (NodeInfo memory info) {
        StakingRegistryStorage storage $ = _storage();
        NodeRecord storage n = $.nodes[nodeId];
        info.nodeId = nodeId;
        info.status = n.status;
        info.operator = n.operator;
        info.ed25519Key = n.ed25519Key;
        info.feeBps = n.feeBps;
        info.registeredAt = n.registeredAt;
        info.deposit = n.deposit;
        info.exitRequestedAt = n.exitRequestedAt;
        uint256 count = n.contributorCount;
        info.contributors = new Contributor[](count);
        for (uint256 i; i < count; ++i) {
            Position storage p = $.positions[nodeId][i];
            info.contributors[i] = Contributor(p.staker, _beneficiaryOf(p), p.stake);
        }
    }

    /// @inheritdoc IStakingRegistry
    function nodes(uint256 offset, uint256 limit) external view returns (NodeInfo[] memory page) {
        uint256 last = _storage().lastNodeId;
        if (offset >= last) return page;
        uint256 count = last - offset < limit ? last - offset : limit;
        page = new NodeInfo[](count);
        for (uint256 i; i < count; ++i) {
            page[i] = node(uint64(offset + i + 1));
        }
    }

    /// @inheritdoc IStakingRegistry
    function networkSize() external view returns (uint256) {
        return _storage().earningNodes;
    }

    /// @inheritdoc IStakingRegistry
    function rewardPerNode() external view returns (uint256) {
        return _storage().rewardPerNode;
    }

    /// @inheritdoc IStakingRegistry
    function undistributedRewards() external view returns (uint256) {
        return _storage().undistributed;
    }

    /// @inheritdoc IStakingRegistry
    function pendingRewards(address account) external view returns (uint256 amount) {
        StakingRegistryStorage storage $ = _storage();
        uint256 rpn = _currentRewardPerNode();
        Account storage acc = $.accounts[account];
        amount = acc.claimable;
        uint256 count = acc.positionCount;
        for (uint256 i; i < count; ++i) {
            (uint64 nodeId, uint256 index) = _unpack($.entries[account][i]);
            amount += _pendingOfPosition(nodeId, index, rpn);
        }
    }

    /// @inheritdoc IStakingRegistry
    function nodePendingRewards(uint64 nodeId) external view returns (uint256 amount) {
        uint256 rpn = _currentRewardPerNode();
        uint256 count = _storage().nodes[nodeId].contributorCount;
        for (uint256 i; i < count; ++i) {
            amount += _pendingOfPosition(nodeId, i, rpn);
        }
    }

    /// @inheritdoc IStakingRegistry
    function claimableRewards(address account) external view returns (uint256) {
        return _storage().accounts[account].claimable;
    }

    /// @inheritdoc IStakingRegistry
    function withdrawableStake(address staker) external view returns (uint256) {
        return _storage().accounts[staker].withdrawable;
    }

    /// @inheritdoc IStakingRegistry
    function nodeIdsOf(address beneficiary) external view returns (uint64[] memory ids) {
        StakingRegistryStorage storage $ = _storage();
        uint256 count = $.accounts[beneficiary].positionCount;
        ids = new uint64[](count);
        for (uint256 i; i < count; ++i) {
            (ids[i],) = _unpack($.entries[beneficiary][i]);
        }
    }

    /// @inheritdoc IStakingRegistry
    function rewardPerNodePerDay() public view returns (uint256) {
        uint256 n = _storage().earningNodes;
        return n == 0 ? 0 : _POOL.releasePerDay() / n;
    }

    /// @inheritdoc IStakingRegistry
    function aprBps() external view returns (uint256) {
        return rewardPerNodePerDay() * 365 * BPS / _storage().stakingRequirement;
    }

    // ------------------------------------------------------------------------------ private

    function _register(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        Contributor[] calldata contributors,
        uint64 registeredAt
    ) private returns (uint64 nodeId) {
        uint256 requirement = _validateRegistration(ed25519Key, feeBps, contributors);
        _distribute();
        address operator = contributors[0].staker;
        nodeId = _createNode(operator, ed25519Key, feeBps, contributors.length, requirement, registeredAt);
        _CONSENSUS.addKey(nodeId, blsKey, operator, ed25519Key, proofOfPossession);
        emit NodeRegistered(nodeId, operator, ed25519Key, feeBps, requirement, registeredAt);
        _createPositions(nodeId, contributors);
        _storage().accountedBalance += uint64(requirement);
        _TOKEN.safeTransferFrom(msg.sender, address(this), requirement);
    }

    function _createNode(
        address operator,
        bytes32 ed25519Key,
        uint16 feeBps,
        uint256 count,
        uint256 requirement,
        uint64 registeredAt
    ) private returns (uint64 nodeId) {
        StakingRegistryStorage storage $ = _storage();
        nodeId = ++$.lastNodeId;
        NodeRecord storage n = $.nodes[nodeId];
        n.operator = operator;
        n.registeredAt = registeredAt;
        n.feeBps = feeBps;
        n.status = NodeStatus.Active;
        n.contributorCount = uint8(count);
        n.deposit = uint64(requirement);
        n.rewardCheckpoint = $.rewardPerNode;
        n.ed25519Key = ed25519Key;
        $.nodeIdOfEd25519[ed25519Key] = nodeId;
        ++$.earningNodes;
    }

    /// @dev Checks the registration terms; returns the staking requirement (the deposit).
    function _validateRegistration(bytes32 ed25519Key, uint16 feeBps, Contributor[] calldata contributors)
        private
        view
        returns (uint256 requirement)
    {
        StakingRegistryStorage storage $ = _storage();
        uint256 count = contributors.length;
        require(count != 0 && count <= MAX_CONTRIBUTORS, ContributorCountOutOfRange(count, MAX_CONTRIBUTORS));
        require(feeBps <= BPS, FeeTooHigh(feeBps, BPS));
        requirement = $.stakingRequirement;
        uint256 minimum = (requirement + QUARTER_DIVISOR - 1) / QUARTER_DIVISOR;
        require(contributors[0].stake >= minimum, OperatorStakeTooLow(contributors[0].stake, minimum));
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            address staker = contributors[i].staker;
            uint256 stake = contributors[i].stake;
            require(staker != address(0), ZeroAddress());
            require(stake != 0, ZeroStake(i));
            for (uint256 j; j < i; ++j) {
                require(contributors[j].staker != staker, DuplicateStaker(staker));
            }
            sum += stake;
        }
        require(sum == requirement, StakeSumMismatch(sum, requirement));
        uint64 holder = $.nodeIdOfEd25519[ed25519Key];
        require(
            holder == 0 || !_isRegistered($.nodes[holder].status),
            Ed25519KeyAlreadyRegistered(ed25519Key, holder)
        );
    }

    function _createPositions(uint64 nodeId, Contributor[] calldata contributors) private {
        mapping(uint256 => Position) storage positions = _storage().positions[nodeId];
        for (uint256 i; i < contributors.length; ++i) {
            Position storage p = positions[i];
            address staker = contributors[i].staker;
            address beneficiary = contributors[i].beneficiary;
            if (beneficiary == address(0)) beneficiary = staker;
            p.staker = staker;
            p.stake = uint64(contributors[i].stake);
            if (beneficiary != staker) p.beneficiary = beneficiary;
            _list(beneficiary, p, nodeId, i);
            emit ContributorAdded(nodeId, uint8(i), staker, beneficiary, contributors[i].stake);
        }
    }

    /// @dev Pulls the pool once per block and shares what arrived (plus the carried remainder)
    /// equally among the earning nodes; the division's remainder (or everything, if N == 0) is
    /// carried to the next distribution. Arrivals are measured on the balance, so tokens paid by a
    /// third party's `pool.release()` (or sent directly) are distributed, never stranded.
    function _distribute() private {
        StakingRegistryStorage storage $ = _storage();
        if ($.lastDistribution == block.timestamp) return;
        $.lastDistribution = uint40(block.timestamp);
        // A pool without this registry as beneficiary (or otherwise failing) must never block
        // registrations, exits or payouts.
        try _POOL.release() {} catch {}
        uint256 balance = _TOKEN.balanceOf(address(this));
        uint256 accounted = $.accountedBalance;
        if (balance <= accounted) return;
        uint256 arrived = balance - accounted;
        $.accountedBalance = uint64(balance);
        uint256 total = arrived + $.undistributed;
        uint256 n = $.earningNodes;
        uint256 perNode;
        uint256 carried = total;
        if (n != 0) {
            perNode = total / n;
            carried = total % n;
            $.rewardPerNode += uint64(perNode);
        }
        $.undistributed = uint64(carried);
        emit RewardsDistributed(arrived, perNode, n, carried);
    }

    /// @dev Moves an earning node's checkpoint to `rpn`: the fee (rounded down, favouring the
    /// contributors) is set aside for the operator, the rest raises `rewardPerStake` with the
    /// division's remainder carried in `stakeCarry`. Nodes that do not earn are left alone.
    function _settleNode(NodeRecord storage n, uint256 rpn) private {
        if (n.status != NodeStatus.Active || n.rewardCheckpoint == rpn) return;
        (uint256 rps, uint256 fee, uint256 carry) = _nodeRewardsAt(n, rpn);
        (n.rewardCheckpoint, n.unclaimedFee, n.stakeCarry) = (uint64(rpn), uint64(fee), uint64(carry));
        n.rewardPerStake = rps;
    }

    /// @dev Credits position `index` of a settled node to its beneficiary: its share rounded down,
    /// the remainder (< 1 atomic unit, scaled) carried in the position; for the operator also the
    /// node's set-aside fee. The caller adds `credit` to the beneficiary's balance.
    function _settlePosition(uint64 nodeId, NodeRecord storage n, uint256 index, Position storage p)
        private
        returns (uint256 credit)
    {
        uint256 rps = n.rewardPerStake;
        uint256 checkpoint = p.checkpoint;
        if (rps != checkpoint) {
            uint256 scaled = uint256(p.stake) * (rps - checkpoint) + p.remainder;
            credit = scaled / PRECISION;
            p.remainder = uint64(scaled % PRECISION);
            p.checkpoint = rps;
        }
        if (index == 0) {
            uint256 fee = n.unclaimedFee;
            if (fee != 0) {
                credit += fee;
                n.unclaimedFee = 0;
            }
        }
        if (credit != 0) emit RewardsCredited(nodeId, _beneficiaryOf(p), credit);
    }

    /// @dev Settles every position whose beneficiary is `account`; returns its stored balance and
    /// the newly settled credit (kept in memory: a claim then writes the balance once).
    function _settleBeneficiary(address account) private returns (uint256 stored, uint256 credited) {
        _distribute();
        StakingRegistryStorage storage $ = _storage();
        uint256 rpn = $.rewardPerNode;
        Account storage acc = $.accounts[account];
        mapping(uint256 => uint256) storage list = $.entries[account];
        uint256 length = acc.positionCount;
        for (uint256 i; i < length; ++i) {
            (uint64 nodeId, uint256 index) = _unpack(list[i]);
            NodeRecord storage n = $.nodes[nodeId];
            _settleNode(n, rpn);
            credited += _settlePosition(nodeId, n, index, $.positions[nodeId][index]);
        }
        stored = acc.claimable;
    }

    /// @dev Pays the caller `amount` of its rewards (0: all of them, at least 1) after settling
    /// its positions, and stores the rest.
    function _claim(uint256 amount) private returns (uint256) {
        (uint256 stored, uint256 credited) = _settleBeneficiary(msg.sender);
        uint256 available = stored + credited;
        if (amount == 0) {
            amount = available;
            require(amount != 0, NothingToClaim());
        }
        require(amount <= available, InsufficientRewards(amount, available));
        StakingRegistryStorage storage $ = _storage();
        uint256 rest = available - amount;
        if (rest != stored) $.accounts[msg.sender].claimable = uint64(rest);
        $.accountedBalance -= uint64(amount);
        _TOKEN.safeTransfer(msg.sender, amount);
        emit RewardsClaimed(msg.sender, amount);
        return amount;
    }

    /// @dev Ends node `nodeId` (after a distribution): final rewards credited, key out of the
    /// aggregate, stakes (or, for a liquidation, `returned` split by stake) made withdrawable. The
    /// node's and its positions' carried reward fractions, which now sum to whole atomic units, go
    /// to the operator. The final settlement is computed in memory: an ended node's reward fields
    /// are never read again (views return 0 for it).
    function _exit(uint64 nodeId, NodeRecord storage n, NodeStatus finalStatus, uint256 returned) private {
        StakingRegistryStorage storage $ = _storage();
        (uint256 rps, uint256 fee, uint256 fractions) = _nodeRewardsAt(n, $.rewardPerNode);
        if (n.status == NodeStatus.Active) --$.earningNodes;
        n.status = finalStatus;
        _CONSENSUS.removeKey(nodeId);
        delete $.nodeIdOfEd25519[n.ed25519Key];

        bool liquidated = finalStatus == NodeStatus.Liquidated;
        // In a liquidation the operator gets what the others' rounded-down shares leave.
        (uint256 othersFractions, uint256 operatorStakeBack) =
            _closeOthers(nodeId, n, rps, liquidated ? returned : n.deposit, liquidated);
        fractions += othersFractions;
        Position storage operatorPosition = $.positions[nodeId][0];
        uint256 operatorScaled = uint256(operatorPosition.stake) * (rps - operatorPosition.checkpoint)
            + operatorPosition.remainder;
        fractions += operatorScaled % PRECISION;
        _closePosition(nodeId, operatorPosition, rps, operatorStakeBack, fee + fractions / PRECISION);
    }

    /// @dev Closes positions 1.. of an ending node; `total` is what goes back to all contributors
    /// (the deposit, or the liquidation's returned part, split by stake and rounded down). Returns
    /// their carried fractions and what is left of `total` for the operator.
    function _closeOthers(uint64 nodeId, NodeRecord storage n, uint256 rps, uint256 total, bool liquidated)
        private
        returns (uint256 fractions, uint256 left)
    {
        left = total;
        uint256 count = n.contributorCount;
        uint256 deposit = n.deposit;
        mapping(uint256 => Position) storage positions = _storage().positions[nodeId];
        for (uint256 i = 1; i < count; ++i) {
            Position storage p = positions[i];
            uint256 stakeBack = liquidated ? total * p.stake / deposit : p.stake;
            left -= stakeBack;
            fractions += _closePosition(nodeId, p, rps, stakeBack, 0);
        }
    }

    /// @dev Final settlement of position `p` at `rps`: credits its reward plus `extraReward`,
    /// unlocks `stakeBack`, removes it from its beneficiary's list; returns the carried fraction.
    function _closePosition(
        uint64 nodeId,
        Position storage p,
        uint256 rps,
        uint256 stakeBack,
        uint256 extraReward
    ) private returns (uint256 fraction) {
        uint256 scaled = uint256(p.stake) * (rps - p.checkpoint) + p.remainder;
        fraction = scaled % PRECISION;
        address beneficiary = _beneficiaryOf(p);
        _unlist(beneficiary, p);
        _credit(nodeId, beneficiary, scaled / PRECISION + extraReward);
        _unlock(nodeId, p.staker, stakeBack);
    }

    /// @dev Node `n` settled at `rpn`, without writing it: its `rewardPerStake`, the operator's
    /// fee owed, and the node-level carried fraction (scaled). The fee `earned * feeBps / 10_000` is
    /// rounded down (favouring the contributors); the rest raises `rewardPerStake` rounded down,
    /// its remainder carried. Nodes that do not earn are returned as they are.
    function _nodeRewardsAt(NodeRecord storage n, uint256 rpn)
        private
        view
        returns (uint256 rps, uint256 fee, uint256 fractions)
    {
        rps = n.rewardPerStake;
        fee = n.unclaimedFee;
        fractions = n.stakeCarry;
        if (n.status == NodeStatus.Active) {
            uint256 earned = rpn - n.rewardCheckpoint;
            uint256 newFee = earned * n.feeBps / BPS;
            fee += newFee;
            uint256 scaled = (earned - newFee) * PRECISION + fractions;
            uint256 deposit = n.deposit;
            rps += scaled / deposit;
            fractions = scaled % deposit;
        }
    }

    function _credit(uint64 nodeId, address beneficiary, uint256 amount) private {
        if (amount == 0) return;
        _storage().accounts[beneficiary].claimable += uint64(amount);
        emit RewardsCredited(nodeId, beneficiary, amount);
    }

    function _unlock(uint64 nodeId, address staker, uint256 amount) private {
        if (amount == 0) return;
        _storage().accounts[staker].withdrawable += uint64(amount);
        emit StakeUnlocked(nodeId, staker, amount);
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
        _verifyNetworkSignature(tag, nodeId, timestamp, nonSignerKeys, signature);
        n.lastDecisionAt = timestamp;
        _distribute();
    }

    /// @dev One call site for the consensus registry's check (one copy of the call's encoding).
    function _verifyNetworkSignature(
        bytes32 tag,
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) private view {
        _CONSENSUS.verifyNetworkSignature(tag, nodeId, timestamp, nonSignerKeys, signature);
    }

    function _list(address beneficiary, Position storage p, uint64 nodeId, uint256 index) private {
        StakingRegistryStorage storage $ = _storage();
        Account storage acc = $.accounts[beneficiary];
        uint32 at = acc.positionCount;
        p.listIndex = at;
        $.entries[beneficiary][at] = uint256(nodeId) << 8 | index;
        acc.positionCount = at + 1;
    }

    /// @dev Swap-and-pop removal of `p` from `beneficiary`'s list.
    function _unlist(address beneficiary, Position storage p) private {
        StakingRegistryStorage storage $ = _storage();
        Account storage acc = $.accounts[beneficiary];
        mapping(uint256 => uint256) storage list = $.entries[beneficiary];
        uint256 at = p.listIndex;
        uint32 lastAt = acc.positionCount - 1;
        if (at != lastAt) {
            uint256 moved = list[lastAt];
            list[at] = moved;
            (uint64 movedNode, uint256 movedIndex) = _unpack(moved);
            $.positions[movedNode][movedIndex].listIndex = uint32(at);
        }
        delete list[lastAt];
        acc.positionCount = lastAt;
    }

    function _beneficiaryOf(Position storage p) private view returns (address beneficiary) {
        beneficiary = p.beneficiary;
        if (beneficiary == address(0)) beneficiary = p.staker;
    }

    function _unpack(uint256 entry) private pure returns (uint64 nodeId, uint256 index) {
        return (uint64(entry >> 8), entry & 0xff);
    }

    function _registeredNode(uint64 nodeId) private view returns (NodeRecord storage n) {
        n = _storage().nodes[nodeId];
        require(_isRegistered(n.status), NodeNotRegistered(nodeId));
    }

    function _isRegistered(NodeStatus status) private pure returns (bool) {
        return status == NodeStatus.Active || status == NodeStatus.Decommissioned;
    }

    function _positionIndex(uint64 nodeId, NodeRecord storage n, address account)
        private
        view
        returns (uint256)
    {
        mapping(uint256 => Position) storage positions = _storage().positions[nodeId];
        uint256 count = n.contributorCount;
        for (uint256 i; i < count; ++i) {
            if (positions[i].staker == account) return i;
        }
        revert NotContributor(nodeId, account);
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

    /// @dev `rewardPerNode` as if the pool were pulled and distributed now.
    function _currentRewardPerNode() private view returns (uint256 rpn) {
        StakingRegistryStorage storage $ = _storage();
        rpn = $.rewardPerNode;
        uint256 n = $.earningNodes;
        if (n == 0) return rpn;
        uint256 incoming = _TOKEN.balanceOf(address(this)) - $.accountedBalance;
        if ($.lastDistribution != block.timestamp && _POOL.beneficiary() == address(this)) {
            incoming += _POOL.pendingRelease();
        }
        rpn += (incoming + $.undistributed) / n;
    }

    /// @dev What position `index` of node `nodeId` would be credited if settled at `rpn`.
    function _pendingOfPosition(uint64 nodeId, uint256 index, uint256 rpn) private view returns (uint256) {
        StakingRegistryStorage storage $ = _storage();
        NodeRecord storage n = $.nodes[nodeId];
        if (!_isRegistered(n.status)) return 0;
        Position storage p = $.positions[nodeId][index];
        (uint256 rps, uint256 fee,) = _nodeRewardsAt(n, rpn);
        uint256 amount = (uint256(p.stake) * (rps - p.checkpoint) + p.remainder) / PRECISION;
        return index == 0 ? amount + fee : amount;
    }
}
