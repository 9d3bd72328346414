// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../src/interfaces/IContributionContract.sol";
import {IStakingLens} from "../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {ContributionBase} from "../unit/ContributionContract/ContributionBase.t.sol";
import {ContributionHandler} from "./handlers/ContributionHandler.sol";

/// @notice Contribution contract solvency and status under random sequences of calls. The
/// invariants are stated in plain words in `README.md` next to this file.
contract ContributionInvariantTest is ContributionBase {
    ContributionHandler internal handler;

    function setUp() public override {
        super.setUp();
        IContributionContract.Reservation[] memory r = new IContributionContract.Reservation[](1);
        r[0] = IContributionContract.Reservation(carol, 2_000 * SESH);
        cc = _createWith(100, false, r);
        address[] memory actors = new address[](8);
        actors[0] = alice;
        actors[1] = bob;
        actors[2] = carol;
        for (uint256 i = 3; i < 8; ++i) {
            actors[i] = _contributor(i);
        }
        handler = new ContributionHandler(token, cc, lens, actors);
        _fund(address(handler), 10_000_000 * SESH);
        // Every run starts open (the operator's minimum deposit), so none spends its calls waiting.
        handler.contribute(0, 1);
        targetContract(address(handler));
    }

    function _owed() internal view returns (uint256 owed) {
        owed = cc.refundable(cc.operator());
        for (uint256 i; i < handler.actorCount(); ++i) {
            owed += cc.refundable(handler.actors(i));
        }
    }

    /// @dev Token balance covers every contribution (until finalized) and every refund owed.
    function invariant_BalanceCoversContributions() public view {
        uint256 owed = _owed();
        if (cc.status() != IContributionContract.Status.Finalized) owed += cc.contributed();
        assertGe(token.balanceOf(address(cc)), owed);
    }

    /// @dev Money in equals money held, out or registered.
    function invariant_FundsConserved() public view {
        uint256 registered = cc.status() == IContributionContract.Status.Finalized ? REQUIREMENT : 0;
        assertEq(
            handler.ghostDeposited() + handler.ghostStray(),
            token.balanceOf(address(cc)) + handler.ghostWithdrawn() + handler.ghostRefundsClaimed()
                + handler.ghostRescued() + registered
        );
    }

    /// @dev The status is a pure function of the funds.
    function invariant_StatusIsFunctionOfFunds() public view {
        IContributionContract.Status s = cc.status();
        if (s == IContributionContract.Status.Finalized) {
            assertGt(cc.nodeId(), 0);
            return;
        }
        IContributionContract.ContributorView[] memory list = cc.contributors();
        uint256 sum;
        for (uint256 i; i < list.length; ++i) {
            sum += list[i].amount;
        }
        assertEq(sum, cc.contributed());
        assertLe(sum, cc.requirement());
        if (list.length == 0) {
            assertEq(uint8(s), uint8(IContributionContract.Status.WaitingForOperator));
        } else {
            assertEq(list[0].staker, cc.operator());
            assertEq(
                uint8(s),
                uint8(
                    sum == cc.requirement()
                        ? IContributionContract.Status.Filled
                        : IContributionContract.Status.Open
                )
            );
        }
        // Every slot is a contributor, an unfilled reservation or open, exactly.
        if (s != IContributionContract.Status.Cancelled) {
            IContributionContract.Reservation[] memory r = cc.reservations();
            uint256 unfilled;
            for (uint256 i; i < r.length; ++i) {
                if (cc.contributionOf(r[i].staker) == 0) ++unfilled;
            }
            assertEq(list.length + unfilled + cc.openSlots(), cc.maxContributors(), "slots");
        }
    }

    /// @dev The handler kept up: every contribution the contract holds is one the handler
    /// recorded depositing (a deposit path it lost track of would leave its ghosts stale), and the
    /// run began open.
    function afterInvariant() public view {
        assertGe(handler.ghostDeposited(), cc.contributed(), "deposits recorded");
        assertGe(handler.ghostDeposited(), QUARTER, "the operator's opening deposit");
    }

    /// @dev The linked list and the per-staker entries agree: each listed staker once, with its
    /// amount, and every actor off the list holds nothing.
    function invariant_ListMatchesEntries() public view {
        IContributionContract.ContributorView[] memory list = cc.contributors();
        for (uint256 i; i < list.length; ++i) {
            assertGt(list[i].amount, 0);
            assertEq(cc.contributionOf(list[i].staker), list[i].amount);
            for (uint256 j; j < i; ++j) {
                assertTrue(list[j].staker != list[i].staker);
            }
        }
        for (uint256 k; k < handler.actorCount(); ++k) {
            address a = handler.actors(k);
            bool listed;
            for (uint256 i; i < list.length; ++i) {
                listed = listed || list[i].staker == a;
            }
            if (!listed) assertEq(cc.contributionOf(a), 0);
        }
    }

    /// @dev Every reset credits each contributor exactly what it had, once.
    function invariant_ResetRefundsExactly() public view {
        assertEq(cc.refundable(cc.operator()), handler.ghostOwed(cc.operator()));
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertEq(cc.refundable(a), handler.ghostOwed(a));
        }
    }

    /// @dev Once registered, the registry's view of the node is the contract's: the same
    /// contributors, stakes and beneficiaries, the stakes summing to the deposit, and the rewards
    /// paid never above what the node earned.
    function invariant_RegistryReadsTheContributors() public view {
        uint64 id = cc.nodeId();
        if (id == 0) return;
        IStakingLens.NodeInfo memory info = lens.node(id);
        (address[] memory stakers, uint256[] memory amounts) = cc.stakes();
        assertEq(info.contributors.length, stakers.length, "count");
        assertEq(info.ed25519Key, edKey, "key");
        uint256 sum;
        uint256 paid;
        for (uint256 i; i < stakers.length; ++i) {
            assertEq(info.contributors[i].staker, stakers[i], "staker");
            assertEq(info.contributors[i].stake, amounts[i], "stake");
            assertEq(info.contributors[i].beneficiary, cc.beneficiaryOf(stakers[i]), "beneficiary");
            sum += amounts[i];
            paid += info.contributors[i].rewardsPaid;
        }
        assertEq(sum, info.deposit, "stakes sum to the deposit");
        assertEq(paid, handler.ghostRewardsClaimed(), "paid as the handler saw");
        assertLe(paid, info.earned, "never more than earned");
    }
}
