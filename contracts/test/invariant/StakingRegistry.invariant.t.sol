// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "../unit/StakingRegistry/StakingRegistryBase.t.sol";
import {BLSTestSigner} from "../unit/consensus/BLSTestSigner.sol";
import {StakingRegistryHandler} from "./handlers/StakingRegistryHandler.sol";

/// @notice Staking registry solvency and consensus bookkeeping under random sequences of calls.
/// The invariants are stated in plain words in `README.md` next to this file.
contract StakingRegistryInvariantTest is StakingRegistryBase {
    StakingRegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](4);
        (actors[0], actors[1], actors[2], actors[3]) = (alice, bob, carol, liquidator);
        handler = new StakingRegistryHandler(token, pool, staking, treasury, actors);
        targetContract(address(handler));
    }

    /// @dev Everything the registry owes, stakes of registered nodes included.
    function _liabilities() internal view returns (uint256 owed) {
        for (uint256 i; i < handler.nodeCount(); ++i) {
            owed += staking.node(handler.nodeIds(i)).deposit;
        }
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            owed += staking.withdrawableStake(a) + staking.pendingRewards(a);
        }
    }

    function invariant_BalanceCoversStakesAndRewards() public {
        vm.warp(handler.currentTime());
        // pendingRewards already counts what the pool would release now and the carried remainder
        assertGe(token.balanceOf(address(staking)) + pool.pendingRelease(), _liabilities());
    }

    function invariant_PaidNeverExceedsReleased() public view {
        uint256 released = POOL_GENESIS + handler.ghostPoolDeposits() - token.balanceOf(address(pool));
        assertLe(handler.ghostClaimed(), released);
    }

    function invariant_StakesInEqualStakesHeldPlusOut() public view {
        // every deposit is either held for a registered node, withdrawable, withdrawn, or paid as
        // a liquidation penalty: the registry's balance minus its reward holdings never goes below.
        uint256 held;
        for (uint256 i; i < handler.nodeCount(); ++i) {
            held += staking.node(handler.nodeIds(i)).deposit;
        }
        uint256 withdrawable;
        for (uint256 i; i < handler.actorCount(); ++i) {
            withdrawable += staking.withdrawableStake(handler.actors(i));
        }
        assertEq(
            handler.ghostDeposited(),
            held + withdrawable + handler.ghostWithdrawn() + handler.ghostPoolDeposits()
                + handler.ghostLiquidatorPaid()
        );
    }

    function invariant_NetworkSizeAndAggregate() public view {
        uint256 active;
        uint256 aggregateSk;
        for (uint256 i; i < handler.nodeCount(); ++i) {
            uint64 id = handler.nodeIds(i);
            if (staking.node(id).status == IStakingRegistry.NodeStatus.Active) ++active;
            aggregateSk = addmod(aggregateSk, handler.skOf(id), BLSTestSigner.R);
        }
        assertEq(staking.networkSize(), active, "N == active nodes");
        assertEq(consensus.activeBLSKeyCount(), handler.nodeCount(), "keys == registered nodes");
        assertEq(
            consensus.aggregatePublicKey(),
            aggregateSk == 0 ? new bytes(128) : BLSTestSigner.publicKey(aggregateSk),
            "aggregate == sum of registered keys"
        );
    }
}
