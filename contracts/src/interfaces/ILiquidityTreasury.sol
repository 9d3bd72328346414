// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IUniswapV2Router02} from "./IUniswapV2Router02.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Liquidity treasury (protocol-owned liquidity)
/// @notice Receives 10% of every network fee from the fee router. The owner may pair its SESH with
/// ETH or another token in a Uniswap-v2-style pool through the configured router; the LP tokens stay
/// in the treasury (the liquidity is owned by the protocol). Only the owner can move anything out.
interface ILiquidityTreasury {
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice An amount of zero was given.
    error ZeroAmount();
    /// @notice The other side of a pair cannot be SESH itself.
    error PairWithSelf();
    /// @notice Sending ETH to `to` failed.
    error EthTransferFailed(address to, uint256 amount);

    /// @notice Liquidity was added: `seshUsed` SESH and `otherUsed` of `otherToken` (the router's
    /// WETH for ETH) minted `liquidity` LP tokens to the treasury.
    event LiquidityAdded(address indexed otherToken, uint256 seshUsed, uint256 otherUsed, uint256 liquidity);
    /// @notice The router changed.
    event RouterUpdated(address indexed oldRouter, address indexed newRouter);
    /// @notice The owner moved `amount` of `asset` (zero address for ETH) to `to`.
    event Rescued(address indexed asset, address indexed to, uint256 amount);
    /// @notice The treasury received `amount` ETH from `from`.
    event EthReceived(address indexed from, uint256 amount);

    /// @notice The SESH token.
    function token() external view returns (IERC20);

    /// @notice The Uniswap-v2-style router used to add liquidity.
    function router() external view returns (IUniswapV2Router02);

    /// @notice Pairs `seshAmount` SESH with `ethAmount` of the treasury's ETH (owner only).
    /// @dev The router is approved for exactly `seshAmount`, and the approval is cleared after.
    /// Unused ETH is refunded by the router to the treasury.
    /// @param seshAmount SESH offered (atomic units).
    /// @param ethAmount ETH offered (wei), taken from the treasury's balance.
    /// @param seshMin Least SESH to add (slippage guard).
    /// @param ethMin Least ETH to add (slippage guard).
    /// @param deadline Latest timestamp at which the router may execute.
    /// @return seshUsed SESH added.
    /// @return ethUsed ETH added.
    /// @return liquidity LP tokens minted to the treasury.
    function addLiquidityETH(
        uint256 seshAmount,
        uint256 ethAmount,
        uint256 seshMin,
        uint256 ethMin,
        uint256 deadline
    ) external returns (uint256 seshUsed, uint256 ethUsed, uint256 liquidity);

    /// @notice Pairs `seshAmount` SESH with `otherAmount` of `otherToken` held by the treasury
    /// (owner only); e.g. WETH or a stablecoin.
    /// @return seshUsed SESH added.
    /// @return otherUsed `otherToken` added.
    /// @return liquidity LP tokens minted to the treasury.
    function addLiquidity(
        IERC20 otherToken,
        uint256 seshAmount,
        uint256 otherAmount,
        uint256 seshMin,
        uint256 otherMin,
        uint256 deadline
    ) external returns (uint256 seshUsed, uint256 otherUsed, uint256 liquidity);

    /// @notice Changes the router (owner only).
    function setRouter(IUniswapV2Router02 newRouter) external;

    /// @notice Moves `amount` of `asset` (an ERC-20, SESH or LP token) to `to` (owner only).
    function rescue(IERC20 asset, address to, uint256 amount) external;

    /// @notice Moves `amount` ETH to `to` (owner only).
    function rescueETH(address payable to, uint256 amount) external;
}
