// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingVesting} from "../../../src/interfaces/IStakingVesting.sol";
import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {IVestingFactory} from "../../../src/interfaces/IVestingFactory.sol";
import {VestingTestBase} from "./VestingBase.t.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

contract VestingFactoryTest is VestingTestBase {
    function test_CreatePullsTheAllocationAndEmitsEveryParameter() public {
        IVesting.Schedule memory s = _schedule(2000);
        bytes32 salt = keccak256("salt");
        _fund(grantor, ALLOCATION);
        vm.prank(grantor);
        token.approve(address(vestingFactory), ALLOCATION);
        address predicted = vestingFactory.predictAddress(
            IVestingFactory.Kind.Plain, governance, ALLOCATION, s, grantor, salt
        );
        vm.expectEmit(address(vestingFactory));
        emit IVestingFactory.VestingCreated(
            predicted,
            IVestingFactory.Kind.Plain,
            beneficiary,
            governance,
            ALLOCATION,
            s.start,
            s.cliff,
            s.end,
            2000,
            grantor,
            salt
        );
        vm.prank(grantor);
        address v =
            vestingFactory.create(IVestingFactory.Kind.Plain, beneficiary, governance, ALLOCATION, s, salt);
        assertEq(v, predicted, "deterministic address");
        assertEq(token.balanceOf(v), ALLOCATION, "funded");
        assertEq(token.balanceOf(grantor), 0);
        assertEq(token.allowance(grantor, address(vestingFactory)), 0);
        assertTrue(vestingFactory.owns(v));
        assertEq(vestingFactory.created(), 1);
        assertEq(IVesting(v).beneficiary(), beneficiary);
        assertEq(IVesting(v).revoker(), governance);
        assertEq(IVesting(v).FACTORY(), address(vestingFactory));
        assertEq(address(IVesting(v).TOKEN()), address(token));
    }

    function test_StakingKindUsesTheFactorysRegistry() public {
        IStakingVesting v = _staking(grantor);
        assertTrue(vestingFactory.owns(address(v)));
        assertEq(address(v.REGISTRY()), address(staking), "registry fixed by the factory");
        assertEq(address(v.CONTRIBUTION_FACTORY()), address(factory));
        assertEq(vestingFactory.STAKING_IMPLEMENTATION().code.length > 0, true);
    }

    function test_OwnsRefusesOtherAccounts() public {
        assertFalse(vestingFactory.owns(address(0)));
        assertFalse(vestingFactory.owns(beneficiary));
        assertFalse(vestingFactory.owns(vestingFactory.PLAIN_IMPLEMENTATION()));
        assertFalse(vestingFactory.owns(address(cc)), "a contribution contract");
    }

    function test_RevertWhen_SameSaltTwice() public {
        address v = _create(IVestingFactory.Kind.Plain, grantor, ALLOCATION, _schedule(0));
        _fund(grantor, ALLOCATION);
        vm.startPrank(grantor);
        token.approve(address(vestingFactory), ALLOCATION);
        vm.expectRevert(abi.encodeWithSelector(IVestingFactory.VestingExists.selector, v));
        vestingFactory.create(
            IVestingFactory.Kind.Plain,
            beneficiary,
            grantor,
            ALLOCATION,
            _schedule(0),
            keccak256(abi.encode(_schedule(0), ALLOCATION, grantor))
        );
        vm.stopPrank();
    }

    function test_RevertWhen_BadInput() public {
        IVesting.Schedule memory s = _schedule(0);
        vm.startPrank(grantor);
        vm.expectRevert(IVesting.ZeroAddress.selector);
        vestingFactory.create(IVestingFactory.Kind.Plain, address(0), grantor, 1, s, 0);
        vm.expectRevert(IVesting.ZeroAmount.selector);
        vestingFactory.create(IVestingFactory.Kind.Plain, beneficiary, grantor, 0, s, 0);
        uint256 tooLarge = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IVesting.AllocationTooLarge.selector, tooLarge));
        vestingFactory.create(IVestingFactory.Kind.Plain, beneficiary, grantor, tooLarge, s, 0);
        s.cliffShareBps = 10_001;
        vm.expectRevert(
            abi.encodeWithSelector(IVesting.InvalidSchedule.selector, s.start, s.cliff, s.end, 10_001)
        );
        vestingFactory.create(IVestingFactory.Kind.Plain, beneficiary, grantor, 1, s, 0);
        vm.stopPrank();
    }

    function test_RevertWhen_NotFunded() public {
        vm.prank(grantor);
        vm.expectRevert(); // ERC20InsufficientAllowance from the token
        vestingFactory.create(IVestingFactory.Kind.Plain, beneficiary, grantor, 1, _schedule(0), 0);
        assertEq(vestingFactory.created(), 0);
    }

    function test_PauseStopsCreationOnly() public {
        IVesting v = _plain(grantor, 0);
        vm.prank(beneficiary);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, beneficiary));
        vestingFactory.pause();
        vm.prank(governance);
        vestingFactory.pause();
        vm.prank(grantor);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vestingFactory.create(IVestingFactory.Kind.Plain, beneficiary, grantor, 1, _schedule(0), 0);
        vm.warp(T0 + 4 * 365 days);
        assertEq(v.release(), ALLOCATION, "existing vestings unaffected");
        vm.prank(governance);
        vestingFactory.unpause();
        _plain(address(0), 5);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0)));
        vestingFactory.renounceOwnership();
    }

    function test_RevertWhen_InitializedAgainOrByOthers() public {
        IVesting v = _plain(grantor, 0);
        vm.prank(address(vestingFactory));
        vm.expectRevert(IVesting.AlreadyInitialized.selector);
        v.initialize(grantor);
        vm.prank(grantor);
        vm.expectRevert(abi.encodeWithSelector(IVesting.NotVestingFactory.selector, grantor));
        v.initialize(grantor);
        // The implementation itself can never be initialized.
        IVesting impl = IVesting(vestingFactory.PLAIN_IMPLEMENTATION());
        vm.prank(address(vestingFactory));
        vm.expectRevert(abi.encodeWithSelector(IVesting.NotVestingFactory.selector, address(vestingFactory)));
        impl.initialize(grantor);
    }
}
