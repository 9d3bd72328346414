// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Chainlink price feed (AggregatorV3Interface shape)
/// @notice The read surface of a Chainlink data feed, with the same function names, argument and
/// return types as the Chainlink npm package's `AggregatorV3Interface`, so a real feed (testnet,
/// mainnet) and the devnet feed are interchangeable.
interface IAggregatorV3 {
    /// @notice Number of decimals of `answer` (8 for Chainlink USD pairs).
    function decimals() external view returns (uint8);

    /// @notice Human-readable pair, e.g. "SESH / USD".
    function description() external view returns (string memory);

    /// @notice Version of the aggregator implementation.
    function version() external view returns (uint256);

    /// @notice Data of round `_roundId`.
    /// @param _roundId The round to read.
    /// @return roundId The round read.
    /// @return answer The price, with `decimals()` decimals.
    /// @return startedAt When the round started.
    /// @return updatedAt When the answer was last updated (0 for an incomplete round).
    /// @return answeredInRound The round in which the answer was computed.
    function getRoundData(uint80 _roundId)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Data of the latest round; same fields as `getRoundData`.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
