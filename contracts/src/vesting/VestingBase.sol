// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../interfaces/IVesting.sol";
import {VestingArgs} from "./VestingArgs.sol";
import {VestingSchedule} from "./VestingSchedule.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title VestingBase
/// @notice The schedule, release, revoke and beneficiary transfer shared by {PlainVesting} and
/// {StakingVesting}; see {IVesting}.
/// @dev Clones are initialized once by the factory; their terms are immutable arguments
/// ({VestingArgs}). Storage is plain (clones are never upgraded): two slots of accounting, written
/// together where they change.
abstract contract VestingBase is IVesting, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IVesting
    IERC20 public immutable TOKEN;
    /// @inheritdoc IVesting
    address public immutable FACTORY;
    /// @dev The implementation's own address: it is never initialized.
    address private immutable _SELF;

    address internal _beneficiary;
    /// @dev Packed with the beneficiary, which every deposit reads anyway: a deposit writes no fresh
    /// slot for it. 96 bits hold far more than SESH's maximum supply.
    uint96 internal _stakedOut;
    address internal _pendingBeneficiary;
    uint64 internal _revokedAt;
    uint128 internal _released;
    uint128 internal _revokerPaid;
    uint128 internal _vestedAtRevoke;
    uint128 internal _lost;

    constructor(IERC20 token, address factory) {
        TOKEN = token;
        FACTORY = factory;
        _SELF = address(this);
    }

    modifier onlyBeneficiary() {
        require(msg.sender == _beneficiary, CallerNotBeneficiary(msg.sender, _beneficiary));
        _;
    }

    /// @inheritdoc IVesting
    function initialize(address beneficiary_) external {
        require(msg.sender == FACTORY && address(this) != _SELF, NotVestingFactory(msg.sender));
        require(_beneficiary == address(0), AlreadyInitialized());
        require(beneficiary_ != address(0), ZeroAddress());
        _beneficiary = beneficiary_;
    }

    // ------------------------------------------------------------------------------ actions

    /// @inheritdoc IVesting
    function release() external nonReentrant returns (uint256 amount) {
        (amount,) = _payable();
        require(amount != 0, NothingToRelease());
        uint128 total = _released + uint128(amount);
        _released = total;
        address to = _beneficiary;
        emit Released(to, amount, total);
        TOKEN.safeTransfer(to, amount);
    }

    /// @inheritdoc IVesting
    function revoke() external nonReentrant returns (uint256 paid) {
        (address revoker_, uint256 total, Schedule memory s) = VestingArgs.read();
        require(msg.sender == revoker_ && revoker_ != address(0), CallerNotRevoker(msg.sender, revoker_));
        require(_revokedAt == 0, AlreadyRevoked(_revokedAt));
        uint256 vested = VestingSchedule.vested(total, s, block.timestamp);
        require(vested < total, NothingToRevoke());
        _revokedAt = uint64(block.timestamp);
        _vestedAtRevoke = uint128(vested);
        emit Revoked(revoker_, vested, total - vested);
        (, paid) = _payable();
        if (paid != 0) _payRevoker(revoker_, paid);
    }

    /// @inheritdoc IVesting
    function claimRevoked() external nonReentrant returns (uint256 amount) {
        (, amount) = _payable();
        require(amount != 0, NothingOwedToRevoker());
        (address revoker_,,) = VestingArgs.read();
        _payRevoker(revoker_, amount);
    }

    /// @inheritdoc IVesting
    function transferBeneficiary(address newBeneficiary) external onlyBeneficiary {
        _pendingBeneficiary = newBeneficiary;
        emit BeneficiaryTransferStarted(msg.sender, newBeneficiary);
    }

    /// @inheritdoc IVesting
    function acceptBeneficiary() external {
        address pending = _pendingBeneficiary;
        require(
            msg.sender == pending && pending != address(0), CallerNotPendingBeneficiary(msg.sender, pending)
        );
        address previous = _beneficiary;
        _beneficiary = pending;
        delete _pendingBeneficiary;
        emit BeneficiaryTransferred(previous, pending);
    }

    /// @inheritdoc IVesting
    function rescue(IERC20 token) external onlyBeneficiary nonReentrant {
        require(address(token) != address(TOKEN), TokenNotRescuable(address(token)));
        uint256 amount = token.balanceOf(address(this));
        require(amount != 0, NothingToRescue(address(token)));
        emit Rescued(address(token), msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------ views

    /// @inheritdoc IVesting
    function beneficiary() external view returns (address) {
        return _beneficiary;
    }

    /// @inheritdoc IVesting
    function pendingBeneficiary() external view returns (address) {
        return _pendingBeneficiary;
    }

    /// @inheritdoc IVesting
    function revoker() external view returns (address revoker_) {
        (revoker_,,) = VestingArgs.read();
    }

    /// @inheritdoc IVesting
    function allocation() external view returns (uint256 total) {
        (, total,) = VestingArgs.read();
    }

    /// @inheritdoc IVesting
    function schedule() external view returns (uint64 start, uint64 cliff, uint64 end, uint16 cliffShareBps) {
        (,, Schedule memory s) = VestingArgs.read();
        return (s.start, s.cliff, s.end, s.cliffShareBps);
    }

    /// @inheritdoc IVesting
    function vestedAmount(uint64 timestamp) public view returns (uint256 vested) {
        (, uint256 total, Schedule memory s) = VestingArgs.read();
        vested = VestingSchedule.vested(total, s, timestamp);
        if (_revokedAt != 0 && vested > _vestedAtRevoke) vested = _vestedAtRevoke;
    }

    /// @inheritdoc IVesting
    function released() external view returns (uint256) {
        return _released;
    }

    /// @inheritdoc IVesting
    function releasable() external view returns (uint256 amount) {
        (amount,) = _payable();
    }

    /// @inheritdoc IVesting
    function revokedAt() external view returns (uint64) {
        return _revokedAt;
    }

    /// @inheritdoc IVesting
    function revokerClaimable() external view returns (uint256 amount) {
        (, amount) = _payable();
    }

    /// @inheritdoc IVesting
    function revokerPaid() external view returns (uint256) {
        return _revokerPaid;
    }

    /// @inheritdoc IVesting
    function stakedOut() external view returns (uint256) {
        return _stakedOut;
    }

    /// @inheritdoc IVesting
    function lost() external view returns (uint256) {
        return _lost;
    }

    // ------------------------------------------------------------------------------ internals

    function _payRevoker(address revoker_, uint256 amount) private {
        uint128 total = _revokerPaid + uint128(amount);
        _revokerPaid = total;
        emit RevokedPaid(revoker_, amount, total);
        TOKEN.safeTransfer(revoker_, amount);
    }

    /// @dev What the beneficiary and the revoker are owed and the contract can pay now: the revoker
    /// first (a loss falls on the beneficiary's part first, so its part waits for the stakes), the
    /// beneficiary from what is left.
    /// - vb = max(V - L, 0) is what the beneficiary's vested part is worth after losses; the
    ///   beneficiary's lifetime total is max(R, vb) (nothing released is taken back), so it is owed
    ///   max(R, vb) - R.
    /// - The revoker's lifetime total is what is left of the allocation after losses and the
    ///   beneficiary's total: A - L - max(R, vb) (>= P, since P only ever paid out of it).
    function _payable() internal view returns (uint256 toBeneficiary, uint256 toRevoker) {
        (, uint256 total, Schedule memory s) = VestingArgs.read();
        uint256 revokedAt_ = _revokedAt;
        uint256 vested = revokedAt_ == 0 ? VestingSchedule.vested(total, s, block.timestamp) : _vestedAtRevoke;
        uint256 lost_ = _lost;
        uint256 released_ = _released;
        uint256 beneficiaryTotal = vested > lost_ ? vested - lost_ : 0;
        if (beneficiaryTotal < released_) beneficiaryTotal = released_;
        uint256 balance = TOKEN.balanceOf(address(this));
        if (revokedAt_ != 0) {
            // Saturating: only SESH sent here directly and then staked and lost could make L exceed A.
            uint256 spent = lost_ + beneficiaryTotal;
            uint256 revokerTotal = total > spent ? total - spent : 0;
            uint256 paid = _revokerPaid;
            toRevoker = revokerTotal > paid ? revokerTotal - paid : 0;
            if (toRevoker > balance) toRevoker = balance;
            balance -= toRevoker;
        }
        toBeneficiary = beneficiaryTotal - released_;
        if (toBeneficiary > balance) toBeneficiary = balance;
    }
}
