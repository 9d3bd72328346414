// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title ContributionContract
/// @notice See {IContributionContract}. Used only through `LibClone` minimal proxies made by the
/// factory; the implementation locks itself in its constructor.
/// @dev Amounts are kept in `uint64` (SESH has 9 decimals; 240M SESH < 2^64), so the hot state fits
/// two slots and a contributor one slot plus its index. Token and registry are immutables of the
/// implementation, shared by every clone through `delegatecall`.
contract ContributionContract is IContributionContract, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev The registry's limit (`StakingRegistry.MAX_CONTRIBUTORS`).
    uint256 public constant MAX_CONTRIBUTORS = 10;
    /// @dev A deposit cannot be withdrawn for this long, so a contributor cannot block the last
    /// slot for free.
    uint256 public constant WITHDRAWAL_DELAY = 1 days;
    /// @dev The operator stakes at least requirement / 4, rounded up (as the registry checks).
    uint256 private constant QUARTER_DIVISOR = 4;
    uint256 private constant BPS = 10_000;
    uint256 private constant BLS_KEY_LENGTH = 128;
    uint256 private constant POP_LENGTH = 256;
    /// @dev Layout of the clone's immutable arguments: blsKey || ed25519Key || proofOfPossession.
    uint256 private constant ED_OFFSET = BLS_KEY_LENGTH;
    uint256 private constant POP_OFFSET = BLS_KEY_LENGTH + 32;
    uint256 private constant ARGS_LENGTH = POP_OFFSET + POP_LENGTH;

    uint8 private constant TERMINAL_NONE = 0;
    uint8 private constant TERMINAL_FINALIZED = 1;
    uint8 private constant TERMINAL_CANCELLED = 2;

    /// @dev One contributor, one slot.
    struct Deposit {
        address staker;
        uint64 amount;
        uint32 lastDeposit;
    }

    /// @inheritdoc IContributionContract
    address public immutable TOKEN;
    /// @inheritdoc IContributionContract
    IStakingRegistry public immutable REGISTRY;
    /// @inheritdoc IContributionContract
    address public immutable FACTORY;

    // slot 0
    address private _operator;
    uint16 private _feeBps;
    bool private _autoFinalize;
    bool private _initialized;
    bool private _keysOverridden;
    uint8 private _terminal;
    uint8 private _count;
    uint8 private _unfilledCount;
    // slot 1
    uint64 private _requirement;
    uint64 private _contributed;
    uint64 private _unfilledAmount;
    uint64 private _nodeId;
    // slot 2
    uint64 private _totalRefundable;

    mapping(uint256 index => Deposit deposit) private _deposits;
    /// @dev Index + 1 of a current contributor, 0 if none.
    mapping(address staker => uint256 indexPlusOne) private _indexOf;
    mapping(address staker => uint256 amount) private _reserved;
    address[] private _reservedStakers;
    mapping(address staker => address beneficiary) private _beneficiary;
    mapping(address staker => uint256 amount) private _refundable;
    /// @dev Keys set by {updateKeys}; until then they are the clone's immutable arguments.
    bytes private _blsKey;
    bytes32 private _ed25519Key;
    bytes private _proofOfPossession;

    modifier onlyOperator() {
        require(msg.sender == _operator, NotOperator(msg.sender, _operator));
        _;
    }

    /// @param token The SESH token.
    /// @param registry The staking registry.
    /// @param factory The only account allowed to initialize clones.
    constructor(address token, IStakingRegistry registry, address factory) {
        TOKEN = token;
        REGISTRY = registry;
        FACTORY = factory;
        _initialized = true;
    }

    // ------------------------------------------------------------------------------ setup

    /// @inheritdoc IContributionContract
    function initialize(
        address operator_,
        uint16 feeBps_,
        bool autoFinalize_,
        Reservation[] calldata reservations_
    ) external {
        require(!_initialized, AlreadyInitialized());
        require(msg.sender == FACTORY, NotFactory(msg.sender));
        require(operator_ != address(0), ZeroAddress());
        require(feeBps_ <= BPS, FeeTooHigh(feeBps_, BPS));
        uint256 requirement_ = REGISTRY.stakingRequirement();
        require(requirement_ <= type(uint64).max, RequirementTooLarge(requirement_));
        _initialized = true;
        _operator = operator_;
        _feeBps = feeBps_;
        _autoFinalize = autoFinalize_;
        _requirement = uint64(requirement_);
        emit Initialized(operator_, requirement_, feeBps_, autoFinalize_);
        (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession) = keys();
        emit KeysUpdated(blsKey, ed25519Key, proofOfPossession);
        if (reservations_.length != 0) _setReservations(reservations_);
    }

    // ------------------------------------------------------------------------------ operator

    /// @inheritdoc IContributionContract
    function updateKeys(bytes calldata blsKey, bytes32 ed25519Key, bytes calldata proofOfPossession)
        external
        onlyOperator
    {
        _requireConfigurable();
        require(blsKey.length == BLS_KEY_LENGTH, InvalidKeyLength(blsKey.length, BLS_KEY_LENGTH));
        require(ed25519Key != bytes32(0), ZeroEd25519Key());
        require(
            proofOfPossession.length == POP_LENGTH, InvalidKeyLength(proofOfPossession.length, POP_LENGTH)
        );
        _blsKey = blsKey;
        _ed25519Key = ed25519Key;
        _proofOfPossession = proofOfPossession;
        _keysOverridden = true;
        emit KeysUpdated(blsKey, ed25519Key, proofOfPossession);
    }

    /// @inheritdoc IContributionContract
    function updateFee(uint16 feeBps_) external onlyOperator {
        _requireConfigurable();
        require(feeBps_ <= BPS, FeeTooHigh(feeBps_, BPS));
        emit FeeUpdated(_feeBps, feeBps_);
        _feeBps = feeBps_;
    }

    /// @inheritdoc IContributionContract
    function updateReservations(Reservation[] calldata reservations_) external onlyOperator {
        _requireConfigurable();
        _setReservations(reservations_);
    }

    /// @inheritdoc IContributionContract
    function finalize() external onlyOperator nonReentrant returns (uint64) {
        Status s = status();
        require(s == Status.Filled, WrongStatus(s));
        _requireNoDrift();
        return _finalize(false);
    }

    /// @inheritdoc IContributionContract
    function reset() external onlyOperator nonReentrant {
        _refundAll();
        emit Reset();
    }

    /// @inheritdoc IContributionContract
    function cancel() external onlyOperator nonReentrant {
        _refundAll();
        _terminal = TERMINAL_CANCELLED;
        emit Cancelled();
    }

    /// @inheritdoc IContributionContract
    /// @dev The SESH owed is the refunds plus, until finalized, the contributions; only the excess
    /// moves. Any other token belongs to nobody here.
    function rescue(address token) external onlyOperator nonReentrant {
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 owed;
        if (token == TOKEN) {
            owed = _totalRefundable;
            if (_terminal != TERMINAL_FINALIZED) owed += _contributed;
        }
        require(balance > owed, NothingToRescue(token));
        uint256 amount = balance - owed;
        emit Rescued(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------ contributors

    /// @inheritdoc IContributionContract
    function contribute(uint256 amount) external nonReentrant {
        require(_terminal == TERMINAL_NONE, WrongStatus(status()));
        _requireNoDrift();
        require(amount != 0, ZeroAmount());
        uint256 requirement_ = _requirement;
        uint256 contributed_ = _contributed;
        uint256 free = requirement_ - contributed_ - _unfilledAmount;
        uint256 count = _count;
        uint256 index = _indexOf[msg.sender];
        uint256 total;
        if (count == 0) {
            require(msg.sender == _operator, WaitingForOperator());
            uint256 minimum = _operatorMinimum(requirement_);
            require(amount >= minimum, OperatorStakeTooLow(amount, minimum));
            require(amount <= free, ContributionAboveMaximum(amount, free));
            _append(0, amount);
            total = amount;
        } else if (index != 0) {
            require(amount <= free, ContributionAboveMaximum(amount, free));
            Deposit storage d = _deposits[index - 1];
            total = d.amount + amount;
            d.amount = uint64(total);
            d.lastDeposit = uint32(block.timestamp);
        } else {
            uint256 reserved = _reserved[msg.sender];
            if (reserved != 0) {
                uint256 maximum = free + reserved;
                require(amount >= reserved, ContributionBelowMinimum(amount, reserved));
                require(amount <= maximum, ContributionAboveMaximum(amount, maximum));
                // unchecked: an unfilled reservation is counted in both.
                unchecked {
                    --_unfilledCount;
                    _unfilledAmount -= uint64(reserved);
                }
            } else {
                uint256 slots = MAX_CONTRIBUTORS - count - _unfilledCount;
                require(slots != 0, NoSlotAvailable());
                uint256 minimum = _ceilDiv(free, slots);
                require(amount >= minimum, ContributionBelowMinimum(amount, minimum));
                require(amount <= free, ContributionAboveMaximum(amount, free));
            }
            _append(count, amount);
            total = amount;
        }
        contributed_ += amount;
        _contributed = uint64(contributed_);
        emit Contributed(msg.sender, amount, total);
        IERC20(TOKEN).safeTransferFrom(msg.sender, address(this), amount);
        if (contributed_ == requirement_ && _autoFinalize) _finalize(true);
    }

    /// @inheritdoc IContributionContract
    function withdraw() external nonReentrant {
        require(_terminal == TERMINAL_NONE, WrongStatus(status()));
        uint256 index = _indexOf[msg.sender];
        require(index != 0, NotContributor(msg.sender));
        require(index != 1, OperatorCannotWithdraw());
        Deposit memory d = _deposits[index - 1];
        if (!requirementDrifted()) {
            uint256 unlock = uint256(d.lastDeposit) + WITHDRAWAL_DELAY;
            require(block.timestamp >= unlock, WithdrawalLocked(unlock));
        }
        uint256 last = _count - 1;
        if (index - 1 != last) {
            Deposit memory moved = _deposits[last];
            _deposits[index - 1] = moved;
            _indexOf[moved.staker] = index;
        }
        delete _deposits[last];
        delete _indexOf[msg.sender];
        _count = uint8(last);
        _contributed -= d.amount;
        uint256 reserved = _reserved[msg.sender];
        if (reserved != 0) {
            ++_unfilledCount;
            _unfilledAmount += uint64(reserved);
        }
        emit Withdrawn(msg.sender, d.amount);
        IERC20(TOKEN).safeTransfer(msg.sender, d.amount);
    }

    /// @inheritdoc IContributionContract
    function updateBeneficiary(address beneficiary) external {
        require(_terminal == TERMINAL_NONE, WrongStatus(status()));
        require(beneficiary != address(0), ZeroAddress());
        emit BeneficiaryUpdated(msg.sender, beneficiaryOf(msg.sender), beneficiary);
        _beneficiary[msg.sender] = beneficiary;
    }

    /// @inheritdoc IContributionContract
    function claimRefund() external nonReentrant {
        uint256 amount = _refundable[msg.sender];
        require(amount != 0, NothingToClaim(msg.sender));
        delete _refundable[msg.sender];
        _totalRefundable -= uint64(amount);
        emit RefundClaimed(msg.sender, amount);
        IERC20(TOKEN).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------ views

    /// @inheritdoc IContributionContract
    function operator() external view returns (address) {
        return _operator;
    }

    /// @inheritdoc IContributionContract
    function feeBps() external view returns (uint16) {
        return _feeBps;
    }

    /// @inheritdoc IContributionContract
    function autoFinalize() external view returns (bool) {
        return _autoFinalize;
    }

    /// @inheritdoc IContributionContract
    function requirement() external view returns (uint256) {
        return _requirement;
    }

    /// @inheritdoc IContributionContract
    function contributed() external view returns (uint256) {
        return _contributed;
    }

    /// @inheritdoc IContributionContract
    function remaining() external view returns (uint256) {
        return _requirement - _contributed;
    }

    /// @inheritdoc IContributionContract
    function openSlots() public view returns (uint256) {
        return MAX_CONTRIBUTORS - _count - _unfilledCount;
    }

    /// @inheritdoc IContributionContract
    function minimumContribution() public view returns (uint256) {
        if (_terminal != TERMINAL_NONE) return 0;
        if (_count == 0) return _operatorMinimum(_requirement);
        uint256 slots = openSlots();
        if (slots == 0) return 0;
        return _ceilDiv(_free(), slots);
    }

    /// @inheritdoc IContributionContract
    function minimumContributionOf(address staker) external view returns (uint256) {
        if (_terminal != TERMINAL_NONE) return 0;
        if (_count == 0) return staker == _operator ? _operatorMinimum(_requirement) : 0;
        if (_indexOf[staker] != 0) return 0;
        uint256 reserved = _reserved[staker];
        return reserved != 0 ? reserved : minimumContribution();
    }

    /// @inheritdoc IContributionContract
    function maximumContributionOf(address staker) external view returns (uint256) {
        if (_terminal != TERMINAL_NONE) return 0;
        if (_count == 0) return staker == _operator ? _free() : 0;
        if (_indexOf[staker] != 0) return _free();
        uint256 reserved = _reserved[staker];
        if (reserved != 0) return _free() + reserved;
        return openSlots() == 0 ? 0 : _free();
    }

    /// @inheritdoc IContributionContract
    function status() public view returns (Status) {
        uint8 terminal = _terminal;
        if (terminal == TERMINAL_FINALIZED) return Status.Finalized;
        if (terminal == TERMINAL_CANCELLED) return Status.Cancelled;
        if (_count == 0) return Status.WaitingForOperator;
        return _contributed == _requirement ? Status.Filled : Status.Open;
    }

    /// @inheritdoc IContributionContract
    function keys()
        public
        view
        returns (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession)
    {
        if (_keysOverridden) return (_blsKey, _ed25519Key, _proofOfPossession);
        bytes memory args = LibClone.argsOnClone(address(this), 0, ARGS_LENGTH);
        blsKey = LibClone.argsOnClone(address(this), 0, ED_OFFSET);
        ed25519Key = LibClone.argLoad(args, ED_OFFSET);
        proofOfPossession = LibClone.argsOnClone(address(this), POP_OFFSET, ARGS_LENGTH);
    }

    /// @inheritdoc IContributionContract
    function reservations() external view returns (Reservation[] memory list) {
        uint256 n = _reservedStakers.length;
        list = new Reservation[](n);
        for (uint256 i; i < n; ++i) {
            address staker = _reservedStakers[i];
            list[i] = Reservation(staker, _reserved[staker]);
        }
    }

    /// @inheritdoc IContributionContract
    function contributors() external view returns (ContributorView[] memory list) {
        uint256 n = _count;
        list = new ContributorView[](n);
        for (uint256 i; i < n; ++i) {
            Deposit memory d = _deposits[i];
            list[i] = ContributorView(d.staker, beneficiaryOf(d.staker), d.amount, d.lastDeposit);
        }
    }

    /// @inheritdoc IContributionContract
    function contributionOf(address staker) external view returns (uint256) {
        uint256 index = _indexOf[staker];
        return index == 0 ? 0 : _deposits[index - 1].amount;
    }

    /// @inheritdoc IContributionContract
    function beneficiaryOf(address staker) public view returns (address) {
        address beneficiary = _beneficiary[staker];
        return beneficiary == address(0) ? staker : beneficiary;
    }

    /// @inheritdoc IContributionContract
    function refundable(address staker) external view returns (uint256) {
        return _refundable[staker];
    }

    /// @inheritdoc IContributionContract
    function nodeId() external view returns (uint64) {
        return _nodeId;
    }

    /// @inheritdoc IContributionContract
    function requirementDrifted() public view returns (bool) {
        return REGISTRY.stakingRequirement() != _requirement;
    }

    // ------------------------------------------------------------------------------ private

    function _requireConfigurable() private view {
        require(_terminal == TERMINAL_NONE, WrongStatus(status()));
        require(_count == 0, OperatorAlreadyDeposited());
    }

    function _requireNoDrift() private view {
        uint256 current = REGISTRY.stakingRequirement();
        require(current == _requirement, RequirementChanged(_requirement, current));
    }

    function _free() private view returns (uint256) {
        return _requirement - _contributed - _unfilledAmount;
    }

    /// @dev Rounds up: the operator's minimum favours the node (as the registry checks it).
    function _operatorMinimum(uint256 requirement_) private pure returns (uint256) {
        return _ceilDiv(requirement_, QUARTER_DIVISOR);
    }

    function _ceilDiv(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    function _append(uint256 count, uint256 amount) private {
        _deposits[count] = Deposit(msg.sender, uint64(amount), uint32(block.timestamp));
        _indexOf[msg.sender] = count + 1;
        _count = uint8(count + 1);
    }

    function _setReservations(Reservation[] calldata list) private {
        uint256 n = list.length;
        require(n < MAX_CONTRIBUTORS, TooManyReservations(n, MAX_CONTRIBUTORS - 1));
        uint256 old = _reservedStakers.length;
        for (uint256 i; i < old; ++i) {
            delete _reserved[_reservedStakers[i]];
        }
        delete _reservedStakers;
        uint256 sum;
        address operator_ = _operator;
        for (uint256 i; i < n; ++i) {
            address staker = list[i].staker;
            uint256 amount = list[i].amount;
            require(
                staker != address(0) && staker != operator_ && amount != 0 && _reserved[staker] == 0,
                InvalidReservation(staker, amount)
            );
            sum += amount;
            _reserved[staker] = amount;
            _reservedStakers.push(staker);
        }
        uint256 maximum = _requirement - _operatorMinimum(_requirement);
        require(sum <= maximum, ReservationsTooLarge(sum, maximum));
        _unfilledCount = uint8(n);
        _unfilledAmount = uint64(sum);
        emit ReservationsUpdated(list);
    }

    /// @dev Credits every contribution to its staker once and clears the contributors; the
    /// reservations become unfilled again.
    function _refundAll() private {
        require(_terminal == TERMINAL_NONE, WrongStatus(status()));
        uint256 n = _count;
        for (uint256 i; i < n; ++i) {
            Deposit memory d = _deposits[i];
            _refundable[d.staker] += d.amount;
            delete _indexOf[d.staker];
            delete _deposits[i];
            emit RefundCredited(d.staker, d.amount);
        }
        _totalRefundable += _contributed;
        _contributed = 0;
        _count = 0;
        uint256 reserved = _reservedStakers.length;
        uint256 sum;
        for (uint256 i; i < reserved; ++i) {
            sum += _reserved[_reservedStakers[i]];
        }
        _unfilledCount = uint8(reserved);
        _unfilledAmount = uint64(sum);
    }

    /// @dev `soft` (the automatic path): a refusal by the registry is reported, not propagated, so
    /// the filling deposit stands and the operator can finalize later.
    function _finalize(bool soft) private returns (uint64 id) {
        uint256 n = _count;
        IStakingRegistry.Contributor[] memory list = new IStakingRegistry.Contributor[](n);
        for (uint256 i; i < n; ++i) {
            Deposit memory d = _deposits[i];
            list[i] = IStakingRegistry.Contributor(d.staker, _beneficiary[d.staker], d.amount);
        }
        (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession) = keys();
        IERC20(TOKEN).forceApprove(address(REGISTRY), _requirement);
        if (soft) {
            try REGISTRY.registerNode(blsKey, ed25519Key, proofOfPossession, _feeBps, list) returns (
                uint64 newId
            ) {
                id = newId;
            } catch (bytes memory reason) {
                IERC20(TOKEN).forceApprove(address(REGISTRY), 0);
                emit AutoFinalizeFailed(reason);
                return 0;
            }
        } else {
            id = REGISTRY.registerNode(blsKey, ed25519Key, proofOfPossession, _feeBps, list);
        }
        _terminal = TERMINAL_FINALIZED;
        _nodeId = id;
        emit Finalized(id);
    }
}
