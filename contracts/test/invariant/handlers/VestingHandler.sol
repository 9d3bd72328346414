// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {IStakingVesting} from "../../../src/interfaces/IStakingVesting.sol";
import {VestingTestBase} from "../../unit/Vesting/VestingBase.t.sol";

/// @notice Drives one revocable staking vesting (100,000 SESH, 1-year cliff, 4-year end) through
/// random valid sequences: solo registrations, exit requests (by whoever controls), their 30-day
/// completion, liquidations by the network, stake withdrawals, reward claims, releases, the revoke,
/// the revoker's claims and time jumps. It is a full test deployment itself (it inherits the unit
/// tests' base, for the network's signatures) and keeps ghost state: what the beneficiary received as
/// rewards, the vested amount at the revoke.
contract VestingHandler is VestingTestBase {
    IStakingVesting public v;
    uint64[] public nodes;
    uint256 public ghostRewards;
    uint256 public ghostVestedAtRevoke;
    bool public ghostRevoked;
    uint256 public calls;

    function setUpHandler() external {
        setUp();
        v = _staking(grantor);
    }

    function beneficiaryAddress() external view returns (address) {
        return beneficiary;
    }

    function grantorAddress() external view returns (address) {
        return grantor;
    }

    function nodeCount() external view returns (uint256) {
        return nodes.length;
    }

    function register() external {
        if (v.revokedAt() != 0 || token.balanceOf(address(v)) < REQUIREMENT) return;
        if (nodes.length >= 6) return;
        vm.roll(block.number + 1);
        nodes.push(_registerThrough(v));
        ++calls;
    }

    function requestExit(uint256 seed, bool byRevoker) external {
        if (nodes.length == 0) return;
        uint64 id = nodes[seed % nodes.length];
        if (lens.node(id).status != IStakingRegistry.NodeStatus.Active) return;
        if (lens.nodeRecord(id).exitRequestedAt != 0) return;
        address who = byRevoker && v.revokedAt() != 0 ? grantor : beneficiary;
        vm.prank(who);
        v.requestExit(id);
        ++calls;
    }

    function finalizeExit(uint256 seed) external {
        if (nodes.length == 0) return;
        uint64 id = nodes[seed % nodes.length];
        uint64 requested = lens.nodeRecord(id).exitRequestedAt;
        if (requested == 0 || lens.node(id).status != IStakingRegistry.NodeStatus.Active) return;
        if (block.timestamp < requested + 30 days) vm.warp(requested + 30 days);
        v.finalizeExit(id, keyOf[id]);
        skOf[id] = 0;
        ++calls;
    }

    function liquidate(uint256 seed) external {
        if (nodes.length == 0) return;
        uint64 id = nodes[seed % nodes.length];
        if (lens.node(id).status != IStakingRegistry.NodeStatus.Active) return;
        _liquidate(id);
        ++calls;
    }

    function withdrawStake(uint256 seed) external {
        if (nodes.length == 0) return;
        uint64 id = nodes[seed % nodes.length];
        if (v.soloStake(id) == 0) return;
        IStakingRegistry.NodeStatus s = lens.node(id).status;
        if (s != IStakingRegistry.NodeStatus.Exited && s != IStakingRegistry.NodeStatus.Liquidated) return;
        v.withdrawStake(id);
        ++calls;
    }

    function claimRewards(uint256 seed) external {
        if (nodes.length == 0) return;
        uint64 id = nodes[seed % nodes.length];
        staking.distributeRewards();
        if (lens.claimableRewards(id, address(v)) == 0) return;
        ghostRewards += v.claimRewards(id);
        ++calls;
    }

    function release() external {
        if (v.releasable() == 0) return;
        v.release();
        ++calls;
    }

    function revoke() external {
        if (v.revokedAt() != 0) return;
        uint256 vested = v.vestedAmount(uint64(block.timestamp));
        if (vested == ALLOCATION) return;
        vm.prank(grantor);
        v.revoke();
        (ghostRevoked, ghostVestedAtRevoke) = (true, vested);
        ++calls;
    }

    function claimRevoked() external {
        if (v.revokerClaimable() == 0) return;
        v.claimRevoked();
        ++calls;
    }

    function warp(uint256 seconds_) external {
        skip(bound(seconds_, 1, 120 days));
        ++calls;
    }
}
