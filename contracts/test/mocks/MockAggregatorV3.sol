// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../../src/interfaces/IAggregatorV3.sol";

/// @notice A feed whose every field the test sets, to reach each refusal of `UsdPricing`.
contract MockAggregatorV3 is IAggregatorV3 {
    uint8 public immutable decimals;
    uint80 internal _roundId;
    int256 internal _answer;
    uint256 internal _startedAt;
    uint256 internal _updatedAt;
    uint80 internal _answeredInRound;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function description() external pure returns (string memory) {
        return "mock";
    }

    function version() external pure returns (uint256) {
        return 0;
    }

    function set(uint80 roundId, int256 answer, uint256 updatedAt, uint80 answeredInRound) external {
        (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound) =
        (roundId, answer, updatedAt, updatedAt, answeredInRound);
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }
}
