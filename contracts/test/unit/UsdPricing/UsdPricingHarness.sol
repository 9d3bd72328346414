// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {UsdPricing} from "../../../src/fees/UsdPricing.sol";
import {IUsdPricing} from "../../../src/interfaces/IUsdPricing.sol";

/// @notice Exposes the `UsdPricing` library's internal functions.
contract UsdPricingHarness is IUsdPricing {
    function validate(PriceFeed memory f) external pure {
        UsdPricing.validate(f);
    }

    function latestPrice(PriceFeed memory f) external view returns (int256) {
        return UsdPricing.latestPrice(f);
    }

    function seshForUsd(PriceFeed memory f, uint256 usdAmount) external view returns (uint256, int256) {
        return UsdPricing.seshForUsd(f, usdAmount);
    }

    function checkMax(uint256 required, uint256 max) external pure {
        UsdPricing.checkMax(required, max);
    }
}
