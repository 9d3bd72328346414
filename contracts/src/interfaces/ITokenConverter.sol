// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Converter of a wrapped legacy token to SESH
/// @notice Part of the Token Swap Program: anyone converts the wrapped legacy token (e.g. wrapped
/// OXEN) into SESH at a ratio fixed at deployment, `out = amountIn * RATIO_NUMERATOR /
/// RATIO_DENOMINATOR` (rounded down; the ratio absorbs any difference of decimals). The legacy tokens
/// stay in the converter for good (no function moves them). SESH is paid from the converter's
/// balance, which the program funds.
///
/// Users are protected in three ways: the ratio never changes; {convert} takes a minimum output; and
/// the owner may withdraw SESH only beyond what converting every legacy token outside the converter
/// would pay ({withdrawable}: the wrapped supply that exists is always covered). The owner may pause
/// conversions (an incident), never change their terms.
interface ITokenConverter {
    /// @notice The ratio has a zero term.
    error InvalidRatio(uint256 numerator, uint256 denominator);
    /// @notice A zero address was given.
    error ZeroAddress();
    /// @notice `amountIn` converts to 0 SESH (too small for the ratio).
    error ZeroOutput(uint256 amountIn);
    /// @notice The conversion pays `amountOut`, below the caller's `minOut`.
    error BelowMinimum(uint256 amountOut, uint256 minOut);
    /// @notice The converter holds `balance` SESH, less than the `amountOut` due.
    error InsufficientBalance(uint256 amountOut, uint256 balance);
    /// @notice The owner asked for `amount`, above the uncommitted `available`.
    error WithdrawalTooLarge(uint256 amount, uint256 available);

    /// @notice `account` converted `amountIn` legacy tokens into `amountOut` SESH.
    event Converted(address indexed account, uint256 amountIn, uint256 amountOut);
    /// @notice The owner withdrew `amount` uncommitted SESH to `to`.
    event SurplusWithdrawn(address indexed to, uint256 amount);

    /// @notice Takes `amountIn` legacy tokens from the caller (approve first) and pays it
    /// {quote}(`amountIn`) SESH. Not when paused.
    /// @param amountIn Atomic legacy units.
    /// @param minOut The least SESH (atomic units) the caller accepts.
    /// @return amountOut Atomic SESH units paid.
    function convert(uint256 amountIn, uint256 minOut) external returns (uint256 amountOut);

    /// @notice Owner only: sends `amount` SESH, at most {withdrawable}, to `to`.
    function withdrawSurplus(address to, uint256 amount) external;

    /// @notice Owner only: stops {convert}.
    function pause() external;
    /// @notice Owner only: resumes {convert}.
    function unpause() external;

    /// @notice SESH paid for `amountIn` legacy units: `amountIn * RATIO_NUMERATOR / RATIO_DENOMINATOR`,
    /// rounded down.
    function quote(uint256 amountIn) external view returns (uint256 amountOut);
    /// @notice SESH beyond what converting every legacy token outside the converter would pay.
    function withdrawable() external view returns (uint256);
    /// @notice The wrapped legacy token.
    function LEGACY_TOKEN() external view returns (IERC20);
    /// @notice The SESH token.
    function SESH() external view returns (IERC20);
    /// @notice The ratio's numerator.
    function RATIO_NUMERATOR() external view returns (uint256);
    /// @notice The ratio's denominator.
    function RATIO_DENOMINATOR() external view returns (uint256);
}
