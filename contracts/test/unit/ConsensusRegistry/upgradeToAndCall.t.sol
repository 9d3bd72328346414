// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusRegistry} from "../../../src/consensus/ConsensusRegistry.sol";
import {StakingRegistryBase} from "../StakingRegistry/StakingRegistryBase.t.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";

/// @notice An upgrade of the consensus registry keeps every key, the aggregate, the parameters and
/// the link to the staking registry; signed actions keep working. Only the owner upgrades.
contract ConsensusRegistryUnitTest_upgradeToAndCall is StakingRegistryBase {
    function test_UpgradeKeepsKeys() public {
        uint64 a = _registerSolo(alice);
        uint64 b = _registerSolo(bob);
        uint64 c = _registerSolo(carol);
        vm.prank(governance);
        consensus.setNonSignerCap(7);
        bytes memory aggregate = consensus.aggregatePublicKey();

        ConsensusRegistry v2 = new ConsensusRegistry();
        vm.prank(governance);
        consensus.upgradeToAndCall(address(v2), "");
        assertEq(
            address(uint160(uint256(vm.load(address(consensus), ERC1967Utils.IMPLEMENTATION_SLOT)))),
            address(v2)
        );

        assertEq(consensus.aggregatePublicKey(), aggregate);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        assertEq(consensus.activeBLSKeyCount(), 3);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[a]), a);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[b]), b);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[c]), c);
        assertEq(consensus.nonSignerCap(), 7);
        assertEq(consensus.signatureExpiry(), 1 hours);
        assertEq(consensus.stakingRegistry(), address(staking));
        assertEq(consensus.owner(), governance);

        // the staking registry still adds, verifies and removes through the new implementation
        skip(2 hours);
        _exitBySignature(b);
        assertEq(consensus.activeBLSKeyCount(), 2);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        uint64 d = _registerSolo(bob);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[d]), d);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[b]), 0);
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
    }

    function test_RevertWhen_UpgradeByNonOwner() public {
        ConsensusRegistry v2 = new ConsensusRegistry();
        vm.expectRevert(abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        consensus.upgradeToAndCall(address(v2), "");
        vm.expectRevert(
            abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, address(staking))
        );
        vm.prank(address(staking));
        consensus.upgradeToAndCall(address(v2), "");
    }
}
