// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusRegistry} from "../../../src/consensus/ConsensusRegistry.sol";
import {IConsensusRegistry} from "../../../src/interfaces/IConsensusRegistry.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingLens} from "../../../src/staking/StakingLens.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared base of the staking registry tests: token and pool from {BaseTest}, the consensus
/// registry and the staking registry each behind `SessionProxy`, deployed in the documented order
/// (docs/staking.md), the staking registry the pool's beneficiary, started; nodes registered with
/// forge-made BLS keys, and the network signing action messages built byte by byte from
/// docs/consensus.md (they bind the consensus registry's proxy).
abstract contract StakingRegistryBase is BaseTest {
    uint256 internal constant REQUIREMENT = 25_000 * SESH;
    uint256 internal constant QUARTER = REQUIREMENT / 4;
    bytes32 internal constant EXIT = keccak256("session.staking.v1.exit");
    bytes32 internal constant LIQUIDATION = keccak256("session.staking.v1.liquidation");
    bytes32 internal constant DECOMMISSION = keccak256("session.staking.v1.decommission");
    bytes32 internal constant RECOMMISSION = keccak256("session.staking.v1.recommission");
    bytes32 internal constant POP = keccak256("session.staking.v1.proofOfPossession");

    StakingRegistry internal staking;
    /// @dev The listing views, at their own address.
    IStakingLens internal lens;
    StakingRegistry internal stakingImpl;
    ConsensusRegistry internal consensus;
    ConsensusRegistry internal consensusImpl;

    /// @dev Secret key of each node id whose key is in the aggregate (0 once it left).
    mapping(uint64 nodeId => uint256 sk) internal skOf;
    mapping(uint64 nodeId => bytes key) internal keyOf;
    /// @dev Seeds used so far, so every node gets a fresh key unless a test reuses one.
    uint256 internal seedCounter;
    /// @dev The terms each node was registered with, as the test gave them.
    mapping(uint64 nodeId => uint256[] stakes) internal stakesOf;
    mapping(uint64 nodeId => address[] stakers) internal stakersOf;
    mapping(uint64 nodeId => uint16 feeBps) internal feeOf;

    address internal carol;
    address internal liquidator;

    function setUp() public virtual override {
        super.setUp();
        carol = makeAddr("carol");
        liquidator = makeAddr("liquidator");
        (consensusImpl, consensus, stakingImpl, staking) = _deploySystem();
        lens = new StakingLens(staking);
        vm.label(address(staking), "StakingRegistry");
        vm.label(address(lens), "StakingLens");
        vm.label(address(consensus), "ConsensusRegistry");
        vm.prank(governance);
        pool.setBeneficiary(address(staking));
        if (_startsInSetUp()) {
            vm.prank(governance);
            staking.start();
        }
    }

    /// @dev Whether `setUp` opens the registry (`start()`); a suite that seeds nodes first says no.
    function _startsInSetUp() internal virtual returns (bool) {
        return true;
    }

    /// @dev The production order: consensus implementation, consensus proxy (`initialize(owner)`),
    /// staking implementation (token, pool, consensus proxy), staking proxy, then
    /// `consensus.setStakingRegistry(staking proxy)`.
    function _deploySystem()
        internal
        returns (
            ConsensusRegistry cImpl,
            ConsensusRegistry cProxy,
            StakingRegistry sImpl,
            StakingRegistry sProxy
        )
    {
        cImpl = new ConsensusRegistry();
        cProxy = ConsensusRegistry(
            address(
                new SessionProxy(address(cImpl), abi.encodeCall(ConsensusRegistry.initialize, (governance)))
            )
        );
        sImpl = new StakingRegistry(
            IERC20(address(token)), IRewardPool(address(pool)), IConsensusRegistry(address(cProxy))
        );
        sProxy = StakingRegistry(
            address(
                new SessionProxy(address(sImpl), abi.encodeCall(StakingRegistry.initialize, (governance)))
            )
        );
        vm.prank(governance);
        cProxy.setStakingRegistry(address(sProxy));
    }

    // ------------------------------------------------------------------ keys and messages

    function _ed25519(uint256 seed) internal pure returns (bytes32) {
        return keccak256(abi.encode("ed25519", seed));
    }

    function _popMessage(bytes memory blsKey, address operator, bytes32 ed25519Key)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodePacked(POP, block.chainid, address(consensus), blsKey, operator, ed25519Key);
    }

    function _actionMessage(bytes32 tag, uint64 nodeId, uint64 timestamp)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodePacked(tag, block.chainid, address(consensus), nodeId, timestamp);
    }

    function _pop(uint256 sk, address operator, bytes32 ed25519Key) internal view returns (bytes memory) {
        return BLSTestSigner.sign(sk, _popMessage(BLSTestSigner.publicKey(sk), operator, ed25519Key));
    }

    /// @dev Aggregate signature of every node in the aggregate except `nonSigners`.
    function _networkSign(bytes32 tag, uint64 nodeId, uint64 timestamp, uint64[] memory nonSigners)
        internal
        view
        returns (bytes memory)
    {
        uint256 aggregateSk;
        uint64 last = lens.lastNodeId();
        for (uint64 id = 1; id <= last; ++id) {
            bool skip;
            for (uint256 j; j < nonSigners.length; ++j) {
                if (nonSigners[j] == id) skip = true;
            }
            if (!skip) aggregateSk = addmod(aggregateSk, skOf[id], BLSTestSigner.R);
        }
        return BLSTestSigner.sign(aggregateSk, _actionMessage(tag, nodeId, timestamp));
    }

    function _sign(bytes32 tag, uint64 nodeId) internal view returns (bytes memory) {
        return _networkSign(tag, nodeId, uint64(block.timestamp), new uint64[](0));
    }

    function _keysOf(uint64[] memory ids) internal view returns (bytes memory keys) {
        for (uint256 i; i < ids.length; ++i) {
            keys = bytes.concat(keys, keyOf[ids[i]]);
        }
    }

    // ------------------------------------------------------------------ contributors

    function _solo(address operator) internal pure returns (IStakingRegistry.Contributor[] memory c) {
        c = new IStakingRegistry.Contributor[](1);
        c[0] = IStakingRegistry.Contributor(operator, address(0), REQUIREMENT);
    }

    function _pair(address operator, uint256 operatorStake, address other)
        internal
        pure
        returns (IStakingRegistry.Contributor[] memory c)
    {
        c = new IStakingRegistry.Contributor[](2);
        c[0] = IStakingRegistry.Contributor(operator, address(0), operatorStake);
        c[1] = IStakingRegistry.Contributor(other, address(0), REQUIREMENT - operatorStake);
    }

    /// @dev `count` (1..10) contributors with stakes drawn from `seed`, summing to `requirement`:
    /// the operator (`0xC000`) at least a quarter, every other (`0xC001`..) at least 1 unit.
    function _randomContributors(uint256 seed, uint256 count, uint256 requirement)
        internal
        pure
        returns (IStakingRegistry.Contributor[] memory c)
    {
        c = new IStakingRegistry.Contributor[](count);
        uint256 left = requirement;
        for (uint256 i; i < count; ++i) {
            uint256 stake;
            if (i == count - 1) {
                stake = left;
            } else {
                uint256 minimum = i == 0 ? (requirement + 3) / 4 : 1;
                stake = bound(uint256(keccak256(abi.encode(seed, i))), minimum, left - (count - 1 - i));
            }
            left -= stake;
            c[i] = IStakingRegistry.Contributor(address(uint160(0xC000 + i)), address(0), stake);
        }
    }

    // ------------------------------------------------------------------ registration

    /// @dev Funds `payer`, approves, and registers with a fresh key; returns the id.
    function _register(address payer, IStakingRegistry.Contributor[] memory c, uint16 feeBps)
        internal
        returns (uint64 nodeId)
    {
        uint256 seed = ++seedCounter;
        uint256 sk = BLSTestSigner.secretKey(seed);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes32 ed = _ed25519(seed);
        bytes memory pop = _pop(sk, c[0].staker, ed);
        uint256 total;
        for (uint256 i; i < c.length; ++i) {
            total += c[i].stake;
        }
        _fund(payer, total);
        vm.prank(payer);
        token.approve(address(staking), total);
        vm.prank(payer);
        nodeId = staking.registerNode(key, ed, pop, feeBps, c);
        skOf[nodeId] = sk;
        keyOf[nodeId] = key;
        _remember(nodeId, c, feeBps);
    }

    /// @dev Keeps the terms of node `nodeId` as the test gave them, for the reference formulas.
    function _remember(uint64 nodeId, IStakingRegistry.Contributor[] memory c, uint16 feeBps) internal {
        delete stakesOf[nodeId];
        delete stakersOf[nodeId];
        for (uint256 i; i < c.length; ++i) {
            stakesOf[nodeId].push(c[i].stake);
            stakersOf[nodeId].push(c[i].staker);
        }
        feeOf[nodeId] = feeBps;
    }

    function _registerSolo(address operator) internal returns (uint64) {
        return _register(operator, _solo(operator), 0);
    }

    // ------------------------------------------------------------------ network actions

    function _exitBySignature(uint64 nodeId) internal {
        bytes memory sig = _sign(EXIT, nodeId);
        staking.exitBySignature(nodeId, keyOf[nodeId], uint64(block.timestamp), "", sig);
        skOf[nodeId] = 0;
    }

    function _finalizeExit(uint64 nodeId) internal {
        staking.finalizeExit(nodeId, keyOf[nodeId]);
        skOf[nodeId] = 0;
    }

    /// @dev Every network decision waits until the node is 2 h old: moves the clock there if needed.
    function _oldEnough(uint64 nodeId) internal {
        uint256 at = uint256(lens.nodeRecord(nodeId).registeredAt) + 2 hours;
        if (block.timestamp < at) vm.warp(at);
    }

    function _liquidate(uint64 nodeId) internal {
        _oldEnough(nodeId);
        bytes memory sig = _sign(LIQUIDATION, nodeId);
        vm.prank(liquidator);
        staking.liquidate(nodeId, keyOf[nodeId], uint64(block.timestamp), "", sig);
        skOf[nodeId] = 0;
    }

    function _decommission(uint64 nodeId) internal {
        _oldEnough(nodeId);
        bytes memory sig = _sign(DECOMMISSION, nodeId);
        staking.decommission(nodeId, uint64(block.timestamp), "", sig);
    }

    function _recommission(uint64 nodeId) internal {
        bytes memory sig = _sign(RECOMMISSION, nodeId);
        staking.recommission(nodeId, uint64(block.timestamp), "", sig);
    }

    /// @dev Sum of the keys of nodes still in the aggregate, for comparison with the contract's.
    function _expectedAggregate() internal view returns (bytes memory) {
        uint256 aggregateSk;
        uint64 last = lens.lastNodeId();
        for (uint64 id = 1; id <= last; ++id) {
            aggregateSk = addmod(aggregateSk, skOf[id], BLSTestSigner.R);
        }
        return aggregateSk == 0 ? new bytes(128) : BLSTestSigner.publicKey(aggregateSk);
    }

    /// @dev Reward the pool pays for `elapsed` seconds from its current accruing balance.
    function _poolRelease(uint256 elapsed) internal view returns (uint256) {
        return _accrued(pool.accruingBalance(), elapsed);
    }

    /// @dev Points the pool at another beneficiary: from now only what a test sends the registry
    /// with {_donate} is distributed, so a node's earnings are known exactly.
    function _detachPool() internal {
        vm.prank(governance);
        pool.setBeneficiary(treasury);
    }

    /// @dev Sends `amount` straight to the registry: the next distribution shares it like a payout.
    function _donate(uint256 amount) internal {
        _fund(address(staking), amount);
    }

    // ------------------------------------------------------------------ reference formulas

    /// @dev What position `index` of node `nodeId` is entitled to when the node has earned
    /// `earned`, from the terms the test registered: the operator's fee on the whole, then the
    /// rest by stake, as one fraction rounded down; the operator of an ended node takes what the
    /// others' rounded-down shares leave.
    function _entitlement(uint64 nodeId, uint256 index, uint256 earned, bool ended)
        internal
        view
        returns (uint256)
    {
        uint256[] storage stakes = stakesOf[nodeId];
        uint256 deposit;
        for (uint256 i; i < stakes.length; ++i) {
            deposit += stakes[i];
        }
        uint256 fee = feeOf[nodeId];
        if (index == 0 && ended) {
            uint256 others;
            for (uint256 i = 1; i < stakes.length; ++i) {
                others += _entitlement(nodeId, i, earned, false);
            }
            return earned - others;
        }
        uint256 weight = stakes[index] * (BPS - fee);
        if (index == 0) weight += fee * deposit;
        return earned * weight / (deposit * BPS);
    }

    /// @dev The staker of position `index` of node `nodeId`, as the test registered it (operator 0).
    function _staker(uint64 nodeId, uint256 index) internal view returns (address) {
        return stakersOf[nodeId][index];
    }

    /// @dev Claims everything position `index` of node `nodeId` can claim, as its staker; 0 if
    /// nothing.
    function _claim(uint64 nodeId, uint256 index) internal returns (uint256 paid) {
        address staker = stakersOf[nodeId][index];
        if (lens.claimableRewards(nodeId, staker) == 0) return 0;
        vm.prank(staker);
        paid = staking.claimRewards(nodeId, staker);
    }

    /// @dev Claims every position of node `nodeId` that has something to claim; returns the sum.
    function _claimAll(uint64 nodeId) internal returns (uint256 paid) {
        for (uint256 i; i < stakersOf[nodeId].length; ++i) {
            paid += _claim(nodeId, i);
        }
    }
}
