// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {OwnedUpgradeable} from "../../../src/utils/OwnedUpgradeable.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @dev The smallest contract with the registry's upgrade path (OpenZeppelin UUPS behind
/// Ownable2Step, through {OwnedUpgradeable}) and nothing else: the `delegatecall` sites it has are
/// the ones the upgrade needs.
contract UupsOwnedReference is OwnedUpgradeable {
    uint64 public constant VERSION = 1;

    function initialize(address owner_) external initializer {
        __OwnedUpgradeable_init(owner_);
    }
}

/// @notice One ABI at the registry's address, and no code but its own writing its storage: no
/// fallback, no `delegatecall` but the UUPS upgrade's (owner only), and the listing (the lens, at
/// its own address) reads through external views that write nothing.
contract StakingRegistryUnitTest_oneAbi is StakingRegistryBase {
    uint8 internal constant DELEGATECALL = 0xf4;
    uint8 internal constant CALLCODE = 0xf2;
    uint8 internal constant SELFDESTRUCT = 0xff;

    /// @dev Every lens function and every read of the registry, on a registry with nodes in several
    /// states, writes no slot of the registry (its proxy's storage).
    function test_LensAndReadsWriteNothingInTheRegistry() public {
        uint64 solo = _registerSolo(alice);
        uint64 shared = _register(bob, _pair(bob, QUARTER, carol), 500);
        uint64 ended = _registerSolo(carol);
        skip(1 days);
        staking.distributeRewards();
        _exitBySignature(ended);
        skip(1 hours);

        vm.record();
        lens.registry();
        lens.node(solo);
        lens.nodes(0, 10);
        lens.claimableRewards(shared, carol);
        lens.rewardPerNodePerDay();
        lens.aprBps();
        lens.position(ended, carol);
        lens.pendingRewards(shared, bob);
        lens.nodeRecord(shared);
        lens.stakesOf(shared);
        (bytes32[] memory reads, bytes32[] memory writes) = vm.accesses(address(staking));
        assertGt(reads.length, 0, "the reads reached the registry's storage");
        assertEq(writes.length, 0, "and wrote none of it");

        // The same recording sees a registry write when there is one.
        vm.record();
        staking.distributeRewards();
        (, writes) = vm.accesses(address(staking));
        assertGt(writes.length, 0);
    }

    /// @dev Scans the implementation's runtime code opcode by opcode (PUSH data skipped, the
    /// compiler's metadata trailer cut off): it has exactly the `delegatecall` sites of a contract
    /// that only has the UUPS upgrade path, no CALLCODE and no SELFDESTRUCT. Any other
    /// `delegatecall` (a fallback, a library's external function, a module) would add a site.
    function test_OnlyTheUpgradeDelegatecalls() public {
        bytes memory upgradeOnly = address(new UupsOwnedReference()).code;
        bytes memory registry = address(stakingImpl).code;
        uint256 expected = _count(upgradeOnly, DELEGATECALL);
        assertGt(expected, 0, "the reference has the upgrade's delegatecall");
        assertEq(_count(registry, DELEGATECALL), expected, "delegatecall sites");
        assertEq(_count(registry, CALLCODE), 0, "callcode");
        assertEq(_count(registry, SELFDESTRUCT), 0, "selfdestruct");
    }

    /// @dev The scan itself: PUSH data is skipped (a 0xf4 byte inside a PUSH is no opcode).
    function test_ScanSkipsPushData() public pure {
        assertEq(_count(hex"63f4f4f4f4f400", DELEGATECALL), 1, "PUSH4 data, then one DELEGATECALL");
        assertEq(_count(hex"5ff4", DELEGATECALL), 1, "PUSH0 has no data");
        assertEq(
            _count(hex"7ff4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4", DELEGATECALL), 0
        );
    }

    function test_RevertWhen_UnknownSelector() public {
        (bool ok,) = address(staking).call(abi.encodeWithSignature("mint(address,uint256)", alice, 1));
        assertFalse(ok);
        (ok,) = address(staking).call(hex"");
        assertFalse(ok, "empty calldata");
        (ok,) = address(staking).call(hex"00");
        assertFalse(ok, "short calldata");
    }

    /// @dev The views that the registry's fallback used to serve are the lens's now.
    function test_RevertWhen_OldViewSelectors() public {
        _registerSolo(alice);
        bytes[4] memory calls = [
            abi.encodeWithSignature("node(uint64)", uint64(1)),
            abi.encodeWithSignature("nodes(uint256,uint256)", 0, 10),
            abi.encodeWithSignature("claimableRewards(uint64,address)", uint64(1), alice),
            abi.encodeWithSignature("aprBps()")
        ];
        for (uint256 i; i < calls.length; ++i) {
            (bool ok,) = address(staking).call(calls[i]);
            assertFalse(ok);
        }
    }

    function test_RevertWhen_SendingEther() public {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok,) = address(staking).call{value: 1}("");
        assertFalse(ok);
        vm.prank(alice);
        (ok,) = address(staking).call{value: 1}(abi.encodeCall(IStakingRegistry.distributeRewards, ()));
        assertFalse(ok, "no payable function");
    }

    function _count(bytes memory code, uint8 opcode) internal pure returns (uint256 count) {
        uint256 end = code.length;
        // Solidity appends CBOR metadata whose length is in the last two bytes.
        if (end >= 2) {
            uint256 metadata = (uint256(uint8(code[end - 2])) << 8) | uint8(code[end - 1]);
            if (metadata + 2 <= end) end -= metadata + 2;
        }
        for (uint256 i; i < end; ++i) {
            uint8 op = uint8(code[i]);
            if (op == opcode) ++count;
            if (op >= 0x60 && op <= 0x7f) i += op - 0x5f; // PUSH1..PUSH32 carry 1..32 bytes
        }
    }
}
