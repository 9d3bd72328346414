// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {StakingLens} from "../../../src/staking/StakingLens.sol";
import {StakingRegistry} from "../../../src/staking/StakingRegistry.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {BLSTestSigner} from "../../unit/consensus/BLSTestSigner.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random valid calls on the staking registry (registrations with 1..4 contributors and
/// beneficiaries, the three claims, beneficiary changes, exit requests and completions, signed
/// exits, liquidations, decommissions, withdrawals, donations, third-party pool payouts, time),
/// plus exits and liquidations attempted with a wrong BLS key. Keeps ghost state: each node's
/// terms as registered, what each position was paid and whether its stake was withdrawn, the
/// earnings frozen at a decommission or an end, and totals of everything that moved. A handler
/// call that sees the registry deviate from the reference (a payout of the wrong amount, a
/// wrong key accepted) counts it in a ghost counter, which an invariant requires to stay 0.
contract StakingRegistryHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant REQUIREMENT = 25_000e9;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_CONTRIBUTORS = 4;
    bytes32 internal constant POP = keccak256("session.staking.v1.proofOfPossession");
    bytes32 internal constant EXIT = keccak256("session.staking.v1.exit");
    bytes32 internal constant LIQUIDATION = keccak256("session.staking.v1.liquidation");
    bytes32 internal constant DECOMMISSION = keccak256("session.staking.v1.decommission");
    bytes32 internal constant RECOMMISSION = keccak256("session.staking.v1.recommission");

    SessionToken public immutable token;
    RewardPool public immutable pool;
    StakingRegistry public immutable staking;
    IStakingLens internal immutable lens;
    address public immutable treasury;
    address[] public actors;

    /// @dev Every node ever registered, and those whose key is in the aggregate.
    uint64[] public nodeIds;
    uint64[] public registeredIds;
    mapping(uint64 nodeId => uint256 sk) public skOf;
    mapping(uint64 nodeId => bytes key) internal _keyOf;
    mapping(uint64 nodeId => address[] stakers) internal _stakers;
    mapping(uint64 nodeId => uint256[] stakes) internal _stakes;
    mapping(uint64 nodeId => uint16 feeBps) public feeOf;
    mapping(uint64 nodeId => mapping(uint256 index => address)) public beneficiaryOf;
    mapping(uint64 nodeId => mapping(uint256 index => uint256)) public paidOf;
    mapping(uint64 nodeId => mapping(uint256 index => bool)) public withdrawnOf;
    /// @dev The returned part of a liquidated node, from the reference formula.
    mapping(uint64 nodeId => uint256) public returnedOf;
    /// @dev Earnings recorded when the node stopped earning (decommission or end).
    mapping(uint64 nodeId => bool) public frozen;
    mapping(uint64 nodeId => uint256) public frozenEarned;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostClaimed;
    uint256 public ghostPoolPenalty;
    uint256 public ghostLiquidatorPaid;
    uint256 public ghostDonated;
    /// @dev Deviations seen during calls; each must stay 0.
    uint256 public ghostPayoutMismatches;
    uint256 public ghostWrongKeysAccepted;
    uint256 public ghostWrongKeyErrors;
    uint256 public currentTime;
    uint256 internal seed;
    /// @dev The registry's owner: seeds nodes before `start()`, then starts it.
    address internal governance;
    uint256 public seeded;

    constructor(
        SessionToken token_,
        RewardPool pool_,
        StakingRegistry staking_,
        address treasury_,
        address governance_,
        address[] memory actors_
    ) {
        governance = governance_;
        token = token_;
        pool = pool_;
        staking = staking_;
        lens = new StakingLens(staking_);
        treasury = treasury_;
        actors = actors_;
        currentTime = block.timestamp;
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    // ------------------------------------------------------------------ views for the invariants

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function nodeCount() external view returns (uint256) {
        return nodeIds.length;
    }

    function registeredCount() external view returns (uint256) {
        return registeredIds.length;
    }

    function positionCount(uint64 id) public view returns (uint256) {
        return _stakes[id].length;
    }

    function stakeOf(uint64 id, uint256 index) external view returns (uint256) {
        return _stakes[id][index];
    }

    function stakerOf(uint64 id, uint256 index) external view returns (address) {
        return _stakers[id][index];
    }

    /// @dev Reference: position `index`'s entitlement when node `id` has earned `earned`: the
    /// fee on the whole and the rest by stake, one fraction rounded down; the operator of an ended
    /// node gets what the others' shares leave.
    function entitlement(uint64 id, uint256 index, uint256 earned, bool ended) public view returns (uint256) {
        uint256[] storage stakes = _stakes[id];
        uint256 fee = feeOf[id];
        if (index == 0 && ended) {
            uint256 others;
            for (uint256 i = 1; i < stakes.length; ++i) {
                others += earned * stakes[i] * (BPS - fee) / (REQUIREMENT * BPS);
            }
            return earned - others;
        }
        uint256 weight = stakes[index] * (BPS - fee);
        if (index == 0) weight += fee * REQUIREMENT;
        return earned * weight / (REQUIREMENT * BPS);
    }

    /// @dev Reference: what position `index` withdraws from node `id` once it has ended.
    function stakeDue(uint64 id, uint256 index) public view returns (uint256) {
        IStakingRegistry.NodeStatus s = lens.node(id).status;
        if (s == IStakingRegistry.NodeStatus.Exited) return _stakes[id][index];
        uint256 returned = returnedOf[id];
        if (index != 0) return returned * _stakes[id][index] / REQUIREMENT;
        uint256 others;
        for (uint256 i = 1; i < _stakes[id].length; ++i) {
            others += returned * _stakes[id][i] / REQUIREMENT;
        }
        return returned - others;
    }

    // ------------------------------------------------------------------ internals

    function _actor(uint256 i) internal view returns (address) {
        return actors[i % actors.length];
    }

    function _status(uint64 id) internal view returns (IStakingRegistry.NodeStatus) {
        return lens.node(id).status;
    }

    function _isEnded(uint64 id) internal view returns (bool) {
        IStakingRegistry.NodeStatus s = _status(id);
        return s == IStakingRegistry.NodeStatus.Exited || s == IStakingRegistry.NodeStatus.Liquidated;
    }

    function _pickNode(uint256 i) internal view returns (bool found, uint64 id) {
        if (nodeIds.length == 0) return (false, 0);
        return (true, nodeIds[i % nodeIds.length]);
    }

    function _pickRegistered(uint256 i) internal view returns (bool found, uint256 at, uint64 id) {
        if (registeredIds.length == 0) return (false, 0, 0);
        at = i % registeredIds.length;
        return (true, at, registeredIds[at]);
    }

    function _networkSign(bytes32 tag, uint64 nodeId) internal view returns (bytes memory) {
        uint256 aggregateSk;
        for (uint256 i; i < registeredIds.length; ++i) {
            aggregateSk = addmod(aggregateSk, skOf[registeredIds[i]], BLSTestSigner.R);
        }
        return BLSTestSigner.sign(
            aggregateSk,
            abi.encodePacked(
                tag, block.chainid, address(staking.consensus()), nodeId, uint64(block.timestamp)
            )
        );
    }

    /// @dev Records that registered node number `at` ended: its earnings froze, its key left.
    function _ended(uint256 at) internal {
        uint64 id = registeredIds[at];
        frozen[id] = true;
        frozenEarned[id] = lens.node(id).earned;
        skOf[id] = 0;
        registeredIds[at] = registeredIds[registeredIds.length - 1];
        registeredIds.pop();
    }

    /// @dev Half of the attempts to end a node pass, so that several nodes run side by side.
    function _keepsRunning(uint256 entropy) internal pure returns (bool) {
        return uint256(keccak256(abi.encode(entropy, "end"))) % 2 == 0;
    }

    function _pay(uint64 id, uint256 index, uint256 amount) internal {
        paidOf[id][index] += amount;
        ghostClaimed += amount;
    }

    // ------------------------------------------------------------------ actions

    function register(
        uint256 operatorIndex,
        uint256 count,
        uint256 stakeSeed,
        uint16 fee,
        uint256 beneficiarySeed
    ) external useTime {
        if (!lens.started()) return;
        _register(operatorIndex, count, stakeSeed, fee, beneficiarySeed, 0);
    }

    /// @dev Before `start()`: the owner seeds a migrated node registered up to 60 days ago.
    function seedNode(
        uint256 operatorIndex,
        uint256 count,
        uint256 stakeSeed,
        uint16 fee,
        uint256 beneficiarySeed,
        uint256 age
    ) public useTime {
        if (lens.started()) return;
        _register(operatorIndex, count, stakeSeed, fee, beneficiarySeed, bound(age, 0, 60 days) + 1);
        ++seeded;
    }

    /// @dev The owner ends seeding and opens registration.
    function start() external useTime {
        if (lens.started()) return;
        vm.prank(governance);
        staking.start();
    }

    /// @dev `age` 0: `registerNode` now; else `seedNode` by the owner, registered `age - 1` seconds
    /// ago.
    function _register(
        uint256 operatorIndex,
        uint256 count,
        uint256 stakeSeed,
        uint16 fee,
        uint256 beneficiarySeed,
        uint256 age
    ) internal {
        count = bound(count, 1, MAX_CONTRIBUTORS);
        fee = uint16(bound(fee, 0, BPS));
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](count);
        uint256 left = REQUIREMENT;
        for (uint256 i; i < count; ++i) {
            uint256 stake = left;
            if (i != count - 1) {
                uint256 minimum = i == 0 ? REQUIREMENT / 4 : 1;
                stake = bound(uint256(keccak256(abi.encode(stakeSeed, i))), minimum, left - (count - 1 - i));
            }
            left -= stake;
            uint256 b = uint256(keccak256(abi.encode(beneficiarySeed, i))) % (actors.length + 1);
            c[i] = IStakingRegistry.Contributor(
                _actor(operatorIndex % actors.length + i), b == actors.length ? address(0) : actors[b], stake
            );
        }
        uint256 sk = BLSTestSigner.secretKey(++seed + 1_000_000);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes32 ed = keccak256(abi.encode("ed", seed));
        bytes memory pop = BLSTestSigner.sign(
            sk, abi.encodePacked(POP, block.chainid, address(staking.consensus()), key, c[0].staker, ed)
        );
        vm.roll(block.number + 1); // the per-block cap is not under test here
        uint64 id;
        if (age == 0) {
            vm.startPrank(treasury);
            token.approve(address(staking), REQUIREMENT);
            id = staking.registerNode(key, ed, pop, fee, c);
            vm.stopPrank();
        } else {
            vm.prank(treasury);
            token.transfer(governance, REQUIREMENT);
            vm.startPrank(governance);
            token.approve(address(staking), REQUIREMENT);
            id = staking.seedNode(key, ed, pop, fee, c, uint64(block.timestamp - (age - 1)));
            vm.stopPrank();
        }
        nodeIds.push(id);
        registeredIds.push(id);
        skOf[id] = sk;
        _keyOf[id] = key;
        feeOf[id] = fee;
        for (uint256 i; i < count; ++i) {
            _stakers[id].push(c[i].staker);
            _stakes[id].push(c[i].stake);
            beneficiaryOf[id][i] = c[i].beneficiary == address(0) ? c[i].staker : c[i].beneficiary;
        }
        ghostDeposited += REQUIREMENT;
    }

    /// @dev mode % 4 == 0: everything, by the staker; 1: everything, by the beneficiary; 2: part,
    /// by the beneficiary; 3: a batch of every position the beneficiary receives (up to 10).
    function claim(uint256 nodeIndex, uint256 index, uint256 mode, uint256 amountSeed) external useTime {
        (bool found, uint64 id) = _pickNode(nodeIndex);
        if (!found) return;
        index %= positionCount(id);
        // half the time the network distributed just before (a claim itself never pulls the pool)
        if (mode / 4 % 2 == 0) staking.distributeRewards();
        address beneficiary = beneficiaryOf[id][index];
        uint256 due = lens.claimableRewards(id, _stakers[id][index]);
        mode %= 4;
        if (mode == 3) return _claimBatch(beneficiary);
        if (due == 0) {
            vm.prank(beneficiary);
            try staking.claimRewards(id, _stakers[id][index]) {
                ++ghostPayoutMismatches; // nothing to claim must revert
            } catch {}
            return;
        }
        uint256 before = token.balanceOf(beneficiary);
        uint256 amount = due;
        if (mode == 0) {
            vm.prank(_stakers[id][index]);
            if (staking.claimRewards(id, _stakers[id][index]) != due) ++ghostPayoutMismatches;
        } else if (mode == 1) {
            vm.prank(beneficiary);
            if (staking.claimRewards(id, _stakers[id][index]) != due) ++ghostPayoutMismatches;
        } else {
            amount = bound(amountSeed, 1, due);
            vm.prank(beneficiary);
            staking.claimRewardsAmount(id, _stakers[id][index], amount);
        }
        if (token.balanceOf(beneficiary) - before != amount) ++ghostPayoutMismatches;
        _pay(id, index, amount);
    }

    function _claimBatch(address beneficiary) internal {
        IStakingRegistry.PositionRef[] memory refs = new IStakingRegistry.PositionRef[](10);
        uint256[] memory dues = new uint256[](10);
        uint256[] memory indexes = new uint256[](10);
        uint256 n;
        uint256 total;
        for (uint256 k; k < nodeIds.length && n < 10; ++k) {
            uint64 id = nodeIds[k];
            for (uint256 i; i < positionCount(id) && n < 10; ++i) {
                if (beneficiaryOf[id][i] != beneficiary) continue;
                refs[n] = IStakingRegistry.PositionRef(id, _stakers[id][i]);
                indexes[n] = i;
                dues[n] = lens.claimableRewards(id, _stakers[id][i]);
                total += dues[n];
                ++n;
            }
        }
        if (total == 0) return;
        assembly ("memory-safe") {
            mstore(refs, n)
        }
        uint256 before = token.balanceOf(beneficiary);
        vm.prank(beneficiary);
        if (staking.claimRewardsBatch(refs) != total) ++ghostPayoutMismatches;
        if (token.balanceOf(beneficiary) - before != total) ++ghostPayoutMismatches;
        for (uint256 j; j < n; ++j) {
            _pay(refs[j].nodeId, indexes[j], dues[j]);
        }
    }

    function setBeneficiary(uint256 nodeIndex, uint256 index, uint256 newIndex) external useTime {
        (bool found, uint64 id) = _pickNode(nodeIndex);
        if (!found) return;
        index %= positionCount(id);
        address old = beneficiaryOf[id][index];
        address next = _actor(newIndex);
        uint256 due = lens.claimableRewards(id, _stakers[id][index]);
        uint256 before = token.balanceOf(old);
        vm.prank(_stakers[id][index]);
        staking.setBeneficiary(id, next);
        if (token.balanceOf(old) - before != due) ++ghostPayoutMismatches; // old one paid first
        _pay(id, index, due);
        beneficiaryOf[id][index] = next;
    }

    function withdraw(uint256 nodeIndex, uint256 index) external useTime {
        (bool found, uint64 id) = _pickNode(nodeIndex);
        if (!found) return;
        index %= positionCount(id);
        address staker = _stakers[id][index];
        if (!_isEnded(id) || withdrawnOf[id][index]) {
            vm.prank(staker);
            try staking.withdrawStake(id) {
                ++ghostPayoutMismatches; // refused while registered or twice
            } catch {}
            return;
        }
        uint256 expected = stakeDue(id, index);
        uint256 before = token.balanceOf(staker);
        vm.prank(staker);
        uint256 amount = staking.withdrawStake(id);
        if (amount != expected || token.balanceOf(staker) - before != expected) ++ghostPayoutMismatches;
        withdrawnOf[id][index] = true;
        ghostWithdrawn += amount;
    }

    function requestExit(uint256 nodeIndex) external useTime {
        (bool found,, uint64 id) = _pickRegistered(nodeIndex);
        if (!found) return;
        IStakingLens.NodeInfo memory info = lens.node(id);
        if (info.exitRequestedAt != 0) return;
        vm.prank(info.operator);
        staking.requestExit(id);
    }

    function finalizeExit(uint256 nodeIndex) external useTime {
        (bool found, uint256 at, uint64 id) = _pickRegistered(nodeIndex);
        if (!found || _keepsRunning(nodeIndex)) return;
        uint64 requested = lens.node(id).exitRequestedAt;
        if (requested == 0 || block.timestamp < requested + 30 days) return;
        staking.finalizeExit(id, _keyOf[id]);
        _ended(at);
    }

    function exitBySignature(uint256 nodeIndex) external useTime {
        (bool found, uint256 at, uint64 id) = _pickRegistered(nodeIndex);
        if (!found || _keepsRunning(nodeIndex)) return;
        if (block.timestamp < lens.node(id).registeredAt + 2 hours) return;
        bytes memory sig = _networkSign(EXIT, id);
        staking.exitBySignature(id, _keyOf[id], uint64(block.timestamp), "", sig);
        _ended(at);
    }

    function liquidate(uint256 nodeIndex, uint256 liquidatorIndex) external useTime {
        (bool found, uint256 at, uint64 id) = _pickRegistered(nodeIndex);
        if (!found || _keepsRunning(nodeIndex)) return;
        if (block.timestamp < lens.node(id).registeredAt + 2 hours) return;
        bytes memory sig = _networkSign(LIQUIDATION, id);
        address liq = _actor(liquidatorIndex);
        uint256 liqBefore = token.balanceOf(liq);
        (uint256 l, uint256 p, uint256 r) = lens.liquidationRatios();
        uint256 total = l + p + r;
        uint256 toLiquidator = REQUIREMENT * l / total;
        uint256 toPool = REQUIREMENT * p / total;
        if (toPool * total != REQUIREMENT * p) ++toPool;
        vm.prank(liq);
        staking.liquidate(id, _keyOf[id], uint64(block.timestamp), "", sig);
        uint256 paid = token.balanceOf(liq) - liqBefore;
        if (paid != toLiquidator) ++ghostPayoutMismatches;
        returnedOf[id] = REQUIREMENT - toLiquidator - toPool;
        if (lens.node(id).returnedStake != returnedOf[id]) ++ghostPayoutMismatches;
        ghostPoolPenalty += toPool;
        ghostLiquidatorPaid += paid;
        _ended(at);
    }

    /// @dev `which`: 0 signed exit, 1 unsigned exit, 2 liquidation, each with the key of another
    /// node (or a key never registered); all must revert with NotKeyOfNode and change nothing.
    function wrongKey(uint256 nodeIndex, uint256 otherIndex, uint256 which) external useTime {
        (bool found,, uint64 id) = _pickRegistered(nodeIndex);
        if (!found) return;
        uint64 other = nodeIds[otherIndex % nodeIds.length];
        bytes memory key = other == id ? BLSTestSigner.publicKey(BLSTestSigner.secretKey(7)) : _keyOf[other];
        bool ok;
        bytes memory err;
        which %= 3;
        if (which == 0) {
            if (block.timestamp < lens.node(id).registeredAt + 2 hours) return;
            bytes memory sig = _networkSign(EXIT, id);
            try staking.exitBySignature(id, key, uint64(block.timestamp), "", sig) {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        } else if (which == 1) {
            uint64 requested = lens.node(id).exitRequestedAt;
            if (requested == 0 || block.timestamp < requested + 30 days) return;
            try staking.finalizeExit(id, key) {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        } else {
            if (block.timestamp < lens.node(id).registeredAt + 2 hours) return;
            bytes memory sig = _networkSign(LIQUIDATION, id);
            try staking.liquidate(id, key, uint64(block.timestamp), "", sig) {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        }
        if (ok) {
            ++ghostWrongKeysAccepted;
        } else if (
            keccak256(err) != keccak256(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, id))
        ) {
            ++ghostWrongKeyErrors;
        }
    }

    function toggleCommission(uint256 nodeIndex) external useTime {
        (bool found,, uint64 id) = _pickRegistered(nodeIndex);
        if (!found) return;
        // Network decisions wait until the node is 2 h old.
        if (block.timestamp < lens.node(id).registeredAt + 2 hours) return;
        if (_status(id) == IStakingRegistry.NodeStatus.Active) {
            bytes memory sig = _networkSign(DECOMMISSION, id);
            try staking.decommission(id, uint64(block.timestamp), "", sig) {
                frozen[id] = true;
                frozenEarned[id] = lens.node(id).earned;
            } catch {}
        } else {
            bytes memory sig = _networkSign(RECOMMISSION, id);
            try staking.recommission(id, uint64(block.timestamp), "", sig) {
                frozen[id] = false;
            } catch {}
        }
    }

    function distribute() external useTime {
        staking.distributeRewards();
    }

    /// @dev Someone else pulls the pool: the payout reaches the registry outside its own call.
    function thirdPartyRelease() external useTime {
        pool.release();
    }

    /// @dev SESH sent straight to the registry: shared at the next distribution like a payout.
    function donate(uint256 amount) external useTime {
        amount = bound(amount, 1, 1_000e9);
        vm.prank(treasury);
        token.transfer(address(staking), amount);
        ghostDonated += amount;
    }

    function warp(uint256 dt) external {
        currentTime += bound(dt, 1, 31 days);
        vm.warp(currentTime);
    }
}
