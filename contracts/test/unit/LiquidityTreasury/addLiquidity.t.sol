// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {LiquidityTreasury} from "../../../src/fees/LiquidityTreasury.sol";
import {ILiquidityTreasury} from "../../../src/interfaces/ILiquidityTreasury.sol";
import {IUniswapV2Router02} from "../../../src/interfaces/IUniswapV2Router02.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {ERC20Mock} from "../../mocks/ERC20Mock.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The liquidity treasury: receives its 10%, adds liquidity through the router (owner only),
/// rescue (owner only), router changes.
contract LiquidityTreasuryUnitTest_addLiquidity is FeesBaseTest {
    ERC20Mock internal usdc;

    function setUp() public override {
        super.setUp();
        usdc = new ERC20Mock();
        // 10% of a 10,000 SESH fee
        _fund(address(router), 10_000 * SESH);
        router.routeFees();
        vm.deal(address(liquidity), 10 ether);
        usdc.mint(address(liquidity), 1_000e6);
    }

    function test_ReceivesItsShare() public view {
        assertEq(token.balanceOf(address(liquidity)), 1_000 * SESH);
    }

    function test_Initialize() public view {
        assertEq(address(liquidity.token()), address(token));
        assertEq(address(liquidity.router()), address(uniswap));
        assertEq(liquidity.owner(), governance);
        assertEq(liquidity.VERSION(), 1);
    }

    function test_RevertWhen_InitializeWithZero() public {
        LiquidityTreasury impl = new LiquidityTreasury();
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAddress.selector));
        new SessionProxy(
            address(impl),
            abi.encodeCall(
                LiquidityTreasury.initialize,
                (IERC20(address(0)), IUniswapV2Router02(address(uniswap)), governance)
            )
        );
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAddress.selector));
        new SessionProxy(
            address(impl),
            abi.encodeCall(
                LiquidityTreasury.initialize,
                (IERC20(address(token)), IUniswapV2Router02(address(0)), governance)
            )
        );
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        liquidity.initialize(IERC20(address(token)), IUniswapV2Router02(address(uniswap)), alice);
    }

    function test_AddLiquidityETH() public {
        uniswap.setUseBps(8_000); // the pool's ratio takes 80%: the rest stays / is refunded
        vm.expectEmit(address(liquidity));
        emit ILiquidityTreasury.LiquidityAdded(weth, 400 * SESH, 0.8 ether, 400 * SESH + 0.8 ether);
        vm.prank(governance);
        (uint256 seshUsed, uint256 ethUsed, uint256 lp) =
            liquidity.addLiquidityETH(500 * SESH, 1 ether, 0, 0, block.timestamp);
        assertEq(seshUsed, 400 * SESH);
        assertEq(ethUsed, 0.8 ether);
        assertEq(lp, 400 * SESH + 0.8 ether);
        assertEq(token.balanceOf(address(liquidity)), 600 * SESH);
        assertEq(address(liquidity).balance, 9.2 ether, "unused ETH refunded");
        assertEq(token.allowance(address(liquidity), address(uniswap)), 0, "approval cleared");
    }

    function test_AddLiquidityWithToken() public {
        vm.expectEmit(address(liquidity));
        emit ILiquidityTreasury.LiquidityAdded(address(usdc), 500 * SESH, 25e6, 500 * SESH + 25e6);
        vm.prank(governance);
        liquidity.addLiquidity(IERC20(address(usdc)), 500 * SESH, 25e6, 500 * SESH, 25e6, block.timestamp);
        assertEq(token.balanceOf(address(uniswap)), 500 * SESH);
        assertEq(usdc.balanceOf(address(uniswap)), 25e6);
        assertEq(token.allowance(address(liquidity), address(uniswap)), 0);
        assertEq(usdc.allowance(address(liquidity), address(uniswap)), 0);
    }

    function test_RevertWhen_RouterRefusesSlippage() public {
        uniswap.setUseBps(5_000);
        vm.expectRevert(bytes("UniswapV2Router: INSUFFICIENT_A_AMOUNT"));
        vm.prank(governance);
        liquidity.addLiquidityETH(500 * SESH, 1 ether, 300 * SESH, 0, block.timestamp);
    }

    function test_RevertWhen_AddLiquidityCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        liquidity.addLiquidityETH(500 * SESH, 1 ether, 0, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        liquidity.addLiquidity(IERC20(address(usdc)), 500 * SESH, 25e6, 0, 0, block.timestamp);
    }

    function test_RevertWhen_AmountsZero() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAmount.selector));
        liquidity.addLiquidityETH(0, 1 ether, 0, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAmount.selector));
        liquidity.addLiquidityETH(1, 0, 0, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAmount.selector));
        liquidity.addLiquidity(IERC20(address(usdc)), 0, 1, 0, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAmount.selector));
        liquidity.addLiquidity(IERC20(address(usdc)), 1, 0, 0, 0, block.timestamp);
        vm.stopPrank();
    }

    function test_RevertWhen_PairWithSeshOrZero() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.PairWithSelf.selector));
        liquidity.addLiquidity(IERC20(address(token)), 1, 1, 0, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAddress.selector));
        liquidity.addLiquidity(IERC20(address(0)), 1, 1, 0, 0, block.timestamp);
        vm.stopPrank();
    }

    function test_SetRouter() public {
        vm.expectEmit(address(liquidity));
        emit ILiquidityTreasury.RouterUpdated(address(uniswap), bob);
        vm.prank(governance);
        liquidity.setRouter(IUniswapV2Router02(bob));
        assertEq(address(liquidity.router()), bob);
    }

    function test_RevertWhen_SetRouterZeroOrNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAddress.selector));
        vm.prank(governance);
        liquidity.setRouter(IUniswapV2Router02(address(0)));
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        liquidity.setRouter(IUniswapV2Router02(bob));
    }

    function test_ReceiveEth() public {
        vm.deal(alice, 1 ether);
        vm.expectEmit(address(liquidity));
        emit ILiquidityTreasury.EthReceived(alice, 1 ether);
        vm.prank(alice);
        (bool ok,) = address(liquidity).call{value: 1 ether}("");
        assertTrue(ok);
        assertEq(address(liquidity).balance, 11 ether);
    }

    function test_Rescue() public {
        vm.expectEmit(address(liquidity));
        emit ILiquidityTreasury.Rescued(address(token), bob, 100 * SESH);
        vm.prank(governance);
        liquidity.rescue(IERC20(address(token)), bob, 100 * SESH);
        assertEq(token.balanceOf(address(liquidity)), 900 * SESH);

        uint256 before = bob.balance;
        vm.expectEmit(address(liquidity));
        emit ILiquidityTreasury.Rescued(address(0), bob, 1 ether);
        vm.prank(governance);
        liquidity.rescueETH(payable(bob), 1 ether);
        assertEq(bob.balance, before + 1 ether);
    }

    function test_RevertWhen_RescueNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        liquidity.rescue(IERC20(address(token)), alice, 1);
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        liquidity.rescueETH(payable(alice), 1);
    }

    function test_RevertWhen_RescueZero() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAddress.selector));
        liquidity.rescue(IERC20(address(token)), address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAmount.selector));
        liquidity.rescue(IERC20(address(token)), bob, 0);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAddress.selector));
        liquidity.rescueETH(payable(address(0)), 1);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityTreasury.ZeroAmount.selector));
        liquidity.rescueETH(payable(bob), 0);
        vm.stopPrank();
    }

    function test_RevertWhen_RescueEthRecipientRefuses() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidityTreasury.EthTransferFailed.selector, address(token), 1)
        );
        vm.prank(governance);
        liquidity.rescueETH(payable(address(token)), 1);
    }
}
