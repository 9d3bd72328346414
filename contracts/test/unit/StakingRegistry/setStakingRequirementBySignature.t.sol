// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice The network lowers the staking requirement (seeds: "with the consensus of the Session
/// Network ... reduce the staking requirement"): its own tag, the consensus registry's expiry,
/// newer than the requirement's last change (no replay), lowering only; registered nodes keep
/// their deposit.
contract StakingRegistryUnitTest_setStakingRequirementBySignature is StakingRegistryBase {
    bytes32 internal constant REQUIREMENT_TAG = keccak256("session.staking.v1.stakingRequirement");
    uint256 internal constant LOWER = 20_000 * SESH;
    uint64 internal a;

    function setUp() public override {
        super.setUp();
        a = _registerSolo(alice);
        _registerSolo(bob);
        skip(1);
    }

    function _signRequirement(uint256 requirement, uint64 timestamp) internal view returns (bytes memory) {
        return _networkSign(REQUIREMENT_TAG, uint64(requirement), timestamp, new uint64[](0));
    }

    function test_TagIsTheConsensusRegistrys() public view {
        assertEq(consensus.STAKING_REQUIREMENT_TAG(), REQUIREMENT_TAG);
    }

    function test_NetworkLowersTheRequirement() public {
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _signRequirement(LOWER, ts);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakingRequirementUpdated(REQUIREMENT, LOWER);
        vm.prank(carol); // anyone may submit it
        staking.setStakingRequirementBySignature(LOWER, ts, "", sig);
        assertEq(staking.stakingRequirement(), LOWER);
        assertEq(lens.nodeRecord(a).deposit, REQUIREMENT, "registered nodes keep their deposit");
        // the next registration pays the new requirement
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](1);
        c[0] = IStakingRegistry.Contributor(carol, address(0), LOWER);
        uint64 id = _register(carol, c, 0);
        assertEq(lens.nodeRecord(id).deposit, LOWER);
    }

    function test_RevertWhen_NotLower() public {
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _signRequirement(REQUIREMENT, ts);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.InvalidStakingRequirement.selector, REQUIREMENT)
        );
        staking.setStakingRequirementBySignature(REQUIREMENT, ts, "", sig);
        sig = _signRequirement(0, ts);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.InvalidStakingRequirement.selector, 0));
        staking.setStakingRequirementBySignature(0, ts, "", sig);
        assertEq(staking.stakingRequirement(), REQUIREMENT);
    }

    /// @dev Applied once; after governance raised the requirement again the same, still fresh,
    /// signature cannot lower it a second time.
    function test_RevertWhen_Replayed() public {
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _signRequirement(LOWER, ts);
        staking.setStakingRequirementBySignature(LOWER, ts, "", sig);
        skip(1);
        vm.prank(governance);
        staking.setStakingRequirement(REQUIREMENT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.StaleNetworkDecision.selector, 0, ts, uint64(block.timestamp)
            )
        );
        staking.setStakingRequirementBySignature(LOWER, ts, "", sig);
        assertEq(staking.stakingRequirement(), REQUIREMENT);
    }

    /// @dev A decision signed before governance's latest change of the requirement is stale.
    function test_RevertWhen_OlderThanGovernancesChange() public {
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _signRequirement(LOWER, ts);
        skip(10);
        vm.prank(governance);
        staking.setStakingRequirement(30_000 * SESH);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.StaleNetworkDecision.selector, 0, ts, uint64(block.timestamp)
            )
        );
        staking.setStakingRequirementBySignature(LOWER, ts, "", sig);
    }

    function test_RevertWhen_SignedForAnotherAction() public {
        uint64 ts = uint64(block.timestamp);
        // an exit of "node" 20,000 SESH is other bytes
        bytes memory sig = _networkSign(EXIT, uint64(LOWER), ts, new uint64[](0));
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector,
                _actionMessage(REQUIREMENT_TAG, uint64(LOWER), ts)
            )
        );
        staking.setStakingRequirementBySignature(LOWER, ts, "", sig);
    }

    function test_RevertWhen_Expired() public {
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _signRequirement(LOWER, ts);
        skip(1 hours + 1);
        vm.expectRevert();
        staking.setStakingRequirementBySignature(LOWER, ts, "", sig);
        assertEq(staking.stakingRequirement(), REQUIREMENT);
    }
}
