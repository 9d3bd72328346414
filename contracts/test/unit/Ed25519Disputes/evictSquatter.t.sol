// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IEd25519Disputes} from "../../../src/interfaces/IEd25519Disputes.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {Ed25519Disputes} from "../../../src/staking/Ed25519Disputes.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {Ed25519TestSigner} from "../consensus/Ed25519TestSigner.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice Finding L-1 (Ed25519 key squatting), both sides: the attack as reported (a squatter
/// registers a fresh BLS key under the Ed25519 key a contribution contract published, and the
/// filled contract cannot finalize), the eviction by the key's holder, the contract finalizing;
/// then every way a dispute must fail: another node, chain, registry or claimant, another key's
/// signature, an honest node, a node no longer registered, the wrong caller, a pause.
contract Ed25519DisputesUnitTest_evictSquatter is ContributionBase {
    bytes32 internal constant EVICTION_TAG = keccak256("session.staking.v1.eviction");
    uint256 internal constant RESERVATION = 7 days;
    /// @dev Liquidation parts of a 25,000 SESH deposit at 3 : 17 : 9980.
    uint256 internal constant CLAIMANT_PART = 7_500_000_000;
    uint256 internal constant POOL_PART = 42_500_000_000;

    Ed25519Disputes internal disputes;
    address internal mallory;

    /// @dev The rightful node: a real Ed25519 key (its secret held by the victim), in a
    /// contribution contract of `operator`.
    bytes32 internal victimSecret;
    bytes32 internal victimEd;
    bytes internal victimBls;
    ContributionContract internal victim;

    function setUp() public override {
        super.setUp();
        mallory = makeAddr("mallory");
        disputes = new Ed25519Disputes(IStakingRegistry(address(staking)));
        vm.expectEmit(address(staking));
        emit IStakingRegistry.Ed25519DisputesUpdated(address(0), address(disputes));
        vm.prank(governance);
        staking.setEd25519Disputes(address(disputes));

        victimSecret = keccak256("the victim's Ed25519 secret");
        victimEd = Ed25519TestSigner.publicKey(victimSecret);
        uint256 sk = BLSTestSigner.secretKey(70_000);
        victimBls = BLSTestSigner.publicKey(sk);
        bytes memory proof = _pop(sk, operator, victimEd);
        vm.prank(operator);
        victim = ContributionContract(factory.create(victimBls, victimEd, proof, 0, false, _noReservations()));
    }

    // ------------------------------------------------------------------ helpers

    /// @dev The eviction message written out from docs/consensus.md.
    function _message(uint64 nodeId, address claimant) internal view returns (bytes memory) {
        return abi.encodePacked(EVICTION_TAG, block.chainid, address(staking), nodeId, claimant);
    }

    function _evictionSignature(bytes32 secret, uint64 nodeId, address claimant)
        internal
        view
        returns (bytes memory)
    {
        return Ed25519TestSigner.sign(secret, _message(nodeId, claimant));
    }

    /// @dev `who` registers a solo node with a fresh BLS key under `ed` (the squat of the finding).
    function _squat(address who, bytes32 ed, uint256 seed)
        internal
        returns (uint64 nodeId, bytes memory key)
    {
        uint256 sk = BLSTestSigner.secretKey(seed);
        key = BLSTestSigner.publicKey(sk);
        bytes memory proof = _pop(sk, who, ed);
        _fund(who, REQUIREMENT);
        vm.prank(who);
        token.approve(address(staking), REQUIREMENT);
        vm.prank(who);
        nodeId = staking.registerNode(key, ed, proof, 0, _solo(who));
        skOf[nodeId] = sk;
        keyOf[nodeId] = key;
    }

    /// @dev A contributor who trusted the wrong operator.
    function fool() internal pure returns (address) {
        return address(0xF001);
    }

    function _blocker(ContributionContract c)
        internal
        view
        returns (IContributionContract.FinalizeBlocker reason)
    {
        (, reason) = lens.finalizeCheck(c);
    }

    // ------------------------------------------------------------------ the finding, both sides

    function test_SquatterIsEvictedAndTheRightfulContractFinalizes() public {
        _fill(victim, 3);
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        uint256 spent = REQUIREMENT;

        // The finding: the filled contract cannot finalize.
        assertEq(uint8(_blocker(victim)), uint8(IContributionContract.FinalizeBlocker.Ed25519KeyInUse));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.Ed25519KeyAlreadyRegistered.selector, victimEd, squatter)
        );
        vm.prank(operator);
        victim.finalize();

        // The squatter earns for a day (on the victim's hardware, in the worst case) and claims.
        skip(1 days);
        staking.distributeRewards();
        vm.prank(mallory);
        uint256 claimedBefore = staking.claimRewards(squatter, mallory);
        skip(1 hours);
        staking.distributeRewards();
        uint256 earned = lens.node(squatter).earned;
        assertGt(earned, claimedBefore);

        // The victim signs the eviction for its operator; anyone submits it.
        bytes memory signature = _evictionSignature(victimSecret, squatter, operator);
        uint256 poolBefore = token.balanceOf(address(pool));
        uint256 networkBefore = lens.networkSize();
        uint256 returned = REQUIREMENT - CLAIMANT_PART - POOL_PART - earned;
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeLiquidated(
            squatter, operator, CLAIMANT_PART, POOL_PART + earned, returned, earned
        );
        vm.expectEmit(address(disputes));
        emit IEd25519Disputes.SquatterEvicted(
            squatter, victimEd, operator, bob, block.timestamp + RESERVATION
        );
        vm.prank(bob);
        disputes.evictSquatter(squatter, victimEd, operator, squatterBls, signature);

        // Ended at once, as a liquidation: out of N and out of the aggregate, the key free.
        assertEq(uint8(lens.node(squatter).status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        assertEq(lens.networkSize(), networkBefore - 1);
        assertEq(consensus.nodeIdOfBLSKey(squatterBls), 0);
        skOf[squatter] = 0;
        assertEq(consensus.aggregatePublicKey(), _expectedAggregate());
        (, bool registered) = lens.nodeIdOfEd25519(victimEd);
        assertFalse(registered);
        (address reservedFor, uint256 until) = lens.ed25519Reservation(victimEd);
        assertEq(reservedFor, operator);
        assertEq(until, block.timestamp + RESERVATION);

        // The claimant gets the liquidator part (its gas), the pool its part and the earnings.
        assertEq(token.balanceOf(operator), CLAIMANT_PART);
        assertEq(token.balanceOf(address(pool)) - poolBefore, POOL_PART + earned);

        // The squatter: its rewards stay claimable, the stake pays them back and the penalty.
        vm.startPrank(mallory);
        uint256 claimedAfter = staking.claimRewards(squatter, mallory);
        uint256 withdrawn = staking.withdrawStake(squatter);
        vm.stopPrank();
        assertEq(claimedBefore + claimedAfter, earned);
        assertEq(withdrawn, returned);
        assertEq(token.balanceOf(mallory), withdrawn + claimedBefore + claimedAfter);
        assertEq(spent - token.balanceOf(mallory), CLAIMANT_PART + POOL_PART, "squatting cost the penalty");

        // The rightful contract finalizes with the key.
        assertEq(uint8(_blocker(victim)), uint8(IContributionContract.FinalizeBlocker.None));
        vm.prank(operator);
        uint64 rightful = victim.finalize();
        (uint64 holder, bool held) = lens.nodeIdOfEd25519(victimEd);
        assertEq(holder, rightful);
        assertTrue(held);
    }

    /// @dev The reservation: the squatter cannot take the key back before the rightful node
    /// registers; 7 days later the key is anyone's again (and the holder may dispute again).
    function test_SquatterCannotRetakeTheKeyWhileReserved() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        disputes.evictSquatter(
            squatter, victimEd, operator, squatterBls, _evictionSignature(victimSecret, squatter, operator)
        );
        uint256 until = block.timestamp + RESERVATION;
        uint256 sk = BLSTestSigner.secretKey(66_001);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes memory proof = _pop(sk, mallory, victimEd);
        _fund(mallory, REQUIREMENT);
        vm.prank(mallory);
        token.approve(address(staking), REQUIREMENT);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.Ed25519KeyReserved.selector, victimEd, operator, until)
        );
        vm.prank(mallory);
        staking.registerNode(key, victimEd, proof, 0, _solo(mallory));

        // A contribution contract of another operator sees it too.
        vm.prank(mallory);
        ContributionContract other =
            ContributionContract(factory.create(key, victimEd, proof, 0, false, _noReservations()));
        _deposit(other, mallory, QUARTER);
        _deposit(other, fool(), REQUIREMENT - QUARTER);
        assertEq(uint8(_blocker(other)), uint8(IContributionContract.FinalizeBlocker.Ed25519KeyReserved));
        assertEq(uint8(_blocker(victim)), uint8(IContributionContract.FinalizeBlocker.NotFilled));

        vm.warp(until);
        assertEq(uint8(_blocker(other)), uint8(IContributionContract.FinalizeBlocker.None));
        vm.prank(mallory);
        uint64 again = other.finalize();
        assertGt(again, squatter);
    }

    /// @dev The claimant may register the key itself (directly, not only through its contract).
    function test_ClaimantRegistersDuringTheReservation() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        disputes.evictSquatter(
            squatter, victimEd, operator, squatterBls, _evictionSignature(victimSecret, squatter, operator)
        );
        (uint64 rightful,) = _squat(operator, victimEd, 66_002);
        (uint64 holder, bool registered) = lens.nodeIdOfEd25519(victimEd);
        assertEq(holder, rightful);
        assertTrue(registered);
    }

    /// @dev A squatter registered through a contribution contract (the node record names the
    /// contract, not the key): found through the key's index all the same; its contributors take
    /// the loss pro rata, as in a liquidation.
    function test_EvictsASquatterRegisteredByAContributionContract() public {
        uint256 sk = BLSTestSigner.secretKey(66_003);
        bytes memory key = BLSTestSigner.publicKey(sk);
        address squatOperator = makeAddr("squatOperator");
        bytes memory proof = _pop(sk, squatOperator, victimEd);
        vm.prank(squatOperator);
        ContributionContract squat =
            ContributionContract(factory.create(key, victimEd, proof, 0, false, _noReservations()));
        _deposit(squat, squatOperator, QUARTER);
        _deposit(squat, fool(), REQUIREMENT - QUARTER);
        vm.prank(squatOperator);
        uint64 squatter = squat.finalize();

        disputes.evictSquatter(
            squatter, victimEd, operator, key, _evictionSignature(victimSecret, squatter, operator)
        );
        uint256 returned = REQUIREMENT - CLAIMANT_PART - POOL_PART;
        vm.prank(fool());
        assertEq(staking.withdrawStake(squatter), returned * (REQUIREMENT - QUARTER) / REQUIREMENT);
        vm.prank(squatOperator);
        assertEq(staking.withdrawStake(squatter), returned - returned * (REQUIREMENT - QUARTER) / REQUIREMENT);
    }

    /// @dev Earnings above the returned stake: everything returned goes, never more.
    function test_TakesBackAtMostTheReturnedStake() public {
        _detachPool();
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        _donate(30_000 * SESH);
        skip(1);
        staking.distributeRewards();
        assertGt(lens.node(squatter).earned, REQUIREMENT);
        disputes.evictSquatter(
            squatter, victimEd, operator, squatterBls, _evictionSignature(victimSecret, squatter, operator)
        );
        assertEq(lens.nodeRecord(squatter).returnedStake, 0);
        vm.prank(mallory);
        assertEq(staking.withdrawStake(squatter), 0);
    }

    // ------------------------------------------------------------------ replay and forgery

    /// @dev Node A's eviction cannot evict node B: not with A's key (B does not hold it), not with
    /// B's key (B's holder did not sign it), and not a later node under A's key (the message
    /// names A's id, never reused).
    function test_RevertWhen_TheSignatureIsForAnotherNode() public {
        bytes32 otherSecret = keccak256("another victim");
        bytes32 otherEd = Ed25519TestSigner.publicKey(otherSecret);
        (uint64 a, bytes memory aBls) = _squat(mallory, victimEd, 66_000);
        (uint64 b, bytes memory bBls) = _squat(carol, otherEd, 66_004);
        bytes memory forA = _evictionSignature(victimSecret, a, operator);

        vm.expectRevert(
            abi.encodeWithSelector(IEd25519Disputes.Ed25519KeyNotHeldByNode.selector, victimEd, b, a, true)
        );
        disputes.evictSquatter(b, victimEd, operator, bBls, forA);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.EvictionSignatureInvalid.selector, otherEd, _message(b, operator)
            )
        );
        disputes.evictSquatter(b, otherEd, operator, bBls, forA);

        disputes.evictSquatter(a, victimEd, operator, aBls, forA);
        vm.warp(block.timestamp + RESERVATION);
        (uint64 c, bytes memory cBls) = _squat(mallory, victimEd, 66_005);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.EvictionSignatureInvalid.selector, victimEd, _message(c, operator)
            )
        );
        disputes.evictSquatter(c, victimEd, operator, cBls, forA);
        // replayed on A itself: A is no longer registered
        vm.expectRevert(
            abi.encodeWithSelector(IEd25519Disputes.Ed25519KeyNotHeldByNode.selector, victimEd, a, c, true)
        );
        disputes.evictSquatter(a, victimEd, operator, aBls, forA);
    }

    function test_RevertWhen_TheSignatureIsForAnotherChainOrRegistry() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        bytes memory otherChain = Ed25519TestSigner.sign(
            victimSecret,
            abi.encodePacked(EVICTION_TAG, block.chainid + 1, address(staking), squatter, operator)
        );
        bytes memory otherRegistry = Ed25519TestSigner.sign(
            victimSecret, abi.encodePacked(EVICTION_TAG, block.chainid, address(lens), squatter, operator)
        );
        bytes memory otherTag = Ed25519TestSigner.sign(
            victimSecret,
            abi.encodePacked(
                keccak256("session.staking.v1.exit"), block.chainid, address(staking), squatter, operator
            )
        );
        bytes[3] memory signatures = [otherChain, otherRegistry, otherTag];
        for (uint256 i; i < signatures.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IEd25519Disputes.EvictionSignatureInvalid.selector, victimEd, _message(squatter, operator)
                )
            );
            disputes.evictSquatter(squatter, victimEd, operator, squatterBls, signatures[i]);
        }
    }

    /// @dev A front-runner cannot redirect the claimant's part or reservation to itself.
    function test_RevertWhen_TheClaimantIsNotTheOneSigned() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        bytes memory signature = _evictionSignature(victimSecret, squatter, operator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.EvictionSignatureInvalid.selector, victimEd, _message(squatter, mallory)
            )
        );
        vm.prank(mallory);
        disputes.evictSquatter(squatter, victimEd, mallory, squatterBls, signature);
    }

    /// @dev The rightful node, registered by its contract, cannot be evicted by anyone without its
    /// key: not with their own key's signature, not with bytes that merely look like one.
    function test_RevertWhen_AnyoneElseTriesToEvictTheRightfulNode() public {
        _fill(victim, 2);
        vm.prank(operator);
        uint64 rightful = victim.finalize();
        bytes32 attackerSecret = keccak256("mallory's own Ed25519 secret");
        bytes memory forged = _evictionSignature(attackerSecret, rightful, mallory);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.EvictionSignatureInvalid.selector, victimEd, _message(rightful, mallory)
            )
        );
        disputes.evictSquatter(rightful, victimEd, mallory, victimBls, forged);
        // the attacker's key is not the node's
        bytes32 attackerEd = Ed25519TestSigner.publicKey(attackerSecret);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.Ed25519KeyNotHeldByNode.selector, attackerEd, rightful, 0, false
            )
        );
        disputes.evictSquatter(rightful, attackerEd, mallory, victimBls, forged);
        assertEq(uint8(lens.node(rightful).status), uint8(IStakingRegistry.NodeStatus.Active));
    }

    /// @dev Only the key's holder: any other secret's signature of the right message is refused.
    /// forge-config: default.fuzz.runs = 64
    function testFuzz_OnlyTheKeyHolderCanEvict(bytes32 otherSecret, address claimant) public {
        vm.assume(otherSecret != victimSecret && claimant != address(0));
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        bytes memory signature = _evictionSignature(otherSecret, squatter, claimant);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.EvictionSignatureInvalid.selector, victimEd, _message(squatter, claimant)
            )
        );
        disputes.evictSquatter(squatter, victimEd, claimant, squatterBls, signature);
    }

    // ------------------------------------------------------------------ every other refusal

    function test_RevertWhen_TheNodeIsNoLongerRegistered() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        vm.warp(block.timestamp + 2 hours);
        _exitBySignature(squatter);
        bytes memory signature = _evictionSignature(victimSecret, squatter, operator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEd25519Disputes.Ed25519KeyNotHeldByNode.selector, victimEd, squatter, squatter, false
            )
        );
        disputes.evictSquatter(squatter, victimEd, operator, squatterBls, signature);
    }

    function test_RevertWhen_TheClaimantIsZero() public {
        vm.expectRevert(IEd25519Disputes.ZeroAddress.selector);
        disputes.evictSquatter(1, victimEd, address(0), "", new bytes(64));
    }

    function test_RevertWhen_TheSignatureIsNot64Bytes() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        vm.expectRevert(abi.encodeWithSelector(IEd25519Disputes.Ed25519SignatureLength.selector, 63));
        disputes.evictSquatter(squatter, victimEd, operator, squatterBls, new bytes(63));
        vm.expectRevert(abi.encodeWithSelector(IEd25519Disputes.Ed25519SignatureLength.selector, 65));
        disputes.verifyEd25519(victimEd, "", new bytes(65));
    }

    function test_RevertWhen_TheRegistryIsCalledByAnyoneElse() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotEd25519Disputes.selector, operator));
        vm.prank(operator);
        staking.evictSquatter(squatter, squatterBls, victimEd, operator);
    }

    /// @dev Governance switches disputes off by naming no contract (or replaces it).
    function test_RevertWhen_DisputesAreSwitchedOff() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        bytes memory signature = _evictionSignature(victimSecret, squatter, operator);
        vm.prank(governance);
        staking.setEd25519Disputes(address(0));
        assertEq(lens.ed25519Disputes(), address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.NotEd25519Disputes.selector, address(disputes))
        );
        disputes.evictSquatter(squatter, victimEd, operator, squatterBls, signature);
    }

    function test_RevertWhen_Paused() public {
        (uint64 squatter, bytes memory squatterBls) = _squat(mallory, victimEd, 66_000);
        bytes memory signature = _evictionSignature(victimSecret, squatter, operator);
        vm.prank(governance);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        disputes.evictSquatter(squatter, victimEd, operator, squatterBls, signature);
    }

    function test_RevertWhen_SetEd25519DisputesIsNotTheOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, mallory)
        );
        vm.prank(mallory);
        staking.setEd25519Disputes(mallory);
        assertEq(lens.ed25519Disputes(), address(disputes));
    }

    function test_RevertWhen_TheRegistryIsZero() public {
        vm.expectRevert(IEd25519Disputes.ZeroAddress.selector);
        new Ed25519Disputes(IStakingRegistry(address(0)));
    }

    // ------------------------------------------------------------------ the message

    /// @dev The bytes of docs/consensus.md: tag, chain id, registry proxy, node id, claimant.
    function test_EvictionMessageLayout() public view {
        assertEq(disputes.EVICTION_TAG(), 0xe69ba32b4ed5d1ed2491b16bd8153db7339da4bfa464dd3abc1469432a29503e);
        assertEq(address(disputes.registry()), address(staking));
        bytes memory m = disputes.evictionMessage(0x0102030405060708, address(0xC1A1));
        assertEq(m.length, 112);
        assertEq(m, _message(0x0102030405060708, address(0xC1A1)));
        bytes memory expected = bytes.concat(
            EVICTION_TAG,
            bytes32(block.chainid),
            bytes20(address(staking)),
            bytes8(uint64(0x0102030405060708)),
            bytes20(address(0xC1A1))
        );
        assertEq(m, expected);
    }

    function test_VerifyEd25519ForClients() public view {
        bytes memory m = bytes("any message");
        assertTrue(disputes.verifyEd25519(victimEd, m, Ed25519TestSigner.sign(victimSecret, m)));
        assertFalse(
            disputes.verifyEd25519(victimEd, bytes("another"), Ed25519TestSigner.sign(victimSecret, m))
        );
    }
}
