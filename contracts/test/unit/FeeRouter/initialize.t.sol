// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FeeRouter} from "../../../src/fees/FeeRouter.sol";
import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {IOwnedUpgradeable} from "../../../src/interfaces/IOwnedUpgradeable.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {ISessionToken} from "../../../src/interfaces/ISessionToken.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

/// @notice `initialize`: wiring, the pool's allowance, zero-address refusals, once only.
contract FeeRouterUnitTest_initialize is FeesBaseTest {
    FeeRouter internal impl;

    function setUp() public override {
        super.setUp();
        impl = new FeeRouter();
    }

    function _deploy(address token_, address pool_, address treasury_, address owner_)
        internal
        returns (FeeRouter)
    {
        return FeeRouter(
            address(
                new SessionProxy(
                    address(impl),
                    abi.encodeCall(
                        FeeRouter.initialize, (ISessionToken(token_), IRewardPool(pool_), treasury_, owner_)
                    )
                )
            )
        );
    }

    function test_Initialize() public {
        vm.expectEmit();
        emit IFeeRouter.RewardPoolUpdated(address(0), address(pool));
        vm.expectEmit();
        emit IFeeRouter.LiquidityTreasuryUpdated(address(0), address(liquidity));
        FeeRouter r = _deploy(address(token), address(pool), address(liquidity), governance);
        assertEq(address(r.token()), address(token));
        assertEq(address(r.rewardPool()), address(pool));
        assertEq(r.liquidityTreasury(), address(liquidity));
        assertEq(r.owner(), governance);
        assertEq(r.VERSION(), 1);
        assertEq(r.LIQUIDITY_BPS(), 1000);
        assertEq(token.allowance(address(r), address(pool)), type(uint256).max);
    }

    function test_RevertWhen_TokenIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.ZeroAddress.selector));
        _deploy(address(0), address(pool), address(liquidity), governance);
    }

    function test_RevertWhen_PoolIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.ZeroAddress.selector));
        _deploy(address(token), address(0), address(liquidity), governance);
    }

    function test_RevertWhen_TreasuryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.ZeroAddress.selector));
        _deploy(address(token), address(pool), address(0), governance);
    }

    function test_RevertWhen_OwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.ZeroAddress.selector));
        _deploy(address(token), address(pool), address(liquidity), address(0));
    }

    function test_RevertWhen_InitializedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        router.initialize(
            ISessionToken(address(token)), IRewardPool(address(pool)), address(liquidity), alice
        );
    }

    function test_RevertWhen_ImplementationInitialized() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        impl.initialize(ISessionToken(address(token)), IRewardPool(address(pool)), address(liquidity), alice);
    }

    function test_RevertWhen_RenounceOwnership() public {
        vm.expectRevert(abi.encodeWithSelector(IOwnedUpgradeable.RenounceDisabled.selector));
        vm.prank(governance);
        router.renounceOwnership();
    }
}
