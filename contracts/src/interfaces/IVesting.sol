// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Vesting of one locked SESH allocation for one beneficiary
/// @notice Holds an allocation fixed at creation and releases it on a schedule: nothing before the
/// cliff, `cliffShareBps` of it at the cliff, then linearly to the end (see {vestedAmount}).
/// Deployed by the {IVestingFactory} as a minimal clone whose immutable arguments are the revoker,
/// the allocation and the schedule; the beneficiary is the only thing set at initialization (it is
/// transferable, two-step).
///
/// Accounting (docs/distribution.md): with `A` the allocation, `V` the vested amount (frozen at a
/// revoke), `R` released, `P` paid to the revoker, `S` the stake away in the staking registry or in
/// contribution contracts, `L` what liquidations took from those stakes and `B` the balance held:
/// `R + P + B + S + L = A` (plus any SESH sent to the contract directly). A loss falls on the
/// beneficiary's vested part first (the beneficiary chose the stake), and only what that part can no
/// longer cover falls on the revoker's unvested part.
/// - The beneficiary is owed `max(R, V - L) - R`; the revoker, after a revoke, `A - L - max(R, V - L)
///   - P`. Both are paid from the balance held, the revoker first ({revoke}, {claimRevoked}), the
///   beneficiary with what is left ({release}); stakes pay the rest as they come home.
/// - A revoke freezes `V` at the vested amount of that moment: what vested stays the beneficiary's.
///   Without a revoker the vesting is irrevocable.
/// Custom errors carry the offending values; no function reverts forever because of a loss.
interface IVesting {
    // ------------------------------------------------------------------------------ types

    /// @notice The schedule. `vested(t) = 0` for `t < cliff`, the whole allocation for `t >= end`,
    /// else `c + (A - c) * (t - cliff) / (end - cliff)` with `c = A * cliffShareBps / 10_000`, each
    /// division rounded down.
    /// @param start When vesting starts (informative: nothing vests before the cliff; `start <=
    /// cliff`).
    /// @param cliff When the cliff share vests; linear vesting runs from here.
    /// @param end When everything has vested; `end > start`, `end >= cliff`.
    /// @param cliffShareBps Share of the allocation vested at the cliff, 0..10_000 basis points.
    struct Schedule {
        uint64 start;
        uint64 cliff;
        uint64 end;
        uint16 cliffShareBps;
    }

    // ------------------------------------------------------------------------------ errors

    /// @notice The schedule is invalid: `start <= cliff <= end`, `start < end` and `cliffShareBps <=
    /// 10_000` are required.
    error InvalidSchedule(uint64 start, uint64 cliff, uint64 end, uint16 cliffShareBps);
    /// @notice An allocation above 2^128 - 1 atomic units.
    error AllocationTooLarge(uint256 allocation);
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice A zero amount was given.
    error ZeroAmount();
    /// @notice Only the factory initializes a clone, once, and never the implementation.
    error NotVestingFactory(address caller);
    /// @notice The clone was already initialized.
    error AlreadyInitialized();
    /// @notice Only the beneficiary may call this.
    error CallerNotBeneficiary(address caller, address beneficiary);
    /// @notice Only the pending beneficiary may accept the transfer.
    error CallerNotPendingBeneficiary(address caller, address pendingBeneficiary);
    /// @notice Only the revoker may revoke (a vesting without revoker is irrevocable: `revoker` 0).
    error CallerNotRevoker(address caller, address revoker);
    /// @notice The vesting was already revoked at `revokedAt`.
    error AlreadyRevoked(uint64 revokedAt);
    /// @notice Everything has vested (or a loss left nothing unvested): nothing to revoke.
    error NothingToRevoke();
    /// @notice Nothing can be released now (nothing vested and unreleased, or it is all staked).
    error NothingToRelease();
    /// @notice The revoker is owed nothing the contract holds now.
    error NothingOwedToRevoker();
    /// @notice SESH is never rescued: every unit of it belongs to the schedule.
    error TokenNotRescuable(address token);
    /// @notice The contract holds none of this token.
    error NothingToRescue(address token);

    // ------------------------------------------------------------------------------ events

    /// @notice `amount` was released to `beneficiary`; `released` in all.
    event Released(address indexed beneficiary, uint256 amount, uint256 released);
    /// @notice `revoker` revoked: vesting is frozen at `vestedAmount`, `unvested` = allocation -
    /// `vestedAmount` is the revoker's (less any loss the beneficiary's part cannot cover).
    event Revoked(address indexed revoker, uint256 vestedAmount, uint256 unvested);
    /// @notice `amount` of the unvested part was paid to `revoker`; `paid` in all.
    event RevokedPaid(address indexed revoker, uint256 amount, uint256 paid);
    /// @notice `current` offered the beneficiary role to `pending` (zero: offer withdrawn).
    event BeneficiaryTransferStarted(address indexed current, address indexed pending);
    /// @notice `pending` accepted: the beneficiary changed from `previous` to `current`.
    event BeneficiaryTransferred(address indexed previous, address indexed current);
    /// @notice `amount` of a token other than SESH, sent here by mistake, went to `to`.
    event Rescued(address indexed token, address indexed to, uint256 amount);

    // ------------------------------------------------------------------------------ setup

    /// @notice Factory only, once, in the creation transaction: sets the first beneficiary.
    /// @param beneficiary_ Non-zero.
    function initialize(address beneficiary_) external;

    // ------------------------------------------------------------------------------ actions

    /// @notice Pays the beneficiary {releasable}. Anyone may call it: the tokens only ever go to the
    /// beneficiary. Reverts with {NothingToRelease} if that is zero.
    /// @return amount Atomic SESH units paid.
    function release() external returns (uint256 amount);

    /// @notice Revoker only, once, while something is unvested: freezes vesting at the amount vested
    /// now, and pays the revoker what it is owed of the unvested part from the balance held (the rest
    /// through {claimRevoked} as stakes come home). From then the revoker may also unwind stakes.
    /// @return paid Atomic SESH units paid to the revoker now.
    function revoke() external returns (uint256 paid);

    /// @notice After a revoke: pays the revoker what it is owed of the unvested part and the contract
    /// holds. Anyone may call it: the tokens only go to the revoker. Reverts with
    /// {NothingOwedToRevoker} if that is zero.
    /// @return amount Atomic SESH units paid.
    function claimRevoked() external returns (uint256 amount);

    /// @notice Beneficiary only: offers the role to `newBeneficiary`, who must {acceptBeneficiary}.
    /// Zero withdraws a pending offer.
    function transferBeneficiary(address newBeneficiary) external;

    /// @notice The pending beneficiary takes the role (and with it what vests from now and is
    /// unreleased, and the staking controls).
    function acceptBeneficiary() external;

    /// @notice Beneficiary only: sends this contract's whole balance of `token` (never SESH) to the
    /// beneficiary.
    function rescue(IERC20 token) external;

    // ------------------------------------------------------------------------------ views

    /// @notice The SESH token.
    function TOKEN() external view returns (IERC20);
    /// @notice The factory that created this clone.
    function FACTORY() external view returns (address);
    /// @notice The current beneficiary.
    function beneficiary() external view returns (address);
    /// @notice The address offered the beneficiary role (zero if none).
    function pendingBeneficiary() external view returns (address);
    /// @notice Who may revoke (zero: irrevocable).
    function revoker() external view returns (address);
    /// @notice The allocation, fixed at creation.
    function allocation() external view returns (uint256);
    /// @notice The schedule: start, cliff, end and the cliff share in basis points.
    function schedule() external view returns (uint64 start, uint64 cliff, uint64 end, uint16 cliffShareBps);
    /// @notice What has vested at `timestamp` by the schedule, capped after a revoke at what had
    /// vested when it was revoked (see {Schedule}; exact, rounded down).
    function vestedAmount(uint64 timestamp) external view returns (uint256);
    /// @notice What was released to beneficiaries so far.
    function released() external view returns (uint256);
    /// @notice What {release} would pay now.
    function releasable() external view returns (uint256);
    /// @notice When it was revoked (0: not revoked).
    function revokedAt() external view returns (uint64);
    /// @notice What {claimRevoked} would pay now.
    function revokerClaimable() external view returns (uint256);
    /// @notice What the revoker was paid so far.
    function revokerPaid() external view returns (uint256);
    /// @notice The stake away (in the staking registry or contribution contracts; 0 for a plain
    /// vesting).
    function stakedOut() external view returns (uint256);
    /// @notice What liquidations took from stakes so far (0 for a plain vesting).
    function lost() external view returns (uint256);
}
