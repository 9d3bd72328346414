// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FeesBaseTest} from "../utils/FeesBase.t.sol";
import {FeesHandler} from "./handlers/FeesHandler.sol";

/// @notice The network-fee system under random sequences of payments, donations, price moves and
/// time. The invariants are stated in plain words in `README.md` next to this file.
contract FeesInvariantTest is FeesBaseTest {
    FeesHandler internal handler;

    function setUp() public override {
        super.setUp();
        _startPool();
        address carol = makeAddr("carol");
        address[] memory payers = new address[](3);
        (payers[0], payers[1], payers[2]) = (alice, bob, carol);
        for (uint256 i; i < payers.length; ++i) {
            _fund(payers[i], 1_000_000 * SESH);
            vm.startPrank(payers[i]);
            token.approve(address(pro), type(uint256).max);
            token.approve(address(names), type(uint256).max);
            vm.stopPrank();
        }
        handler = new FeesHandler(token, pool, router, pro, names, feed, governance, payers, PRICE);
        targetContract(address(handler));
    }

    /// @dev The handler made progress: a campaign that charged no fee would check nothing.
    function afterInvariant() public view {
        assertGt(handler.ghostCharged() + handler.ghostRouted(), 0, "no fee paid in this run");
    }

    function invariant_SupplyNeverChanges() public view {
        assertEq(token.totalSupply(), MAX_SUPPLY, "supply");
        assertEq(token.totalBurnt(), handler.ghostRouted(), "every routed fee was burnt");
        assertEq(token.totalReminted(), token.totalBurnt(), "and reminted, exactly");
    }

    function invariant_SplitIsExactToTheUnit() public view {
        assertEq(handler.ghostToPool() + handler.ghostToLiquidity(), handler.ghostRouted());
        assertEq(token.balanceOf(address(liquidity)), handler.ghostToLiquidity(), "treasury holds its 10%");
        assertEq(
            token.balanceOf(address(pool)) + token.balanceOf(registry),
            POOL_GENESIS + handler.ghostToPool(),
            "pool inflows are genesis plus 90%"
        );
    }

    function invariant_NothingStuckInTransit() public view {
        assertEq(token.balanceOf(address(router)), 0, "router");
        assertEq(token.balanceOf(address(pro)), 0, "pro");
        assertEq(token.balanceOf(address(names)), 0, "names");
    }

    function invariant_EveryChargeIsTheQuotedPrice() public view {
        assertEq(handler.ghostBadCharges(), 0);
    }

    function invariant_PoolAccruesOnWhatItHolds() public view {
        assertEq(pool.accruingBalance(), token.balanceOf(address(pool)), "fees accrue at once");
    }
}
