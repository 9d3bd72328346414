// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FeeRouter} from "../../../src/fees/FeeRouter.sol";
import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {ISessionToken} from "../../../src/interfaces/ISessionToken.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice `routeFees`: burn everything held, remint it, 90% deposited into the pool, 10% to the
/// liquidity treasury, remainder to the pool; supply unchanged.
contract FeeRouterUnitTest_routeFees is FeesBaseTest {
    uint256 internal constant FEE = 1_000 * SESH;

    function setUp() public override {
        super.setUp();
        _fund(alice, LIQUID_GENESIS / 2);
    }

    function _pay(uint256 amount) internal {
        vm.prank(alice);
        token.transfer(address(router), amount);
    }

    function test_RouteFeesBurnsRemintsAndSplits() public {
        _pay(FEE);
        uint256 supply = token.totalSupply();
        uint256 poolBefore = token.balanceOf(address(pool));

        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(router), address(0), FEE);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(0), address(router), FEE);
        vm.expectEmit(address(token));
        emit ISessionToken.Reminted(address(router), FEE);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(router), address(pool), 900 * SESH);
        vm.expectEmit(address(pool));
        emit IRewardPool.Deposited(address(router), 900 * SESH);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(router), address(liquidity), 100 * SESH);
        vm.expectEmit(address(router));
        emit IFeeRouter.FeesRouted(bob, FEE, 900 * SESH, 100 * SESH);
        vm.prank(bob); // anyone may route
        assertEq(router.routeFees(), FEE);

        assertEq(token.totalSupply(), supply, "supply unchanged");
        assertEq(token.balanceOf(address(router)), 0);
        assertEq(token.balanceOf(address(pool)), poolBefore + 900 * SESH);
        assertEq(token.balanceOf(address(liquidity)), 100 * SESH);
        assertEq(token.totalBurnt(), FEE);
        assertEq(token.totalReminted(), FEE);
        assertEq(token.remintable(), 0);
    }

    function test_PoolShareAccruesFromTheSecondItArrives() public {
        _startPool();
        skip(1 days);
        _pay(FEE);
        router.routeFees();

        // Day one was paid at the genesis balance before the fee landed...
        assertEq(token.balanceOf(registry), DAY_ONE_RELEASE);
        uint256 balance = POOL_GENESIS - DAY_ONE_RELEASE + 900 * SESH;
        // ...and the fee accrues from now on, without waiting for another payout.
        assertEq(pool.accruingBalance(), balance);
        skip(1 days);
        assertEq(pool.pendingRelease(), _accrued(balance, 1 days));
    }

    function test_RemainderGoesToThePool() public {
        _pay(19); // 19 / 10 = 1 to liquidity, 18 to the pool
        uint256 poolBefore = token.balanceOf(address(pool));
        vm.expectEmit(address(router));
        emit IFeeRouter.FeesRouted(address(this), 19, 18, 1);
        router.routeFees();
        assertEq(token.balanceOf(address(pool)), poolBefore + 18);
        assertEq(token.balanceOf(address(liquidity)), 1);
    }

    function test_FeeBelowTenUnitsAllGoesToThePool() public {
        _pay(9);
        uint256 poolBefore = token.balanceOf(address(pool));
        router.routeFees();
        assertEq(token.balanceOf(address(pool)), poolBefore + 9);
        assertEq(token.balanceOf(address(liquidity)), 0);
    }

    function test_RoutingNeverRemintsOtherBurns() public {
        vm.prank(alice);
        token.burn(5 * SESH); // a plain burn stays burnt
        _pay(FEE);
        router.routeFees();
        assertEq(token.remintable(), 5 * SESH);
        assertEq(token.totalSupply(), MAX_SUPPLY - 5 * SESH);
    }

    /// @dev Genesis mints exactly the cap, so every route below runs with the cap live.
    function test_CapHoldsAtMaxSupply() public {
        assertEq(token.totalSupply(), MAX_SUPPLY);
        _pay(FEE);
        router.routeFees();
        assertEq(token.totalSupply(), MAX_SUPPLY);
    }

    function testFuzz_SupplyNeverChangesAndSplitIsExact(uint256 amount, uint256 elapsed, bool started)
        public
    {
        amount = bound(amount, 1, LIQUID_GENESIS / 2);
        elapsed = bound(elapsed, 0, 2 * YEAR);
        if (started) _startPool();
        skip(elapsed);
        uint256 paidOut = started ? _accrued(POOL_GENESIS, elapsed) : 0;
        _pay(amount);
        uint256 supply = token.totalSupply();
        uint256 poolBefore = token.balanceOf(address(pool));

        router.routeFees();

        uint256 toLiquidity = token.balanceOf(address(liquidity));
        uint256 toPool = token.balanceOf(address(pool)) + paidOut - poolBefore;
        assertEq(token.totalSupply(), supply, "supply");
        assertEq(toPool + toLiquidity, amount, "sum");
        assertEq(toLiquidity, amount * 1000 / 10_000, "10% rounded down");
        assertGe(toPool * 10_000, amount * 9000, "at least 90%");
        assertEq(token.balanceOf(address(router)), 0);
        assertEq(token.balanceOf(registry), paidOut);
    }

    function testFuzz_SplitFee(uint256 amount) public view {
        amount = bound(amount, 0, MAX_SUPPLY);
        (uint256 toPool, uint256 toLiquidity) = router.splitFee(amount);
        (uint256 p, uint256 l) = _split(amount);
        assertEq(toPool, p);
        assertEq(toLiquidity, l);
        assertEq(toPool + toLiquidity, amount);
    }

    function test_RevertWhen_NothingToRoute() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeRouter.NothingToRoute.selector));
        router.routeFees();
    }

    function test_RevertWhen_RouterIsNotTheReminter() public {
        FeeRouter other = FeeRouter(
            address(
                new SessionProxy(
                    address(new FeeRouter()),
                    abi.encodeCall(
                        FeeRouter.initialize,
                        (
                            ISessionToken(address(token)),
                            IRewardPool(address(pool)),
                            address(liquidity),
                            governance
                        )
                    )
                )
            )
        );
        vm.prank(alice);
        token.transfer(address(other), FEE);
        vm.expectRevert(
            abi.encodeWithSelector(ISessionToken.NotReminter.selector, address(other), address(router))
        );
        other.routeFees();
    }
}
