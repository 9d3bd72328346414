// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {ReservingReentrancyGuard} from "../utils/ReservingReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title RewardPool
/// @notice See {IRewardPool}.
contract RewardPool is IRewardPool, OwnedUpgradeable, ReservingReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @inheritdoc IRewardPool
    uint256 public constant RATE_BPS = 1510;
    uint256 private constant BPS = 10_000;
    uint256 private constant YEAR = 365 days;
    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;
    /// @dev Gas a release's transfer and bookkeeping cost at most (about 35k, cold), with room for
    /// a calling contract's remaining work: what a call that skipped the release must leave at
    /// its end.
    uint256 private constant RELEASE_GAS = 80_000;

    /// @custom:storage-location erc7201:session.storage.RewardPool
    struct RewardPoolStorage {
        // Written together by every payout: first, so they share one slot.
        uint64 lastReleaseTime;
        uint192 accruingBalance;
        IERC20 token;
        address beneficiary;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.RewardPool")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xe6d59317d3879cf93b225e1b1aa5964b835a59e2511d131820f9466940394d00;

    function _storage() private pure returns (RewardPoolStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @notice Sets the token and owner behind the proxy. No beneficiary yet: accrual starts
    /// when the owner names one.
    /// @param token_ The SESH token.
    /// @param owner_ The governance account.
    function initialize(IERC20 token_, address owner_) external initializer {
        require(address(token_) != address(0) && owner_ != address(0), ZeroAddress());
        __OwnedUpgradeable_init(owner_);
        _storage().token = token_;
    }

    /// @inheritdoc IRewardPool
    function token() external view returns (IERC20) {
        return _storage().token;
    }

    /// @inheritdoc IRewardPool
    function beneficiary() external view returns (address) {
        return _storage().beneficiary;
    }

    /// @inheritdoc IRewardPool
    function lastReleaseTime() external view returns (uint64) {
        return _storage().lastReleaseTime;
    }

    /// @inheritdoc IRewardPool
    function accruingBalance() external view returns (uint256) {
        return _storage().accruingBalance;
    }

    /// @inheritdoc IRewardPool
    function pendingRelease() public view returns (uint256) {
        RewardPoolStorage storage $ = _storage();
        if ($.beneficiary == address(0)) return 0;
        return _accrued(_base($), block.timestamp - $.lastReleaseTime);
    }

    /// @inheritdoc IRewardPool
    function releasePerDay() external view returns (uint256) {
        return _accrued(_storage().token.balanceOf(address(this)), 1 days);
    }

    /// @inheritdoc IRewardPool
    function release() external nonReentrant returns (uint256) {
        require(_storage().beneficiary != address(0), BeneficiaryNotSet());
        return _release();
    }

    /// @inheritdoc IRewardPool
    function deposit(uint256 amount) external nonReentrant {
        require(amount != 0, ZeroAmount());
        RewardPoolStorage storage $ = _storage();
        bool accruing = $.beneficiary != address(0);
        if (accruing) _release();
        $.token.safeTransferFrom(msg.sender, address(this), amount);
        // Before the clock starts, setBeneficiary snapshots the whole balance.
        if (accruing) $.accruingBalance += uint192(amount);
        emit Deposited(msg.sender, amount);
    }

    /// @inheritdoc IRewardPool
    function setBeneficiary(address newBeneficiary) external onlyOwner nonReentrant {
        require(newBeneficiary != address(0), ZeroAddress());
        require(newBeneficiary != address(this), BeneficiaryIsPool());
        RewardPoolStorage storage $ = _storage();
        address old = $.beneficiary;
        if (old != address(0)) {
            _release();
        } else {
            $.lastReleaseTime = uint64(block.timestamp);
            $.accruingBalance = uint192($.token.balanceOf(address(this)));
        }
        $.beneficiary = newBeneficiary;
        emit BeneficiaryUpdated(old, newBeneficiary);
    }

    /// @dev Pays what accrued since `lastReleaseTime` on the accruing balance, moves the clock,
    /// and lets every token now held (including transfers that bypassed `deposit`) accrue from here.
    function _release() private returns (uint256 amount) {
        RewardPoolStorage storage $ = _storage();
        uint256 elapsed = block.timestamp - $.lastReleaseTime;
        if (elapsed == 0) {
            // Released this second: a second later this call would pay a release, so a caller's
            // gas estimate must include it (see {ReservingReentrancyGuard}). The beneficiary (the
            // staking registry) reserves it at its own exit instead, which covers its whole call.
            if (msg.sender != $.beneficiary) _reserveGasAtExit(RELEASE_GAS);
            return 0;
        }
        amount = _accrued(_base($), elapsed);
        uint256 balanceAfter = $.token.balanceOf(address(this)) - amount;
        $.lastReleaseTime = uint64(block.timestamp);
        // The token's cap (2.4e17) is far below 2^192.
        $.accruingBalance = uint192(balanceAfter);
        if (amount != 0) $.token.safeTransfer($.beneficiary, amount);
        emit Released($.beneficiary, amount, elapsed, balanceAfter);
    }

    /// @dev The balance that has been accruing since the last payout. Tokens sent without
    /// `deposit` are not in it, so they can never earn backdated rewards.
    function _base(RewardPoolStorage storage $) private view returns (uint256) {
        uint256 balance = $.token.balanceOf(address(this));
        uint256 accruing = $.accruingBalance;
        return accruing < balance ? accruing : balance;
    }

    /// @dev Rounds down: the sub-unit remainder stays in the pool (favours the pool, never the
    /// caller), so the sum of payouts never exceeds the continuous formula. Capped at the balance
    /// for gaps longer than 1/rate (~6.6 years). No overflow: balance <= 2.4e17, elapsed < 2^64.
    function _accrued(uint256 balance, uint256 elapsed) private pure returns (uint256) {
        uint256 amount = balance * RATE_BPS * elapsed / (BPS * YEAR);
        return amount > balance ? balance : amount;
    }
}
