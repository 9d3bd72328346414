// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Deployment behind `SessionProxy` and `initialize`.
contract RewardPoolUnitTest_initialize is BaseTest {
    function test_InitialState() public view {
        assertEq(address(pool.token()), address(token));
        assertEq(pool.owner(), governance);
        assertEq(pool.pendingOwner(), address(0));
        assertEq(pool.beneficiary(), address(0));
        assertEq(pool.lastReleaseTime(), 0);
        assertEq(pool.RATE_BPS(), 1510);
        assertEq(pool.VERSION(), 1);
        assertEq(pool.pendingRelease(), 0, "no beneficiary, nothing pending");
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS);
    }

    function test_ProxyPointsAtImplementation() public view {
        bytes32 slot = vm.load(address(pool), ERC1967Utils.IMPLEMENTATION_SLOT);
        assertEq(address(uint160(uint256(slot))), address(poolImpl));
    }

    function test_ImplementationHoldsNoState() public view {
        assertEq(poolImpl.owner(), address(0));
        assertEq(address(poolImpl.token()), address(0));
    }

    function test_RevertWhen_InitializedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        pool.initialize(IERC20(address(token)), alice);
        assertEq(pool.owner(), governance);
    }

    function test_RevertWhen_ImplementationInitialized() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        poolImpl.initialize(IERC20(address(token)), alice);
    }

    function test_RevertWhen_TokenIsZero() public {
        RewardPool impl = new RewardPool();
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ZeroAddress.selector));
        new SessionProxy(
            address(impl), abi.encodeCall(RewardPool.initialize, (IERC20(address(0)), governance))
        );
    }

    function test_RevertWhen_OwnerIsZero() public {
        RewardPool impl = new RewardPool();
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ZeroAddress.selector));
        new SessionProxy(
            address(impl), abi.encodeCall(RewardPool.initialize, (IERC20(address(token)), address(0)))
        );
    }
}
