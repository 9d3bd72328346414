// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {GasGuard} from "../utils/GasGuard.sol";
import {ReservingReentrancyGuard} from "../utils/ReservingReentrancyGuard.sol";
import {ContributionArgs} from "./ContributionArgs.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title ContributionContract
/// @notice See {IContributionContract}. Used only through `LibClone` minimal proxies made by the
/// factory, whose immutable arguments ({ContributionArgs}) hold the terms and keys; the
/// implementation refuses direct calls.
/// @dev Storage is sized for the deposit path: a deposit reads and writes the header slot and the
/// depositor's slot, nothing else (unless reservations exist). Contributors form a list linked
/// from the newest (`head`) back to the operator, so adding one is O(1) and no index is stored;
/// only withdrawals (rare, at most 10 entries) walk it. Amounts fit `uint56`: the requirement is
/// checked against it at creation (25,000 SESH is 2.5e13 atomic units; 2^56 is 7.2e16).
contract ContributionContract is IContributionContract, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev A deposit cannot be withdrawn for this long, so a contributor cannot block the last
    /// slot for free.
    uint256 public constant WITHDRAWAL_DELAY = 1 days;
    /// @dev The operator stakes at least requirement / 4, rounded up (as the registry checks).
    uint256 private constant QUARTER_DIVISOR = 4;
    uint256 private constant BPS = 10_000;

    uint8 private constant TERMINAL_NONE = 0;
    uint8 private constant TERMINAL_FINALIZED = 1;
    uint8 private constant TERMINAL_CANCELLED = 2;
    /// @dev Header flags: the operator replaced the keys or the fee given at creation.
    uint8 private constant KEYS_UPDATED = 1;
    uint8 private constant FEE_UPDATED = 2;
    /// @dev Entry flags: a reservation exists, a beneficiary was set (saves reading either mapping
    /// for the common contributor who has neither).
    uint8 private constant RESERVED = 1;
    uint8 private constant HAS_BENEFICIARY = 2;

    /// @dev The hot state, one slot. `fundsOrNodeId` is the sum of the contributions until
    /// finalized, then the node id (the contributions then equal the requirement by definition),
    /// which saves a fresh slot at finalization.
    struct Header {
        address head;
        uint64 fundsOrNodeId;
        uint8 count;
        uint8 unfilledCount;
        uint8 terminal;
        uint8 flags;
    }

    /// @dev One staker, one slot. `amount != 0` exactly for current contributors; `next` is the
    /// contributor who joined before (zero for the operator, the first).
    struct Entry {
        address next;
        uint56 amount;
        uint32 lastDeposit;
        uint8 flags;
    }

    /// @dev Cold state: written only with reservations, an updated fee, refunds or a change of
    /// terms; read by every deposit for `termsVersion` (uint32: never wraps, each bump is a
    /// transaction).
    struct Extra {
        uint64 unfilledAmount;
        uint64 totalRefundable;
        uint16 feeBps;
        uint32 termsVersion;
    }

    /// @inheritdoc IContributionContract
    address public immutable TOKEN;
    /// @inheritdoc IContributionContract
    IStakingRegistry public immutable REGISTRY;
    /// @inheritdoc IContributionContract
    address public immutable FACTORY;
    address private immutable _SELF;

    Header private _header;
    Extra private _extra;
    mapping(address staker => Entry) private _entries;
    mapping(address staker => uint256 amount) private _reserved;
    address[] private _reservedStakers;
    mapping(address staker => address beneficiary) private _beneficiary;
    mapping(address staker => uint256 amount) private _refundable;
    /// @dev Keys set by {updateKeys}; until then they are the clone's immutable arguments.
    bytes private _blsKey;
    bytes32 private _ed25519Key;
    bytes private _proofOfPossession;

    modifier onlyClone() {
        require(address(this) != _SELF, NotClone());
        _;
    }

    modifier onlyOperator() {
        address operator_ = ContributionArgs.operator();
        require(msg.sender == operator_, NotOperator(msg.sender, operator_));
        _;
    }

    /// @param token The SESH token.
    /// @param registry The staking registry.
    /// @param factory The only account allowed to set a clone's first reservations.
    constructor(address token, IStakingRegistry registry, address factory) {
        TOKEN = token;
        REGISTRY = registry;
        FACTORY = factory;
        _SELF = address(this);
    }

    // ------------------------------------------------------------------------------ setup

    /// @inheritdoc IContributionContract
    function initializeReservations(Reservation[] calldata reservations_) external onlyClone {
        require(msg.sender == FACTORY, NotFactory(msg.sender));
        _setReservations(reservations_);
    }

    // ------------------------------------------------------------------------------ operator

    /// @inheritdoc IContributionContract
    function updateKeys(bytes calldata blsKey, bytes32 ed25519Key, bytes calldata proofOfPossession)
        external
        onlyClone
        onlyOperator
    {
        Header storage h = _requireConfigurable();
        ContributionArgs.requireUsableKeys(REGISTRY, blsKey, ed25519Key);
        ContributionArgs.requireCanonical(blsKey, ContributionArgs.BLS_KEY_LENGTH);
        ContributionArgs.requireCanonical(proofOfPossession, ContributionArgs.POP_LENGTH);
        _blsKey = blsKey;
        _ed25519Key = ed25519Key;
        _proofOfPossession = proofOfPossession;
        h.flags |= KEYS_UPDATED;
        emit KeysUpdated(blsKey, ed25519Key, proofOfPossession);
        _bumpTerms();
    }

    /// @inheritdoc IContributionContract
    function updateFee(uint16 feeBps_) external onlyClone onlyOperator {
        Header storage h = _requireConfigurable();
        require(feeBps_ <= BPS, FeeTooHigh(feeBps_, BPS));
        emit FeeUpdated(feeBps(), feeBps_);
        _extra.feeBps = feeBps_;
        h.flags |= FEE_UPDATED;
        _bumpTerms();
    }

    /// @inheritdoc IContributionContract
    function updateReservations(Reservation[] calldata reservations_) external onlyClone onlyOperator {
        _requireConfigurable();
        _setReservations(reservations_);
        _bumpTerms();
    }

    /// @inheritdoc IContributionContract
    function finalize() external onlyClone onlyOperator nonReentrant returns (uint64) {
        Header memory h = _header;
        ContributionArgs.Terms memory t = ContributionArgs.terms();
        Status s = _status(h, t.requirement);
        require(s == Status.Filled, WrongStatus(s));
        _requireNoDrift(t);
        return _finalize(h, t, false);
    }

    /// @inheritdoc IContributionContract
    function reset() external onlyClone onlyOperator nonReentrant {
        _refundAll();
        emit Reset();
        _bumpTerms();
    }

    /// @inheritdoc IContributionContract
    function cancel() external onlyClone onlyOperator nonReentrant {
        _refundAll();
        _header.terminal = TERMINAL_CANCELLED;
        emit Cancelled();
    }

    /// @inheritdoc IContributionContract
    /// @dev The SESH owed is the refunds plus, until finalized, the contributions; only the excess
    /// moves. Any other token belongs to nobody here.
    function rescue(address token) external onlyClone onlyOperator nonReentrant {
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 owed;
        if (token == TOKEN) {
            Header memory h = _header;
            owed = _extra.totalRefundable;
            if (h.terminal != TERMINAL_FINALIZED) owed += h.fundsOrNodeId;
        }
        require(balance > owed, NothingToRescue(token));
        uint256 amount = balance - owed;
        emit Rescued(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------ contributors

    /// @inheritdoc IContributionContract
    function contribute(uint256 amount, uint32 expectedTermsVersion) external onlyClone nonReentrant {
        _contribute(amount, expectedTermsVersion);
    }

    /// @inheritdoc IContributionContract
    function contributeWithPermit(
        uint256 amount,
        uint32 expectedTermsVersion,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external onlyClone nonReentrant {
        // A permit front-run to the token has already set the allowance it would set.
        try IERC20Permit(TOKEN).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _contribute(amount, expectedTermsVersion);
    }

    function _contribute(uint256 amount, uint32 expectedTermsVersion) private {
        uint256 current = _extra.termsVersion;
        require(expectedTermsVersion == current, TermsChanged(expectedTermsVersion, current));
        ContributionArgs.Terms memory t = ContributionArgs.terms();
        Header memory h = _deposit(msg.sender, amount, t, true);
        IERC20(TOKEN).safeTransferFrom(msg.sender, address(this), amount);
        if (h.fundsOrNodeId == t.requirement && t.autoFinalize) _finalize(h, t, true);
    }

    /// @inheritdoc IContributionContract
    /// @dev The terms were captured in this same transaction, so there is no drift to check.
    function contributeFromFactory(uint256 amount) external onlyClone nonReentrant {
        require(msg.sender == FACTORY, NotFactory(msg.sender));
        uint256 balance = IERC20(TOKEN).balanceOf(address(this));
        require(balance >= amount, FactoryDepositMissing(balance, amount));
        ContributionArgs.Terms memory t = ContributionArgs.terms();
        Header memory h = _deposit(t.operator, amount, t, false);
        if (h.fundsOrNodeId == t.requirement && t.autoFinalize) _finalize(h, t, true);
    }

    /// @inheritdoc IContributionContract
    function withdraw() external onlyClone nonReentrant {
        Header memory h = _header;
        ContributionArgs.Terms memory t = ContributionArgs.terms();
        require(h.terminal == TERMINAL_NONE, WrongStatus(_status(h, t.requirement)));
        Entry memory e = _entries[msg.sender];
        require(e.amount != 0, NoContribution(msg.sender));
        require(msg.sender != t.operator, OperatorCannotWithdraw());
        if (!_drifted(t)) {
            uint256 unlock = uint256(e.lastDeposit) + WITHDRAWAL_DELAY;
            require(block.timestamp >= unlock, WithdrawalLocked(unlock));
        }
        if (h.head == msg.sender) {
            h.head = e.next;
        } else {
            // The caller is in the list and not its head, so a predecessor exists.
            address previous = h.head;
            while (_entries[previous].next != msg.sender) {
                previous = _entries[previous].next;
            }
            _entries[previous].next = e.next;
        }
        --h.count;
        h.fundsOrNodeId -= uint64(e.amount);
        if (e.flags & RESERVED != 0) {
            ++h.unfilledCount;
            _extra.unfilledAmount += uint64(_reserved[msg.sender]);
        }
        _entries[msg.sender] = Entry(address(0), 0, 0, e.flags);
        _header = h;
        emit Withdrawn(msg.sender, e.amount);
        IERC20(TOKEN).safeTransfer(msg.sender, e.amount);
    }

    /// @inheritdoc IContributionContract
    function updateBeneficiary(address beneficiary) external onlyClone {
        Header memory h = _header;
        require(h.terminal == TERMINAL_NONE, WrongStatus(_status(h, ContributionArgs.terms().requirement)));
        require(beneficiary != address(0), ZeroAddress());
        emit BeneficiaryUpdated(msg.sender, beneficiaryOf(msg.sender), beneficiary);
        _beneficiary[msg.sender] = beneficiary;
        _entries[msg.sender].flags |= HAS_BENEFICIARY;
    }

    /// @inheritdoc IContributionContract
    function claimRefund() external onlyClone nonReentrant {
        uint256 amount = _refundable[msg.sender];
        require(amount != 0, NoRefundDue(msg.sender));
        delete _refundable[msg.sender];
        _extra.totalRefundable -= uint64(amount);
        emit RefundClaimed(msg.sender, amount);
        IERC20(TOKEN).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------ views

    /// @inheritdoc IContributionContract
    function operator() external view returns (address) {
        return ContributionArgs.operator();
    }

    /// @inheritdoc IContributionContract
    function feeBps() public view returns (uint16) {
        return _header.flags & FEE_UPDATED != 0 ? _extra.feeBps : ContributionArgs.terms().feeBps;
    }

    /// @inheritdoc IContributionContract
    function autoFinalize() external view returns (bool) {
        return ContributionArgs.terms().autoFinalize;
    }

    /// @inheritdoc IContributionContract
    function requirement() external view returns (uint256) {
        return ContributionArgs.terms().requirement;
    }

    /// @inheritdoc IContributionContract
    function maxContributors() external view returns (uint256) {
        return ContributionArgs.terms().maxContributors;
    }

    /// @inheritdoc IContributionContract
    function serial() external view returns (uint256) {
        return ContributionArgs.serial();
    }

    /// @inheritdoc IContributionContract
    function contributed() public view returns (uint256) {
        Header memory h = _header;
        return h.terminal == TERMINAL_FINALIZED ? ContributionArgs.terms().requirement : h.fundsOrNodeId;
    }

    /// @inheritdoc IContributionContract
    function remaining() external view returns (uint256) {
        return ContributionArgs.terms().requirement - contributed();
    }

    /// @inheritdoc IContributionContract
    function openSlots() public view returns (uint256) {
        Header memory h = _header;
        if (h.terminal != TERMINAL_NONE) return 0;
        return uint256(ContributionArgs.terms().maxContributors) - h.count - h.unfilledCount;
    }

    /// @inheritdoc IContributionContract
    function minimumContribution() public view returns (uint256) {
        Header memory h = _header;
        if (h.terminal != TERMINAL_NONE) return 0;
        if (h.count == 0) return _operatorMinimum(ContributionArgs.terms().requirement);
        uint256 slots = openSlots();
        if (slots == 0) return 0;
        return _ceilDiv(_free(), slots);
    }

    /// @inheritdoc IContributionContract
    function minimumContributionOf(address staker) external view returns (uint256) {
        Header memory h = _header;
        if (h.terminal != TERMINAL_NONE) return 0;
        if (h.count == 0) {
            return staker == ContributionArgs.operator()
                ? _operatorMinimum(ContributionArgs.terms().requirement)
                : 0;
        }
        Entry memory e = _entries[staker];
        if (e.amount != 0) return 0;
        return e.flags & RESERVED != 0 ? _reserved[staker] : minimumContribution();
    }

    /// @inheritdoc IContributionContract
    function maximumContributionOf(address staker) external view returns (uint256) {
        Header memory h = _header;
        if (h.terminal != TERMINAL_NONE) return 0;
        if (h.count == 0) return staker == ContributionArgs.operator() ? _free() : 0;
        Entry memory e = _entries[staker];
        if (e.amount != 0) return _free();
        if (e.flags & RESERVED != 0) return _free() + _reserved[staker];
        return openSlots() == 0 ? 0 : _free();
    }

    /// @inheritdoc IContributionContract
    function status() public view returns (Status) {
        return _status(_header, ContributionArgs.terms().requirement);
    }

    /// @inheritdoc IContributionContract
    function keys()
        public
        view
        returns (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession)
    {
        if (_header.flags & KEYS_UPDATED != 0) return (_blsKey, _ed25519Key, _proofOfPossession);
        return ContributionArgs.keys();
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
        (address[] memory stakers, Entry[] memory entries) = _list();
        list = new ContributorView[](stakers.length);
        for (uint256 i; i < stakers.length; ++i) {
            Entry memory e = entries[i];
            list[i] =
                ContributorView(stakers[i], _beneficiaryOf(stakers[i], e.flags), e.amount, e.lastDeposit);
        }
    }

    /// @inheritdoc IContributionContract
    function contributionOf(address staker) external view returns (uint256) {
        return _entries[staker].amount;
    }

    /// @inheritdoc IContributionContract
    function beneficiaryOf(address staker) public view returns (address) {
        return _beneficiaryOf(staker, _entries[staker].flags);
    }

    /// @inheritdoc IContributionContract
    function contributorOf(address staker) external view returns (uint256 amount, address beneficiary) {
        Entry memory e = _entries[staker];
        return (e.amount, _beneficiaryOf(staker, e.flags));
    }

    /// @inheritdoc IContributionContract
    function stakes() external view returns (address[] memory stakers, uint256[] memory amounts) {
        Entry[] memory entries;
        (stakers, entries) = _list();
        amounts = new uint256[](stakers.length);
        for (uint256 i; i < stakers.length; ++i) {
            amounts[i] = entries[i].amount;
        }
    }

    /// @inheritdoc IContributionContract
    function refundable(address staker) external view returns (uint256) {
        return _refundable[staker];
    }

    /// @inheritdoc IContributionContract
    function nodeId() external view returns (uint64) {
        Header memory h = _header;
        return h.terminal == TERMINAL_FINALIZED ? h.fundsOrNodeId : 0;
    }

    /// @inheritdoc IContributionContract
    function requirementDrifted() external view returns (bool) {
        return _drifted(ContributionArgs.terms());
    }

    /// @inheritdoc IContributionContract
    function termsVersion() external view returns (uint32) {
        return _extra.termsVersion;
    }

    // ------------------------------------------------------------------------------ private

    /// @dev The terms changed: a deposit quoting the old version is refused from now.
    function _bumpTerms() private {
        uint32 version = ++_extra.termsVersion;
        emit TermsVersionUpdated(version);
    }

    /// @dev The contributors and their entries in deposit order, operator first (the list is linked
    /// from the newest).
    function _list() private view returns (address[] memory stakers, Entry[] memory entries) {
        Header memory h = _header;
        (stakers, entries) = (new address[](h.count), new Entry[](h.count));
        address staker = h.head;
        for (uint256 i = h.count; i != 0; --i) {
            Entry memory e = _entries[staker];
            (stakers[i - 1], entries[i - 1]) = (staker, e);
            staker = e.next;
        }
    }

    /// @dev The mapping is read only when the entry's flag says a beneficiary was set.
    function _beneficiaryOf(address staker, uint8 flags) private view returns (address) {
        return flags & HAS_BENEFICIARY != 0 ? _beneficiary[staker] : staker;
    }

    function _requireConfigurable() private view returns (Header storage h) {
        h = _header;
        require(h.terminal == TERMINAL_NONE, WrongStatus(status()));
        require(h.count == 0, OperatorAlreadyDeposited());
    }

    function _drifted(ContributionArgs.Terms memory t) private view returns (bool) {
        return
            REGISTRY.stakingRequirement() != t.requirement || REGISTRY.maxContributors() != t.maxContributors;
    }

    function _requireNoDrift(ContributionArgs.Terms memory t) private view {
        uint256 current = REGISTRY.stakingRequirement();
        require(current == t.requirement, RequirementChanged(t.requirement, current));
        current = REGISTRY.maxContributors();
        require(current == t.maxContributors, ContributorLimitChanged(t.maxContributors, current));
    }

    function _status(Header memory h, uint256 requirement_) private pure returns (Status) {
        if (h.terminal == TERMINAL_FINALIZED) return Status.Finalized;
        if (h.terminal == TERMINAL_CANCELLED) return Status.Cancelled;
        if (h.count == 0) return Status.WaitingForOperator;
        return h.fundsOrNodeId == requirement_ ? Status.Filled : Status.Open;
    }

    function _free() private view returns (uint256) {
        Header memory h = _header;
        return ContributionArgs.terms().requirement - h.fundsOrNodeId - _extra.unfilledAmount;
    }

    /// @dev Rounds up: the operator's minimum favours the node (as the registry checks it).
    function _operatorMinimum(uint256 requirement_) private pure returns (uint256) {
        return _ceilDiv(requirement_, QUARTER_DIVISOR);
    }

    function _ceilDiv(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    /// @dev Checks and records a deposit of `amount` by `staker` (the tokens are moved by the
    /// caller); returns the new header.
    function _deposit(address staker, uint256 amount, ContributionArgs.Terms memory t, bool checkDrift)
        private
        returns (Header memory h)
    {
        h = _header;
        require(h.terminal == TERMINAL_NONE, WrongStatus(_status(h, t.requirement)));
        if (checkDrift) _requireNoDrift(t);
        require(amount != 0, ZeroAmount());
        Entry memory e = _entries[staker];
        uint256 free = t.requirement - h.fundsOrNodeId - (h.unfilledCount == 0 ? 0 : _extra.unfilledAmount);
        if (h.count == 0) {
            require(staker == t.operator, WaitingForOperator());
            uint256 minimum = _operatorMinimum(t.requirement);
            require(amount >= minimum, OperatorStakeTooLow(amount, minimum));
            require(amount <= free, ContributionAboveMaximum(amount, free));
        } else if (e.amount == 0 && e.flags & RESERVED != 0) {
            uint256 reserved = _reserved[staker];
            uint256 maximum = free + reserved;
            require(amount >= reserved, ContributionBelowMinimum(amount, reserved));
            require(amount <= maximum, ContributionAboveMaximum(amount, maximum));
            // unchecked: an unfilled reservation is counted in both.
            unchecked {
                --h.unfilledCount;
                _extra.unfilledAmount -= uint64(reserved);
            }
        } else {
            if (e.amount == 0) {
                uint256 slots = uint256(t.maxContributors) - h.count - h.unfilledCount;
                require(slots != 0, NoSlotAvailable());
                uint256 minimum = _ceilDiv(free, slots);
                require(amount >= minimum, ContributionBelowMinimum(amount, minimum));
            }
            require(amount <= free, ContributionAboveMaximum(amount, free));
        }
        if (e.amount == 0) {
            e.next = h.head;
            h.head = staker;
            ++h.count;
        }
        // The checks above bound amounts by the requirement, which fits uint56.
        e.amount += uint56(amount);
        e.lastDeposit = uint32(block.timestamp);
        h.fundsOrNodeId += uint64(amount);
        _entries[staker] = e;
        _header = h;
        emit Contributed(staker, amount, e.amount);
    }

    function _setReservations(Reservation[] calldata list) private {
        ContributionArgs.Terms memory t = ContributionArgs.terms();
        uint256 n = list.length;
        require(n < t.maxContributors, TooManyReservations(n, t.maxContributors - 1));
        uint256 old = _reservedStakers.length;
        for (uint256 i; i < old; ++i) {
            address staker = _reservedStakers[i];
            delete _reserved[staker];
            _entries[staker].flags &= ~RESERVED;
        }
        delete _reservedStakers;
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            address staker = list[i].staker;
            uint256 amount = list[i].amount;
            require(
                staker != address(0) && staker != t.operator && amount != 0 && _reserved[staker] == 0,
                InvalidReservation(staker, amount)
            );
            sum += amount;
            _reserved[staker] = amount;
            _reservedStakers.push(staker);
            _entries[staker].flags |= RESERVED;
        }
        uint256 maximum = t.requirement - _operatorMinimum(t.requirement);
        require(sum <= maximum, ReservationsTooLarge(sum, maximum));
        _header.unfilledCount = uint8(n);
        _extra.unfilledAmount = uint64(sum);
        emit ReservationsUpdated(list);
    }

    /// @dev Credits every contribution to its staker once and clears the contributors; the
    /// reservations become unfilled again.
    function _refundAll() private {
        Header memory h = _header;
        require(h.terminal == TERMINAL_NONE, WrongStatus(status()));
        address staker = h.head;
        while (staker != address(0)) {
            Entry memory e = _entries[staker];
            _refundable[staker] += e.amount;
            _entries[staker] = Entry(address(0), 0, 0, e.flags);
            emit RefundCredited(staker, e.amount);
            staker = e.next;
        }
        _extra.totalRefundable += h.fundsOrNodeId;
        uint256 reserved = _reservedStakers.length;
        uint256 sum;
        for (uint256 i; i < reserved; ++i) {
            sum += _reserved[_reservedStakers[i]];
        }
        _header = Header(address(0), 0, 0, uint8(reserved), TERMINAL_NONE, h.flags);
        _extra.unfilledAmount = uint64(sum);
    }

    /// @dev `soft` (the automatic path): a refusal by the registry is reported, not propagated, so
    /// the filling deposit stands and the operator can finalize later. The registry reads the
    /// contributors from this contract ({contributorOf}, {contributors}), which nothing can change
    /// once finalized.
    function _finalize(Header memory h, ContributionArgs.Terms memory t, bool soft)
        private
        returns (uint64 id)
    {
        (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession) = keys();
        uint16 fee = h.flags & FEE_UPDATED != 0 ? _extra.feeBps : t.feeBps;
        IERC20(TOKEN).forceApprove(address(REGISTRY), t.requirement);
        if (soft) {
            uint256 gasBefore = gasleft();
            try REGISTRY.registerFromContract(
                blsKey, ed25519Key, proofOfPossession, fee, t.operator, h.count
            ) returns (
                uint64 newId
            ) {
                id = newId;
            } catch (bytes memory reason) {
                // A registration starved of gas is the caller's doing, not a refusal: keeping the
                // deposit and skipping it would also make gas estimates skip it. So is one whose
                // pull of the pool ran out of gas inside the registry, or that left the registry
                // too little of the gas it reserves for a distribution.
                bytes4 why = bytes4(reason);
                require(
                    GasGuard.refused(gasBefore) && why != IStakingRegistry.PoolReleaseOutOfGas.selector
                        && why != ReservingReentrancyGuard.GasReserveNotLeft.selector,
                    AutoFinalizeOutOfGas()
                );
                IERC20(TOKEN).forceApprove(address(REGISTRY), 0);
                emit AutoFinalizeFailed(reason);
                return 0;
            }
        } else {
            id = REGISTRY.registerFromContract(
                blsKey, ed25519Key, proofOfPossession, fee, t.operator, h.count
            );
        }
        h.terminal = TERMINAL_FINALIZED;
        h.fundsOrNodeId = id;
        _header = h;
        emit Finalized(id);
    }
}
