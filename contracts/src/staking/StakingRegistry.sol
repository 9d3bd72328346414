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

    /// @dev One node: slots 0, 1 and 3 written at registration, slot 2 only by a decision or a
    /// liquidation. Amounts in uint64: the token's cap (2.4e17) is below 2^64, and so is everything a
    /// node can ever earn.
    struct NodeRecord {
        // slot 0
        address operator;
        uint64 registeredAt;
        uint16 feeBps;
        NodeStatus status;
        uint8 contributorCount;
        // slot 1
        uint64 deposit;
        /// @dev While Active: E = rewardPerNode - earnedBase. Otherwise earnedBase holds E, frozen.
        uint64 earnedBase;
        uint64 exitRequestedAt;
        uint64 lastExitRequestAt;
        // slot 2
        uint64 lastDecisionAt;
        uint64 returnedStake;
        // slot 3
        bytes32 ed25519Key;
    }

    /// @dev One contributor. Slot A is written at registration for shared nodes only: a solo
    /// node's single position is (operator, deposit). Slot B is written at the first claim,
    /// beneficiary change or withdrawal. `beneficiary == address(0)` means the staker.
    struct PositionRecord {
        // slot A
        address staker;
        uint64 stake;
        // slot B
        address beneficiary;
        uint64 rewardsPaid;
        bool stakeWithdrawn;
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
        mapping(uint64 nodeId => mapping(uint256 index => PositionRecord)) positions;
        mapping(bytes32 ed25519Key => uint64 nodeId) nodeIdOfEd25519;
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
    function claimRewards(uint64 nodeId, uint256 index) external nonReentrant returns (uint256 amount) {
        (NodeRecord storage n, PositionRecord storage p, address staker,) = _position(nodeId, index);
        address beneficiary = _beneficiaryOf(p, staker);
        require(msg.sender == beneficiary || msg.sender == staker, NotBeneficiary(nodeId, index, msg.sender));
        amount = _claimable(nodeId, n, index, p, _storage().rewardPerNode);
        require(amount != 0, NothingToClaim());
        _pay(nodeId, index, p, beneficiary, amount);
    }

    /// @inheritdoc IStakingRegistry
    function claimRewards(uint64 nodeId, uint256 index, uint256 amount) external nonReentrant {
        require(amount != 0, NothingToClaim());
        (NodeRecord storage n, PositionRecord storage p, address staker,) = _position(nodeId, index);
        require(msg.sender == _beneficiaryOf(p, staker), NotBeneficiary(nodeId, index, msg.sender));
        uint256 available = _claimable(nodeId, n, index, p, _storage().rewardPerNode);
        require(amount <= available, InsufficientRewards(amount, available));
        _pay(nodeId, index, p, msg.sender, amount);
    }

    /// @inheritdoc IStakingRegistry
    function claimRewards(PositionRef[] calldata refs) external nonReentrant returns (uint256 amount) {
        uint256 rpn = _storage().rewardPerNode;
        for (uint256 i; i < refs.length; ++i) {
            (uint64 nodeId, uint256 index) = (refs[i].nodeId, refs[i].index);
            (NodeRecord storage n, PositionRecord storage p, address staker,) = _position(nodeId, index);
            require(msg.sender == _beneficiaryOf(p, staker), NotBeneficiary(nodeId, index, msg.sender));
            uint256 due = _claimable(nodeId, n, index, p, rpn);
            if (due == 0) continue;
            _recordPaid(nodeId, index, p, msg.sender, due);
            amount += due;
        }
        require(amount != 0, NothingToClaim());
        _transferOut(msg.sender, amount);
    }

    /// @inheritdoc IStakingRegistry
    function setBeneficiary(uint64 nodeId, address newBeneficiary) external nonReentrant {
        require(newBeneficiary != address(0), ZeroAddress());
        NodeRecord storage n = _storage().nodes[nodeId];
        uint256 index = _positionIndex(nodeId, n, msg.sender);
        PositionRecord storage p = _storage().positions[nodeId][index];
        address old = _beneficiaryOf(p, msg.sender);
        uint256 due = _claimable(nodeId, n, index, p, _storage().rewardPerNode);
        if (due != 0) _pay(nodeId, index, p, old, due);
        p.beneficiary = newBeneficiary == msg.sender ? address(0) : newBeneficiary;
        emit BeneficiaryUpdated(nodeId, msg.sender, old, newBeneficiary);
    }

    // -------------------------------------------------------------------------------- exits

    /// @inheritdoc IStakingRegistry
    /// @dev Changes no reward state, so it does not pull the pool.
    function requestExit(uint64 nodeId) external nonReentrant whenNotPaused {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 index = _positionIndex(nodeId, n, msg.sender);
        (, uint256 stake) = _stakerAndStake(nodeId, n, index);
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
        bytes calldata blsKey,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 exitableAt = uint256(n.registeredAt) + MIN_SIGNED_EXIT_AGE;
        require(block.timestamp >= exitableAt, NodeTooYoung(nodeId, exitableAt));
        _CONSENSUS.verifyNetworkSignature(
            ConsensusMessages.EXIT_TAG, nodeId, timestamp, nonSignerKeys, signature
        );
        _distribute();
        uint256 earned = _end(nodeId, n, blsKey, NodeStatus.Exited);
        emit NodeExited(nodeId, true, earned);
    }

    /// @inheritdoc IStakingRegistry
    function finalizeExit(uint64 nodeId, bytes calldata blsKey) external nonReentrant {
        NodeRecord storage n = _registeredNode(nodeId);
        uint256 requested = n.exitRequestedAt;
        require(requested != 0, ExitNotRequested(nodeId));
        uint256 unlock = requested + LOCK_PERIOD;
        require(block.timestamp >= unlock, ExitNotUnlocked(nodeId, unlock));
        _distribute();
        uint256 earned = _end(nodeId, n, blsKey, NodeStatus.Exited);
        emit NodeExited(nodeId, false, earned);
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
        _CONSENSUS.verifyNetworkSignature(
            ConsensusMessages.LIQUIDATION_TAG, nodeId, timestamp, nonSignerKeys, signature
        );
        uint256 earned = _end(nodeId, n, blsKey, NodeStatus.Liquidated);
        StakingRegistryStorage storage $ = _storage();
        (uint256 liquidatorPart, uint256 poolPart, uint256 returned) =
            _liquidationParts(n.deposit, $.liquidatorRatio, $.poolRatio, $.returnedRatio);
        n.returnedStake = uint64(returned);
        $.accountedBalance -= uint64(liquidatorPart + poolPart);
        emit NodeLiquidated(nodeId, msg.sender, liquidatorPart, poolPart, returned, earned);
        if (liquidatorPart != 0) _TOKEN.safeTransfer(msg.sender, liquidatorPart);
        if (poolPart != 0) _TOKEN.safeTransfer(address(_POOL), poolPart);
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
        uint256 index = _positionIndex(nodeId, n, msg.sender);
        PositionRecord storage p = _storage().positions[nodeId][index];
        require(!p.stakeWithdrawn, StakeAlreadyWithdrawn(nodeId, index));
        p.stakeWithdrawn = true;
        amount = _stakeBack(nodeId, n, index);
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
    function maxContributors() external pure returns (uint256) {
        return MAX_CONTRIBUTORS;
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
        info.returnedStake = n.returnedStake;
        uint256 rpn = $.rewardPerNode;
        info.earned = _earned(n, rpn);
        uint256 count = n.contributorCount;
        info.contributors = new Position[](count);
        for (uint256 i; i < count; ++i) {
            PositionRecord storage p = $.positions[nodeId][i];
            (address staker, uint256 stake) = _stakerAndStake(nodeId, n, i);
            info.contributors[i] = Position({
                staker: staker,
                beneficiary: _beneficiaryOf(p, staker),
                stake: stake,
                rewardsPaid: p.rewardsPaid,
                claimable: _claimable(nodeId, n, i, p, rpn),
                stakeWithdrawn: p.stakeWithdrawn,
                withdrawable: _isEnded(n.status) && !p.stakeWithdrawn ? _stakeBack(nodeId, n, i) : 0
            });
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
    function claimableRewards(uint64 nodeId, uint256 index) external view returns (uint256) {
        (NodeRecord storage n, PositionRecord storage p,,) = _position(nodeId, index);
        return _claimable(nodeId, n, index, p, _storage().rewardPerNode);
    }

    /// @inheritdoc IStakingRegistry
    function pendingRewards(uint64 nodeId, uint256 index) external view returns (uint256) {
        (NodeRecord storage n, PositionRecord storage p,,) = _position(nodeId, index);
        return _claimable(nodeId, n, index, p, _currentRewardPerNode());
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
        _createPositions(nodeId, contributors);
        _TOKEN.safeTransferFrom(msg.sender, address(this), requirement);
    }

    /// @dev Writes the node record, earning from the current `rewardPerNode`.
    function _createNode(
        address operator,
        bytes32 ed25519Key,
        uint16 feeBps,
        uint256 count,
        uint256 requirement,
        uint64 registeredAt
    ) private returns (uint64 nodeId) {
        StakingRegistryStorage storage $ = _storage();
        uint64 base = $.rewardPerNode;
        nodeId = ++$.lastNodeId;
        NodeRecord storage n = $.nodes[nodeId];
        (n.operator, n.registeredAt, n.feeBps, n.status, n.contributorCount) =
        (operator, registeredAt, feeBps, NodeStatus.Active, uint8(count));
        (n.deposit, n.earnedBase) = (uint64(requirement), base);
        n.ed25519Key = ed25519Key;
        $.nodeIdOfEd25519[ed25519Key] = nodeId;
        ++$.earningNodes;
        $.accountedBalance += uint64(requirement);
        emit NodeRegistered(nodeId, operator, ed25519Key, feeBps, requirement, registeredAt, base);
    }

    /// @dev One slot per contributor of a shared node, none for a solo node (its position is
    /// implicit), plus the beneficiary where it is not the staker.
    function _createPositions(uint64 nodeId, Contributor[] calldata contributors) private {
        mapping(uint256 => PositionRecord) storage positions = _storage().positions[nodeId];
        uint256 count = contributors.length;
        for (uint256 i; i < count; ++i) {
            Contributor calldata c = contributors[i];
            address beneficiary = c.beneficiary;
            if (count != 1) (positions[i].staker, positions[i].stake) = (c.staker, uint64(c.stake));
            if (beneficiary == address(0)) beneficiary = c.staker;
            else if (beneficiary != c.staker) positions[i].beneficiary = beneficiary;
            emit ContributorAdded(nodeId, uint8(i), c.staker, beneficiary, c.stake);
        }
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

    /// @dev Pulls the pool once per block and shares what arrived (plus the carried remainder)
    /// equally among the earning nodes; the division's remainder (or everything, if N == 0) is
    /// carried to the next distribution. Arrivals are measured on the balance, so tokens paid by a
    /// third party's `pool.release()` (or sent directly) are distributed, never stranded.
    function _distribute() private {
        StakingRegistryStorage storage $ = _storage();
        if ($.lastDistribution == block.timestamp) return;
        $.lastDistribution = uint40(block.timestamp);
        // A pool without this registry as beneficiary (or otherwise failing) must never block
        // registrations, exits or payouts. A failure for lack of gas is the caller's doing (it
        // would skip the payout, and make gas estimates skip it too): that one is refused.
        uint256 gasBefore = gasleft();
        try _POOL.release() {}
        catch {
            // Out of gas, the pool's proxy and its implementation each keep 1/64 of what they got,
            // so about 1/32 of `gasBefore` is left here; a refusal by the pool costs far less.
            require(gasleft() > gasBefore / 16, PoolReleaseOutOfGas());
        }
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

    /// @dev Pays `amount` of position `p`'s rewards to `beneficiary`.
    function _pay(uint64 nodeId, uint256 index, PositionRecord storage p, address beneficiary, uint256 amount)
        private
    {
        _recordPaid(nodeId, index, p, beneficiary, amount);
        _transferOut(beneficiary, amount);
    }

    function _recordPaid(
        uint64 nodeId,
        uint256 index,
        PositionRecord storage p,
        address beneficiary,
        uint256 amount
    ) private {
        p.rewardsPaid += uint64(amount);
        emit RewardsClaimed(nodeId, uint8(index), beneficiary, amount);
    }

    /// @dev Sends `amount` of what the registry holds and owes (stake or rewards) to `to`.
    function _transferOut(address to, uint256 amount) private {
        _storage().accountedBalance -= uint64(amount);
        _TOKEN.safeTransfer(to, amount);
    }

    /// @dev E of node `n` at `rpn`: what it has earned in all (frozen unless Active).
    function _earned(NodeRecord storage n, uint256 rpn) private view returns (uint256) {
        return n.status == NodeStatus.Active ? rpn - n.earnedBase : n.earnedBase;
    }

    /// @dev Entitlement minus what was paid: `E * w_i / W` rounded down, or for the operator of an
    /// ended node E minus the others' entitlements (the rounding dust, now final, is the
    /// operator's). While the node earns the operator takes `E * w_0 / W` rounded down, which never
    /// exceeds its final share, so nothing is ever paid twice.
    function _claimable(
        uint64 nodeId,
        NodeRecord storage n,
        uint256 index,
        PositionRecord storage p,
        uint256 rpn
    ) private view returns (uint256) {
        uint256 earned = _earned(n, rpn);
        uint256 fee = n.feeBps;
        uint256 entitled;
        if (index == 0 && _isEnded(n.status)) {
            entitled = earned - _othersShares(nodeId, n, earned * (BPS - fee), uint256(n.deposit) * BPS);
        } else {
            uint256 weight = _stakeOf(nodeId, n, index) * (BPS - fee);
            if (index == 0) weight += fee * n.deposit;
            entitled = earned * weight / (uint256(n.deposit) * BPS);
        }
        return entitled - p.rewardsPaid;
    }

    /// @dev The stake position `index` of ended node `n` gets back: all of it after an exit, its
    /// part of the returned stake after a liquidation.
    function _stakeBack(uint64 nodeId, NodeRecord storage n, uint256 index) private view returns (uint256) {
        if (n.status == NodeStatus.Exited) return _stakeOf(nodeId, n, index);
        return _share(nodeId, n, index, n.returnedStake, uint256(n.deposit));
    }

    /// @dev `amount * stake_i / deposit` rounded down for i >= 1; for the operator, `amount` minus
    /// the others' parts (it gets the rounding dust).
    function _share(uint64 nodeId, NodeRecord storage n, uint256 index, uint256 amount, uint256 deposit)
        private
        view
        returns (uint256)
    {
        if (index != 0) return amount * _stakeOf(nodeId, n, index) / deposit;
        return amount - _othersShares(nodeId, n, amount, deposit);
    }

    /// @dev Sum over positions 1.. of `numerator * stake_i / denominator`, each rounded down.
    function _othersShares(uint64 nodeId, NodeRecord storage n, uint256 numerator, uint256 denominator)
        private
        view
        returns (uint256 sum)
    {
        uint256 count = n.contributorCount;
        mapping(uint256 => PositionRecord) storage positions = _storage().positions[nodeId];
        for (uint256 i = 1; i < count; ++i) {
            sum += numerator * positions[i].stake / denominator;
        }
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
        _CONSENSUS.verifyNetworkSignature(tag, nodeId, timestamp, nonSignerKeys, signature);
        n.lastDecisionAt = timestamp;
        _distribute();
    }

    /// @dev Node `nodeId`'s position `index`, its staker and stake; reverts with {NoSuchPosition}.
    function _position(uint64 nodeId, uint256 index)
        private
        view
        returns (NodeRecord storage n, PositionRecord storage p, address staker, uint256 stake)
    {
        StakingRegistryStorage storage $ = _storage();
        n = $.nodes[nodeId];
        require(index < n.contributorCount, NoSuchPosition(nodeId, index));
        p = $.positions[nodeId][index];
        (staker, stake) = _stakerAndStake(nodeId, n, index);
    }

    /// @dev A solo node's only position is implicit: (operator, deposit).
    function _stakerAndStake(uint64 nodeId, NodeRecord storage n, uint256 index)
        private
        view
        returns (address staker, uint256 stake)
    {
        if (n.contributorCount == 1) return (n.operator, n.deposit);
        PositionRecord storage p = _storage().positions[nodeId][index];
        return (p.staker, p.stake);
    }

    function _stakeOf(uint64 nodeId, NodeRecord storage n, uint256 index)
        private
        view
        returns (uint256 stake)
    {
        (, stake) = _stakerAndStake(nodeId, n, index);
    }

    function _beneficiaryOf(PositionRecord storage p, address staker)
        private
        view
        returns (address beneficiary)
    {
        beneficiary = p.beneficiary;
        if (beneficiary == address(0)) beneficiary = staker;
    }

    function _registeredNode(uint64 nodeId) private view returns (NodeRecord storage n) {
        n = _storage().nodes[nodeId];
        require(_isRegistered(n.status), NodeNotRegistered(nodeId));
    }

    function _isRegistered(NodeStatus status) private pure returns (bool) {
        return status == NodeStatus.Active || status == NodeStatus.Decommissioned;
    }

    function _isEnded(NodeStatus status) private pure returns (bool) {
        return status == NodeStatus.Exited || status == NodeStatus.Liquidated;
    }

    /// @dev The caller's position in node `nodeId` (the operator's is found without a scan).
    function _positionIndex(uint64 nodeId, NodeRecord storage n, address account)
        private
        view
        returns (uint256)
    {
        if (account == n.operator) return 0;
        mapping(uint256 => PositionRecord) storage positions = _storage().positions[nodeId];
        uint256 count = n.contributorCount;
        for (uint256 i = 1; i < count; ++i) {
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
}
