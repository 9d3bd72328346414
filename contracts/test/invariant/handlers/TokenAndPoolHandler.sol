// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the token and the pool with random but valid calls and keeps ghost totals the
/// invariants compare against. Time is kept here (`currentTime`) because forge resets the block
/// between calls.
contract TokenAndPoolHandler is CommonBase, StdUtils {
    uint256 internal constant RATE_BPS = 1510;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant YEAR = 365 days;

    SessionToken public immutable token;
    RewardPool public immutable pool;
    address public immutable governance;
    address public immutable reminter;

    /// @dev Accounts that hold SESH and act; the beneficiaries only ever receive.
    address[] public holders;
    address[2] public beneficiaries;

    uint256 public currentTime;
    uint256 public ghostBurnt;
    uint256 public ghostReminted;
    uint256 public ghostRemintedToPool;
    uint256 public ghostDeposited;
    uint256 public ghostReleased;
    /// @dev The balance the rate applies to, modelled independently: synced to the pool's balance at
    /// every payout, raised by deposits, and blind to tokens that arrive any other way until then.
    uint256 public ghostAccruing;
    /// @dev Payouts that broke `paid <= floor(balance * rate * elapsed / year)`; must stay 0.
    uint256 public ghostOverpayments;
    mapping(bytes32 action => uint256 calls) public calls;

    constructor(
        SessionToken token_,
        RewardPool pool_,
        address governance_,
        address reminter_,
        address[] memory holders_,
        address[2] memory beneficiaries_
    ) {
        token = token_;
        pool = pool_;
        governance = governance_;
        reminter = reminter_;
        holders = holders_;
        beneficiaries = beneficiaries_;
        currentTime = block.timestamp;
        // The test starts the pool (first beneficiary) before building the handler.
        ghostAccruing = token_.balanceOf(address(pool_));
    }

    modifier atCurrentTime(bytes32 action) {
        vm.warp(currentTime);
        calls[action]++;
        _;
    }

    function holderCount() external view returns (uint256) {
        return holders.length;
    }

    function _holder(uint256 seed) internal view returns (address) {
        return holders[seed % holders.length];
    }

    function _beneficiaryBalances() internal view returns (uint256) {
        return token.balanceOf(beneficiaries[0]) + token.balanceOf(beneficiaries[1]);
    }

    // ---------------------------------------------------------------- time

    function warp(uint256 seconds_) external atCurrentTime("warp") {
        currentTime += bound(seconds_, 0, 30 days);
        vm.warp(currentTime);
    }

    // ---------------------------------------------------------------- token

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external atCurrentTime("transfer") {
        address from = _holder(fromSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(_holder(toSeed), amount);
    }

    function burn(uint256 holderSeed, uint256 amount) external atCurrentTime("burn") {
        address holder = _holder(holderSeed);
        amount = bound(amount, 0, token.balanceOf(holder));
        vm.prank(holder);
        token.burn(amount);
        ghostBurnt += amount;
    }

    function remint(uint256 toSeed, bool toPool, uint256 amount) external atCurrentTime("remint") {
        uint256 available = token.remintable();
        if (available == 0) return;
        amount = bound(amount, 1, available);
        address to = toPool ? address(pool) : _holder(toSeed);
        vm.prank(reminter);
        token.remint(to, amount);
        ghostReminted += amount;
        if (toPool) ghostRemintedToPool += amount;
    }

    // ---------------------------------------------------------------- pool

    function deposit(uint256 holderSeed, uint256 amount) external atCurrentTime("deposit") {
        address holder = _holder(holderSeed);
        uint256 balance = token.balanceOf(holder);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        uint256 expected = _expectedPayout();
        uint256 lastBefore = pool.lastReleaseTime();
        uint256 before = _beneficiaryBalances();
        vm.startPrank(holder);
        token.approve(address(pool), amount);
        pool.deposit(amount);
        vm.stopPrank();
        bool synced = _recordPayout(before, expected, lastBefore);
        ghostAccruing = synced ? token.balanceOf(address(pool)) : ghostAccruing + amount;
        ghostDeposited += amount;
    }

    function release() external atCurrentTime("release") {
        uint256 expected = _expectedPayout();
        uint256 lastBefore = pool.lastReleaseTime();
        uint256 before = _beneficiaryBalances();
        pool.release();
        if (_recordPayout(before, expected, lastBefore)) ghostAccruing = token.balanceOf(address(pool));
    }

    function setBeneficiary(bool second) external atCurrentTime("setBeneficiary") {
        uint256 expected = _expectedPayout();
        uint256 lastBefore = pool.lastReleaseTime();
        uint256 before = _beneficiaryBalances();
        vm.prank(governance);
        pool.setBeneficiary(beneficiaries[second ? 1 : 0]);
        if (_recordPayout(before, expected, lastBefore)) ghostAccruing = token.balanceOf(address(pool));
    }

    /// @dev The formula, recomputed here from the pool's state before the call.
    function _expectedPayout() internal view returns (uint256) {
        uint256 balance = token.balanceOf(address(pool));
        uint256 base = ghostAccruing < balance ? ghostAccruing : balance;
        uint256 amount = base * RATE_BPS * (block.timestamp - pool.lastReleaseTime()) / (BPS * YEAR);
        return amount > base ? base : amount;
    }

    /// @dev Returns whether the call was a payout that moved the clock (time had passed).
    function _recordPayout(uint256 before, uint256 expected, uint256 lastBefore)
        internal
        returns (bool synced)
    {
        uint256 paid = _beneficiaryBalances() - before;
        if (paid != expected) ghostOverpayments++;
        ghostReleased += paid;
        return lastBefore != block.timestamp;
    }
}
