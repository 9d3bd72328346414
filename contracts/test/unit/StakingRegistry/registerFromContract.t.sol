// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {ContributionFactory} from "../../../src/contribution/ContributionFactory.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @dev A factory that vouches for everybody: lets a test reach the registry's own checks of what
/// a contribution contract tells it, which a real clone never gets wrong.
contract VouchForAll {
    function owns(address) external pure returns (bool) {
        return true;
    }
}

/// @notice A node registered by a contribution contract: the registry copies no contributor, reads
/// each one from the contract when its position first changes, and pays exactly what a directly
/// registered node with the same stakes would (the reference formulas of {StakingRegistryBase}).
contract StakingRegistryUnitTest_registerFromContract is ContributionBase {
    uint256 internal constant KEY_SEED = 7_000;

    // ------------------------------------------------------------------ registration

    function test_RegistersWithoutCopyingContributors() public {
        cc = _create(500, false);
        _fill(cc, 4);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeRegisteredByContract(1, address(cc));
        uint64 id = _finalize(cc);

        bytes32 record = keccak256(abi.encode(uint256(id), uint256(BASE_SLOT) + 3));
        uint256 w0 = uint256(vm.load(address(staking), record));
        assertEq(address(uint160(w0)), operator, "operator");
        assertEq(uint8(w0 >> 224), 4, "contributorCount");
        assertEq(uint8(w0 >> 232), 1, "byContract");
        assertEq(
            vm.load(address(staking), bytes32(uint256(record) + 3)), bytes32(uint256(uint160(address(cc))))
        );
        for (uint256 i; i < 4; ++i) {
            assertEq(
                vm.load(address(staking), _positionSlot(id, _staker(id, i))), bytes32(0), "no position yet"
            );
        }
        IStakingLens.NodeInfo memory info = lens.node(id);
        assertEq(info.ed25519Key, edKey, "the key is read from the contract");
        assertEq(info.deposit, REQUIREMENT);
        assertEq(info.contributors.length, 4);
        for (uint256 i; i < 4; ++i) {
            assertEq(info.contributors[i].staker, _staker(id, i));
            assertEq(info.contributors[i].stake, stakesOf[id][i]);
        }
        IStakingLens.NodeRecordView memory r = lens.nodeRecord(id);
        assertEq(r.contributionContract, address(cc), "the record names the contract");
        assertEq(r.ed25519Key, bytes32(0), "whose keys() holds the key");
        assertEq(r.contributorCount, 4);
        (address[] memory stakers, uint256[] memory stakes) = lens.stakesOf(id);
        assertEq(stakers.length, 4);
        for (uint256 i; i < 4; ++i) {
            assertEq(stakers[i], _staker(id, i), "read from the contract, operator first");
            assertEq(stakes[i], stakesOf[id][i]);
        }
    }

    function test_RevertWhen_CallerIsNotAContributionContract() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributionContract.selector, operator));
        vm.prank(operator);
        staking.registerFromContract(blsKey, edKey, pop, 0, operator, 1);
    }

    function test_RevertWhen_FactoryUnset() public {
        _fill(cc, 2);
        vm.prank(governance);
        staking.setContributionFactory(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotContributionContract.selector, address(cc))
        );
        vm.prank(operator);
        cc.finalize();
        // the contributors can still leave: the contract keeps their money until it registers
        skip(1 days);
        vm.prank(_contributor(1));
        cc.withdraw();
    }

    /// @dev The registry still checks what even a vouched-for contract tells it.
    function test_RevertWhen_VouchedContractGivesBadTerms() public {
        address vouching = address(new VouchForAll());
        vm.prank(governance);
        staking.setContributionFactory(vouching);
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        staking.registerFromContract(blsKey, edKey, pop, 0, address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ContributorCountOutOfRange.selector, 0, 10));
        staking.registerFromContract(blsKey, edKey, pop, 0, operator, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ContributorCountOutOfRange.selector, 11, 10));
        staking.registerFromContract(blsKey, edKey, pop, 0, operator, 11);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.FeeTooHigh.selector, 10_001, 10_000));
        staking.registerFromContract(blsKey, edKey, pop, 10_001, operator, 1);
    }

    function test_RevertWhen_Ed25519KeyTaken() public {
        _fill(cc, 2);
        (bytes memory otherKey,, bytes memory otherPop) = _keysFor(alice, 7_001);
        otherPop = _pop(BLSTestSigner.secretKey(7_001), alice, edKey);
        IStakingRegistry.Contributor[] memory solo = new IStakingRegistry.Contributor[](1);
        solo[0] = IStakingRegistry.Contributor(alice, address(0), REQUIREMENT);
        _fund(alice, REQUIREMENT);
        vm.prank(alice);
        token.approve(address(staking), REQUIREMENT);
        vm.prank(alice);
        uint64 holder = staking.registerNode(otherKey, edKey, otherPop, 0, solo);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.Ed25519KeyAlreadyRegistered.selector, edKey, holder)
        );
        vm.prank(operator);
        cc.finalize();
    }

    function test_RevertWhen_RegistryPaused() public {
        _fill(cc, 2);
        vm.prank(governance);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(operator);
        cc.finalize();
        vm.prank(governance);
        staking.unpause();
        vm.prank(operator);
        assertEq(cc.finalize(), 1, "finalizes once unpaused");
    }

    function test_RevertWhen_ContractOfAnotherFactory() public {
        ContributionFactory other =
            new ContributionFactory(address(token), IStakingRegistry(address(staking)), governance);
        vm.prank(operator);
        ContributionContract foreign =
            ContributionContract(other.create(blsKey, edKey, pop, 0, false, _noReservations()));
        _fill(foreign, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotContributionContract.selector, address(foreign))
        );
        vm.prank(operator);
        foreign.finalize();
    }

    function test_SetContributionFactoryIsGovernance() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", operator));
        vm.prank(operator);
        staking.setContributionFactory(operator);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.ContributionFactoryUpdated(address(factory), carol);
        vm.prank(governance);
        staking.setContributionFactory(carol);
        assertEq(lens.contributionFactory(), carol);
    }

    /// @dev Replacing the factory never strands a registered node: its positions are read from its
    /// own contract, not through the factory.
    function test_RegisteredNodeOutlivesFactoryChange() public {
        _fill(cc, 3);
        uint64 id = _finalize(cc);
        vm.prank(governance);
        staking.setContributionFactory(address(0));
        skip(1 days);
        staking.distributeRewards();
        address staker = _staker(id, 2);
        uint256 due = _entitlement(id, 2, lens.node(id).earned, false);
        assertGt(due, 0);
        vm.prank(staker);
        assertEq(staking.claimRewards(id, staker), due);
    }

    // ------------------------------------------------------------------ rewards and stakes

    /// @dev 2..10 contributors, any fee, some beneficiaries chosen in the contract: every claim
    /// pays the reference entitlement to the right account, and once the node has exited every
    /// stake comes back; the registry ends holding nothing of this node.
    function testFuzz_PaysLikeADirectRegistration(uint8 n, uint16 fee, uint256 withBeneficiary) public {
        n = uint8(bound(n, 2, 10));
        fee = uint16(bound(fee, 0, 10_000));
        cc = _create(fee, false);
        for (uint256 i = 1; i < n; ++i) {
            if (withBeneficiary >> i & 1 == 1) {
                vm.prank(_contributor(i));
                cc.updateBeneficiary(_beneficiary(i));
            }
        }
        _fill(cc, n);
        uint64 id = _finalize(cc);

        skip(3 days);
        staking.distributeRewards();
        uint256 earned = lens.node(id).earned;
        for (uint256 i; i < n; ++i) {
            address staker = _staker(id, i);
            address receiver = i != 0 && withBeneficiary >> i & 1 == 1 ? _beneficiary(i) : staker;
            uint256 due = _entitlement(id, i, earned, false);
            assertEq(lens.claimableRewards(id, staker), due, "claimable");
            if (due == 0) continue;
            uint256 before = token.balanceOf(receiver);
            vm.prank(staker);
            assertEq(staking.claimRewards(id, staker), due);
            assertEq(token.balanceOf(receiver) - before, due, "paid to the beneficiary");
        }

        skip(2 hours);
        _exitBySignature(id);
        earned = lens.node(id).earned;
        uint256 paidOut;
        for (uint256 i; i < n; ++i) {
            address staker = _staker(id, i);
            paidOut += lens.node(id).contributors[i].rewardsPaid;
            uint256 rest = lens.claimableRewards(id, staker);
            assertEq(
                lens.node(id).contributors[i].rewardsPaid + rest,
                _entitlement(id, i, earned, true),
                "final share"
            );
            if (rest != 0) {
                vm.prank(staker);
                staking.claimRewards(id, staker);
                paidOut += rest;
            }
            uint256 before = token.balanceOf(staker);
            vm.prank(staker);
            assertEq(staking.withdrawStake(id), stakesOf[id][i], "stake back");
            assertEq(token.balanceOf(staker) - before, stakesOf[id][i]);
        }
        assertEq(paidOut, earned, "every unit earned is paid, the dust to the operator");
        assertEq(
            token.balanceOf(address(staking)), lens.undistributedRewards(), "nothing of the node is left"
        );
    }

    function test_LiquidationReturnsStakesProRata() public {
        cc = _create(0, false);
        _fill(cc, 4);
        uint64 id = _finalize(cc);
        skip(2 hours);
        _liquidate(id);
        uint256 returned = lens.node(id).returnedStake;
        uint256 sum;
        for (uint256 i = 3; i != 0; --i) {
            address staker = _staker(id, i);
            vm.prank(staker);
            uint256 back = staking.withdrawStake(id);
            assertEq(back, returned * stakesOf[id][i] / REQUIREMENT);
            sum += back;
        }
        vm.prank(operator);
        uint256 operatorBack = staking.withdrawStake(id);
        assertEq(operatorBack, returned - sum, "the operator takes the rounding dust");
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.StakeAlreadyWithdrawn.selector, id, operator));
        vm.prank(operator);
        staking.withdrawStake(id);
    }

    /// @dev The first change loads the position from the contract; later ones never call it.
    function test_PositionLoadedOnce() public {
        _fill(cc, 3);
        uint64 id = _finalize(cc);
        address staker = _contributor(1);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(staker);
        staking.claimRewards(id, staker);
        uint256 slot = uint256(vm.load(address(staking), _positionSlot(id, staker)));
        assertEq(uint64(slot), stakesOf[id][1], "stake loaded");
        assertEq(uint8(slot >> 128), 1, "loaded");
        skip(1 days);
        staking.distributeRewards();
        vm.expectCall(address(cc), abi.encodeCall(IContributionContract.contributorOf, (staker)), 0);
        vm.prank(staker);
        staking.claimRewards(id, staker);
    }

    /// @dev A beneficiary chosen in the contract holds until the staker picks another in the
    /// registry, which then wins for good.
    function test_BeneficiaryFromContractThenRegistry() public {
        vm.prank(_contributor(1));
        cc.updateBeneficiary(carol);
        _fill(cc, 2);
        uint64 id = _finalize(cc);
        address staker = _contributor(1);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.node(id).contributors[1].beneficiary, carol);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotBeneficiary.selector, id, staker, treasury)
        );
        vm.prank(treasury);
        staking.claimRewardsAmount(id, staker, 1);
        uint256 due = lens.claimableRewards(id, staker);
        uint256 before = token.balanceOf(carol);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.BeneficiaryUpdated(id, staker, carol, treasury);
        vm.prank(staker);
        staking.setBeneficiary(id, treasury);
        assertEq(token.balanceOf(carol) - before, due, "what was due went to the old beneficiary");
        skip(1 days);
        staking.distributeRewards();
        due = lens.claimableRewards(id, staker);
        before = token.balanceOf(treasury);
        vm.prank(treasury);
        staking.claimRewardsAmount(id, staker, due);
        assertEq(token.balanceOf(treasury) - before, due);
        assertEq(lens.node(id).contributors[1].beneficiary, treasury);
    }

    function test_SmallStakerLockReadsTheContract() public {
        _deposit(cc, operator, REQUIREMENT / 2);
        _deposit(cc, _contributor(1), REQUIREMENT / 2 - REQUIREMENT / 5);
        _deposit(cc, _contributor(2), REQUIREMENT / 5);
        uint64 id = _finalize(cc);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.SmallStakerLocked.selector, id, block.timestamp + 30 days)
        );
        vm.prank(_contributor(2));
        staking.requestExit(id);
        vm.prank(_contributor(1));
        staking.requestExit(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, carol));
        vm.prank(carol);
        staking.requestExit(id);
    }

    function test_RevertWhen_NotAContributorOfTheContract() public {
        _fill(cc, 2);
        uint64 id = _finalize(cc);
        skip(1 days);
        staking.distributeRewards();
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, carol));
        vm.prank(carol);
        staking.claimRewards(id, carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, address(0)));
        staking.claimRewards(id, address(0));
    }

    // ------------------------------------------------------------------ helpers

    bytes32 internal constant BASE_SLOT = 0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;

    /// @dev Finalizes `c` as its operator and records the node for the reference formulas and the
    /// network signatures.
    function _finalize(ContributionContract c) internal returns (uint64 id) {
        IContributionContract.ContributorView[] memory list = c.contributors();
        vm.prank(operator);
        id = c.finalize();
        IStakingRegistry.Contributor[] memory terms = new IStakingRegistry.Contributor[](list.length);
        for (uint256 i; i < list.length; ++i) {
            terms[i] = IStakingRegistry.Contributor(list[i].staker, list[i].beneficiary, list[i].amount);
        }
        _remember(id, terms, c.feeBps());
        skOf[id] = BLSTestSigner.secretKey(KEY_SEED);
        keyOf[id] = blsKey;
    }

    function _beneficiary(uint256 i) internal pure returns (address) {
        return address(uint160(0xBE0000 + i));
    }

    function _positionSlot(uint64 nodeId, address staker) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                uint256(uint160(staker)), keccak256(abi.encode(uint256(nodeId), uint256(BASE_SLOT) + 4))
            )
        );
    }
}
