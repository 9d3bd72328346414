// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {DevnetPriceFeed} from "../../src/devnet/DevnetPriceFeed.sol";
import {FeeRouter} from "../../src/fees/FeeRouter.sol";
import {LiquidityTreasury} from "../../src/fees/LiquidityTreasury.sol";
import {SessionNames} from "../../src/fees/SessionNames.sol";
import {SessionPro} from "../../src/fees/SessionPro.sol";
import {IAggregatorV3} from "../../src/interfaces/IAggregatorV3.sol";
import {IFeeRouter} from "../../src/interfaces/IFeeRouter.sol";
import {IRewardPool} from "../../src/interfaces/IRewardPool.sol";
import {ISessionToken} from "../../src/interfaces/ISessionToken.sol";
import {IUniswapV2Router02} from "../../src/interfaces/IUniswapV2Router02.sol";
import {SessionProxy} from "../../src/utils/SessionProxy.sol";
import {MockUniswapV2Router} from "../mocks/MockUniswapV2Router.sol";
import {BaseTest} from "./Base.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared base of the network-fee tests: the token and pool of `BaseTest`, plus the whole
/// fee system as production deploys it (every upgradeable contract behind `SessionProxy`, the fee
/// router made the token's reminter) and a devnet SESH/USD feed at $0.05.
abstract contract FeesBaseTest is BaseTest {
    // ---------------------------------------------------------------- prices
    /// @dev USD amounts have 6 decimals.
    uint256 internal constant USD = 1e6;
    /// @dev The feed has 8 decimals, like Chainlink USD feeds.
    uint8 internal constant FEED_DECIMALS = 8;
    /// @dev SESH at $0.05.
    int256 internal constant PRICE = 5_000_000;
    /// @dev Trusted answers: $0.001 to $1,000.
    int128 internal constant MIN_ANSWER = 100_000;
    int128 internal constant MAX_ANSWER = 100_000_000_000;
    /// @dev A day plus an hour: Chainlink's 24 h heartbeat with a margin.
    uint32 internal constant MAX_AGE = 25 hours;

    /// @dev Session Pro plans: a month for $4.99, a year for $49.99.
    uint256 internal constant MONTHLY = 1;
    uint128 internal constant MONTHLY_USD = 4_990_000;
    uint64 internal constant MONTHLY_DURATION = 30 days;
    uint256 internal constant YEARLY = 2;
    uint128 internal constant YEARLY_USD = 49_990_000;
    uint64 internal constant YEARLY_DURATION = 365 days;
    /// @dev $4.99 at $0.05 = 99.8 SESH exactly.
    uint256 internal constant MONTHLY_SESH = 99_800_000_000;

    /// @dev Session Names tiers: 3 characters $100, 4 characters $25, 5 or more $5.
    uint128 internal constant NAME_USD_3 = 100_000_000;
    uint128 internal constant NAME_USD_4 = 25_000_000;
    uint128 internal constant NAME_USD_5 = 5_000_000;

    // ---------------------------------------------------------------- system under test
    DevnetPriceFeed internal feed;
    MockUniswapV2Router internal uniswap;
    address internal weth;
    LiquidityTreasury internal liquidity;
    FeeRouter internal router;
    SessionPro internal pro;
    SessionNames internal names;

    function setUp() public virtual override {
        super.setUp();
        weth = makeAddr("weth");
        feed = new DevnetPriceFeed(FEED_DECIMALS, "SESH / USD (devnet)", PRICE, governance);
        uniswap = new MockUniswapV2Router(weth, makeAddr("uniswapFactory"));

        liquidity = LiquidityTreasury(
            payable(new SessionProxy(
                    address(new LiquidityTreasury()),
                    abi.encodeCall(
                        LiquidityTreasury.initialize,
                        (IERC20(address(token)), IUniswapV2Router02(address(uniswap)), governance)
                    )
                ))
        );
        router = FeeRouter(
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
        vm.prank(deployer);
        token.setReminter(address(router));

        pro = SessionPro(
            address(
                new SessionProxy(
                    address(new SessionPro()),
                    abi.encodeCall(
                        SessionPro.initialize,
                        (
                            IERC20(address(token)),
                            IFeeRouter(address(router)),
                            IAggregatorV3(address(feed)),
                            MAX_AGE,
                            MIN_ANSWER,
                            MAX_ANSWER,
                            governance
                        )
                    )
                )
            )
        );
        vm.startPrank(governance);
        pro.setPlan(MONTHLY, MONTHLY_USD, MONTHLY_DURATION);
        pro.setPlan(YEARLY, YEARLY_USD, YEARLY_DURATION);
        vm.stopPrank();

        names = SessionNames(address(_deployNames()));

        vm.label(address(feed), "DevnetPriceFeed");
        vm.label(address(uniswap), "MockUniswapV2Router");
        vm.label(address(liquidity), "LiquidityTreasury");
        vm.label(address(router), "FeeRouter");
        vm.label(address(pro), "SessionPro");
        vm.label(address(names), "SessionNames");
    }

    function _deployNames() internal returns (SessionNames) {
        uint128[3] memory tiers = [NAME_USD_3, NAME_USD_4, NAME_USD_5];
        return SessionNames(
            address(
                new SessionProxy(
                    address(new SessionNames()),
                    abi.encodeCall(
                        SessionNames.initialize,
                        (
                            IERC20(address(token)),
                            IFeeRouter(address(router)),
                            IAggregatorV3(address(feed)),
                            MAX_AGE,
                            MIN_ANSWER,
                            MAX_ANSWER,
                            tiers,
                            governance
                        )
                    )
                )
            )
        );
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Moves the clock to `timestamp` and has the devnet feed post `PRICE` again, as its
    /// updater would, so payments after long jumps are not refused as stale.
    function _warpAndRefresh(uint256 timestamp) internal {
        vm.warp(timestamp);
        vm.prank(governance);
        feed.setAnswer(PRICE);
    }

    function _skipAndRefresh(uint256 duration) internal {
        _warpAndRefresh(block.timestamp + duration);
    }

    /// @dev A well-formed Session ID: `0x05 || keccak256(seed)`.
    function _sessionId(string memory seed) internal pure returns (bytes memory) {
        return abi.encodePacked(bytes1(0x05), _sessionKey(seed));
    }

    function _sessionKey(string memory seed) internal pure returns (bytes32) {
        return keccak256(bytes(seed));
    }

    /// @dev `who` gets `amount` SESH and approves `spender` for all of it and more.
    function _fundAndApprove(address who, address spender, uint256 amount) internal {
        _fund(who, amount);
        vm.prank(who);
        token.approve(spender, type(uint256).max);
    }

    /// @dev The router's split, written out independently.
    function _split(uint256 amount) internal pure returns (uint256 toPool, uint256 toLiquidity) {
        toLiquidity = amount / 10;
        toPool = amount - toLiquidity;
    }

    /// @dev `ceil(usd * 10^(3 + decimals) / price)`, written out independently.
    function _sesh(uint256 usd, int256 price, uint8 decimals) internal pure returns (uint256) {
        uint256 num = usd * 10 ** (3 + uint256(decimals));
        uint256 p = uint256(price);
        return num / p + (num % p == 0 ? 0 : 1);
    }
}
