// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IFeeRouter} from "../interfaces/IFeeRouter.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {ISessionPro} from "../interfaces/ISessionPro.sol";
import {FeePayment} from "./FeePayment.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title SessionPro
/// @notice See {ISessionPro}.
contract SessionPro is ISessionPro, FeePayment {
    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;

    /// @custom:storage-location erc7201:session.storage.SessionPro
    struct SessionProStorage {
        mapping(uint256 planId => Plan plan) plans;
        mapping(bytes32 sessionKey => uint64 expiry) expiries;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.SessionPro")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x1fad613cd4c586936be78630e9b414b5efeeafb37d45b0be0d320c9073c5fd00;

    function _storage() private pure returns (SessionProStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @notice Sets token, router, price feed and owner behind the proxy. No plans yet.
    /// @param token_ The SESH token.
    /// @param feeRouter_ The fee router.
    /// @param feed The SESH/USD feed.
    /// @param maxAge Oldest acceptable answer, in seconds.
    /// @param minAnswer Lowest trusted answer, in feed units.
    /// @param maxAnswer Highest trusted answer, in feed units.
    /// @param owner_ The governance account.
    function initialize(
        IERC20 token_,
        IFeeRouter feeRouter_,
        IAggregatorV3 feed,
        uint32 maxAge,
        int128 minAnswer,
        int128 maxAnswer,
        address owner_
    ) external initializer {
        __FeePayment_init(token_, feeRouter_, feed, maxAge, minAnswer, maxAnswer, owner_);
    }

    /// @inheritdoc ISessionPro
    function plan(uint256 planId) external view returns (Plan memory) {
        return _storage().plans[planId];
    }

    /// @inheritdoc ISessionPro
    function quotePlan(uint256 planId) external view returns (uint256 usdPrice, uint256 sesh) {
        usdPrice = _plan(planId).usdPrice;
        sesh = quoteUsd(usdPrice);
    }

    /// @inheritdoc ISessionPro
    function isPro(bytes calldata sessionId) external view returns (bool) {
        return block.timestamp < _storage().expiries[_sessionKey(sessionId)];
    }

    /// @inheritdoc ISessionPro
    function proExpiry(bytes calldata sessionId) external view returns (uint64) {
        return _storage().expiries[_sessionKey(sessionId)];
    }

    /// @inheritdoc ISessionPro
    function subscribe(bytes calldata sessionId, uint256 planId, uint256 maxSesh)
        external
        returns (uint64 expiry, uint256 seshPaid)
    {
        bytes32 key = _sessionKey(sessionId);
        Plan memory p = _plan(planId);
        SessionProStorage storage $ = _storage();
        uint64 current = $.expiries[key];
        uint64 start = current > block.timestamp ? current : uint64(block.timestamp);
        // Checked: a sum past 2^64 (year 584 billion) reverts rather than wraps.
        expiry = start + p.duration;
        $.expiries[key] = expiry;
        seshPaid = _charge(p.usdPrice, maxSesh);
        emit Subscribed(key, planId, msg.sender, expiry, p.usdPrice, seshPaid);
    }

    /// @inheritdoc ISessionPro
    function setPlan(uint256 planId, uint128 usdPrice, uint64 duration) external onlyOwner {
        require(usdPrice != 0 && duration != 0, InvalidPlan(planId, usdPrice, duration));
        SessionProStorage storage $ = _storage();
        Plan memory old = $.plans[planId];
        $.plans[planId] = Plan({usdPrice: usdPrice, duration: duration});
        emit PlanUpdated(planId, old.usdPrice, old.duration, usdPrice, duration);
    }

    /// @inheritdoc ISessionPro
    function removePlan(uint256 planId) external onlyOwner {
        Plan memory p = _plan(planId);
        delete _storage().plans[planId];
        emit PlanUpdated(planId, p.usdPrice, p.duration, 0, 0);
    }

    function _plan(uint256 planId) private view returns (Plan memory p) {
        p = _storage().plans[planId];
        require(p.usdPrice != 0, UnknownPlan(planId));
    }
}
