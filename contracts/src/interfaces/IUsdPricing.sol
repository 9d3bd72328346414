// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "./IAggregatorV3.sol";

/// @title USD pricing from a SESH/USD feed: types and errors
/// @notice Network fees are priced in USD with 6 decimals (`1_000_000` = $1, the USDC convention)
/// and paid in SESH (9 decimals) at the price of an `IAggregatorV3` SESH/USD feed. A price is
/// refused when the round is stale (`updatedAt` older than `maxAge`, or incomplete) or dated in
/// the future, when the answer was carried over from an earlier round
/// (`answeredInRound < roundId`), when it is zero or negative, or when it lies outside the configured `[minAnswer, maxAnswer]` (a circuit breaker
/// against a broken or manipulated feed). The payer always names the most SESH they accept.
interface IUsdPricing {
    /// @notice A feed and the limits within which its answers are trusted.
    /// @param feed The SESH/USD feed.
    /// @param decimals The feed's `decimals()`, read once when it is configured.
    /// @param maxAge Oldest acceptable `updatedAt`, in seconds before now (the feed's heartbeat plus
    /// a margin).
    /// @param minAnswer Lowest trusted answer, in feed units (> 0).
    /// @param maxAnswer Highest trusted answer, in feed units (>= `minAnswer`).
    struct PriceFeed {
        IAggregatorV3 feed;
        uint8 decimals;
        uint32 maxAge;
        int128 minAnswer;
        int128 maxAnswer;
    }

    /// @notice The latest answer is older than `maxAge` (or its round never completed:
    /// `updatedAt == 0`).
    error StalePrice(uint256 updatedAt, uint256 maxAge, uint256 currentTime);
    /// @notice The latest answer was computed in an earlier round than the one reported.
    error StaleRound(uint80 roundId, uint80 answeredInRound);
    /// @notice The latest answer is dated `updatedAt`, after the block's `currentTime`: no real round
    /// can be, so the feed is broken or forged.
    error PriceFromFuture(uint256 updatedAt, uint256 currentTime);
    /// @notice The feed answered zero or a negative price.
    error NonPositivePrice(int256 answer);
    /// @notice The answer lies outside the trusted bounds.
    error PriceOutOfBounds(int256 answer, int256 minAnswer, int256 maxAnswer);
    /// @notice The fee in SESH exceeds what the payer accepted (slippage guard).
    error PriceAboveMax(uint256 required, uint256 max);
    /// @notice A feed configuration was refused: zero feed, zero `maxAge`, `minAnswer <= 0`,
    /// `maxAnswer < minAnswer` or more than 18 feed decimals.
    error InvalidPriceFeed(address feed, uint8 decimals, uint32 maxAge, int128 minAnswer, int128 maxAnswer);
}
