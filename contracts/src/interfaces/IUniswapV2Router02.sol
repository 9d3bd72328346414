// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Uniswap v2 router (subset)
/// @notice The part of the Uniswap v2 periphery's `IUniswapV2Router02` the liquidity treasury uses,
/// with the same signatures.
interface IUniswapV2Router02 {
    /// @notice The pair factory.
    function factory() external pure returns (address);

    /// @notice The wrapped-ether token used by the `*ETH` functions.
    function WETH() external pure returns (address);

    /// @notice Adds liquidity to the `tokenA`/`tokenB` pair (created if missing), pulling at most the
    /// desired amounts from the caller and minting LP tokens to `to`.
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice Adds liquidity to the `token`/WETH pair with the ETH sent; unused ETH is refunded.
    function addLiquidityETH(
        address token,
        uint256 amountTokenDesired,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external payable returns (uint256 amountToken, uint256 amountETH, uint256 liquidity);
}
