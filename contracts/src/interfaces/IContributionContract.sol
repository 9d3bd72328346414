// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "./IStakingRegistry.sol";

/// @title Contribution contract of one prospective multi-contributor node
/// @notice Collects the stake of an operator and up to nine contributors, then registers the node in
/// the staking registry with every contributor and their stake. Deployed per node by the
/// {IContributionFactory} as a minimal proxy (clone) of one implementation.
///
/// Life cycle, a pure function of the funds (see {status}): `WaitingForOperator` until the operator
/// has deposited, `Open` while contributions sum to less than the requirement captured at creation,
/// `Filled` exactly when they sum to it, `Finalized` once registered, `Cancelled` once the operator
/// gave up. Any withdrawal re-opens a filled contract; `reset` returns it to `WaitingForOperator`.
///
/// Rules: the operator deposits first, at least 25% of the requirement (rounded up). A new
/// contributor pays at least ceil(free stake / free slots), where the free stake and the free slots
/// exclude unfilled reservations (see {minimumContribution}); a reserved contributor pays at least
/// the reserved amount; top-ups by existing contributors have no minimum; at most 10 contributors;
/// the contributions never exceed the requirement minus the unfilled reservations.
///
/// Registry drift: if the registry's staking requirement or contributor limit no longer equals the
/// one captured at creation, the contract refuses deposits and finalization, and every contributor
/// may withdraw at once.
///
/// Terms: every change of what a deposit lands under (fee, keys, reservations, and a reset, which
/// lets all of them change) bumps {termsVersion}, and {contribute} must quote the version the
/// depositor saw: an operator who changes the terms in front of a pending deposit (reset, refund,
/// fee 100%, re-deposit) makes it fail with {TermsChanged} instead of landing under the new terms.
///
/// Keys: creation and {updateKeys} refuse all-zero keys and keys a registered node already holds
/// (Ed25519 or BLS). The proof of possession is checked only for its length and encoding there (a
/// pairing would double the cost of creation); {IStakingLens-finalizeCheck} verifies it, with
/// everything else the registration needs, so frontends can tell whether the node could register
/// now. The registry
/// verifies it at finalization.
///
/// Everything fixed at creation (operator, requirement, contributor limit, fee, auto-finalize, keys,
/// serial number) is in the clone's immutable arguments; a contributor is one storage slot.
interface IContributionContract {
    // ------------------------------------------------------------------------------ types

    /// @notice Life cycle of a contribution contract.
    enum Status {
        WaitingForOperator,
        Open,
        Filled,
        Finalized,
        Cancelled
    }

    /// @notice An amount of stake reserved for a named address.
    /// @param staker The address the slot is reserved for (not the operator, not zero, unique).
    /// @param amount Atomic SESH units the staker must pay at least; non-zero.
    struct Reservation {
        address staker;
        uint256 amount;
    }

    /// @notice A contributor as shown to a staking portal.
    /// @param staker The contributor's address.
    /// @param beneficiary Receives the node's rewards for this staker (the staker unless set).
    /// @param amount Atomic SESH units contributed.
    /// @param lastDeposit Time of the latest deposit; withdrawal opens `WITHDRAWAL_DELAY` later.
    struct ContributorView {
        address staker;
        address beneficiary;
        uint256 amount;
        uint256 lastDeposit;
    }

    /// @notice Why the contract could not finalize now ({IStakingLens-finalizeCheck}); `None` if it
    /// could.
    enum FinalizeBlocker {
        None,
        NotFilled,
        RequirementDrifted,
        RegistryPaused,
        RegistryNotStarted,
        FactoryNotAccepted,
        Ed25519KeyInUse,
        BLSKeyInUse,
        ProofOfPossessionInvalid,
        Ed25519KeyReserved
    }

    // ------------------------------------------------------------------------------ errors

    /// @notice The implementation was called directly: only its clones hold state.
    error NotClone();
    /// @notice Only the factory that deployed the implementation may set a clone's first
    /// reservations.
    error NotFactory(address caller);
    /// @notice Only the operator may call this.
    error NotOperator(address caller, address operator);
    /// @notice The call is not allowed in the current status.
    error WrongStatus(Status status);
    /// @notice Keys, fee and reservations change only before the operator's first deposit.
    error OperatorAlreadyDeposited();
    /// @notice A BLS key must be 128 bytes, a proof of possession 256 bytes.
    error InvalidKeyLength(uint256 length, uint256 expected);
    /// @notice A coordinate of the BLS key or the proof has non-zero padding (EIP-2537 encodes each
    /// 48-byte coordinate in 64 bytes, the first 16 zero).
    error KeyNotCanonical();
    /// @notice The Ed25519 key must not be zero.
    error ZeroEd25519Key();
    /// @notice The BLS key must not be all zero (the point at infinity).
    error ZeroBLSKey();
    /// @notice Registered node `nodeId` already holds this Ed25519 key.
    error Ed25519KeyInUse(bytes32 ed25519Key, uint64 nodeId);
    /// @notice Registered node `nodeId` already holds this BLS key.
    error BLSKeyInUse(uint64 nodeId);
    /// @notice The terms changed since the depositor read them: `quoted` is not the current
    /// {termsVersion} `current`. Read the terms again.
    error TermsChanged(uint256 quoted, uint256 current);
    /// @notice The fee is above 10_000 basis points.
    error FeeTooHigh(uint256 feeBps, uint256 maximum);
    /// @notice Only the operator may make the first deposit.
    error WaitingForOperator();
    /// @notice A zero amount was given.
    error ZeroAmount();
    /// @notice The operator's first deposit is below 25% of the requirement.
    error OperatorStakeTooLow(uint256 given, uint256 minimum);
    /// @notice A new contributor pays below the current minimum (or below their reservation).
    error ContributionBelowMinimum(uint256 given, uint256 minimum);
    /// @notice The deposit would exceed what is left after the unfilled reservations.
    error ContributionAboveMaximum(uint256 given, uint256 maximum);
    /// @notice All slots are taken (counting unfilled reservations).
    error NoSlotAvailable();
    /// @notice The registry's staking requirement changed since creation.
    error RequirementChanged(uint256 captured, uint256 current);
    /// @notice The registry's contributor limit changed since creation.
    error ContributorLimitChanged(uint256 captured, uint256 current);
    /// @notice The caller has no contribution.
    error NoContribution(address account);
    /// @notice The operator leaves through {reset} or {cancel}, never {withdraw}.
    error OperatorCannotWithdraw();
    /// @notice Withdrawal opens `WITHDRAWAL_DELAY` after the caller's latest deposit.
    error WithdrawalLocked(uint256 unlockTime);
    /// @notice A zero address was given.
    error ZeroAddress();
    /// @notice Too many reservations: at most 9 (the operator takes a slot).
    error TooManyReservations(uint256 count, uint256 maximum);
    /// @notice A reservation of zero, for the operator, or for an address listed twice.
    error InvalidReservation(address staker, uint256 amount);
    /// @notice The reservations leave the operator less than 25%.
    error ReservationsTooLarge(uint256 reserved, uint256 maximum);
    /// @notice No refund is owed to the caller.
    error NoRefundDue(address account);
    /// @notice The contract holds no stray tokens of this kind.
    error NothingToRescue(address token);
    /// @notice The staking requirement from the registry does not fit the contract's accounting.
    error RequirementTooLarge(uint256 requirement);
    /// @notice The filling deposit of an auto-finalizing contract did not leave the registration
    /// enough gas: send it with more (the registration alone is about 0.4-0.7M).
    error AutoFinalizeOutOfGas();
    /// @notice The factory's deposit for the operator did not arrive.
    error FactoryDepositMissing(uint256 balance, uint256 amount);
    /// @notice The registry's contributor limit is 0 or does not fit the contract's accounting.
    error ContributorLimitOutOfRange(uint256 limit);

    // ------------------------------------------------------------------------------ events

    /// @notice The node keys changed (before the operator's first deposit). The keys given at
    /// creation are in the factory's creation transaction and {keys}.
    event KeysUpdated(bytes blsKey, bytes32 ed25519Key, bytes proofOfPossession);
    /// @notice The operator fee changed.
    event FeeUpdated(uint16 oldFeeBps, uint16 newFeeBps);
    /// @notice The terms a deposit lands under changed (fee, keys, reservations or a reset): deposits
    /// must now quote `termsVersion`.
    event TermsVersionUpdated(uint256 termsVersion);
    /// @notice The reservations were replaced.
    event ReservationsUpdated(Reservation[] reservations);
    /// @notice `staker` deposited `amount`; its contribution is now `total`.
    event Contributed(address indexed staker, uint256 amount, uint256 total);
    /// @notice `staker` withdrew its whole contribution.
    event Withdrawn(address indexed staker, uint256 amount);
    /// @notice The beneficiary of `staker` changed.
    event BeneficiaryUpdated(address indexed staker, address oldBeneficiary, address newBeneficiary);
    /// @notice The node was registered in the staking registry.
    event Finalized(uint64 indexed nodeId);
    /// @notice The filling deposit could not register the node (e.g. the registry is paused or
    /// its per-block cap was reached); the deposit stands, the contract stays `Filled` and the
    /// operator finalizes later.
    event AutoFinalizeFailed(bytes reason);
    /// @notice The operator reset the contract; every contribution became refundable.
    event Reset();
    /// @notice The operator cancelled the contract; every contribution became refundable.
    event Cancelled();
    /// @notice `amount` of `staker`'s contribution became claimable through {claimRefund}.
    event RefundCredited(address indexed staker, uint256 amount);
    /// @notice `staker` claimed its refund.
    event RefundClaimed(address indexed staker, uint256 amount);
    /// @notice Stray tokens were sent to the operator.
    event Rescued(address indexed token, address indexed to, uint256 amount);

    // ------------------------------------------------------------------------------ setup

    /// @notice Factory only, right after creation when reservations were given: sets them (see
    /// {updateReservations}). A clone without reservations is never called at creation: its state
    /// starts empty and its terms are its immutable arguments.
    /// @param reservations Initial reservations.
    function initializeReservations(Reservation[] calldata reservations) external;

    // ------------------------------------------------------------------------------ operator

    /// @notice Operator only, before the first deposit: replaces the node keys (non-zero, not held
    /// by a registered node); bumps {termsVersion}.
    function updateKeys(bytes calldata blsKey, bytes32 ed25519Key, bytes calldata proofOfPossession) external;

    /// @notice Operator only, before the first deposit: changes the fee (0..10_000 bps); bumps
    /// {termsVersion}.
    function updateFee(uint16 feeBps) external;

    /// @notice Operator only, before the first deposit: replaces all reservations. At most 9,
    /// non-zero amounts, unique non-zero stakers other than the operator, summing to at most the
    /// requirement minus the operator's 25%. Bumps {termsVersion}.
    function updateReservations(Reservation[] calldata reservations) external;

    /// @notice Operator only, when `Filled` and the requirement has not drifted: registers the
    /// node (contributors[0] = the operator) and records the node id.
    /// @return nodeId The registry's id of the new node.
    function finalize() external returns (uint64 nodeId);

    /// @notice Operator only, before finalization: credits every contribution to its staker's
    /// refundable balance and returns to `WaitingForOperator` (keys, fee and reservations may then
    /// change again). Bumps {termsVersion}.
    function reset() external;

    /// @notice Operator only, before finalization: like {reset}, and the contract ends `Cancelled`.
    function cancel() external;

    /// @notice Operator only: sends the contract's balance of `token` that belongs to nobody to the
    /// operator. For SESH that is the balance minus the contributions (until finalized) and the
    /// refunds owed.
    function rescue(address token) external;

    // ------------------------------------------------------------------------------ contributors

    /// @notice Deposits `amount` SESH (the caller must have approved it) under the terms of version
    /// `expectedTermsVersion`, which must be the current {termsVersion} (else {TermsChanged}). The
    /// operator's first deposit opens the contract. Registers the node if `autoFinalize` and this
    /// fills it; if the registry refuses, the deposit still stands (see {AutoFinalizeFailed}).
    /// @param amount Atomic SESH units.
    /// @param expectedTermsVersion The {termsVersion} the depositor read with the terms it accepts.
    function contribute(uint256 amount, uint32 expectedTermsVersion) external;

    /// @notice {contribute} with an EIP-2612 permit of SESH in place of a prior approval: one
    /// signature and one transaction. The permit (owner the caller, spender this contract, value
    /// `amount`) is tried first and its failure ignored, so a permit someone submitted to the token
    /// ahead of this call (which spends its nonce) cannot block the deposit: the deposit then needs
    /// the allowance to cover `amount`, as {contribute} does, and reverts with the token's error if
    /// it does not.
    /// @param amount Atomic SESH units.
    /// @param expectedTermsVersion The {termsVersion} the depositor read with the terms it accepts.
    /// @param deadline The permit's deadline (unix seconds).
    /// @param v The permit signature's recovery id.
    /// @param r The permit signature's `r`.
    /// @param s The permit signature's `s`.
    function contributeWithPermit(
        uint256 amount,
        uint32 expectedTermsVersion,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Factory only, in {IContributionFactory-createAndContribute}: records the operator's
    /// first deposit of `amount`, which the factory has just moved here from the operator. Same rules
    /// and events as {contribute}.
    function contributeFromFactory(uint256 amount) external;

    /// @notice Withdraws the caller's whole contribution, `WITHDRAWAL_DELAY` after its latest deposit
    /// (at once if the requirement drifted), until finalized. Restores the caller's reservation.
    function withdraw() external;

    /// @notice Sets the caller's beneficiary (non-zero), before finalization.
    function updateBeneficiary(address beneficiary) external;

    /// @notice Pays the caller its refundable balance (after {reset} or {cancel}).
    function claimRefund() external;

    // ------------------------------------------------------------------------------ views

    /// @notice The SESH token.
    function TOKEN() external view returns (address);
    /// @notice The staking registry.
    function REGISTRY() external view returns (IStakingRegistry);
    /// @notice The factory that deploys the clones.
    function FACTORY() external view returns (address);
    /// @notice The registry's contributor limit captured at creation (operator included).
    function maxContributors() external view returns (uint256);
    /// @notice The factory's serial number of this contract (1 for the first it created).
    function serial() external view returns (uint256);
    /// @notice The node operator.
    function operator() external view returns (address);
    /// @notice The operator fee in basis points.
    function feeBps() external view returns (uint16);
    /// @notice Whether the filling deposit registers the node.
    function autoFinalize() external view returns (bool);
    /// @notice The staking requirement captured at creation.
    function requirement() external view returns (uint256);
    /// @notice The sum of the current contributions.
    function contributed() external view returns (uint256);
    /// @notice requirement - contributed.
    function remaining() external view returns (uint256);
    /// @notice Slots neither taken by a contributor nor by an unfilled reservation (0 once finalized
    /// or cancelled).
    function openSlots() external view returns (uint256);
    /// @notice The minimum a new, non-reserved contributor pays now (0 if there is no room). Before
    /// the operator's first deposit: the operator's minimum.
    /// @dev ceil(free / slots), rounded up against the contributor so the last slot can always fill
    /// the rest.
    function minimumContribution() external view returns (uint256);
    /// @notice The minimum `staker` pays now: 0 for a top-up, the reservation for a reserved staker,
    /// else {minimumContribution}.
    function minimumContributionOf(address staker) external view returns (uint256);
    /// @notice The maximum `staker` may deposit now.
    function maximumContributionOf(address staker) external view returns (uint256);
    /// @notice The current life-cycle status.
    function status() external view returns (Status);
    /// @notice The node keys.
    function keys()
        external
        view
        returns (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession);
    /// @notice The reservations.
    function reservations() external view returns (Reservation[] memory);
    /// @notice The current contributors in order of their first deposit, operator first.
    function contributors() external view returns (ContributorView[] memory);
    /// @notice The contribution of `staker` (0 if none).
    function contributionOf(address staker) external view returns (uint256);
    /// @notice The beneficiary of `staker` (the staker unless set).
    function beneficiaryOf(address staker) external view returns (address);
    /// @notice `staker`'s contribution and beneficiary in one call (what the staking registry reads
    /// for a node this contract registered; frozen once finalized).
    function contributorOf(address staker) external view returns (uint256 amount, address beneficiary);
    /// @notice The contributors and their contributions, operator first (a lean {contributors} for
    /// the staking registry).
    function stakes() external view returns (address[] memory stakers, uint256[] memory amounts);
    /// @notice Refund owed to `staker` after a reset or cancel.
    function refundable(address staker) external view returns (uint256);
    /// @notice The registry's node id once finalized, else 0.
    function nodeId() external view returns (uint64);
    /// @notice Whether the registry's requirement or contributor limit differs from the captured one.
    function requirementDrifted() external view returns (bool);
    /// @notice The version of the terms deposits land under (fee, keys, reservations, operator's
    /// deposit): 0 at creation, bumped by every update and reset. {contribute} quotes it.
    function termsVersion() external view returns (uint32);
}
