// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice `liquidate` and `setLiquidationRatios`: the penalty split sums to the deposit exactly.
contract StakingRegistryUnitTest_liquidate is StakingRegistryBase {
    uint64 internal a;
    uint64 internal b;

    function setUp() public override {
        super.setUp();
        a = _register(alice, _pair(alice, QUARTER, bob), 0);
        b = _registerSolo(carol);
    }

    /// @dev Reference formula, written independently of the contract's.
    function _reference(uint256 deposit, uint256 l, uint256 p, uint256 r)
        internal
        pure
        returns (uint256 toLiquidator, uint256 toPool, uint256 back)
    {
        uint256 total = l + p + r;
        toLiquidator = deposit * l / total;
        toPool = deposit * p / total;
        if (toPool * total < deposit * p) toPool += 1;
        back = deposit - toLiquidator - toPool;
    }

    function test_DefaultSplit() public {
        (uint256 l, uint256 p, uint256 r) = _reference(REQUIREMENT, 3, 17, 9980);
        assertEq(l, 7_500_000_000);
        assertEq(p, 42_500_000_000);
        assertEq(r, 24_950 * SESH);
        uint256 poolBefore = token.balanceOf(address(pool));
        uint256 accruingBefore = pool.accruingBalance();
        skip(1 days);
        uint256 released = _poolRelease(1 days);
        // No distribution first: the node keeps what was distributed and forfeits the day's accrual.
        uint256 earned = lens.node(a).earned;
        uint256 otherBefore = lens.node(b).earned;
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeLiquidated(a, liquidator, l, p, r, earned);
        _liquidate(a);
        assertEq(token.balanceOf(liquidator), l);
        assertEq(token.balanceOf(address(pool)), poolBefore + p);
        // a plain transfer: the pool counts it from its next payout
        assertEq(pool.accruingBalance(), accruingBefore);
        // the remaining node gets the whole day at the next distribution
        uint256 carried = lens.undistributedRewards();
        staking.distributeRewards();
        assertEq(lens.node(b).earned - otherBefore, released + carried);
        assertEq(lens.undistributedRewards(), 0);
        assertEq(lens.node(a).earned, earned, "frozen");
        IStakingLens.NodeInfo memory info = lens.node(a);
        assertEq(uint8(info.status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        assertEq(info.returnedStake, r);
        assertEq(info.earned, earned);
        assertEq(lens.networkSize(), 1);
        assertEq(consensus.aggregatePublicKey(), keyOf[b]);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[a]), 0);

        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakeWithdrawn(a, bob, r * (REQUIREMENT - QUARTER) / REQUIREMENT);
        vm.prank(bob);
        uint256 toBob = staking.withdrawStake(a);
        vm.prank(alice);
        uint256 toAlice = staking.withdrawStake(a);
        assertEq(toBob, r * (REQUIREMENT - QUARTER) / REQUIREMENT);
        assertEq(toAlice + toBob, r);
        // rewards up to the liquidation stay with the contributors, to the unit
        assertEq(_claimAll(a), earned);
    }

    function test_RevertWhen_KeyIsNotTheNodes() public {
        skip(2 hours);
        bytes memory sig = _sign(LIQUIDATION, a);
        bytes memory aggregate = consensus.aggregatePublicKey();
        uint256 balance = token.balanceOf(address(staking));
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, a));
        vm.prank(liquidator);
        staking.liquidate(a, keyOf[b], uint64(block.timestamp), "", sig);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, a));
        vm.prank(liquidator);
        staking.liquidate(a, new bytes(128), uint64(block.timestamp), "", sig);
        assertEq(uint8(lens.node(a).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(lens.node(a).returnedStake, 0);
        assertEq(token.balanceOf(liquidator), 0);
        assertEq(token.balanceOf(address(staking)), balance);
        assertEq(lens.networkSize(), 2);
        assertEq(consensus.aggregatePublicKey(), aggregate);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[b]), b);
    }

    function test_DecommissionedNodeIsLiquidated() public {
        _decommission(a);
        _liquidate(a);
        assertEq(uint8(lens.node(a).status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        assertEq(lens.networkSize(), 1, "N already excluded it");
        assertEq(consensus.activeBLSKeyCount(), 1);
    }

    function test_LiquidationWithOneNonSigner() public {
        _registerSolo(treasury); // 3 nodes: one non-signer allowed
        skip(2 hours);
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = b;
        bytes memory sig = _networkSign(LIQUIDATION, a, uint64(block.timestamp), nonSigners);
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), _keysOf(nonSigners), sig);
        skOf[a] = 0;
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
    }

    function test_RevertWhen_SignatureFromFuture() public {
        skip(2 hours);
        uint64 ts = uint64(block.timestamp + 5 minutes + 1);
        bytes memory sig = _networkSign(LIQUIDATION, a, ts, new uint64[](0));
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.SignatureFromFuture.selector, ts, block.timestamp + 5 minutes
            )
        );
        staking.liquidate(a, keyOf[a], ts, "", sig);
    }

    function test_RevertWhen_TooManyNonSigners() public {
        skip(2 hours);
        // 2 nodes: min(2 / 3, cap) = 0 non-signers allowed
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = b;
        bytes memory keys = _keysOf(nonSigners);
        bytes memory sig = _networkSign(LIQUIDATION, a, uint64(block.timestamp), nonSigners);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.TooManyNonSigners.selector, 1, 0));
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), keys, sig);
    }

    function test_RevertWhen_SignatureForExitUsedToLiquidate() public {
        skip(2 hours);
        bytes memory sig = _sign(EXIT, a);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector,
                _actionMessage(LIQUIDATION, a, uint64(block.timestamp))
            )
        );
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), "", sig);
    }

    function test_DecommissionedNodeSignsAsNonSigner() public {
        uint64 c = _registerSolo(treasury);
        _decommission(c);
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = c;
        bytes memory sig = _networkSign(LIQUIDATION, a, uint64(block.timestamp), nonSigners);
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), _keysOf(nonSigners), sig);
        skOf[a] = 0;
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
    }

    /// @dev L-2: a node younger than 2 h cannot be liquidated (a signature could otherwise predate
    /// its registration); at 2 h it can.
    function test_RevertWhen_NodeYoungerThanTwoHours() public {
        uint64 c = _registerSolo(treasury);
        uint256 at = block.timestamp + 2 hours;
        skip(2 hours - 1);
        bytes memory sig = _sign(LIQUIDATION, c);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeTooYoung.selector, c, at));
        vm.prank(liquidator);
        staking.liquidate(c, keyOf[c], uint64(block.timestamp), "", sig);
        assertEq(uint8(lens.nodeRecord(c).status), uint8(IStakingRegistry.NodeStatus.Active));
    }

    function test_LiquidationAtTwoHours() public {
        uint64 c = _registerSolo(treasury);
        skip(2 hours);
        uint256 size = lens.networkSize();
        bytes memory sig = _sign(LIQUIDATION, c);
        vm.prank(liquidator);
        staking.liquidate(c, keyOf[c], uint64(block.timestamp), "", sig);
        skOf[c] = 0;
        assertEq(uint8(lens.nodeRecord(c).status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        assertEq(lens.networkSize(), size - 1);
        assertEq(token.balanceOf(liquidator), REQUIREMENT * 3 / 10_000, "liquidator's part");
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate(), "key out of the aggregate");
    }

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        staking.pause();
        bytes memory sig = _sign(LIQUIDATION, a);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_AlreadyLiquidated() public {
        skip(2 hours);
        bytes memory sig = _sign(LIQUIDATION, a);
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), "", sig);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, a));
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), "", sig);
    }

    function test_SetRatios() public {
        vm.expectEmit(address(staking));
        emit IStakingRegistry.LiquidationRatiosUpdated(3, 17, 9980, 1, 2, 9);
        vm.prank(governance);
        staking.setLiquidationRatios(1, 2, 9);
        (uint256 l, uint256 p, uint256 r) = lens.liquidationRatios();
        assertEq(l + p + r, 12);
    }

    function test_RevertWhen_RatiosPenaltyAboveQuarter() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidLiquidationRatios.selector, 1, 3, 11));
        vm.prank(governance);
        staking.setLiquidationRatios(1, 3, 11);
    }

    function test_RevertWhen_RatiosAllZero() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidLiquidationRatios.selector, 0, 0, 0));
        vm.prank(governance);
        staking.setLiquidationRatios(0, 0, 0);
    }

    function test_RevertWhen_RatiosNotOwner() public {
        vm.expectRevert();
        staking.setLiquidationRatios(1, 1, 6);
    }

    /// @dev Differential: random ratios (valid) and requirement; the three parts equal the
    /// reference formula, sum to the deposit, and the returned part is fully credited.
    function testFuzz_PartsSumToDeposit(uint32 l, uint32 p, uint32 r, uint256 requirement, uint256 opStake)
        public
    {
        r = uint32(bound(r, 1, type(uint32).max));
        l = uint32(bound(l, 0, r / 3));
        p = uint32(bound(p, 0, r / 3 - l));
        requirement = bound(requirement, 4, 1_000_000 * SESH);
        vm.startPrank(governance);
        staking.setLiquidationRatios(l, p, r);
        staking.setStakingRequirement(requirement);
        vm.stopPrank();
        opStake = bound(opStake, (requirement + 3) / 4, requirement - 1);
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](2);
        c[0] = IStakingRegistry.Contributor(treasury, address(0), opStake);
        c[1] = IStakingRegistry.Contributor(vesting, address(0), requirement - opStake);
        uint64 id = _register(treasury, c, 0);
        uint256 treasuryBefore = token.balanceOf(treasury);
        uint256 poolBefore = token.balanceOf(address(pool));

        (uint256 el, uint256 ep, uint256 er) = _reference(requirement, l, p, r);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeLiquidated(id, liquidator, el, ep, er, 0);
        _liquidate(id);
        assertEq(el + ep + er, requirement);
        assertEq(token.balanceOf(liquidator), el);
        assertEq(token.balanceOf(address(pool)), poolBefore + ep);
        assertEq(lens.node(id).returnedStake, er);
        vm.prank(vesting);
        uint256 toVesting = staking.withdrawStake(id);
        vm.prank(treasury);
        uint256 toTreasury = staking.withdrawStake(id);
        assertEq(toVesting, er * (requirement - opStake) / requirement);
        assertEq(toTreasury + toVesting, er);
        assertEq(token.balanceOf(treasury), treasuryBefore + toTreasury);
    }
}
