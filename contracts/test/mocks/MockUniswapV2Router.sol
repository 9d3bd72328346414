// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Stands in for a Uniswap v2 router in unit tests: pulls `useBps` of each desired amount
/// (refunding unused ETH), enforces the minimums and the deadline like the real router, and reports
/// `liquidity = amountA + amountB` (no LP token is minted). Same selectors as {IUniswapV2Router02}
/// (not inherited: the real router declares `WETH`/`factory` pure). The real router runs in the devnet.
contract MockUniswapV2Router {
    address public immutable WETH;
    address public immutable factory;
    uint256 public useBps = 10_000;

    constructor(address weth, address factory_) {
        WETH = weth;
        factory = factory_;
    }

    function setUseBps(uint256 bps) external {
        useBps = bps;
    }

    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        require(block.timestamp <= deadline, "UniswapV2Router: EXPIRED");
        amountA = amountADesired * useBps / 10_000;
        amountB = amountBDesired * useBps / 10_000;
        require(amountA >= amountAMin, "UniswapV2Router: INSUFFICIENT_A_AMOUNT");
        require(amountB >= amountBMin, "UniswapV2Router: INSUFFICIENT_B_AMOUNT");
        IERC20(tokenA).transferFrom(msg.sender, address(this), amountA);
        IERC20(tokenB).transferFrom(msg.sender, address(this), amountB);
        liquidity = amountA + amountB;
    }

    function addLiquidityETH(
        address token,
        uint256 amountTokenDesired,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address,
        uint256 deadline
    ) external payable returns (uint256 amountToken, uint256 amountETH, uint256 liquidity) {
        require(block.timestamp <= deadline, "UniswapV2Router: EXPIRED");
        amountToken = amountTokenDesired * useBps / 10_000;
        amountETH = msg.value * useBps / 10_000;
        require(amountToken >= amountTokenMin, "UniswapV2Router: INSUFFICIENT_A_AMOUNT");
        require(amountETH >= amountETHMin, "UniswapV2Router: INSUFFICIENT_B_AMOUNT");
        IERC20(token).transferFrom(msg.sender, address(this), amountToken);
        if (msg.value > amountETH) payable(msg.sender).transfer(msg.value - amountETH);
        liquidity = amountToken + amountETH;
    }
}
