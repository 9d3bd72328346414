// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IFeeRouter} from "../interfaces/IFeeRouter.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {ISessionNames} from "../interfaces/ISessionNames.sol";
import {FeePayment} from "./FeePayment.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title SessionNames
/// @notice See {ISessionNames}.
contract SessionNames is ISessionNames, FeePayment {
    /// @inheritdoc ISessionNames
    uint256 public constant MIN_LENGTH = 3;
    /// @inheritdoc ISessionNames
    uint256 public constant MAX_LENGTH = 64;
    /// @inheritdoc ISessionNames
    uint64 public constant REGISTRATION_PERIOD = 365 days;
    /// @inheritdoc ISessionNames
    uint64 public constant GRACE_PERIOD = 30 days;
    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;

    /// @custom:storage-location erc7201:session.storage.SessionNames
    struct SessionNamesStorage {
        mapping(bytes32 nameHash => NameRecord record) records;
        uint128 usd3;
        uint128 usd4;
        uint128 usd5Plus;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.SessionNames")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x8f7547bac08a0ddfb2db0199121e2edd43a35aec3b4564bd9d6ed76d73ceab00;

    function _storage() private pure returns (SessionNamesStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @notice Sets token, router, price feed, price tiers and owner behind the proxy.
    /// @param token_ The SESH token.
    /// @param feeRouter_ The fee router.
    /// @param feed The SESH/USD feed.
    /// @param maxAge Oldest acceptable answer, in seconds.
    /// @param minAnswer Lowest trusted answer, in feed units.
    /// @param maxAnswer Highest trusted answer, in feed units.
    /// @param usdPrices USD prices (6 decimals) of 3-, 4- and 5+-character names.
    /// @param owner_ The governance account.
    function initialize(
        IERC20 token_,
        IFeeRouter feeRouter_,
        IAggregatorV3 feed,
        uint32 maxAge,
        int128 minAnswer,
        int128 maxAnswer,
        uint128[3] calldata usdPrices,
        address owner_
    ) external initializer {
        __FeePayment_init(token_, feeRouter_, feed, maxAge, minAnswer, maxAnswer, owner_);
        _setPrices(usdPrices[0], usdPrices[1], usdPrices[2]);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISessionNames
    function normalize(string calldata name) public pure returns (string memory) {
        bytes calldata b = bytes(name);
        uint256 len = b.length;
        require(
            len >= MIN_LENGTH && len <= MAX_LENGTH, NameLengthOutOfRange(name, len, MIN_LENGTH, MAX_LENGTH)
        );
        bytes memory out = new bytes(len);
        // Compared as uint8 (ASCII codes), not bytes1: no left-aligned 32-byte masks in the loop.
        for (uint256 i; i < len; ++i) {
            uint8 c = uint8(b[i]);
            if (c >= 0x41 && c <= 0x5a) {
                c |= 0x20; // "A".."Z": lowercase = uppercase + 0x20
            } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
                        || (c == 0x2d && i != 0 && i != len - 1))) {
                // not "a".."z", "0".."9", or "-" inside the name
                revert InvalidName(name, i);
            }
            out[i] = bytes1(c);
        }
        return string(out);
    }

    /// @inheritdoc ISessionNames
    function nameHash(string calldata name) public pure returns (bytes32) {
        return keccak256(bytes(normalize(name)));
    }

    /// @inheritdoc ISessionNames
    function prices() external view returns (uint256 usd3, uint256 usd4, uint256 usd5Plus) {
        SessionNamesStorage storage $ = _storage();
        return ($.usd3, $.usd4, $.usd5Plus);
    }

    /// @inheritdoc ISessionNames
    function priceOf(string calldata name) public view returns (uint256) {
        normalize(name);
        return _priceOfLength(bytes(name).length);
    }

    /// @inheritdoc ISessionNames
    function quoteName(string calldata name) external view returns (uint256 usdPrice, uint256 sesh) {
        usdPrice = priceOf(name);
        sesh = quoteUsd(usdPrice);
    }

    /// @inheritdoc ISessionNames
    function resolve(string calldata name) external view returns (bytes memory) {
        NameRecord storage r = _storage().records[nameHash(name)];
        return block.timestamp < r.expiry ? _sessionId(r.sessionKey) : bytes("");
    }

    /// @inheritdoc ISessionNames
    function recordOf(string calldata name) external view returns (NameRecord memory) {
        return _storage().records[nameHash(name)];
    }

    /// @inheritdoc ISessionNames
    function isAvailable(string calldata name) external view returns (bool) {
        return block.timestamp >= _graceEnd(_storage().records[nameHash(name)].expiry);
    }

    // ---------------------------------------------------------------- holders

    /// @inheritdoc ISessionNames
    function register(string calldata name, bytes calldata sessionId, uint256 maxSesh)
        external
        returns (uint64 expiry, uint256 seshPaid)
    {
        string memory normalized = normalize(name);
        bytes32 sessionKey = _sessionKey(sessionId);
        bytes32 key = keccak256(bytes(normalized));
        NameRecord storage r = _storage().records[key];
        uint256 availableAt = _graceEnd(r.expiry);
        require(block.timestamp >= availableAt, NameUnavailable(normalized, r.holder, availableAt));

        expiry = uint64(block.timestamp) + REGISTRATION_PERIOD;
        (r.holder, r.expiry, r.sessionKey) = (msg.sender, expiry, sessionKey);
        uint256 usdPrice = _priceOfLength(bytes(normalized).length);
        seshPaid = _charge(usdPrice, maxSesh);
        emit NameRegistered(key, normalized, msg.sender, sessionKey, expiry, usdPrice, seshPaid);
    }

    /// @inheritdoc ISessionNames
    function renew(string calldata name, uint256 maxSesh) external returns (uint64 expiry, uint256 seshPaid) {
        string memory normalized = normalize(name);
        bytes32 key = keccak256(bytes(normalized));
        NameRecord storage r = _storage().records[key];
        _checkHolder(normalized, r);
        uint64 current = r.expiry;
        uint256 graceEnd = _graceEnd(current);
        require(block.timestamp < graceEnd, RenewalWindowClosed(normalized, graceEnd));

        expiry = current + REGISTRATION_PERIOD;
        r.expiry = expiry;
        uint256 usdPrice = _priceOfLength(bytes(normalized).length);
        seshPaid = _charge(usdPrice, maxSesh);
        emit NameRenewed(key, normalized, expiry, usdPrice, seshPaid);
    }

    /// @inheritdoc ISessionNames
    function transfer(string calldata name, address newHolder) external {
        require(newHolder != address(0), ZeroAddress());
        string memory normalized = normalize(name);
        bytes32 key = keccak256(bytes(normalized));
        NameRecord storage r = _storage().records[key];
        _checkActiveHolder(normalized, r);
        r.holder = newHolder;
        emit NameTransferred(key, normalized, msg.sender, newHolder);
    }

    /// @inheritdoc ISessionNames
    function setTarget(string calldata name, bytes calldata sessionId) external {
        bytes32 sessionKey = _sessionKey(sessionId);
        string memory normalized = normalize(name);
        bytes32 key = keccak256(bytes(normalized));
        NameRecord storage r = _storage().records[key];
        _checkActiveHolder(normalized, r);
        bytes32 old = r.sessionKey;
        r.sessionKey = sessionKey;
        emit NameTargetUpdated(key, normalized, old, sessionKey);
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc ISessionNames
    function setPrices(uint256 usd3, uint256 usd4, uint256 usd5Plus) external onlyOwner {
        _setPrices(usd3, usd4, usd5Plus);
    }

    // ---------------------------------------------------------------- internals

    function _setPrices(uint256 usd3, uint256 usd4, uint256 usd5Plus) private {
        require(
            usd3 != 0 && usd4 != 0 && usd5Plus != 0 && usd3 <= type(uint128).max && usd4 <= type(uint128).max
                && usd5Plus <= type(uint128).max,
            InvalidPrices(usd3, usd4, usd5Plus)
        );
        SessionNamesStorage storage $ = _storage();
        (uint256 old3, uint256 old4, uint256 old5) = ($.usd3, $.usd4, $.usd5Plus);
        // casting to 'uint128' is safe because each tier was checked against type(uint128).max above
        // forge-lint: disable-next-line(unsafe-typecast)
        ($.usd3, $.usd4, $.usd5Plus) = (uint128(usd3), uint128(usd4), uint128(usd5Plus));
        emit PricesUpdated(old3, old4, old5, usd3, usd4, usd5Plus);
    }

    /// @dev `length` is that of a valid (hence ASCII, 3..64 bytes) name.
    function _priceOfLength(uint256 length) private view returns (uint256) {
        SessionNamesStorage storage $ = _storage();
        if (length == 3) return $.usd3;
        if (length == 4) return $.usd4;
        return $.usd5Plus;
    }

    /// @dev First second at which a registration with `expiry` may be taken by anyone; 0 (now) for a
    /// name never registered.
    function _graceEnd(uint64 expiry) private pure returns (uint256) {
        return expiry == 0 ? 0 : uint256(expiry) + GRACE_PERIOD;
    }

    function _checkHolder(string memory normalized, NameRecord storage r) private view {
        require(msg.sender == r.holder, NotNameHolder(normalized, msg.sender, r.holder));
    }

    function _checkActiveHolder(string memory normalized, NameRecord storage r) private view {
        _checkHolder(normalized, r);
        require(block.timestamp < r.expiry, NameNotActive(normalized, r.expiry));
    }
}
