// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeePayment} from "./IFeePayment.sol";

/// @title Session Names
/// @notice Human-readable names that resolve to a Session account id, paid in SESH at a USD price
/// (see {IFeePayment}).
///
/// Name rules, applied by `normalize` to every name given to any function:
/// - 3 to 64 bytes long;
/// - only `a-z`, `0-9` and `-`; `A-Z` are accepted and lowercased (`Alice` and `alice` are the
///   same name); every other byte, including any non-ASCII (UTF-8) byte, space, `_` and `.`, is
///   refused with `InvalidName(name, position)` (0-based byte position of the first bad byte);
/// - no `-` first or last (`InvalidName` at that position).
///
/// Lifecycle: a registration lasts `REGISTRATION_PERIOD` (365 days) and resolves while
/// `now < expiry`. Then comes a `GRACE_PERIOD` (30 days) in which the name no longer resolves and
/// only its holder may renew it; from `expiry + GRACE_PERIOD` anyone may register it afresh. While a
/// name is registered (active or in grace) nobody can take it. Renewing extends the expiry by one
/// period from the current expiry. The price of a registration or renewal depends on the length
/// of the normalized name: 3, 4, or 5+ characters.
interface ISessionNames is IFeePayment {
    /// @notice A registration.
    /// @param holder Who may renew, transfer and retarget the name.
    /// @param expiry End of the paid period; the grace period follows.
    /// @param sessionKey What the name resolves to: the Session ID is `0x05 || sessionKey`.
    struct NameRecord {
        address holder;
        uint64 expiry;
        bytes32 sessionKey;
    }

    /// @notice `name` is not 3 to 64 bytes long.
    error NameLengthOutOfRange(string name, uint256 length, uint256 minLength, uint256 maxLength);
    /// @notice `name` has a forbidden byte (or a leading or trailing `-`) at `position`.
    error InvalidName(string name, uint256 position);
    /// @notice `name` is registered to `holder` and can be registered again from `availableAt`.
    error NameUnavailable(string name, address holder, uint256 availableAt);
    /// @notice Only the holder of `name` may do this.
    error NotNameHolder(string name, address caller, address holder);
    /// @notice The grace period of `name` ended at `graceEnd`: it can no longer be renewed, only
    /// registered again.
    error RenewalWindowClosed(string name, uint256 graceEnd);
    /// @notice `name` expired at `expiry`: it can be renewed (in grace) but not transferred or retargeted.
    error NameNotActive(string name, uint256 expiry);
    /// @notice Every price tier must be non-zero.
    error InvalidPrices(uint256 usd3, uint256 usd4, uint256 usd5Plus);

    /// @notice `name` was registered to `holder`, resolving to `0x05 || sessionKey` until `expiry`.
    event NameRegistered(
        bytes32 indexed nameHash,
        string name,
        address indexed holder,
        bytes32 sessionKey,
        uint64 expiry,
        uint256 usdPrice,
        uint256 seshPaid
    );
    /// @notice `name` was renewed until `expiry`.
    event NameRenewed(
        bytes32 indexed nameHash, string name, uint64 expiry, uint256 usdPrice, uint256 seshPaid
    );
    /// @notice `name` passed from `from` to `to`.
    event NameTransferred(bytes32 indexed nameHash, string name, address indexed from, address indexed to);
    /// @notice `name` now resolves to `0x05 || newSessionKey`.
    event NameTargetUpdated(
        bytes32 indexed nameHash, string name, bytes32 oldSessionKey, bytes32 newSessionKey
    );
    /// @notice The USD price tiers changed (6 decimals).
    event PricesUpdated(
        uint256 oldUsd3,
        uint256 oldUsd4,
        uint256 oldUsd5Plus,
        uint256 newUsd3,
        uint256 newUsd4,
        uint256 newUsd5Plus
    );

    /// @notice Shortest name, in bytes: 3.
    function MIN_LENGTH() external view returns (uint256);
    /// @notice Longest name, in bytes: 64.
    function MAX_LENGTH() external view returns (uint256);
    /// @notice What one registration or renewal buys: 365 days.
    function REGISTRATION_PERIOD() external view returns (uint64);
    /// @notice After expiry, how long only the holder may renew: 30 days.
    function GRACE_PERIOD() external view returns (uint64);

    /// @notice `name` under the rules above.
    /// @return normalized The lowercased name.
    function normalize(string calldata name) external pure returns (string memory normalized);

    /// @notice The key of `name` in events and storage: `keccak256(bytes(normalize(name)))`.
    function nameHash(string calldata name) external pure returns (bytes32);

    /// @notice The USD price tiers (6 decimals): 3-character, 4-character and 5-or-more names.
    function prices() external view returns (uint256 usd3, uint256 usd4, uint256 usd5Plus);

    /// @notice USD price (6 decimals) of registering or renewing `name` for one period.
    function priceOf(string calldata name) external view returns (uint256 usdPrice);

    /// @notice USD price of `name` and the SESH it costs now (rounded up).
    function quoteName(string calldata name) external view returns (uint256 usdPrice, uint256 sesh);

    /// @notice The 33-byte Session ID `name` resolves to, or empty bytes if it is not registered or
    /// has expired.
    function resolve(string calldata name) external view returns (bytes memory sessionId);

    /// @notice The stored record of `name`, expired or not (zeros if never registered).
    function recordOf(string calldata name) external view returns (NameRecord memory);

    /// @notice Whether `register(name, ...)` would find the name free now.
    function isAvailable(string calldata name) external view returns (bool);

    /// @notice Registers `name` to the caller, resolving to `sessionId`, for one period.
    /// @param name Any casing; normalized first.
    /// @param sessionId The Session account id (33 bytes, `0x05` first).
    /// @param maxSesh The most SESH the caller accepts to pay (slippage guard).
    /// @return expiry When the registration ends.
    /// @return seshPaid Atomic SESH units paid.
    function register(string calldata name, bytes calldata sessionId, uint256 maxSesh)
        external
        returns (uint64 expiry, uint256 seshPaid);

    /// @notice Extends `name` by one period from its current expiry (holder only, until the grace
    /// period ends).
    /// @param name Any casing; normalized first.
    /// @param maxSesh The most SESH the caller accepts to pay (slippage guard).
    /// @return expiry The new expiry.
    /// @return seshPaid Atomic SESH units paid.
    function renew(string calldata name, uint256 maxSesh) external returns (uint64 expiry, uint256 seshPaid);

    /// @notice Gives `name` to `newHolder` (holder only, while active). The target is unchanged.
    function transfer(string calldata name, address newHolder) external;

    /// @notice Points `name` at `sessionId` (holder only, while active).
    function setTarget(string calldata name, bytes calldata sessionId) external;

    /// @notice Sets the USD price tiers (owner only); all must be non-zero.
    function setPrices(uint256 usd3, uint256 usd4, uint256 usd5Plus) external;
}
