// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../../src/interfaces/IVesting.sol";
import {IVestingFactory} from "../../src/interfaces/IVestingFactory.sol";
import {MerkleClaims} from "../../src/swap/MerkleClaims.sol";
import {MerkleTreeBuilder} from "../unit/Swap/MerkleTreeBuilder.sol";
import {BaseTest} from "../utils/Base.t.sol";
import {MerkleClaimsHandler} from "./handlers/MerkleClaimsHandler.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The claims distributor under random claims, forged claims and time. Funded with less than
/// the list's total, so running out is exercised too. Invariants in `README.md`.
contract MerkleClaimsInvariantTest is BaseTest {
    MerkleClaimsHandler internal handler;
    MerkleClaims internal claims;
    uint256 internal funding;

    function setUp() public override {
        super.setUp();
        uint256 n = 24;
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            leaves[i] = MerkleTreeBuilder.leaf(address(uint160(0xB000 + i)), (i + 1) * 1e12);
        }
        claims = new MerkleClaims(
            IERC20(address(token)),
            MerkleTreeBuilder.root(leaves),
            uint64(block.timestamp + 200 days),
            treasury,
            governance,
            IVestingFactory(address(0)),
            IVesting.Schedule(0, 0, 0, 0)
        );
        // The list totals 300e12; fund 250e12.
        funding = 250e12;
        _fund(address(claims), funding);
        handler = new MerkleClaimsHandler(claims, leaves);
        targetContract(address(handler));
    }

    function invariant_SumClaimedNeverExceedsFunding() public view {
        assertLe(claims.totalClaimed(), funding);
        assertEq(claims.totalClaimed(), handler.ghostPaid());
        assertEq(token.balanceOf(address(claims)), funding - claims.totalClaimed());
    }

    function invariant_EachLeafPaidAtMostOnce() public view {
        uint256 sum;
        for (uint256 i; i < 24; ++i) {
            uint256 times = handler.paidTimes(i);
            assertLe(times, 1, "a leaf paid twice");
            assertEq(claims.isClaimed(handler.account(i), handler.amount(i)), times == 1);
            assertEq(
                token.balanceOf(handler.account(i)), times * handler.amount(i), "paid to its account only"
            );
            sum += times * handler.amount(i);
        }
        assertEq(sum, claims.totalClaimed());
    }
}
