// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusRegistry} from "../../../src/consensus/ConsensusRegistry.sol";
import {IConsensusRegistry} from "../../../src/interfaces/IConsensusRegistry.sol";
import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IOwnedUpgradeable} from "../../../src/interfaces/IOwnedUpgradeable.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {StakingRegistryBase} from "../StakingRegistry/StakingRegistryBase.t.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

/// @notice Initialisation, the one-shot link to the staking registry, ownership, and the
/// ERC-7201 namespace of the consensus registry's own field.
contract ConsensusRegistryUnitTest_initialize is StakingRegistryBase {
    bytes32 internal constant BASE = 0x938417ed850a50c189d6b1747682f779a70f41ba72c7d69f4786e68875412600;

    ConsensusRegistry internal unlinked;

    function setUp() public override {
        super.setUp();
        unlinked = ConsensusRegistry(
            address(
                new SessionProxy(
                    address(consensusImpl), abi.encodeCall(ConsensusRegistry.initialize, (governance))
                )
            )
        );
    }

    function test_Defaults() public view {
        assertEq(consensus.owner(), governance);
        assertEq(consensus.VERSION(), 1);
        assertEq(consensus.stakingRegistry(), address(staking));
        assertEq(consensus.nonSignerCap(), 4000);
        assertEq(consensus.signatureExpiry(), 1 hours);
        assertEq(consensus.maxFutureSkew(), 5 minutes);
        assertEq(consensus.activeBLSKeyCount(), 0);
        assertEq(consensus.aggregatePublicKey(), new bytes(128));
        assertEq(unlinked.stakingRegistry(), address(0));
    }

    function test_InitializeEmitsDefaults() public {
        vm.expectEmit();
        emit INetworkConsensus.NonSignerCapUpdated(0, 4000);
        vm.expectEmit();
        emit INetworkConsensus.SignatureExpiryUpdated(0, 1 hours);
        vm.expectEmit();
        emit INetworkConsensus.MaxFutureSkewUpdated(0, 5 minutes);
        new SessionProxy(address(consensusImpl), abi.encodeCall(ConsensusRegistry.initialize, (governance)));
    }

    function test_RevertWhen_InitializedTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        consensus.initialize(alice);
    }

    function test_RevertWhen_ImplementationInitialized() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        consensusImpl.initialize(alice);
    }

    function test_RevertWhen_OwnerZero() public {
        vm.expectRevert(IConsensusRegistry.ZeroAddress.selector);
        new SessionProxy(address(consensusImpl), abi.encodeCall(ConsensusRegistry.initialize, (address(0))));
    }

    function test_RevertWhen_Renounce() public {
        vm.expectRevert(IOwnedUpgradeable.RenounceDisabled.selector);
        vm.prank(governance);
        consensus.renounceOwnership();
    }

    // ---------------------------------------------------------------- setStakingRegistry

    function test_SetStakingRegistryOnce() public {
        vm.expectEmit(address(unlinked));
        emit IConsensusRegistry.StakingRegistrySet(alice);
        vm.prank(governance);
        unlinked.setStakingRegistry(alice);
        assertEq(unlinked.stakingRegistry(), alice);

        vm.expectRevert(abi.encodeWithSelector(IConsensusRegistry.StakingRegistryAlreadySet.selector, alice));
        vm.prank(governance);
        unlinked.setStakingRegistry(bob);
        assertEq(unlinked.stakingRegistry(), alice);
    }

    function test_RevertWhen_StakingRegistryAlreadySetByDeployment() public {
        vm.expectRevert(
            abi.encodeWithSelector(IConsensusRegistry.StakingRegistryAlreadySet.selector, address(staking))
        );
        vm.prank(governance);
        consensus.setStakingRegistry(alice);
    }

    function test_RevertWhen_StakingRegistryZero() public {
        vm.expectRevert(IConsensusRegistry.ZeroAddress.selector);
        vm.prank(governance);
        unlinked.setStakingRegistry(address(0));
    }

    function test_RevertWhen_SetStakingRegistryNotOwner() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", alice));
        vm.prank(alice);
        unlinked.setStakingRegistry(alice);
    }

    // ---------------------------------------------------------------- storage layout

    function test_NamespaceIsErc7201() public pure {
        bytes32 expected = keccak256(abi.encode(uint256(keccak256("session.storage.ConsensusRegistry")) - 1))
            & ~bytes32(uint256(0xff));
        assertEq(expected, BASE);
    }

    function test_StakingRegistrySlot() public view {
        assertEq(address(uint160(uint256(vm.load(address(consensus), BASE)))), address(staking));
    }
}
