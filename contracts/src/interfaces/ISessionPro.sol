// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeePayment} from "./IFeePayment.sol";

/// @title Session Pro subscriptions
/// @notice Anyone may buy or extend Session Pro for a Session account id by paying a plan's USD price
/// in SESH (see {IFeePayment}). A subscription runs until `proExpiry(id)`; paying again extends it
/// by the plan's duration from `max(now, expiry)`, so renewing early never loses paid time and
/// renewing after a lapse starts from now. Plans are managed by the owner.
interface ISessionPro is IFeePayment {
    /// @notice A plan: its price and what it buys.
    /// @param usdPrice USD with 6 decimals (`4_990_000` = $4.99); 0 means no such plan.
    /// @param duration Seconds of Pro per payment.
    struct Plan {
        uint128 usdPrice;
        uint64 duration;
    }

    /// @notice No plan exists with this id.
    error UnknownPlan(uint256 planId);
    /// @notice A plan must have a non-zero price and duration.
    error InvalidPlan(uint256 planId, uint256 usdPrice, uint256 duration);

    /// @notice `payer` bought plan `planId` for the Session ID `0x05 || sessionKey`, now Pro until
    /// `expiry`, paying `seshPaid` SESH for `usdPrice`.
    event Subscribed(
        bytes32 indexed sessionKey,
        uint256 indexed planId,
        address indexed payer,
        uint64 expiry,
        uint256 usdPrice,
        uint256 seshPaid
    );
    /// @notice Plan `planId` changed (all zeros on one side for a creation or removal).
    event PlanUpdated(
        uint256 indexed planId,
        uint256 oldUsdPrice,
        uint256 oldDuration,
        uint256 newUsdPrice,
        uint256 newDuration
    );

    /// @notice The plan `planId` (zeros if none).
    function plan(uint256 planId) external view returns (Plan memory);

    /// @notice SESH one payment of plan `planId` costs now (rounded up), with its USD price.
    /// @return usdPrice USD with 6 decimals.
    /// @return sesh Atomic SESH units.
    function quotePlan(uint256 planId) external view returns (uint256 usdPrice, uint256 sesh);

    /// @notice Whether `sessionId` has Pro right now (`block.timestamp < proExpiry`).
    function isPro(bytes calldata sessionId) external view returns (bool);

    /// @notice When Pro ends for `sessionId` (0 if it never had it).
    function proExpiry(bytes calldata sessionId) external view returns (uint64);

    /// @notice Pays plan `planId` for `sessionId` and extends its Pro by the plan's duration from
    /// `max(now, proExpiry)`. The caller must have approved this contract for the SESH.
    /// @param sessionId The Session account id (33 bytes, `0x05` first).
    /// @param planId The plan.
    /// @param maxSesh The most SESH the caller accepts to pay (slippage guard).
    /// @return expiry The new expiry.
    /// @return seshPaid Atomic SESH units paid.
    function subscribe(bytes calldata sessionId, uint256 planId, uint256 maxSesh)
        external
        returns (uint64 expiry, uint256 seshPaid);

    /// @notice Creates or changes plan `planId` (owner only). Existing subscriptions are unaffected.
    /// @param planId The plan id.
    /// @param usdPrice USD with 6 decimals, > 0.
    /// @param duration Seconds, > 0.
    function setPlan(uint256 planId, uint128 usdPrice, uint64 duration) external;

    /// @notice Removes plan `planId` (owner only). Existing subscriptions run to their expiry.
    function removePlan(uint256 planId) external;
}
