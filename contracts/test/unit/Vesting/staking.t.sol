// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {IStakingVesting} from "../../../src/interfaces/IStakingVesting.sol";
import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {ReentrantToken} from "../../mocks/ReentrantToken.sol";
import {Terms} from "../../utils/Terms.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {VestingTestBase} from "./VestingBase.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice Staking from a vesting: solo nodes, contribution contracts, exits, liquidations, rewards,
/// revoke with stakes away, and the attacks (fake contracts, stakes to oneself, re-entrancy).
contract StakingVestingTest is VestingTestBase {
    IStakingVesting internal v;

    function setUp() public override {
        super.setUp();
        v = _staking(grantor);
    }

    /// @dev The sum every vesting must keep: released + revoker paid + held + staked + lost.
    function _assertConserved() internal view {
        assertEq(
            v.released() + v.revokerPaid() + token.balanceOf(address(v)) + v.stakedOut() + v.lost(),
            ALLOCATION,
            "released + revokerPaid + held + stakedOut + lost = allocation"
        );
    }

    // ------------------------------------------------------------------ solo nodes

    function test_RegisterNodeThroughVesting() public {
        vm.expectEmit(address(v));
        emit IStakingVesting.Staked(address(staking), 1, REQUIREMENT);
        uint64 nodeId = _registerThrough(v);
        assertEq(nodeId, 1);
        assertEq(token.balanceOf(address(v)), ALLOCATION - REQUIREMENT);
        assertEq(v.stakedOut(), REQUIREMENT);
        assertEq(v.soloStake(nodeId), REQUIREMENT);
        assertEq(token.allowance(address(v), address(staking)), 0, "no allowance left");
        IStakingRegistry.Position memory p = lens.position(nodeId, address(v));
        assertEq(p.staker, address(v), "the vesting is the staker");
        assertEq(p.beneficiary, address(v), "rewards pass through the vesting (claimRewards forwards)");
        assertEq(lens.nodeRecord(nodeId).operator, address(v), "and the operator");
        _assertConserved();
    }

    function test_RewardsGoToTheBeneficiaryStakeComesBack() public {
        uint64 nodeId = _registerThrough(v);
        skip(1 days);
        staking.distributeRewards();
        uint256 claimable = lens.claimableRewards(nodeId, address(v));
        assertGt(claimable, 0);
        vm.prank(makeAddr("anyone"));
        assertEq(v.claimRewards(nodeId), claimable);
        assertEq(token.balanceOf(beneficiary), claimable, "rewards are not locked");
        assertEq(token.balanceOf(address(v)), ALLOCATION - REQUIREMENT, "and never enter the vesting");

        vm.prank(beneficiary);
        v.requestExit(nodeId);
        skip(30 days);
        v.finalizeExit(nodeId, keyOf[nodeId]);
        skOf[nodeId] = 0;
        vm.expectEmit(address(v));
        emit IStakingVesting.StakeReturned(address(staking), nodeId, REQUIREMENT, 0);
        assertEq(v.withdrawStake(nodeId), REQUIREMENT);
        assertEq(token.balanceOf(address(v)), ALLOCATION, "the whole stake came home");
        assertEq(v.stakedOut(), 0);
        assertEq(v.soloStake(nodeId), 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingVesting.NoSoloStake.selector, nodeId));
        v.withdrawStake(nodeId);
        _assertConserved();
    }

    function test_StakeNeverGoesToTheBeneficiary() public {
        uint64 nodeId = _registerThrough(v);
        vm.prank(beneficiary);
        v.requestExit(nodeId);
        skip(30 days);
        staking.finalizeExit(nodeId, keyOf[nodeId]);
        // The beneficiary is not the staker: the registry refuses to pay it the stake.
        vm.prank(beneficiary);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, nodeId, beneficiary));
        staking.withdrawStake(nodeId);
        // Anyone may bring it home, and home is the only place it goes.
        vm.prank(beneficiary);
        v.withdrawStake(nodeId);
        assertEq(token.balanceOf(address(v)), ALLOCATION);
        assertEq(token.balanceOf(beneficiary), 0);
    }

    function test_LiquidationLossFallsOnTheBeneficiaryFirst() public {
        uint64 nodeId = _registerThrough(v);
        _liquidate(nodeId);
        uint256 back = v.withdrawStake(nodeId);
        uint256 loss = REQUIREMENT - back;
        assertGt(loss, 0);
        assertEq(v.lost(), loss);
        _assertConserved();
        // At the cliff (no cliff share): nothing vested, nothing releasable.
        vm.warp(T0 + 365 days);
        assertEq(v.releasable(), 0);
        // At the end the beneficiary gets the allocation less the loss; nothing is stuck.
        vm.warp(T0 + 4 * 365 days);
        assertEq(v.releasable(), ALLOCATION - loss);
        v.release();
        assertEq(token.balanceOf(address(v)), 0);
        _assertConserved();
    }

    function test_RevokeWithStakeAwayPaysTheRevokerAsItComesHome() public {
        uint64 nodeId = _registerThrough(v);
        // Stake 3 more nodes: 100,000 SESH all away.
        _registerThrough(v);
        _registerThrough(v);
        _registerThrough(v);
        assertEq(token.balanceOf(address(v)), 0);
        vm.warp(T0 + 365 days + 3 * 365 days / 2); // half the allocation vested
        uint256 vested = ALLOCATION / 2;
        vm.prank(grantor);
        assertEq(v.revoke(), 0, "nothing held to pay now");
        // Deposits stop; the revoker takes over the controls of what is staked.
        vm.prank(beneficiary);
        vm.expectRevert(IStakingVesting.StakingClosedByRevoke.selector);
        v.registerNode("", bytes32(0), "");
        vm.prank(grantor);
        v.requestExit(nodeId);
        skip(30 days);
        v.finalizeExit(nodeId, keyOf[nodeId]);
        v.withdrawStake(nodeId);
        // The revoker is paid first from what came home.
        assertEq(v.revokerClaimable(), REQUIREMENT);
        assertEq(v.releasable(), 0);
        v.claimRevoked();
        assertEq(token.balanceOf(grantor), REQUIREMENT);
        // The beneficiary unwinds too, for its vested part.
        for (uint64 id = 2; id <= 4; ++id) {
            vm.prank(beneficiary);
            v.requestExit(id);
        }
        skip(30 days);
        for (uint64 id = 2; id <= 4; ++id) {
            v.finalizeExit(id, keyOf[id]);
            v.withdrawStake(id);
        }
        assertEq(v.revokerClaimable(), ALLOCATION - vested - REQUIREMENT);
        v.claimRevoked();
        assertEq(token.balanceOf(grantor), ALLOCATION - vested, "exactly the unvested part");
        assertEq(v.releasable(), vested);
        v.release();
        assertEq(token.balanceOf(beneficiary), vested, "exactly the vested part");
        _assertConserved();
    }

    // ------------------------------------------------------------------ contribution contracts

    function test_ContributeToAFactoryContract() public {
        ContributionContract c = _operatedBy(operator, 9_001);
        _deposit(c, operator, QUARTER);
        uint32 version = Terms.versionOf(address(c));
        vm.expectEmit(address(v));
        emit IStakingVesting.Staked(address(c), 0, 5_000 * SESH);
        vm.prank(beneficiary);
        v.contribute(address(c), 5_000 * SESH, version);
        assertEq(c.contributionOf(address(v)), 5_000 * SESH);
        assertEq(v.contractStake(address(c)), 5_000 * SESH);
        assertEq(v.stakedOut(), 5_000 * SESH);
        assertEq(token.allowance(address(v), address(c)), 0, "no allowance left");
        skip(1 days);
        vm.prank(beneficiary);
        assertEq(v.withdrawContribution(address(c)), 5_000 * SESH);
        assertEq(token.balanceOf(address(v)), ALLOCATION);
        assertEq(v.contractStake(address(c)), 0);
        _assertConserved();
    }

    function test_RevertWhen_ContributingToANonFactoryContract() public {
        // A look-alike at another address: same code, not deployed by the factory.
        ContributionContract fake = new ContributionContract(address(token), staking, address(factory));
        vm.prank(beneficiary);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVesting.UnknownContributionContract.selector, address(fake))
        );
        v.contribute(address(fake), 1, 0);
        vm.prank(beneficiary);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVesting.UnknownContributionContract.selector, beneficiary)
        );
        v.contribute(beneficiary, 1, 0);
        assertEq(token.balanceOf(address(v)), ALLOCATION);
    }

    function test_CreateContributionOperatedByTheVesting() public {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(address(v), 9_100);
        vm.prank(beneficiary);
        address created = v.createContribution(k, e, p, 500, false, _noReservations(), QUARTER);
        ContributionContract c = ContributionContract(created);
        assertTrue(factory.owns(created));
        assertEq(c.operator(), address(v), "the vesting operates it");
        assertEq(c.contributionOf(address(v)), QUARTER);
        // Others fill it; the vesting finalizes (its proof of possession binds the vesting).
        _deposit(c, alice, REQUIREMENT - QUARTER);
        vm.prank(beneficiary);
        uint64 nodeId = v.finalizeContribution(created);
        assertEq(c.nodeId(), nodeId);
        // Rewards of a contribution position come to the vesting and go straight on.
        skip(1 days);
        staking.distributeRewards();
        uint256 claimable = lens.claimableRewards(nodeId, address(v));
        assertGt(claimable, 0);
        vm.expectEmit(address(v));
        emit IStakingVesting.RewardsForwarded(beneficiary, claimable);
        v.claimRewards(nodeId);
        assertEq(token.balanceOf(beneficiary), claimable);
        // The beneficiary points the position at itself: the registry pays it directly from now.
        uint64[] memory ids = new uint64[](1);
        ids[0] = nodeId;
        vm.prank(beneficiary);
        v.setRewardBeneficiary(ids);
        assertEq(lens.position(nodeId, address(v)).beneficiary, beneficiary);
        // Exit, then the stake comes home through the contract's node.
        vm.prank(beneficiary);
        v.requestExit(nodeId);
        skip(30 days);
        v.finalizeExit(nodeId, k);
        vm.expectEmit(address(v));
        emit IStakingVesting.StakeReturned(created, nodeId, QUARTER, 0);
        assertEq(v.withdrawContractStake(created), QUARTER);
        assertEq(token.balanceOf(address(v)), ALLOCATION);
        assertEq(v.contractStake(created), 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingVesting.NoContractStake.selector, created));
        v.withdrawContractStake(created);
        _assertConserved();
    }

    function test_ContractNodeLiquidationIsALoss() public {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(address(v), 9_200);
        vm.prank(beneficiary);
        address created = v.createContribution(k, e, p, 0, true, _noReservations(), QUARTER);
        vm.expectRevert(abi.encodeWithSelector(IStakingVesting.ContributionNotFinalized.selector, created));
        v.withdrawContractStake(created);
        _deposit(ContributionContract(created), alice, REQUIREMENT - QUARTER); // auto-finalizes
        uint64 nodeId = ContributionContract(created).nodeId();
        assertGt(nodeId, 0);
        skOf[nodeId] = BLSTestSigner.secretKey(9_200);
        keyOf[nodeId] = k;
        _liquidate(nodeId);
        uint256 back = v.withdrawContractStake(created);
        assertLt(back, QUARTER);
        assertEq(v.lost(), QUARTER - back);
        _assertConserved();
    }

    function test_CancelAndRefund() public {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(address(v), 9_300);
        vm.prank(beneficiary);
        address created = v.createContribution(k, e, p, 0, false, _noReservations(), QUARTER);
        vm.prank(grantor);
        vm.expectRevert(abi.encodeWithSelector(IStakingVesting.CallerNotStakeManager.selector, grantor));
        v.cancelContribution(created);
        vm.prank(beneficiary);
        v.cancelContribution(created);
        vm.prank(makeAddr("anyone"));
        assertEq(v.claimRefund(created), QUARTER);
        assertEq(token.balanceOf(address(v)), ALLOCATION);
        _assertConserved();
        vm.expectRevert(abi.encodeWithSelector(IStakingVesting.NoContractStake.selector, created));
        v.claimRefund(created);
    }

    // ------------------------------------------------------------------ access and attacks

    function test_RevertWhen_NotBeneficiaryDeposits() public {
        vm.startPrank(grantor);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, grantor, beneficiary));
        v.registerNode("", bytes32(0), "");
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, grantor, beneficiary));
        v.contribute(address(cc), 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, grantor, beneficiary));
        v.createContribution("", bytes32(0), "", 0, false, _noReservations(), 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingVesting.CallerNotStakeManager.selector, grantor));
        v.requestExit(1);
        vm.expectRevert(abi.encodeWithSelector(IVesting.CallerNotBeneficiary.selector, grantor, beneficiary));
        v.setRewardBeneficiary(new uint64[](0));
        vm.stopPrank();
    }

    function test_RegistryIsFixedByTheFactory() public view {
        // No function takes a registry or a recipient: a beneficiary cannot point the vesting at a
        // fake registry, and every stake is paid back to its staker, the vesting.
        assertEq(address(v.REGISTRY()), address(vestingFactory.REGISTRY()));
        assertEq(address(v.REGISTRY()), address(staking));
    }

    function test_RevertWhen_ReentrancyThroughAMaliciousToken() public {
        ReentrantToken evil = new ReentrantToken();
        evil.mint(address(v), 1);
        vm.warp(T0 + 2 * 365 days);
        evil.arm(address(v), abi.encodeCall(IVesting.release, ()));
        vm.prank(beneficiary);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        v.rescue(IERC20(address(evil)));
        assertEq(token.balanceOf(beneficiary), 0, "nothing released through the re-entry");
    }

    function test_TransferredBeneficiaryGetsTheRewards() public {
        uint64 nodeId = _registerThrough(v);
        skip(1 days);
        staking.distributeRewards();
        uint256 due = lens.claimableRewards(nodeId, address(v));
        v.claimRewards(nodeId);
        assertEq(token.balanceOf(beneficiary), due);
        address heir = makeAddr("heir");
        vm.prank(beneficiary);
        v.transferBeneficiary(heir);
        vm.prank(heir);
        v.acceptBeneficiary();
        // Nothing to re-point: the next claim pays the new beneficiary.
        skip(1 days);
        staking.distributeRewards();
        due = lens.claimableRewards(nodeId, address(v));
        vm.expectEmit(address(v));
        emit IStakingVesting.RewardsForwarded(heir, due);
        v.claimRewards(nodeId);
        assertEq(token.balanceOf(heir), due);
        // The heir names itself in the registry: what was claimable is forwarded, then the registry
        // pays it directly.
        skip(1 days);
        staking.distributeRewards();
        uint256 pending = lens.claimableRewards(nodeId, address(v));
        uint64[] memory ids = new uint64[](1);
        ids[0] = nodeId;
        vm.prank(heir);
        v.setRewardBeneficiary(ids);
        assertEq(token.balanceOf(heir), due + pending);
        assertEq(lens.position(nodeId, address(v)).beneficiary, heir);
        skip(1 days);
        staking.distributeRewards();
        uint256 direct = lens.claimableRewards(nodeId, address(v));
        vm.prank(heir);
        staking.claimRewards(nodeId, address(v));
        assertEq(token.balanceOf(heir), due + pending + direct, "paid by the registry directly");
        assertEq(token.balanceOf(address(v)), ALLOCATION - REQUIREMENT, "rewards never stay in the vesting");
    }

    function _operatedBy(address op, uint256 seed) internal returns (ContributionContract c) {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(op, seed);
        vm.prank(op);
        c = ContributionContract(factory.create(k, e, p, 0, false, _noReservations()));
    }
}
