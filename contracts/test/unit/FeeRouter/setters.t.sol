// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice `setRewardPool` and `setLiquidityTreasury`: owner only, never zero, old and new in the event.
contract FeeRouterUnitTest_setters is FeesBaseTest {
    function test_SetRewardPoolMovesTheAllowance() public {
        (, RewardPool newPool) = _deployPool(IERC20(address(token)), governance);
        vm.expectEmit(address(router));
        emit IFeeRouter.RewardPoolUpdated(address(pool), address(newPool));
        vm.prank(governance);
        router.setRewardPool(IRewardPool(address(newPool)));
        assertEq(address(router.rewardPool()), address(newPool));
        assertEq(token.allowance(address(router), address(pool)), 0);
        assertEq(token.allowance(address(router), address(newPool)), type(uint256).max);

        _fund(address(router), 10 * SESH);
        router.routeFees();
        assertEq(token.balanceOf(address(newPool)), 9 * SESH);
    }

    function test_SetLiquidityTreasury() public {
        vm.expectEmit(address(router));
        emit IFeeRouter.LiquidityTreasuryUpdated(address(liquidity), bob);
        vm.prank(governance);
        router.setLiquidityTreasury(bob);
        assertEq(router.liquidityTreasury(), bob);

        uint256 before = token.balanceOf(bob);
        _fund(address(router), 10 * SESH);
        router.routeFees();
        assertEq(token.balanceOf(bob), before + SESH);
    }

    function test_RevertWhen_SetRewardPoolCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        router.setRewardPool(IRewardPool(bob));
    }

    function test_RevertWhen_SetRewardPoolToZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.ZeroAddress.selector));
        vm.prank(governance);
        router.setRewardPool(IRewardPool(address(0)));
    }

    function test_RevertWhen_SetLiquidityTreasuryCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        router.setLiquidityTreasury(bob);
    }

    function test_RevertWhen_SetLiquidityTreasuryToZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.ZeroAddress.selector));
        vm.prank(governance);
        router.setLiquidityTreasury(address(0));
    }
}
