// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "../unit/StakingRegistry/StakingRegistryBase.t.sol";
import {BLSTestSigner} from "../unit/consensus/BLSTestSigner.sol";
import {StakingRegistryHandler} from "./handlers/StakingRegistryHandler.sol";

/// @notice Staking registry solvency, exact reward accounting and consensus bookkeeping under
/// random sequences of calls. The invariants are stated in plain words in `README.md` next to this
/// file.
contract StakingRegistryInvariantTest is StakingRegistryBase {
    StakingRegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](6);
        (actors[0], actors[1], actors[2], actors[3], actors[4], actors[5]) =
        (alice, bob, carol, liquidator, makeAddr("dave"), makeAddr("erin"));
        handler = new StakingRegistryHandler(token, pool, staking, treasury, governance, actors);
        // Every run starts before `start()` with a seeded node (a migration), so no run spends its
        // calls on an empty network; the handler seeds more and starts the registry when it likes.
        handler.seedNode(0, 1, 0, 0, 0, 3 hours);
        // The accounting under test, not the brake (outflowLimit.t.sol): with one node earning for
        // weeks of warps a single claim can exceed 1M SESH, which the brake would refuse.
        vm.prank(governance);
        staking.setOutflowLimit(0, 0);
        targetContract(address(handler));
    }

    /// @dev Seeding first: `setUp` leaves the registry unstarted (the handler starts it).
    function _startsInSetUp() internal pure override returns (bool) {
        return false;
    }

    /// @dev The handler kept up: every registration the registry made is one the handler recorded
    /// (a registration it lost track of would leave its ghosts, and so the invariants, stale).
    function afterInvariant() public view {
        assertGt(handler.seeded(), 0, "the run began with a seeded node");
        assertEq(lens.lastNodeId(), handler.nodeCount(), "registrations recorded");
        assertGe(handler.ghostDeposited(), handler.nodeCount() * REQUIREMENT, "deposits recorded");
    }

    // ------------------------------------------------------------------ ghost sums

    function _ended(IStakingRegistry.NodeStatus s) internal pure returns (bool) {
        return s == IStakingRegistry.NodeStatus.Exited || s == IStakingRegistry.NodeStatus.Liquidated;
    }

    /// @dev Stakes still held for their contributors: whole deposits of registered nodes, the
    /// unwithdrawn positions of ended ones (their stake after an exit, their part of the returned
    /// stake after a liquidation), from the reference formulas.
    function _unwithdrawnStakes() internal view returns (uint256 sum) {
        for (uint256 k; k < handler.nodeCount(); ++k) {
            uint64 id = handler.nodeIds(k);
            if (!_ended(lens.node(id).status)) {
                sum += REQUIREMENT;
                continue;
            }
            for (uint256 i; i < handler.positionCount(id); ++i) {
                if (!handler.withdrawnOf(id, i)) sum += handler.stakeDue(id, i);
            }
        }
    }

    /// @dev Sum over nodes of E, and of each position's reference entitlement minus what it was
    /// paid.
    function _rewardSums() internal view returns (uint256 earned, uint256 unclaimed, uint256 paid) {
        for (uint256 k; k < handler.nodeCount(); ++k) {
            uint64 id = handler.nodeIds(k);
            IStakingLens.NodeInfo memory info = lens.node(id);
            earned += info.earned;
            for (uint256 i; i < handler.positionCount(id); ++i) {
                unclaimed += handler.entitlement(id, i, info.earned, _ended(info.status))
                - handler.paidOf(id, i);
                paid += handler.paidOf(id, i);
            }
        }
    }

    /// @dev Everything that reached the registry as rewards and stayed: the pool's payouts (its
    /// genesis plus liquidation penalties, less what it still holds, which includes what the
    /// registry returned while no node earned) and donations.
    function _released() internal view returns (uint256) {
        return
            POOL_GENESIS + handler.ghostPoolPenalty() + handler.ghostDonated()
                - token.balanceOf(address(pool));
    }

    /// @dev `accountedBalance`: slot 0 of the namespace, bits 192..255.
    function _accountedBalance() internal view returns (uint256) {
        return uint64(uint256(vm.load(address(staking), BASE_SLOT)) >> 192);
    }

    bytes32 internal constant BASE_SLOT = 0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;

    // ------------------------------------------------------------------ invariants

    function invariant_BalanceCoversStakesAndRewards() public view {
        (, uint256 unclaimed,) = _rewardSums();
        assertGe(
            token.balanceOf(address(staking)),
            _unwithdrawnStakes() + unclaimed + lens.undistributedRewards(),
            "solvency"
        );
    }

    /// @dev To the unit: what the registry has counted is the stakes it holds, plus everything the
    /// nodes earned and was not paid yet (entitlements and dust), plus the carried remainder.
    function invariant_AccountingIsExact() public view {
        (uint256 earned,, uint256 paid) = _rewardSums();
        assertEq(
            _accountedBalance(),
            _unwithdrawnStakes() + earned - paid + lens.undistributedRewards(),
            "accounted"
        );
        assertGe(token.balanceOf(address(staking)), _accountedBalance());
    }

    /// @dev Every unit that reached the registry was earned by a node, is carried, or arrived
    /// after the last distribution (and waits for the next).
    function invariant_EveryReleasedUnitIsEarnedOrWaiting() public view {
        (uint256 earned,,) = _rewardSums();
        uint256 waiting = token.balanceOf(address(staking)) - _accountedBalance();
        assertEq(earned + lens.undistributedRewards() + waiting, _released());
    }

    function invariant_PaidNeverExceedsReleased() public view {
        (,, uint256 paid) = _rewardSums();
        assertEq(paid, handler.ghostClaimed());
        assertLe(handler.ghostClaimed(), _released());
    }

    /// @dev Each position: the registry's `rewardsPaid` is what the handler saw paid, and what it
    /// offers is exactly entitlement - paid (so never paid twice). Each node: its entitlements
    /// sum to at most E (less than one unit per contributor below it while it runs), to E exactly
    /// once it ended. Decommissioned and ended nodes' E never moves.
    function invariant_PositionsFollowTheFormula() public view {
        for (uint256 k; k < handler.nodeCount(); ++k) {
            uint64 id = handler.nodeIds(k);
            IStakingLens.NodeInfo memory info = lens.node(id);
            bool ended = _ended(info.status);
            uint256 count = handler.positionCount(id);
            assertEq(info.contributors.length, count);
            uint256 sum;
            for (uint256 i; i < count; ++i) {
                uint256 entitled = handler.entitlement(id, i, info.earned, ended);
                IStakingRegistry.Position memory p = info.contributors[i];
                assertEq(p.rewardsPaid, handler.paidOf(id, i), "rewardsPaid");
                assertLe(p.rewardsPaid, entitled, "paid <= entitlement");
                assertEq(p.claimable, entitled - p.rewardsPaid, "claimable");
                assertEq(p.staker, handler.stakerOf(id, i));
                assertEq(p.stake, handler.stakeOf(id, i));
                assertEq(p.beneficiary, handler.beneficiaryOf(id, i));
                assertEq(p.stakeWithdrawn, handler.withdrawnOf(id, i));
                sum += entitled;
            }
            if (ended) assertEq(sum, info.earned, "an ended node's entitlements are its E");
            else assertLt(info.earned - sum, count, "dust below one unit per contributor");
            if (handler.frozen(id)) assertEq(info.earned, handler.frozenEarned(id), "frozen E");
        }
    }

    function invariant_StakesConserved() public view {
        uint256 held;
        uint256 waiting;
        for (uint256 k; k < handler.nodeCount(); ++k) {
            uint64 id = handler.nodeIds(k);
            if (!_ended(lens.node(id).status)) {
                held += REQUIREMENT;
                continue;
            }
            for (uint256 i; i < handler.positionCount(id); ++i) {
                if (!handler.withdrawnOf(id, i)) waiting += handler.stakeDue(id, i);
            }
        }
        assertEq(
            handler.ghostDeposited(),
            held + waiting + handler.ghostWithdrawn() + handler.ghostPoolPenalty()
                + handler.ghostLiquidatorPaid()
        );
    }

    function invariant_NoDeviationSeenInCalls() public view {
        assertEq(handler.ghostPayoutMismatches(), 0, "a payout differed from the reference");
        assertEq(handler.ghostWrongKeysAccepted(), 0, "a wrong BLS key ended a node");
        assertEq(handler.ghostWrongKeyErrors(), 0, "a wrong BLS key failed with another error");
    }

    function invariant_NetworkSizeAndAggregate() public view {
        uint256 active;
        uint256 aggregateSk;
        for (uint256 k; k < handler.registeredCount(); ++k) {
            uint64 id = handler.registeredIds(k);
            if (lens.node(id).status == IStakingRegistry.NodeStatus.Active) ++active;
            aggregateSk = addmod(aggregateSk, handler.skOf(id), BLSTestSigner.R);
        }
        assertEq(lens.networkSize(), active, "N == active nodes");
        assertEq(consensus.activeBLSKeyCount(), handler.registeredCount(), "keys == registered nodes");
        assertEq(
            consensus.aggregatePublicKey(),
            aggregateSk == 0 ? new bytes(128) : BLSTestSigner.publicKey(aggregateSk),
            "aggregate == sum of registered keys"
        );
    }
}
