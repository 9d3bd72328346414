// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {Ed25519Disputes} from "../../src/staking/Ed25519Disputes.sol";
import {StakingRegistryBase} from "../unit/StakingRegistry/StakingRegistryBase.t.sol";
import {BLSTestSigner} from "../unit/consensus/BLSTestSigner.sol";
import {Ed25519TestSigner} from "../unit/consensus/Ed25519TestSigner.sol";

/// @notice Gas of the Ed25519 dispute path (the rare one: registrations never verify Ed25519),
/// written to `snapshots/Ed25519Disputes.json`: the verification of a 112-byte eviction message
/// alone, and a whole eviction (index read, verification, the registry's liquidation, reservation
/// and event). 10 solo nodes and a squatter registered in `setUp`, an hour of rewards pending;
/// execution gas of the call only.
contract Ed25519DisputesGasTest is StakingRegistryBase {
    Ed25519Disputes internal disputes;
    bytes32 internal victimEd;
    uint64 internal squatter;
    bytes internal squatterBls;
    address internal claimant;
    bytes internal message;
    bytes internal signature;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 10; ++i) {
            _registerSolo(address(uint160(0x7000 + i)));
        }
        disputes = new Ed25519Disputes(IStakingRegistry(address(staking)));
        vm.prank(governance);
        staking.setEd25519Disputes(address(disputes));

        bytes32 secret = keccak256("gas: the victim's Ed25519 secret");
        victimEd = Ed25519TestSigner.publicKey(secret);
        address mallory = makeAddr("mallory");
        uint256 sk = BLSTestSigner.secretKey(90_000);
        squatterBls = BLSTestSigner.publicKey(sk);
        bytes memory proof = _pop(sk, mallory, victimEd);
        _fund(mallory, REQUIREMENT);
        vm.prank(mallory);
        token.approve(address(staking), REQUIREMENT);
        vm.prank(mallory);
        squatter = staking.registerNode(squatterBls, victimEd, proof, 0, _solo(mallory));
        skip(1 days);
        staking.distributeRewards();
        skip(1 hours);

        claimant = makeAddr("claimant");
        message = disputes.evictionMessage(squatter, claimant);
        signature = Ed25519TestSigner.sign(secret, message);
    }

    function test_Gas_VerifyEd25519_112Bytes() public {
        bool valid = disputes.verifyEd25519(victimEd, message, signature);
        vm.snapshotGasLastCall("Ed25519Disputes", "verifyEd25519_112bytes");
        assertTrue(valid);
    }

    function test_Gas_EvictSquatter() public {
        disputes.evictSquatter(squatter, victimEd, claimant, squatterBls, signature);
        vm.snapshotGasLastCall("Ed25519Disputes", "evictSquatter");
    }
}
