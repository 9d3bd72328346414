// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title DevnetPriceFeed
/// @notice DEVNET ONLY. A SESH/USD feed with the Chainlink `AggregatorV3Interface` shape whose answer
/// is whatever its owner (the devnet tooling) last posted. It has none of a real oracle's
/// guarantees and must never be configured on a testnet or mainnet, where the deployment config
/// names a real Chainlink feed instead.
/// @dev Every `setAnswer` opens and completes a new round (`answeredInRound == roundId`,
/// `startedAt == updatedAt == block.timestamp`; `setAnswerAt` dates it earlier); past rounds stay
/// readable through `getRoundData`.
contract DevnetPriceFeed is IAggregatorV3, Ownable2Step {
    /// @notice A round that was never posted was asked for (Chainlink reverts likewise).
    error NoDataPresent(uint80 roundId);
    /// @notice `setAnswerAt` was given a time after the block's or before the latest round's.
    error UpdatedAtOutOfRange(uint64 updatedAt, uint64 latest, uint256 currentTime);

    /// @notice Chainlink's `AnswerUpdated` event shape: `current` posted in `roundId` at `updatedAt`.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    /// @inheritdoc IAggregatorV3
    uint8 public immutable decimals;
    /// @inheritdoc IAggregatorV3
    uint256 public constant version = 1;

    string private _description;
    uint80 private _latestRound;
    mapping(uint80 roundId => Round round) private _rounds;

    /// @param decimals_ Decimals of the answer (8, like Chainlink USD feeds).
    /// @param description_ e.g. "SESH / USD (devnet)".
    /// @param initialAnswer The first answer, posted as round 1.
    /// @param owner_ Who may post answers.
    constructor(uint8 decimals_, string memory description_, int256 initialAnswer, address owner_)
        Ownable(owner_)
    {
        decimals = decimals_;
        _description = description_;
        _post(initialAnswer, uint64(block.timestamp));
    }

    /// @inheritdoc IAggregatorV3
    function description() external view returns (string memory) {
        return _description;
    }

    /// @notice Posts `answer` as a new round (owner only). Any value is accepted, including zero and
    /// negative ones, so consumers' checks can be exercised on the devnet.
    function setAnswer(int256 answer) external onlyOwner {
        _post(answer, uint64(block.timestamp));
    }

    /// @notice Posts `answer` as a new round dated `updatedAt` (owner only), which may be earlier
    /// than the block (not earlier than the latest round). The devnet dates its hourly price at
    /// the block before, so a call that sees the new round never runs at an earlier time (anvil
    /// can answer a call with a block's state and the previous block's time).
    function setAnswerAt(int256 answer, uint64 updatedAt) external onlyOwner {
        uint64 latest = _rounds[_latestRound].updatedAt;
        require(
            updatedAt <= block.timestamp && updatedAt >= latest,
            UpdatedAtOutOfRange(updatedAt, latest, block.timestamp)
        );
        _post(answer, updatedAt);
    }

    /// @notice The latest round id.
    function latestRound() external view returns (uint256) {
        return _latestRound;
    }

    /// @inheritdoc IAggregatorV3
    function getRoundData(uint80 _roundId)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = _rounds[_roundId];
        require(r.updatedAt != 0, NoDataPresent(_roundId));
        return (_roundId, r.answer, r.updatedAt, r.updatedAt, _roundId);
    }

    /// @inheritdoc IAggregatorV3
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        roundId = _latestRound;
        Round memory r = _rounds[roundId];
        return (roundId, r.answer, r.updatedAt, r.updatedAt, roundId);
    }

    function _post(int256 answer, uint64 updatedAt) private {
        uint80 roundId = ++_latestRound;
        _rounds[roundId] = Round({answer: answer, updatedAt: updatedAt});
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
