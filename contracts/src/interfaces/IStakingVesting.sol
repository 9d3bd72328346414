// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "./IContributionContract.sol";
import {IContributionFactory} from "./IContributionFactory.sol";
import {IStakingRegistry} from "./IStakingRegistry.sol";
import {IVesting} from "./IVesting.sol";

/// @title Vesting whose locked tokens can be staked
/// @notice An {IVesting} that is itself the staker (and operator) of the stakes it makes: a solo node
/// in the staking registry, or a contribution contract of the contribution factory, as operator or
/// contributor. The registry and the factory are fixed per vesting factory (immutables of the
/// implementation), so no beneficiary can point it at another registry; it deposits only into
/// contracts that factory {IContributionFactory-owns}.
///
/// A stake can only ever come back here: the registry and contribution contracts pay a stake to its
/// staker, this contract. Rewards are not locked: every position starts with this contract as its
/// beneficiary (no extra slot per deposit) and {claimRewards}, which anyone may call, forwards what the
/// registry pays to whoever is the beneficiary at that moment (so a beneficiary transfer needs nothing
/// re-pointed); the beneficiary may name itself as the position's beneficiary
/// ({setRewardBeneficiary}) to be paid by the registry directly, e.g. through a staking portal. Nothing here sends SESH anywhere else than the
/// beneficiary (release, rewards), the revoker (the unvested part) and deposits into the registry or
/// the factory's contribution contracts.
///
/// Who may do what:
/// - deposits ({registerNode}, {createContribution}, {contribute}): the beneficiary, only before a
///   revoke (a revoked vesting stakes nothing new);
/// - unwinding that changes a live stake ({requestExit}, {withdrawContribution},
///   {cancelContribution}) and finalizing a contribution it operates: the beneficiary, and after a
///   revoke also the revoker, who takes over the control of what is still staked;
/// - bringing an ended stake home ({withdrawStake}, {withdrawContractStake}, {claimRefund},
///   {finalizeExit}) and {claimRewards}: anyone (the tokens only come back here, rewards only go to the
///   beneficiary).
///
/// Proof of possession: a node this contract operates is registered with this contract's address as
/// operator, so the node's proof of possession must bind this contract's address (docs/consensus.md).
interface IStakingVesting is IVesting {
    // ------------------------------------------------------------------------------ errors

    /// @notice `account` is not a contribution contract of the configured factory.
    error UnknownContributionContract(address account);
    /// @notice Deposits stop at a revoke.
    error StakingClosedByRevoke();
    /// @notice Only the beneficiary, or after a revoke the revoker, may call this.
    error CallerNotStakeManager(address caller);
    /// @notice This contract has no solo stake in node `nodeId`.
    error NoSoloStake(uint64 nodeId);
    /// @notice This contract has no stake in contribution contract `contributionContract`.
    error NoContractStake(address contributionContract);
    /// @notice Contribution contract `contributionContract` has not registered its node.
    error ContributionNotFinalized(address contributionContract);

    // ------------------------------------------------------------------------------ events

    /// @notice `amount` left for `target` (the registry for a solo node `nodeId`, or a contribution
    /// contract with `nodeId` 0).
    event Staked(address indexed target, uint64 indexed nodeId, uint256 amount);
    /// @notice `amount` of stake came home from `source` (registry or contribution contract, node
    /// `nodeId` or 0); `loss` of the principal was taken by a liquidation.
    event StakeReturned(address indexed source, uint64 indexed nodeId, uint256 amount, uint256 loss);
    /// @notice This contract created contribution contract `contributionContract` as its operator.
    event ContributionContractCreated(address indexed contributionContract);
    /// @notice Rewards of `amount` that were paid to this contract went on to `beneficiary`.
    event RewardsForwarded(address indexed beneficiary, uint256 amount);

    // ------------------------------------------------------------------------------ deposits

    /// @notice Beneficiary only, before a revoke: registers a solo node with the staking requirement
    /// from the balance held (approving exactly that, which the registry takes whole), this contract as
    /// operator, staker and position beneficiary (rewards: {claimRewards}).
    /// @param blsKey 128-byte EIP-2537 G1 key.
    /// @param ed25519Key The node's Ed25519 key.
    /// @param proofOfPossession 256-byte signature binding this contract's address as operator.
    /// @return nodeId The registry's id of the new node.
    function registerNode(bytes calldata blsKey, bytes32 ed25519Key, bytes calldata proofOfPossession)
        external
        returns (uint64 nodeId);

    /// @notice Beneficiary only, before a revoke: creates a contribution contract whose operator is
    /// this contract ({IContributionFactory-create}) and, if `operatorStake` is not zero, deposits it
    /// as the operator's first deposit.
    /// @param proofOfPossession Binds this contract's address as operator.
    /// @param operatorStake Atomic SESH units (0: deposit later with {contribute}).
    /// @return contributionContract The new contract.
    function createContribution(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations,
        uint256 operatorStake
    ) external returns (address contributionContract);

    /// @notice Beneficiary only, before a revoke: deposits `amount` from the balance held into
    /// `contributionContract` (one the configured factory owns) under the terms of version
    /// `termsVersion` ({IContributionContract-contribute}).
    function contribute(address contributionContract, uint256 amount, uint32 termsVersion) external;

    // ------------------------------------------------------------------------------ unwinding

    /// @notice Beneficiary, or revoker after a revoke: finalizes a contribution contract this
    /// contract operates ({IContributionContract-finalize}).
    /// @return nodeId The registry's id of the node.
    function finalizeContribution(address contributionContract) external returns (uint64 nodeId);

    /// @notice Beneficiary, or revoker after a revoke: cancels a contribution contract this contract
    /// operates ({IContributionContract-cancel}); every contribution, this one's included, becomes
    /// refundable ({claimRefund}).
    function cancelContribution(address contributionContract) external;

    /// @notice Beneficiary, or revoker after a revoke: withdraws this contract's whole contribution
    /// from a contribution contract that has not registered ({IContributionContract-withdraw}).
    /// @return amount Atomic SESH units that came home.
    function withdrawContribution(address contributionContract) external returns (uint256 amount);

    /// @notice Anyone: takes this contract's refund from a reset or cancelled contribution contract.
    /// @return amount Atomic SESH units that came home.
    function claimRefund(address contributionContract) external returns (uint256 amount);

    /// @notice Beneficiary, or revoker after a revoke: asks node `nodeId` (solo or through a
    /// contribution contract) to exit ({IStakingRegistry-requestExit}).
    function requestExit(uint64 nodeId) external;

    /// @notice Anyone: completes node `nodeId`'s exit 30 days after the request
    /// ({IStakingRegistry-finalizeExit}).
    /// @param blsKey The node's BLS key.
    function finalizeExit(uint64 nodeId, bytes calldata blsKey) external;

    /// @notice Anyone: brings home the stake of ended solo node `nodeId`; a shortfall against the
    /// principal (a liquidation's penalty) is recorded as lost.
    /// @return amount Atomic SESH units that came home.
    function withdrawStake(uint64 nodeId) external returns (uint256 amount);

    /// @notice Anyone: brings home this contract's stake in the ended node of `contributionContract`;
    /// a shortfall against what it contributed is recorded as lost.
    /// @return amount Atomic SESH units that came home.
    function withdrawContractStake(address contributionContract) external returns (uint256 amount);

    // ------------------------------------------------------------------------------ rewards

    /// @notice Anyone: claims the rewards of this contract's position in node `nodeId`; the registry
    /// pays the position's beneficiary, and whatever it pays this contract goes on to the
    /// beneficiary.
    /// @return amount Atomic SESH units of rewards paid.
    function claimRewards(uint64 nodeId) external returns (uint256 amount);

    /// @notice Beneficiary only: names the current beneficiary as beneficiary of this contract's
    /// positions in `nodeIds` ({IStakingRegistry-setBeneficiary}); what was claimable is paid to the
    /// old beneficiary first (forwarded to the current one if that was this contract). For contribution
    /// positions once their node registered, and after a beneficiary transfer.
    function setRewardBeneficiary(uint64[] calldata nodeIds) external;

    // ------------------------------------------------------------------------------ views

    /// @notice The staking registry (fixed per factory).
    function REGISTRY() external view returns (IStakingRegistry);
    /// @notice The contribution factory whose contracts this vesting may deposit into.
    function CONTRIBUTION_FACTORY() external view returns (IContributionFactory);
    /// @notice The principal staked in solo node `nodeId` and not yet home.
    function soloStake(uint64 nodeId) external view returns (uint256);
    /// @notice The principal in `contributionContract` (contribution or refund) not yet home.
    function contractStake(address contributionContract) external view returns (uint256);
}
