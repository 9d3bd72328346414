// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeePayment} from "../../../src/interfaces/IFeePayment.sol";
import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {IUsdPricing} from "../../../src/interfaces/IUsdPricing.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";

/// @notice `register`, `resolve`, `isAvailable`, `priceOf`: lifecycle boundaries on both sides.
contract SessionNamesUnitTest_register is FeesBaseTest {
    uint64 internal constant PERIOD = 365 days;
    uint64 internal constant GRACE = 30 days;
    /// @dev $5 at $0.05.
    uint256 internal constant SESH_5PLUS = 100 * SESH;

    function setUp() public override {
        super.setUp();
        _fundAndApprove(alice, address(names), 100_000 * SESH);
        _fundAndApprove(bob, address(names), 100_000 * SESH);
    }

    function _register(address who, string memory name, string memory target)
        internal
        returns (uint64 expiry)
    {
        vm.prank(who);
        (expiry,) = names.register(name, _sessionId(target), type(uint256).max);
    }

    function test_Register() public {
        uint256 supply = token.totalSupply();
        uint64 expiry = uint64(block.timestamp) + PERIOD;
        bytes32 key = keccak256("alice");

        vm.expectEmit(address(router));
        emit IFeeRouter.FeesRouted(address(names), SESH_5PLUS, 90 * SESH, 10 * SESH);
        vm.expectEmit(address(names));
        emit IFeePayment.FeePaid(alice, NAME_USD_5, SESH_5PLUS, PRICE);
        vm.expectEmit(address(names));
        emit ISessionNames.NameRegistered(
            key, "alice", alice, _sessionKey("alice"), expiry, NAME_USD_5, SESH_5PLUS
        );
        vm.prank(alice);
        (uint64 newExpiry, uint256 paid) = names.register("Alice", _sessionId("alice"), SESH_5PLUS);

        assertEq(newExpiry, expiry);
        assertEq(paid, SESH_5PLUS);
        assertEq(names.resolve("alice"), _sessionId("alice"));
        assertEq(names.resolve("ALICE"), _sessionId("alice"));
        ISessionNames.NameRecord memory r = names.recordOf("alice");
        assertEq(r.holder, alice);
        assertEq(r.expiry, expiry);
        assertEq(r.sessionKey, _sessionKey("alice"));
        assertFalse(names.isAvailable("alice"));
        assertEq(token.totalSupply(), supply);
        assertEq(token.balanceOf(address(names)), 0);
        assertEq(token.balanceOf(address(liquidity)), 10 * SESH);
    }

    function test_PriceTiers() public {
        assertEq(names.priceOf("abc"), NAME_USD_3);
        assertEq(names.priceOf("abcd"), NAME_USD_4);
        assertEq(names.priceOf("abcde"), NAME_USD_5);
        assertEq(names.priceOf("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), NAME_USD_5);
        (uint256 usd, uint256 sesh) = names.quoteName("abc");
        assertEq(usd, NAME_USD_3);
        assertEq(sesh, 2_000 * SESH);

        vm.prank(alice);
        (, uint256 paid3) = names.register("abc", _sessionId("alice"), type(uint256).max);
        vm.prank(alice);
        (, uint256 paid4) = names.register("abcd", _sessionId("alice"), type(uint256).max);
        assertEq(paid3, 2_000 * SESH);
        assertEq(paid4, 500 * SESH);
    }

    function test_UnregisteredNameResolvesToNothing() public view {
        assertEq(names.resolve("nobody"), "");
        assertTrue(names.isAvailable("nobody"));
        assertEq(names.recordOf("nobody").holder, address(0));
    }

    function test_LifecycleBoundaries() public {
        uint64 expiry = _register(alice, "alice", "alice");
        uint256 graceEnd = uint256(expiry) + GRACE;

        _warpAndRefresh(expiry - 1);
        assertEq(names.resolve("alice"), _sessionId("alice"), "resolves until expiry");
        assertFalse(names.isAvailable("alice"));

        _warpAndRefresh(expiry);
        assertEq(names.resolve("alice"), "", "stops resolving at expiry");
        assertFalse(names.isAvailable("alice"), "grace: not available");
        vm.expectRevert(
            abi.encodeWithSelector(ISessionNames.NameUnavailable.selector, "alice", alice, graceEnd)
        );
        vm.prank(bob);
        names.register("alice", _sessionId("bob"), type(uint256).max);

        _warpAndRefresh(graceEnd - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ISessionNames.NameUnavailable.selector, "alice", alice, graceEnd)
        );
        vm.prank(bob);
        names.register("alice", _sessionId("bob"), type(uint256).max);

        _warpAndRefresh(graceEnd);
        assertTrue(names.isAvailable("alice"));
        uint64 bobExpiry = _register(bob, "ALICE", "bob");
        assertEq(bobExpiry, graceEnd + PERIOD);
        assertEq(names.recordOf("alice").holder, bob);
        assertEq(names.resolve("alice"), _sessionId("bob"));
    }

    function test_RevertWhen_NameTakenWhileValid() public {
        uint64 expiry = _register(alice, "alice", "alice");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISessionNames.NameUnavailable.selector, "alice", alice, uint256(expiry) + GRACE
            )
        );
        vm.prank(bob);
        names.register("AlIcE", _sessionId("bob"), type(uint256).max);
    }

    function test_RevertWhen_HolderRegistersAgain() public {
        uint64 expiry = _register(alice, "alice", "alice");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISessionNames.NameUnavailable.selector, "alice", alice, uint256(expiry) + GRACE
            )
        );
        vm.prank(alice);
        names.register("alice", _sessionId("alice"), type(uint256).max);
    }

    function test_RevertWhen_NameInvalid() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidName.selector, "al ice", 2));
        vm.prank(alice);
        names.register("al ice", _sessionId("alice"), type(uint256).max);
    }

    function test_RevertWhen_NameTooShort() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NameLengthOutOfRange.selector, "al", 2, 3, 64));
        vm.prank(alice);
        names.register("al", _sessionId("alice"), type(uint256).max);
    }

    function test_RevertWhen_SessionIdInvalid() public {
        bytes memory bad = abi.encodePacked(bytes1(0x00), _sessionKey("alice"));
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.InvalidSessionId.selector, bad));
        vm.prank(alice);
        names.register("alice", bad, type(uint256).max);
    }

    function test_RevertWhen_PriceAboveMax() public {
        vm.expectRevert(
            abi.encodeWithSelector(IUsdPricing.PriceAboveMax.selector, SESH_5PLUS, SESH_5PLUS - 1)
        );
        vm.prank(alice);
        names.register("alice", _sessionId("alice"), SESH_5PLUS - 1);
    }

    function test_RevertWhen_PriceStale() public {
        uint256 updatedAt = block.timestamp;
        skip(MAX_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsdPricing.StalePrice.selector, updatedAt, MAX_AGE, block.timestamp)
        );
        vm.prank(alice);
        names.register("alice", _sessionId("alice"), type(uint256).max);
    }
}
