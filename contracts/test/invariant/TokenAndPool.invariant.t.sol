// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BaseTest} from "../utils/Base.t.sol";
import {TokenAndPoolHandler} from "./handlers/TokenAndPoolHandler.sol";

/// @notice Token supply and pool accounting under random sequences of calls. The invariants are
/// stated in plain words in `README.md` next to this file.
contract TokenAndPoolInvariantTest is BaseTest {
    TokenAndPoolHandler internal handler;
    address internal registry2;

    function setUp() public override {
        super.setUp();
        registry2 = makeAddr("registry2");
        _setReminter();
        _startPool();

        _fund(alice, 10_000_000 * SESH);
        _fund(bob, 10_000_000 * SESH);
        address[] memory holders = new address[](4);
        (holders[0], holders[1], holders[2], holders[3]) = (treasury, vesting, alice, bob);
        handler = new TokenAndPoolHandler(token, pool, governance, feeRouter, holders, [registry, registry2]);

        targetContract(address(handler));
    }

    /// @dev The handler made progress: a campaign with no payout and no deposit would check little.
    function afterInvariant() public view {
        assertGt(handler.ghostReleased() + handler.ghostDeposited(), 0, "no release or deposit in this run");
    }

    function invariant_SupplyNeverExceedsCap() public view {
        assertLe(token.totalSupply(), MAX_SUPPLY);
    }

    function invariant_SupplyIsGenesisMinusBurntPlusReminted() public view {
        assertEq(token.totalBurnt(), handler.ghostBurnt(), "totalBurnt");
        assertEq(token.totalReminted(), handler.ghostReminted(), "totalReminted");
        assertEq(token.totalSupply(), GENESIS_TOTAL + token.totalReminted() - token.totalBurnt(), "supply");
        assertLe(token.totalReminted(), token.totalBurnt(), "never remint more than burnt");
    }

    function invariant_BalancesSumToSupply() public view {
        uint256 sum = token.balanceOf(address(pool)) + token.balanceOf(registry) + token.balanceOf(registry2);
        for (uint256 i; i < handler.holderCount(); ++i) {
            sum += token.balanceOf(handler.holders(i));
        }
        assertEq(sum, token.totalSupply());
    }

    function invariant_PoolBalanceIsInflowsMinusReleases() public view {
        assertEq(
            token.balanceOf(address(pool)),
            POOL_GENESIS + handler.ghostDeposited() + handler.ghostRemintedToPool() - handler.ghostReleased()
        );
    }

    function invariant_EveryPayoutFollowsTheFormula() public view {
        assertEq(handler.ghostOverpayments(), 0);
    }

    function invariant_ClockNeverAhead() public {
        vm.warp(handler.currentTime());
        assertLe(pool.lastReleaseTime(), block.timestamp);
        assertLe(pool.pendingRelease(), token.balanceOf(address(pool)));
    }
}
