// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {StakingRegistryBase} from "../StakingRegistry/StakingRegistryBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// @notice The consensus parameters, set by the owner of the consensus registry (old and new value
/// in the event), and their effect on the staking registry's signed actions.
contract ConsensusRegistryUnitTest_parameters is StakingRegistryBase {
    function test_SetSignatureExpiry() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.SignatureExpiryUpdated(1 hours, 30 minutes);
        vm.prank(governance);
        consensus.setSignatureExpiry(30 minutes);
        assertEq(consensus.signatureExpiry(), 30 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.SignatureExpiryOutOfRange.selector, 2 hours, 2 hours)
        );
        vm.prank(governance);
        consensus.setSignatureExpiry(2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.SignatureExpiryOutOfRange.selector, 0, 2 hours)
        );
        vm.prank(governance);
        consensus.setSignatureExpiry(0);
    }

    function test_SetNonSignerCap() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.NonSignerCapUpdated(4000, 10);
        vm.prank(governance);
        consensus.setNonSignerCap(10);
        assertEq(consensus.nonSignerCap(), 10);
    }

    function test_SetMaxFutureSkew() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.MaxFutureSkewUpdated(5 minutes, 10 minutes);
        vm.prank(governance);
        consensus.setMaxFutureSkew(10 minutes);
        assertEq(consensus.maxFutureSkew(), 10 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(INetworkConsensus.MaxFutureSkewOutOfRange.selector, 16 minutes, 15 minutes)
        );
        vm.prank(governance);
        consensus.setMaxFutureSkew(16 minutes);
    }

    function test_RevertWhen_SettersNotOwner() public {
        address[2] memory callers = [alice, address(staking)];
        for (uint256 i; i < callers.length; ++i) {
            bytes memory err =
                abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, callers[i]);
            vm.startPrank(callers[i]);
            vm.expectRevert(err);
            consensus.setSignatureExpiry(1);
            vm.expectRevert(err);
            consensus.setNonSignerCap(1);
            vm.expectRevert(err);
            consensus.setMaxFutureSkew(1);
            vm.stopPrank();
        }
        assertEq(consensus.signatureExpiry(), 1 hours);
        assertEq(consensus.nonSignerCap(), 4000);
        assertEq(consensus.maxFutureSkew(), 5 minutes);
    }

    /// @dev A shorter window set on the consensus registry rejects, through the staking registry,
    /// a signature the default window accepted.
    function test_ExpiryAppliesToStakingRegistry() public {
        uint64 a = _registerSolo(alice);
        skip(3 hours);
        uint64 signedAt = uint64(block.timestamp);
        bytes memory sig = _networkSign(EXIT, a, signedAt, new uint64[](0));
        skip(20 minutes);
        vm.prank(governance);
        consensus.setSignatureExpiry(10 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.SignatureExpired.selector, signedAt, block.timestamp - 10 minutes
            )
        );
        staking.exitBySignature(a, keyOf[a], signedAt, "", sig);
        vm.prank(governance);
        consensus.setSignatureExpiry(1 hours);
        staking.exitBySignature(a, keyOf[a], signedAt, "", sig);
        assertEq(consensus.activeBLSKeyCount(), 0);
    }

    /// @dev A cap of 0 demands every active key's signature, through the staking registry.
    function test_NonSignerCapAppliesToStakingRegistry() public {
        uint64 a = _registerSolo(alice);
        _registerSolo(bob);
        _registerSolo(carol);
        skip(2 hours);
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = 3;
        bytes memory sig = _networkSign(LIQUIDATION, a, uint64(block.timestamp), nonSigners);
        vm.prank(governance);
        consensus.setNonSignerCap(0);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.TooManyNonSigners.selector, 1, 0));
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), _keysOf(nonSigners), sig);
        vm.prank(governance);
        consensus.setNonSignerCap(1);
        staking.liquidate(a, keyOf[a], uint64(block.timestamp), _keysOf(nonSigners), sig);
        assertEq(consensus.activeBLSKeyCount(), 2);
    }
}
