// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {BLSTestSigner} from "../../unit/consensus/BLSTestSigner.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random valid calls on the staking registry (registrations solo and shared, claims,
/// exit requests and completions, signed exits, liquidations, decommissions, withdrawals, time),
/// with ghost state of what happened.
contract StakingRegistryHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant REQUIREMENT = 25_000e9;
    bytes32 internal constant POP = keccak256("session.staking.v1.proofOfPossession");

    SessionToken public immutable token;
    RewardPool public immutable pool;
    StakingRegistry public immutable staking;
    address public immutable treasury;
    address[] public actors;

    uint64[] public nodeIds;
    mapping(uint64 nodeId => uint256 sk) public skOf;
    uint256 internal seed;

    uint256 public ghostClaimed;
    uint256 public ghostPoolDeposits;
    uint256 public ghostLiquidatorPaid;
    uint256 public ghostWithdrawn;
    uint256 public ghostDeposited;
    uint256 public currentTime;

    constructor(
        SessionToken token_,
        RewardPool pool_,
        StakingRegistry staking_,
        address treasury_,
        address[] memory actors_
    ) {
        token = token_;
        pool = pool_;
        staking = staking_;
        treasury = treasury_;
        actors = actors_;
        currentTime = block.timestamp;
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function nodeCount() external view returns (uint256) {
        return nodeIds.length;
    }

    function _actor(uint256 i) internal view returns (address) {
        return actors[i % actors.length];
    }

    function _status(uint64 id) internal view returns (IStakingRegistry.NodeStatus) {
        return staking.node(id).status;
    }

    function _registered(uint64 id) internal view returns (bool) {
        IStakingRegistry.NodeStatus s = _status(id);
        return s == IStakingRegistry.NodeStatus.Active || s == IStakingRegistry.NodeStatus.Decommissioned;
    }

    function _networkSign(bytes32 tag, uint64 nodeId) internal view returns (bytes memory) {
        uint256 aggregateSk;
        for (uint256 i; i < nodeIds.length; ++i) {
            aggregateSk = addmod(aggregateSk, skOf[nodeIds[i]], BLSTestSigner.R);
        }
        return BLSTestSigner.sign(
            aggregateSk,
            abi.encodePacked(
                tag, block.chainid, address(staking.consensus()), nodeId, uint64(block.timestamp)
            )
        );
    }

    // ------------------------------------------------------------------ actions

    function register(uint256 operatorIndex, uint256 otherIndex, uint256 operatorStake, uint16 fee)
        external
        useTime
    {
        address operator = _actor(operatorIndex);
        address other = _actor(otherIndex);
        fee = uint16(bound(fee, 0, 10_000));
        IStakingRegistry.Contributor[] memory c;
        operatorStake = bound(operatorStake, REQUIREMENT / 4, REQUIREMENT);
        if (other == operator || operatorStake == REQUIREMENT) {
            c = new IStakingRegistry.Contributor[](1);
            c[0] = IStakingRegistry.Contributor(operator, address(0), REQUIREMENT);
        } else {
            c = new IStakingRegistry.Contributor[](2);
            c[0] = IStakingRegistry.Contributor(operator, address(0), operatorStake);
            c[1] = IStakingRegistry.Contributor(other, address(0), REQUIREMENT - operatorStake);
        }
        uint256 sk = BLSTestSigner.secretKey(++seed + 1_000_000);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes32 ed = keccak256(abi.encode("ed", seed));
        bytes memory pop = BLSTestSigner.sign(
            sk, abi.encodePacked(POP, block.chainid, address(staking.consensus()), key, operator, ed)
        );
        vm.prank(treasury);
        token.transfer(operator, REQUIREMENT);
        vm.startPrank(operator);
        token.approve(address(staking), REQUIREMENT);
        uint64 id = staking.registerNode(key, ed, pop, fee, c);
        vm.stopPrank();
        nodeIds.push(id);
        skOf[id] = sk;
        ghostDeposited += REQUIREMENT;
    }

    function claim(uint256 actorIndex, uint256 fraction) external useTime {
        address who = _actor(actorIndex);
        uint256 pending = staking.pendingRewards(who);
        if (pending == 0) return;
        uint256 before = token.balanceOf(who);
        if (fraction % 3 == 0) {
            uint256 amount = bound(fraction, 1, pending);
            vm.prank(who);
            staking.claimRewards(amount);
        } else {
            vm.prank(who);
            staking.claimRewards();
        }
        ghostClaimed += token.balanceOf(who) - before;
    }

    function withdraw(uint256 actorIndex) external useTime {
        address who = _actor(actorIndex);
        if (staking.withdrawableStake(who) == 0) return;
        vm.prank(who);
        ghostWithdrawn += staking.withdrawStake();
    }

    function requestExit(uint256 nodeIndex) external useTime {
        if (nodeIds.length == 0) return;
        uint64 id = nodeIds[nodeIndex % nodeIds.length];
        IStakingRegistry.NodeInfo memory info = staking.node(id);
        if (info.exitRequestedAt != 0) return;
        vm.prank(info.operator);
        staking.requestExit(id);
    }

    function finalizeExit(uint256 nodeIndex) external useTime {
        if (nodeIds.length == 0) return;
        uint256 at = nodeIndex % nodeIds.length;
        uint64 id = nodeIds[at];
        uint64 requested = staking.node(id).exitRequestedAt;
        if (requested == 0 || block.timestamp < requested + 30 days) return;
        staking.finalizeExit(id);
        _forget(at);
    }

    function exitBySignature(uint256 nodeIndex) external useTime {
        if (nodeIds.length == 0) return;
        uint256 at = nodeIndex % nodeIds.length;
        uint64 id = nodeIds[at];
        if (block.timestamp < staking.node(id).registeredAt + 2 hours) return;
        bytes memory sig = _networkSign(keccak256("session.staking.v1.exit"), id);
        staking.exitBySignature(id, uint64(block.timestamp), "", sig);
        _forget(at);
    }

    function liquidate(uint256 nodeIndex, uint256 liquidatorIndex) external useTime {
        if (nodeIds.length == 0) return;
        uint256 at = nodeIndex % nodeIds.length;
        uint64 id = nodeIds[at];
        bytes memory sig = _networkSign(keccak256("session.staking.v1.liquidation"), id);
        address liq = _actor(liquidatorIndex);
        uint256 liqBefore = token.balanceOf(liq);
        uint256 deposit = staking.node(id).deposit;
        (uint256 l, uint256 p, uint256 r) = staking.liquidationRatios();
        vm.prank(liq);
        staking.liquidate(id, uint64(block.timestamp), "", sig);
        // the pool part, rounded up (the pool also released to the registry in this call)
        ghostPoolDeposits += (deposit * p + l + p + r - 1) / (l + p + r);
        ghostLiquidatorPaid += token.balanceOf(liq) - liqBefore;
        _forget(at);
    }

    function toggleCommission(uint256 nodeIndex) external useTime {
        if (nodeIds.length == 0) return;
        uint64 id = nodeIds[nodeIndex % nodeIds.length];
        IStakingRegistry.NodeStatus s = _status(id);
        if (s == IStakingRegistry.NodeStatus.Active) {
            bytes memory sig = _networkSign(keccak256("session.staking.v1.decommission"), id);
            staking.decommission(id, uint64(block.timestamp), "", sig);
        } else {
            bytes memory sig = _networkSign(keccak256("session.staking.v1.recommission"), id);
            try staking.recommission(id, uint64(block.timestamp), "", sig) {} catch {}
        }
    }

    function distribute() external useTime {
        staking.distributeRewards();
    }

    function warp(uint256 dt) external {
        currentTime += bound(dt, 1, 20 days);
        vm.warp(currentTime);
    }

    function _forget(uint256 at) internal {
        skOf[nodeIds[at]] = 0;
        nodeIds[at] = nodeIds[nodeIds.length - 1];
        nodeIds.pop();
    }
}
