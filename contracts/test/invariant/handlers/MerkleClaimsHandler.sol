// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MerkleClaims} from "../../../src/swap/MerkleClaims.sol";
import {MerkleTreeBuilder} from "../../unit/Swap/MerkleTreeBuilder.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Claims leaves of a 24-leaf tree at random: valid proofs, repeated claims, proofs with the
/// wrong amount or account, and time jumps (past the deadline too). Ghosts: how often each leaf was
/// paid, and the sum paid.
contract MerkleClaimsHandler is CommonBase, StdUtils {
    MerkleClaims public immutable claims;
    bytes32[] internal _leaves;
    uint256 public constant LEAVES = 24;
    mapping(uint256 index => uint256 times) public paidTimes;
    uint256 public ghostPaid;

    constructor(MerkleClaims claims_, bytes32[] memory leaves) {
        claims = claims_;
        _leaves = leaves;
    }

    function account(uint256 i) public pure returns (address) {
        return address(uint160(0xB000 + i));
    }

    function amount(uint256 i) public pure returns (uint256) {
        return (i + 1) * 1e12;
    }

    function claim(uint256 i, uint256 wrongAmount, bool wrongAccount, bool tamper) external {
        i = bound(i, 0, LEAVES - 1);
        bytes32[] memory proof = MerkleTreeBuilder.proof(_leaves, i);
        address who = wrongAccount ? account((i + 1) % LEAVES) : account(i);
        uint256 value = tamper ? wrongAmount : amount(i);
        try claims.claim(who, value, proof) {
            // Only the listed leaf can have succeeded.
            require(who == account(i) && value == amount(i), "a forged leaf claimed");
            ++paidTimes[i];
            ghostPaid += value;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
    }
}
