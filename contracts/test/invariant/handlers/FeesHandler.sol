// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {DevnetPriceFeed} from "../../../src/devnet/DevnetPriceFeed.sol";
import {FeeRouter} from "../../../src/fees/FeeRouter.sol";
import {SessionNames} from "../../../src/fees/SessionNames.sol";
import {SessionPro} from "../../../src/fees/SessionPro.sol";
import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the fee system with random valid calls (Pro subscriptions, name registrations and
/// renewals, direct donations to the router, price moves, pool payouts, time) and keeps ghost totals.
/// Time is kept here because forge resets the block between calls.
contract FeesHandler is CommonBase, StdUtils {
    SessionToken public immutable token;
    RewardPool public immutable pool;
    FeeRouter public immutable router;
    SessionPro public immutable pro;
    SessionNames public immutable names;
    DevnetPriceFeed public immutable feed;
    address public immutable feedOwner;
    address public immutable liquidity;
    address public immutable registry;

    address[] public payers;
    string[4] internal nameSet = ["abc", "abcd", "alice", "session-network"];

    uint256 public currentTime;
    int256 public price;
    /// @dev Every SESH that entered the router, by payments and donations.
    uint256 public ghostRouted;
    /// @dev `floor(amount / 10)` summed over every routing: what the treasury must hold.
    uint256 public ghostToLiquidity;
    /// @dev `amount - floor(amount / 10)` summed over every routing.
    uint256 public ghostToPool;
    /// @dev What payers were charged (balance decrease) by Pro and Names.
    uint256 public ghostCharged;
    /// @dev Charges that exceeded the payer's `maxSesh` or the exact USD price by a unit or more.
    uint256 public ghostBadCharges;
    mapping(bytes32 action => uint256 calls) public calls;

    constructor(
        SessionToken token_,
        RewardPool pool_,
        FeeRouter router_,
        SessionPro pro_,
        SessionNames names_,
        DevnetPriceFeed feed_,
        address feedOwner_,
        address[] memory payers_,
        int256 price_
    ) {
        (token, pool, router, pro, names, feed, feedOwner) =
        (token_, pool_, router_, pro_, names_, feed_, feedOwner_);
        liquidity = router_.liquidityTreasury();
        registry = pool_.beneficiary();
        payers = payers_;
        currentTime = block.timestamp;
        price = price_;
    }

    modifier atCurrentTime(bytes32 action) {
        vm.warp(currentTime);
        calls[action]++;
        _;
    }

    function payerCount() external view returns (uint256) {
        return payers.length;
    }

    function _account(uint256 amount) internal {
        (uint256 toPool, uint256 toLiquidity) = (amount - amount / 10, amount / 10);
        ghostRouted += amount;
        ghostToPool += toPool;
        ghostToLiquidity += toLiquidity;
    }

    /// @dev Checks a charge against the price written out independently: ceil(usd * 1e11 / price).
    function _check(uint256 usd, uint256 charged, uint256 maxSesh) internal {
        uint256 num = usd * 1e11;
        uint256 exact = num / uint256(price) + (num % uint256(price) == 0 ? 0 : 1);
        if (charged != exact || charged > maxSesh) ghostBadCharges++;
        ghostCharged += charged;
        _account(charged);
    }

    // ---------------------------------------------------------------- time and price

    /// @dev Moves time and has the feed post the current price again (the devnet updater).
    function warp(uint256 seconds_) external atCurrentTime("warp") {
        currentTime += bound(seconds_, 0, 30 days);
        vm.warp(currentTime);
        vm.prank(feedOwner);
        feed.setAnswer(price);
    }

    function movePrice(uint256 newPrice) external atCurrentTime("movePrice") {
        price = int256(bound(newPrice, 100_000, 100_000_000_000)); // the trusted bounds
        vm.prank(feedOwner);
        feed.setAnswer(price);
    }

    // ---------------------------------------------------------------- payments

    function subscribe(uint256 payerSeed, uint256 idSeed, bool yearly) external atCurrentTime("subscribe") {
        address payer = payers[payerSeed % payers.length];
        uint256 planId = yearly ? 2 : 1;
        uint256 usd = pro.plan(planId).usdPrice;
        uint256 maxSesh = pro.quoteUsd(usd);
        if (token.balanceOf(payer) < maxSesh) return;
        uint256 before = token.balanceOf(payer);
        vm.prank(payer);
        pro.subscribe(abi.encodePacked(bytes1(0x05), keccak256(abi.encode(idSeed % 8))), planId, maxSesh);
        _check(usd, before - token.balanceOf(payer), maxSesh);
    }

    function registerOrRenew(uint256 payerSeed, uint256 nameSeed) external atCurrentTime("registerOrRenew") {
        address payer = payers[payerSeed % payers.length];
        string memory name = nameSet[nameSeed % nameSet.length];
        uint256 usd = names.priceOf(name);
        uint256 maxSesh = names.quoteUsd(usd);
        if (token.balanceOf(payer) < maxSesh) return;
        uint256 before = token.balanceOf(payer);
        SessionNames.NameRecord memory r = names.recordOf(name);
        if (names.isAvailable(name)) {
            vm.prank(payer);
            names.register(name, abi.encodePacked(bytes1(0x05), keccak256(bytes(name))), maxSesh);
        } else if (r.holder == payer) {
            vm.prank(payer);
            names.renew(name, maxSesh);
        } else {
            return;
        }
        _check(usd, before - token.balanceOf(payer), maxSesh);
    }

    /// @dev SESH sent straight to the router is routed like any fee.
    function donate(uint256 payerSeed, uint256 amount) external atCurrentTime("donate") {
        address payer = payers[payerSeed % payers.length];
        uint256 balance = token.balanceOf(payer);
        if (balance == 0) return;
        // Small donations, so the payers keep paying fees for the whole run.
        amount = bound(amount, 1, balance < 1e13 ? balance : 1e13);
        vm.prank(payer);
        token.transfer(address(router), amount);
        router.routeFees();
        _account(amount);
    }

    function release() external atCurrentTime("release") {
        pool.release();
    }
}
