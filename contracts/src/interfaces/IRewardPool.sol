// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Staking reward pool
/// @notice Holds the SESH that pays Session Nodes and releases it to its beneficiary (the staking
/// registry) at a simple annual rate of 15.1% of its *current* balance, accrued per second:
/// `released = balance * 1510 * elapsed / (10_000 * 365 days)`. Released daily this compounds to
/// about 14% a year. Because the rate applies to the current balance, deposits (network fees)
/// raise the release: rewards are dynamic.
interface IRewardPool {
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice An amount of zero was given.
    error ZeroAmount();
    /// @notice A payout was requested while no beneficiary is set.
    error BeneficiaryNotSet();
    /// @notice The pool cannot be its own beneficiary: payouts would never leave it.
    error BeneficiaryIsPool();

    /// @notice `from` added `amount` SESH to the pool.
    event Deposited(address indexed from, uint256 amount);
    /// @notice `amount` SESH accrued over `elapsed` seconds went to `beneficiary`.
    event Released(address indexed beneficiary, uint256 amount, uint256 elapsed, uint256 balanceAfter);
    /// @notice The beneficiary changed; accrual up to now went to the old one.
    event BeneficiaryUpdated(address indexed oldBeneficiary, address indexed newBeneficiary);

    /// @notice Annual release rate in basis points: 1510 = 15.1%.
    function RATE_BPS() external view returns (uint256);

    /// @notice The SESH token.
    function token() external view returns (IERC20);

    /// @notice Receiver of every payout (the staking registry).
    function beneficiary() external view returns (address);

    /// @notice Timestamp up to which the pool has paid out.
    function lastReleaseTime() external view returns (uint64);

    /// @notice The balance accruing since the last payout. Tokens that reach the pool other than
    /// through `deposit` (a plain transfer, a remint) join it at the next payout, never backdated.
    function accruingBalance() external view returns (uint256);

    /// @notice What `release()` would pay if called now.
    /// @return amount Atomic SESH units, rounded down.
    function pendingRelease() external view returns (uint256 amount);

    /// @notice What one day of accrual at the current balance pays: `balance * 0.151 / 365`.
    /// @return amount Atomic SESH units, rounded down.
    function releasePerDay() external view returns (uint256 amount);

    /// @notice Pays the beneficiary what accrued on `accruingBalance()` since the last payout.
    /// Anyone may call it;
    /// a second call in the same block pays 0.
    /// @return amount Atomic SESH units paid.
    function release() external returns (uint256 amount);

    /// @notice Adds SESH to the pool (pulls `amount` with `transferFrom`). Accrual up to now is paid
    /// first at the old balance, so a deposit never raises past accrual.
    /// @param amount Atomic SESH units.
    function deposit(uint256 amount) external;

    /// @notice Changes the beneficiary (owner only), after paying the old one what accrued.
    /// The first beneficiary starts the accrual clock.
    /// @param newBeneficiary The new receiver of payouts.
    function setBeneficiary(address newBeneficiary) external;
}
