// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IMerkleClaims} from "../../../src/interfaces/IMerkleClaims.sol";
import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {IVestingFactory} from "../../../src/interfaces/IVestingFactory.sol";
import {MerkleClaims} from "../../../src/swap/MerkleClaims.sol";
import {VestingTestBase} from "../Vesting/VestingBase.t.sol";
import {MerkleTreeBuilder} from "./MerkleTreeBuilder.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The claims distributor against the tree the OpenZeppelin JS library built from
/// `contracts/test/fixtures/merkle/claims.csv` (`claims.json`), and against trees built here.
contract MerkleClaimsTest is VestingTestBase {
    MerkleClaims internal claims;
    address internal sweepTo;
    uint64 internal deadline;
    string internal json;
    uint256 internal constant FIXTURE_TOTAL = 1_000_000_000_000 + 250_000_000 + 77_777_777_777 + 1
        + 5_000_000_000_000_000 + 42 + 123_456_789_012_345;

    function setUp() public override {
        super.setUp();
        sweepTo = makeAddr("sweepTo");
        deadline = uint64(block.timestamp + 180 days);
        json = vm.readFile("contracts/test/fixtures/merkle/claims.json");
        claims = _deploy(vm.parseJsonBytes32(json, ".root"), IVestingFactory(address(0)));
        _fund(address(claims), FIXTURE_TOTAL);
    }

    function _deploy(bytes32 root, IVestingFactory f) internal returns (MerkleClaims) {
        return
            new MerkleClaims(IERC20(address(token)), root, deadline, sweepTo, governance, f, _schedule(2000));
    }

    function _entry(uint256 i)
        internal
        view
        returns (address account, uint256 amount, bytes32[] memory proof)
    {
        string memory at = string.concat(".claims[", vm.toString(i), "]");
        account = vm.parseJsonAddress(json, string.concat(at, ".account"));
        amount = vm.parseUint(vm.parseJsonString(json, string.concat(at, ".amount")));
        proof = vm.parseJsonBytes32Array(json, string.concat(at, ".proof"));
    }

    function test_EveryLeafOfTheJsTreeClaimsOnce() public {
        uint256 sum;
        for (uint256 i; i < 7; ++i) {
            (address account, uint256 amount, bytes32[] memory proof) = _entry(i);
            uint256 before = token.balanceOf(account);
            vm.expectEmit(address(claims));
            emit IMerkleClaims.Claimed(account, amount, address(0));
            // A relayer submits: the tokens still go to the account.
            vm.prank(makeAddr("relayer"));
            assertEq(claims.claim(account, amount, proof), address(0));
            assertEq(token.balanceOf(account) - before, amount, "paid to the account");
            assertTrue(claims.isClaimed(account, amount));
            assertTrue(claims.claimedLeaf(MerkleTreeBuilder.leaf(account, amount)));
            sum += amount;
            vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.AlreadyClaimed.selector, account, amount));
            claims.claim(account, amount, proof);
        }
        assertEq(claims.totalClaimed(), sum);
        assertEq(sum, FIXTURE_TOTAL);
        assertEq(token.balanceOf(address(claims)), 0);
        // The account listed twice was paid both of its leaves.
        assertEq(token.balanceOf(0x1111111111111111111111111111111111111111), 1_000_000_000_042);
    }

    function test_LeafEncodingIsOpenZeppelins() public view {
        (address account, uint256 amount,) = _entry(0);
        assertEq(
            claims.leafOf(account, amount), keccak256(bytes.concat(keccak256(abi.encode(account, amount))))
        );
    }

    function test_RevertWhen_ProofForAnotherAmountOrAccount() public {
        (address account, uint256 amount, bytes32[] memory proof) = _entry(0);
        vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.InvalidProof.selector, account, amount + 1));
        claims.claim(account, amount + 1, proof);
        vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.InvalidProof.selector, alice, amount));
        claims.claim(alice, amount, proof);
        assertEq(claims.totalClaimed(), 0);
    }

    function test_RevertWhen_ClaimAfterTheDeadline() public {
        (address account, uint256 amount, bytes32[] memory proof) = _entry(1);
        vm.warp(deadline);
        claims.claim(account, amount, proof); // the deadline itself is still open
        (account, amount, proof) = _entry(2);
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.ClaimWindowClosed.selector, deadline));
        claims.claim(account, amount, proof);
    }

    function test_SweepOnlyAfterTheDeadline() public {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.ClaimWindowOpen.selector, deadline));
        claims.sweep();
        vm.warp(uint256(deadline) + 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        claims.sweep();
        vm.expectEmit(address(claims));
        emit IMerkleClaims.Swept(sweepTo, FIXTURE_TOTAL);
        vm.prank(governance);
        assertEq(claims.sweep(), FIXTURE_TOTAL);
        assertEq(token.balanceOf(sweepTo), FIXTURE_TOTAL);
        vm.prank(governance);
        vm.expectRevert(IMerkleClaims.NothingToSweep.selector);
        claims.sweep();
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0)));
        claims.renounceOwnership();
    }

    function test_RevertWhen_Underfunded() public {
        MerkleClaims poor = _deploy(vm.parseJsonBytes32(json, ".root"), IVestingFactory(address(0)));
        _fund(address(poor), 100);
        (address account, uint256 amount, bytes32[] memory proof) = _entry(0);
        vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.InsufficientFunds.selector, amount, 100));
        poor.claim(account, amount, proof);
    }

    function test_RevertWhen_ConstructorArgumentsBad() public {
        vm.expectRevert(IMerkleClaims.ZeroAddress.selector);
        new MerkleClaims(
            IERC20(address(token)),
            0,
            deadline,
            sweepTo,
            governance,
            IVestingFactory(address(0)),
            _schedule(0)
        );
        vm.expectRevert(IMerkleClaims.ZeroAddress.selector);
        new MerkleClaims(
            IERC20(address(token)),
            bytes32(uint256(1)),
            deadline,
            address(0),
            governance,
            IVestingFactory(address(0)),
            _schedule(0)
        );
        vm.expectRevert(
            abi.encodeWithSelector(IMerkleClaims.DeadlineInPast.selector, uint64(block.timestamp))
        );
        new MerkleClaims(
            IERC20(address(token)),
            bytes32(uint256(1)),
            uint64(block.timestamp),
            sweepTo,
            governance,
            IVestingFactory(address(0)),
            _schedule(0)
        );
        IVesting.Schedule memory bad = IVesting.Schedule(10, 5, 20, 0);
        vm.expectRevert(abi.encodeWithSelector(IVesting.InvalidSchedule.selector, 10, 5, 20, 0));
        new MerkleClaims(
            IERC20(address(token)), bytes32(uint256(1)), deadline, sweepTo, governance, vestingFactory, bad
        );
    }

    function test_ClaimIntoAVesting() public {
        bytes32[] memory leaves = new bytes32[](3);
        leaves[0] = MerkleTreeBuilder.leaf(alice, 1000 * SESH);
        leaves[1] = MerkleTreeBuilder.leaf(bob, 2000 * SESH);
        leaves[2] = MerkleTreeBuilder.leaf(carol, 3000 * SESH);
        deadline = T0 + 5 * 365 days;
        MerkleClaims vested = _deploy(MerkleTreeBuilder.root(leaves), vestingFactory);
        _fund(address(vested), 6000 * SESH);
        address predicted = vestingFactory.predictAddress(
            IVestingFactory.Kind.Plain, address(0), 1000 * SESH, _schedule(2000), address(vested), leaves[0]
        );
        vm.expectEmit(address(vested));
        emit IMerkleClaims.Claimed(alice, 1000 * SESH, predicted);
        address v = vested.claim(alice, 1000 * SESH, MerkleTreeBuilder.proof(leaves, 0));
        assertEq(v, predicted);
        assertTrue(vestingFactory.owns(v));
        assertEq(IVesting(v).beneficiary(), alice);
        assertEq(IVesting(v).revoker(), address(0), "irrevocable");
        assertEq(IVesting(v).allocation(), 1000 * SESH);
        assertEq(token.balanceOf(v), 1000 * SESH);
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.allowance(address(vested), address(vestingFactory)), 0);
        // After the schedule's end a claim is paid directly.
        vm.warp(T0 + 4 * 365 days);
        assertEq(vested.claim(bob, 2000 * SESH, MerkleTreeBuilder.proof(leaves, 1)), address(0));
        assertEq(token.balanceOf(bob), 2000 * SESH);
        assertEq(vested.totalClaimed(), 3000 * SESH);
    }

    function testFuzz_OnlyListedLeavesClaim(uint256 count, uint256 index, uint256 otherAmount) public {
        count = bound(count, 1, 40);
        index = bound(index, 0, count - 1);
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            leaves[i] = MerkleTreeBuilder.leaf(address(uint160(0xA000 + i)), (i + 1) * SESH);
        }
        MerkleClaims c = _deploy(MerkleTreeBuilder.root(leaves), IVestingFactory(address(0)));
        _fund(address(c), count * (count + 1) * SESH / 2);
        bytes32[] memory proof = MerkleTreeBuilder.proof(leaves, index);
        address account = address(uint160(0xA000 + index));
        vm.assume(otherAmount != (index + 1) * SESH);
        vm.expectRevert(abi.encodeWithSelector(IMerkleClaims.InvalidProof.selector, account, otherAmount));
        c.claim(account, otherAmount, proof);
        c.claim(account, (index + 1) * SESH, proof);
        assertEq(token.balanceOf(account), (index + 1) * SESH);
        vm.expectRevert(
            abi.encodeWithSelector(IMerkleClaims.AlreadyClaimed.selector, account, (index + 1) * SESH)
        );
        c.claim(account, (index + 1) * SESH, proof);
    }
}
