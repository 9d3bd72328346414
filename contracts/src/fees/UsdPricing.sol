// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IUsdPricing} from "../interfaces/IUsdPricing.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title UsdPricing
/// @notice SESH amounts for USD prices, from a checked `IAggregatorV3` SESH/USD answer. Errors are
/// those of {IUsdPricing}, which every contract using this library inherits (so they are in its ABI).
library UsdPricing {
    /// @notice Decimals of USD prices: 6, so `4_990_000` is $4.99.
    uint8 internal constant USD_DECIMALS = 6;
    /// @notice Decimals of SESH.
    uint8 internal constant SESH_DECIMALS = 9;
    /// @notice Most feed decimals accepted, so `10 ** (3 + decimals)` can never overflow.
    uint8 internal constant MAX_FEED_DECIMALS = 18;

    /// @notice Refuses a configuration the checks below could not rely on.
    function validate(IUsdPricing.PriceFeed memory f) internal pure {
        require(
            address(f.feed) != address(0) && f.maxAge != 0 && f.minAnswer > 0 && f.maxAnswer >= f.minAnswer
                && f.decimals <= MAX_FEED_DECIMALS,
            IUsdPricing.InvalidPriceFeed(address(f.feed), f.decimals, f.maxAge, f.minAnswer, f.maxAnswer)
        );
    }

    /// @notice The latest answer of the feed, after every check.
    /// @return answer SESH/USD with `f.decimals` decimals, > 0 and within bounds.
    function latestPrice(IUsdPricing.PriceFeed memory f) internal view returns (int256 answer) {
        (uint80 roundId, int256 answer_,, uint256 updatedAt, uint80 answeredInRound) =
            f.feed.latestRoundData();
        require(answer_ > 0, IUsdPricing.NonPositivePrice(answer_));
        require(answeredInRound >= roundId, IUsdPricing.StaleRound(roundId, answeredInRound));
        // `updatedAt + maxAge` cannot overflow a uint256 for any timestamp a feed could return
        // (maxAge < 2^32).
        require(
            updatedAt != 0 && block.timestamp <= updatedAt + f.maxAge,
            IUsdPricing.StalePrice(updatedAt, f.maxAge, block.timestamp)
        );
        // An answer dated after this block cannot be a round that happened: a broken or forged feed.
        require(updatedAt <= block.timestamp, IUsdPricing.PriceFromFuture(updatedAt, block.timestamp));
        require(
            answer_ >= f.minAnswer && answer_ <= f.maxAnswer,
            IUsdPricing.PriceOutOfBounds(answer_, f.minAnswer, f.maxAnswer)
        );
        return answer_;
    }

    /// @notice SESH owed for `usdAmount` at the feed's latest checked price.
    /// @dev `sesh = ceil(usdAmount * 10^(9 - 6 + decimals) / answer)`: rounds *up*, in favour of the
    /// network, so a payer never underpays by a sub-unit remainder (at most 1 atomic unit, 1e-9 SESH,
    /// more than the exact price). Full-precision `mulDiv`, so no intermediate overflow.
    /// @param usdAmount USD with 6 decimals.
    /// @return sesh Atomic SESH units.
    /// @return answer The price used.
    function seshForUsd(IUsdPricing.PriceFeed memory f, uint256 usdAmount)
        internal
        view
        returns (uint256 sesh, int256 answer)
    {
        answer = latestPrice(f);
        // casting to 'uint256' is safe because latestPrice only returns answers > 0
        // forge-lint: disable-next-line(unsafe-typecast)
        uint256 price = uint256(answer);
        sesh = Math.mulDiv(
            usdAmount, 10 ** (SESH_DECIMALS - USD_DECIMALS + f.decimals), price, Math.Rounding.Ceil
        );
    }

    /// @notice Slippage guard: reverts with `PriceAboveMax` when `required > max`.
    function checkMax(uint256 required, uint256 max) internal pure {
        require(required <= max, IUsdPricing.PriceAboveMax(required, max));
    }
}
