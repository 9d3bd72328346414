// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FeeRouter} from "../../../src/fees/FeeRouter.sol";
import {SessionPro} from "../../../src/fees/SessionPro.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";

/// @notice Storage layout of the upgradeable fee contracts: each keeps its state at its ERC-7201
/// namespace (derived here from the namespace id, independently of the contracts' constants), and
/// an upgrade keeps every value.
contract FeesStorageUnitTest_erc7201 is FeesBaseTest {
    function _slot(string memory id) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(keccak256(bytes(id))) - 1)) & ~bytes32(uint256(0xff));
    }

    function _addressAt(address target, bytes32 slot) internal view returns (address) {
        return address(uint160(uint256(vm.load(target, slot))));
    }

    function test_FeeRouterNamespace() public view {
        bytes32 base = _slot("session.storage.FeeRouter");
        assertEq(_addressAt(address(router), base), address(token));
        assertEq(_addressAt(address(router), bytes32(uint256(base) + 1)), address(pool));
        assertEq(_addressAt(address(router), bytes32(uint256(base) + 2)), address(liquidity));
    }

    function test_FeePaymentNamespace() public view {
        bytes32 base = _slot("session.storage.FeePayment");
        for (uint256 i; i < 2; ++i) {
            address target = i == 0 ? address(pro) : address(names);
            assertEq(_addressAt(target, base), address(token));
            assertEq(_addressAt(target, bytes32(uint256(base) + 1)), address(router));
            assertEq(_addressAt(target, bytes32(uint256(base) + 2)), address(feed)); // packed with decimals, maxAge
        }
    }

    function test_SessionProNamespace() public view {
        bytes32 base = _slot("session.storage.SessionPro");
        // plans[MONTHLY] = {usdPrice, duration} packed in one slot
        bytes32 planSlot = keccak256(abi.encode(MONTHLY, base));
        uint256 packed = uint256(vm.load(address(pro), planSlot));
        assertEq(uint128(packed), MONTHLY_USD);
        assertEq(uint64(packed >> 128), MONTHLY_DURATION);
    }

    function test_SessionNamesNamespace() public view {
        bytes32 base = _slot("session.storage.SessionNames");
        uint256 tiers = uint256(vm.load(address(names), bytes32(uint256(base) + 1)));
        assertEq(uint128(tiers), NAME_USD_3);
        assertEq(uint128(tiers >> 128), NAME_USD_4);
        assertEq(uint256(vm.load(address(names), bytes32(uint256(base) + 2))), NAME_USD_5);
    }

    function test_LiquidityTreasuryNamespace() public view {
        bytes32 base = _slot("session.storage.LiquidityTreasury");
        assertEq(_addressAt(address(liquidity), base), address(token));
        assertEq(_addressAt(address(liquidity), bytes32(uint256(base) + 1)), address(uniswap));
    }

    function test_UpgradeKeepsRouterWorking() public {
        FeeRouter next = new FeeRouter();
        vm.prank(governance);
        router.upgradeToAndCall(address(next), "");
        assertEq(_addressAt(address(router), ERC1967Utils.IMPLEMENTATION_SLOT), address(next));
        assertEq(token.reminter(), address(router), "the reminter address never changes");
        assertEq(address(router.rewardPool()), address(pool));
        _fund(address(router), 10 * SESH);
        router.routeFees();
        assertEq(token.balanceOf(address(liquidity)), SESH);
    }

    function test_UpgradeKeepsSubscriptions() public {
        _fundAndApprove(alice, address(pro), MONTHLY_SESH);
        vm.prank(alice);
        (uint64 expiry,) = pro.subscribe(_sessionId("alice"), MONTHLY, MONTHLY_SESH);
        SessionPro next = new SessionPro();
        vm.prank(governance);
        pro.upgradeToAndCall(address(next), "");
        assertEq(pro.proExpiry(_sessionId("alice")), expiry);
        assertEq(pro.plan(YEARLY).usdPrice, YEARLY_USD);
        assertEq(pro.quoteUsd(MONTHLY_USD), MONTHLY_SESH);
    }

    function test_RevertWhen_UpgradeCallerNotOwner() public {
        FeeRouter next = new FeeRouter();
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        router.upgradeToAndCall(address(next), "");
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        names.upgradeToAndCall(address(next), "");
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        liquidity.upgradeToAndCall(address(next), "");
    }
}
