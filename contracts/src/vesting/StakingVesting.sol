// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IContributionFactory} from "../interfaces/IContributionFactory.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {IStakingVesting} from "../interfaces/IStakingVesting.sol";
import {VestingArgs} from "./VestingArgs.sol";
import {VestingBase} from "./VestingBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title StakingVesting
/// @notice See {IStakingVesting}.
/// @dev Every stake is recorded as principal where it went (a solo node's id, a contribution
/// contract's address) and leaves the books only when it comes home through this contract's own
/// calls, which measure what arrived: a shortfall is a liquidation's penalty ({lost}). The registry
/// and the contribution contracts pay a stake to its staker and rewards to the position's
/// beneficiary, so no other path brings SESH here or sends it away.
contract StakingVesting is IStakingVesting, VestingBase {
    using SafeERC20 for IERC20;

    /// @inheritdoc IStakingVesting
    IStakingRegistry public immutable REGISTRY;
    /// @inheritdoc IStakingVesting
    IContributionFactory public immutable CONTRIBUTION_FACTORY;

    mapping(uint64 nodeId => uint256 principal) private _soloStake;
    /// @dev Contribution contracts whose node's stake this vesting took home (written only then:
    /// deposits store nothing per contract, the contract keeps the contribution).
    mapping(address contributionContract => bool withdrawn) private _nodeStakeWithdrawn;

    /// @param token The SESH token.
    /// @param factory The vesting factory, the only address that initializes clones.
    /// @param registry The staking registry.
    /// @param contributionFactory The contribution factory whose contracts may be deposited into.
    constructor(
        IERC20 token,
        address factory,
        IStakingRegistry registry,
        IContributionFactory contributionFactory
    ) VestingBase(token, factory) {
        REGISTRY = registry;
        CONTRIBUTION_FACTORY = contributionFactory;
    }

    /// @dev The beneficiary, before a revoke.
    modifier onlyDepositor() {
        require(msg.sender == _beneficiary, CallerNotBeneficiary(msg.sender, _beneficiary));
        require(_revokedAt == 0, StakingClosedByRevoke());
        _;
    }

    /// @dev The beneficiary, and after a revoke the revoker.
    modifier onlyStakeManager() {
        if (msg.sender != _beneficiary) {
            (address revoker_,,) = VestingArgs.read();
            require(_revokedAt != 0 && msg.sender == revoker_, CallerNotStakeManager(msg.sender));
        }
        _;
    }

    // ------------------------------------------------------------------------------ deposits

    /// @inheritdoc IStakingVesting
    function registerNode(bytes calldata blsKey, bytes32 ed25519Key, bytes calldata proofOfPossession)
        external
        onlyDepositor
        nonReentrant
        returns (uint64 nodeId)
    {
        uint256 stake = REGISTRY.stakingRequirement();
        IStakingRegistry.Contributor[] memory contributors = new IStakingRegistry.Contributor[](1);
        // The position's beneficiary is this contract (no extra slot in the registry): {claimRewards}
        // forwards to whoever is the beneficiary then ({setRewardBeneficiary} points it directly).
        contributors[0] = IStakingRegistry.Contributor(address(this), address(0), stake);
        // Exactly the deposit, which the registry takes whole: no allowance is left behind.
        TOKEN.forceApprove(address(REGISTRY), stake);
        nodeId = REGISTRY.registerNode(blsKey, ed25519Key, proofOfPossession, 0, contributors);
        _soloStake[nodeId] = stake;
        _stakedOut += SafeCast.toUint96(stake);
        emit Staked(address(REGISTRY), nodeId, stake);
    }

    /// @inheritdoc IStakingVesting
    function createContribution(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations,
        uint256 operatorStake
    ) external onlyDepositor nonReentrant returns (address contributionContract) {
        contributionContract = CONTRIBUTION_FACTORY.create(
                blsKey, ed25519Key, proofOfPossession, feeBps, autoFinalize, reservations
            );
        emit ContributionContractCreated(contributionContract);
        if (operatorStake != 0) {
            _contribute(
                contributionContract,
                operatorStake,
                IContributionContract(contributionContract).termsVersion()
            );
        }
    }

    /// @inheritdoc IStakingVesting
    function contribute(address contributionContract, uint256 amount, uint32 termsVersion)
        external
        onlyDepositor
        nonReentrant
    {
        require(
            CONTRIBUTION_FACTORY.owns(contributionContract), UnknownContributionContract(contributionContract)
        );
        _contribute(contributionContract, amount, termsVersion);
    }

    // ------------------------------------------------------------------------------ unwinding

    /// @inheritdoc IStakingVesting
    function finalizeContribution(address contributionContract)
        external
        onlyStakeManager
        nonReentrant
        returns (uint64 nodeId)
    {
        _requireStake(contributionContract);
        return IContributionContract(contributionContract).finalize();
    }

    /// @inheritdoc IStakingVesting
    function cancelContribution(address contributionContract) external onlyStakeManager nonReentrant {
        _requireStake(contributionContract);
        IContributionContract(contributionContract).cancel();
    }

    /// @inheritdoc IStakingVesting
    function withdrawContribution(address contributionContract)
        external
        onlyStakeManager
        nonReentrant
        returns (uint256 amount)
    {
        _requireStake(contributionContract);
        uint256 before = TOKEN.balanceOf(address(this));
        IContributionContract(contributionContract).withdraw();
        amount = _returned(contributionContract, before, 0, 0);
    }

    /// @inheritdoc IStakingVesting
    function claimRefund(address contributionContract) external nonReentrant returns (uint256 amount) {
        _requireStake(contributionContract);
        uint256 before = TOKEN.balanceOf(address(this));
        IContributionContract(contributionContract).claimRefund();
        amount = _returned(contributionContract, before, 0, 0);
    }

    /// @inheritdoc IStakingVesting
    function requestExit(uint64 nodeId) external onlyStakeManager nonReentrant {
        REGISTRY.requestExit(nodeId);
    }

    /// @inheritdoc IStakingVesting
    function finalizeExit(uint64 nodeId, bytes calldata blsKey) external nonReentrant {
        REGISTRY.finalizeExit(nodeId, blsKey);
    }

    /// @inheritdoc IStakingVesting
    function withdrawStake(uint64 nodeId) external nonReentrant returns (uint256 amount) {
        uint256 principal = _soloStake[nodeId];
        require(principal != 0, NoSoloStake(nodeId));
        delete _soloStake[nodeId];
        uint256 before = TOKEN.balanceOf(address(this));
        REGISTRY.withdrawStake(nodeId);
        amount = _returned(address(REGISTRY), before, nodeId, principal);
    }

    /// @inheritdoc IStakingVesting
    function withdrawContractStake(address contributionContract)
        external
        nonReentrant
        returns (uint256 amount)
    {
        _requireStake(contributionContract);
        uint64 nodeId = IContributionContract(contributionContract).nodeId();
        require(nodeId != 0, ContributionNotFinalized(contributionContract));
        // Frozen once finalized: what this contract staked in the node (a refund owed from an earlier
        // reset stays in the contract's principal, for {claimRefund}).
        (uint256 staked,) = IContributionContract(contributionContract).contributorOf(address(this));
        uint256 before = TOKEN.balanceOf(address(this));
        REGISTRY.withdrawStake(nodeId);
        _nodeStakeWithdrawn[contributionContract] = true;
        amount = _returned(contributionContract, before, nodeId, staked);
    }

    // ------------------------------------------------------------------------------ rewards

    /// @inheritdoc IStakingVesting
    function claimRewards(uint64 nodeId) external nonReentrant returns (uint256 amount) {
        uint256 before = TOKEN.balanceOf(address(this));
        amount = REGISTRY.claimRewards(nodeId, address(this));
        _forwardRewards(before);
    }

    /// @inheritdoc IStakingVesting
    function setRewardBeneficiary(uint64[] calldata nodeIds) external onlyBeneficiary nonReentrant {
        uint256 before = TOKEN.balanceOf(address(this));
        for (uint256 i; i < nodeIds.length; ++i) {
            REGISTRY.setBeneficiary(nodeIds[i], msg.sender);
        }
        _forwardRewards(before);
    }

    // ------------------------------------------------------------------------------ views

    /// @inheritdoc IStakingVesting
    function soloStake(uint64 nodeId) external view returns (uint256) {
        return _soloStake[nodeId];
    }

    /// @inheritdoc IStakingVesting
    function contractStake(address contributionContract) external view returns (uint256) {
        return _contractStakeOf(contributionContract);
    }

    // ------------------------------------------------------------------------------ internals

    function _contribute(address contributionContract, uint256 amount, uint32 termsVersion) private {
        // Exactly the deposit, which the contract takes whole: no allowance is left behind.
        TOKEN.forceApprove(contributionContract, amount);
        IContributionContract(contributionContract).contribute(amount, termsVersion);
        _stakedOut += SafeCast.toUint96(amount);
        emit Staked(contributionContract, 0, amount);
    }

    /// @dev Only contracts of the factory in which this vesting has a contribution or a refund; the
    /// contract itself keeps both, so nothing is stored here per contract.
    function _requireStake(address contributionContract) private view {
        require(_contractStakeOf(contributionContract) != 0, NoContractStake(contributionContract));
    }

    /// @dev This vesting's principal in `contributionContract`: its contribution (until it came home
    /// from the registry once the node ended) plus any refund owed. 0 for a contract the factory does
    /// not own.
    function _contractStakeOf(address contributionContract) private view returns (uint256) {
        if (!CONTRIBUTION_FACTORY.owns(contributionContract)) return 0;
        IContributionContract c = IContributionContract(contributionContract);
        uint256 contribution = _nodeStakeWithdrawn[contributionContract] ? 0 : c.contributionOf(address(this));
        return contribution + c.refundable(address(this));
    }

    /// @dev Books what came home since `before`: a withdrawal or a refund returns its principal whole
    /// (`principal` 0: what arrived); an ended node returns `principal` or less, the shortfall lost.
    function _returned(address source, uint256 before, uint64 nodeId, uint256 principal)
        private
        returns (uint256 amount)
    {
        amount = TOKEN.balanceOf(address(this)) - before;
        if (principal == 0) principal = amount;
        uint256 loss = principal > amount ? principal - amount : 0;
        _stakedOut -= uint96(principal);
        _lost += uint128(loss);
        emit StakeReturned(source, nodeId, amount, loss);
    }

    /// @dev Rewards the registry paid this contract (a position whose beneficiary is still this
    /// contract) since `before` go on to the beneficiary: they are never locked.
    function _forwardRewards(uint256 before) private {
        uint256 arrived = TOKEN.balanceOf(address(this)) - before;
        if (arrived != 0) {
            address to = _beneficiary;
            emit RewardsForwarded(to, arrived);
            TOKEN.safeTransfer(to, arrived);
        }
    }
}
