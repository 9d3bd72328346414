// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

/// @notice L-3 and L-5: the keys a contribution contract may hold (at creation and `updateKeys`):
/// never all zero, never a registered node's; and the lens's `finalizeCheck`, which tells
/// frontends whether the contract could register now, and why not.
contract ContributionContractUnitTests_keys is ContributionBase {
    uint64 internal holder;
    bytes internal holderKey;
    bytes32 internal holderEd;

    function setUp() public override {
        super.setUp();
        holder = _registerSolo(alice);
        holderKey = keyOf[holder];
        holderEd = _ed25519(seedCounter);
    }

    function _createWithKeys(bytes memory k, bytes32 e, bytes memory p) internal returns (address) {
        vm.prank(operator);
        return factory.create(k, e, p, 0, false, _noReservations());
    }

    function _check(ContributionContract c)
        internal
        view
        returns (IContributionContract.FinalizeBlocker reason)
    {
        bool ready;
        (ready, reason) = lens.finalizeCheck(IContributionContract(address(c)));
        assertEq(ready, reason == IContributionContract.FinalizeBlocker.None, "ready iff no reason");
    }

    // ------------------------------------------------------------------ L-3: zero keys

    function test_RevertWhen_CreatedWithZeroBLSKey() public {
        vm.expectRevert(IContributionContract.ZeroBLSKey.selector);
        _createWithKeys(new bytes(128), edKey, pop);
    }

    function test_RevertWhen_CreatedWithZeroEd25519Key() public {
        vm.expectRevert(IContributionContract.ZeroEd25519Key.selector);
        _createWithKeys(blsKey, bytes32(0), pop);
    }

    function test_RevertWhen_UpdateKeysToZero() public {
        vm.expectRevert(IContributionContract.ZeroBLSKey.selector);
        vm.prank(operator);
        cc.updateKeys(new bytes(128), edKey, pop);
        vm.expectRevert(IContributionContract.ZeroEd25519Key.selector);
        vm.prank(operator);
        cc.updateKeys(blsKey, bytes32(0), pop);
        (bytes memory k, bytes32 e,) = cc.keys();
        assertEq(k, blsKey, "keys unchanged");
        assertEq(e, edKey);
    }

    // ------------------------------------------------------------------ L-5: keys in use

    function test_RevertWhen_CreatedWithARegisteredEd25519Key() public {
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.Ed25519KeyInUse.selector, holderEd, holder)
        );
        _createWithKeys(blsKey, holderEd, pop);
    }

    function test_RevertWhen_CreatedWithARegisteredBLSKey() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.BLSKeyInUse.selector, holder));
        _createWithKeys(holderKey, edKey, pop);
    }

    function test_RevertWhen_UpdateKeysToRegisteredOnes() public {
        vm.expectRevert(
            abi.encodeWithSelector(IContributionContract.Ed25519KeyInUse.selector, holderEd, holder)
        );
        vm.prank(operator);
        cc.updateKeys(blsKey, holderEd, pop);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.BLSKeyInUse.selector, holder));
        vm.prank(operator);
        cc.updateKeys(holderKey, edKey, pop);
    }

    /// @dev A key freed by an exit may be used again.
    function test_KeysOfAnExitedNodeMayBeReused() public {
        skip(2 hours);
        _exitBySignature(holder);
        (uint64 id, bool registered) = lens.nodeIdOfEd25519(holderEd);
        assertEq(id, holder, "the lookup still names the last node");
        assertFalse(registered, "which no longer holds the key");
        address c = _createWithKeys(
            holderKey, holderEd, _pop(BLSTestSigner.secretKey(seedCounter), operator, holderEd)
        );
        (bytes memory k, bytes32 e,) = IContributionContract(c).keys();
        assertEq(k, holderKey);
        assertEq(e, holderEd);
    }

    function test_NodeIdOfEd25519() public view {
        (uint64 id, bool registered) = lens.nodeIdOfEd25519(holderEd);
        assertEq(id, holder);
        assertTrue(registered);
        (id, registered) = lens.nodeIdOfEd25519(edKey);
        assertEq(id, 0, "never registered");
        assertFalse(registered);
    }

    // ------------------------------------------------------------------ L-5: finalizeCheck

    function test_FinalizeCheckWhenReadyMatchesFinalize() public {
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.NotFilled), "empty");
        _deposit(cc, operator, QUARTER);
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.NotFilled), "open");
        _deposit(cc, bob, REQUIREMENT - QUARTER);
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.None), "filled");
        vm.prank(operator);
        uint64 id = cc.finalize();
        assertGt(id, 0, "and it does finalize");
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.NotFilled), "finalized");
    }

    function test_FinalizeCheckNamesABadProof() public {
        (bytes memory k, bytes32 e,) = _keysFor(operator, 7_002);
        // a proof by another key: well formed, wrong
        vm.prank(operator);
        cc.updateKeys(k, e, pop);
        _fill(cc, 2);
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.ProofOfPossessionInvalid));
        vm.prank(operator);
        vm.expectRevert();
        cc.finalize();
    }

    function test_FinalizeCheckNamesAKeyTakenAfterCreation() public {
        _fill(cc, 2);
        // someone registers a node with the contract's Ed25519 key (L-1's squatting is another
        // issue): the contract now cannot register, and says so.
        uint256 sk = BLSTestSigner.secretKey(9_999);
        bytes memory k = BLSTestSigner.publicKey(sk);
        bytes memory p = _pop(sk, carol, edKey);
        _fund(carol, REQUIREMENT);
        vm.prank(carol);
        token.approve(address(staking), REQUIREMENT);
        vm.prank(carol);
        uint64 squatter = staking.registerNode(k, edKey, p, 0, _solo(carol));
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.Ed25519KeyInUse));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.Ed25519KeyAlreadyRegistered.selector, edKey, squatter)
        );
        vm.prank(operator);
        cc.finalize();
    }

    function test_FinalizeCheckNamesTheRegistry() public {
        _fill(cc, 2);
        vm.prank(governance);
        staking.pause();
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.RegistryPaused));
        vm.prank(governance);
        staking.unpause();
        vm.prank(governance);
        staking.setContributionFactory(address(0));
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.FactoryNotAccepted));
        vm.prank(governance);
        staking.setContributionFactory(address(factory));
        vm.prank(governance);
        staking.setStakingRequirement(REQUIREMENT + 1);
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.RequirementDrifted));
        vm.prank(governance);
        staking.setStakingRequirement(REQUIREMENT);
        assertEq(uint8(_check(cc)), uint8(IContributionContract.FinalizeBlocker.None));
    }
}
