// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {RewardPoolV2Mock} from "../../mocks/RewardPoolV2Mock.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// @notice UUPS upgrades: owner only, through the proxy, state preserved.
contract RewardPoolUnitTest_upgradeToAndCall is BaseTest {
    RewardPoolV2Mock internal v2;

    function setUp() public override {
        super.setUp();
        v2 = new RewardPoolV2Mock();
        _startPool();
        skip(1 days);
        pool.release();
        skip(12 hours); // leave accrual pending across the upgrade
    }

    function _implementation() internal view returns (address) {
        return address(uint160(uint256(vm.load(address(pool), ERC1967Utils.IMPLEMENTATION_SLOT))));
    }

    function test_UpgradeKeepsState() public {
        uint64 lastRelease = pool.lastReleaseTime();
        uint256 poolBalance = token.balanceOf(address(pool));
        uint256 pending = pool.pendingRelease();
        assertGt(pending, 0);

        vm.expectEmit(address(pool));
        emit IERC1967.Upgraded(address(v2));
        vm.prank(governance);
        pool.upgradeToAndCall(address(v2), abi.encodeCall(RewardPoolV2Mock.initializeV2, (42)));

        RewardPoolV2Mock upgraded = RewardPoolV2Mock(address(pool));
        assertEq(_implementation(), address(v2));
        assertEq(upgraded.mockVersion(), 2);
        assertEq(upgraded.marker(), 42);
        assertEq(address(upgraded.token()), address(token));
        assertEq(upgraded.beneficiary(), registry);
        assertEq(upgraded.lastReleaseTime(), lastRelease);
        assertEq(upgraded.owner(), governance);
        assertEq(token.balanceOf(address(pool)), poolBalance);
        assertEq(upgraded.pendingRelease(), pending, "accrual unaffected");

        assertEq(upgraded.release(), pending);
        assertEq(token.balanceOf(address(pool)), poolBalance - pending);
    }

    function test_UpgradeWithoutCall() public {
        vm.prank(governance);
        pool.upgradeToAndCall(address(v2), "");
        assertEq(_implementation(), address(v2));
        assertEq(RewardPoolV2Mock(address(pool)).marker(), 0);
        assertEq(pool.beneficiary(), registry);
    }

    function test_RevertWhen_CallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        pool.upgradeToAndCall(address(v2), "");
        assertEq(_implementation(), address(poolImpl));
    }

    function test_RevertWhen_CalledOnImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector));
        vm.prank(governance);
        poolImpl.upgradeToAndCall(address(v2), "");
    }

    function test_RevertWhen_NewImplementationNotUups() public {
        vm.expectRevert(
            abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, address(token))
        );
        vm.prank(governance);
        pool.upgradeToAndCall(address(token), "");
    }

    function test_RevertWhen_UpgradeInitializerRunTwice() public {
        vm.prank(governance);
        pool.upgradeToAndCall(address(v2), abi.encodeCall(RewardPoolV2Mock.initializeV2, (42)));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        RewardPoolV2Mock(address(pool)).initializeV2(7);
    }

    function test_RevertWhen_InitializeAfterUpgrade() public {
        vm.prank(governance);
        pool.upgradeToAndCall(address(v2), "");
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        RewardPool(address(pool)).initialize(token, alice);
    }
}
