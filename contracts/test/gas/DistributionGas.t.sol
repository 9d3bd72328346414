// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../src/contribution/ContributionContract.sol";
import {DevnetLegacyToken} from "../../src/devnet/DevnetLegacyToken.sol";
import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {IStakingVesting} from "../../src/interfaces/IStakingVesting.sol";
import {IVesting} from "../../src/interfaces/IVesting.sol";
import {IVestingFactory} from "../../src/interfaces/IVestingFactory.sol";
import {MerkleClaims} from "../../src/swap/MerkleClaims.sol";
import {TokenConverter} from "../../src/swap/TokenConverter.sol";
import {MerkleTreeBuilder} from "../unit/Swap/MerkleTreeBuilder.sol";
import {VestingTestBase} from "../unit/Vesting/VestingBase.t.sol";
import {BLSTestSigner} from "../unit/consensus/BLSTestSigner.sol";
import {Terms} from "../utils/Terms.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VmSafe} from "forge-std/Vm.sol";

/// @notice Gas of the Genesis distribution, written by forge to `snapshots/Distribution.json`:
/// vesting creation and release, staking through a vesting next to the same staking done directly
/// (the registration as in `StakingRegistryGas`: 10 solo nodes, an hour of rewards pending in the
/// pool), a Merkle claim (a tree of 16,384 leaves: 14 proof hashes) and a conversion. Prepared in
/// `setUp`, so storage is cold in the test; execution gas only (no 21,000 base, no calldata).
/// `*_netOfRefund` is the same call less the refund the transaction gets back (a cleared allowance):
/// what a transaction through a vesting really pays over the direct one.
contract DistributionGasTest is VestingTestBase {
    uint256 internal constant TREE_SIZE = 16_384;

    address internal newOperator;
    bytes internal directKey;
    bytes32 internal directEd;
    bytes internal directPop;
    IStakingRegistry.Contributor[] internal directContributors;

    IStakingVesting internal sv;
    bytes internal vestKey;
    bytes32 internal vestEd;
    bytes internal vestPop;

    ContributionContract internal directCc;
    ContributionContract internal vestingCc;
    uint256 internal constant SHARE = 5_000 * SESH;

    IVesting internal plain;

    MerkleClaims internal claims;
    bytes32[] internal proof;
    address internal claimant;
    uint256 internal constant CLAIM_AMOUNT = 1_234 * SESH;

    TokenConverter internal converter;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 10; ++i) {
            _registerSolo(address(uint160(0x7000 + i)));
        }
        vm.roll(block.number + 1);

        // registration: direct, and the same through a staking vesting
        newOperator = makeAddr("newOperator");
        uint256 sk = BLSTestSigner.secretKey(2_000_000);
        directKey = BLSTestSigner.publicKey(sk);
        directEd = _ed25519(2_000_000);
        directPop = _pop(sk, newOperator, directEd);
        directContributors.push(IStakingRegistry.Contributor(newOperator, address(0), REQUIREMENT));
        _fund(newOperator, 2 * REQUIREMENT);
        vm.prank(newOperator);
        token.approve(address(staking), REQUIREMENT);
        sv = _staking(grantor);
        sk = BLSTestSigner.secretKey(2_000_001);
        vestKey = BLSTestSigner.publicKey(sk);
        vestEd = _ed25519(2_000_001);
        vestPop = _pop(sk, address(sv), vestEd);

        // contribution: two contracts in the same state, alice direct, the vesting through itself
        directCc = _newContract(2_000_002);
        vestingCc = _newContract(2_000_003);
        // alice keeps a balance after her deposit, as the vesting does: no refund for an emptied slot
        _fund(alice, 2 * SHARE);
        vm.prank(alice);
        token.approve(address(directCc), SHARE);

        // a plain vesting half way, and funds for a new one
        plain = _plain(grantor, 2000);
        _fund(grantor, ALLOCATION);
        vm.prank(grantor);
        token.approve(address(vestingFactory), ALLOCATION);

        // a claim against a large tree
        bytes32[] memory leaves = new bytes32[](TREE_SIZE);
        for (uint256 i; i < TREE_SIZE; ++i) {
            leaves[i] = MerkleTreeBuilder.leaf(address(uint160(0xD0000 + i)), CLAIM_AMOUNT + i);
        }
        claimant = address(uint160(0xD0000 + 777));
        proof = MerkleTreeBuilder.proof(leaves, 777);
        claims = new MerkleClaims(
            IERC20(address(token)),
            MerkleTreeBuilder.root(leaves),
            uint64(T0 + 3 * 365 days),
            treasury,
            governance,
            IVestingFactory(address(0)),
            IVesting.Schedule(0, 0, 0, 0)
        );
        _fund(address(claims), 10_000_000 * SESH);
        claims.claim(address(uint160(0xD0000)), CLAIM_AMOUNT, MerkleTreeBuilder.proof(leaves, 0));

        // a converter, funded, and a holder of the legacy token
        DevnetLegacyToken legacy = new DevnetLegacyToken();
        converter = new TokenConverter(IERC20(address(legacy)), IERC20(address(token)), 1, 1, governance);
        _fund(address(converter), 1_000_000 * SESH);
        legacy.mint(bob, 1_000 * SESH);
        vm.prank(bob);
        legacy.approve(address(converter), type(uint256).max);

        skip(1 hours);
        vm.warp(T0 + 2 * 365 days);
        skip(1);
        vm.roll(block.number + 1);
    }

    function _newContract(uint256 seed) internal returns (ContributionContract c) {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(operator, seed);
        vm.prank(operator);
        c = ContributionContract(factory.create(k, e, p, 0, false, _noReservations()));
        _deposit(c, operator, QUARTER);
    }

    function _netOfRefund(string memory name) internal {
        VmSafe.Gas memory g = vm.lastCallGas();
        vm.snapshotValue("Distribution", name, uint256(g.gasTotalUsed) - uint256(int256(g.gasRefunded)));
    }

    function test_Gas_VestingCreatePlain() public {
        vm.prank(grantor);
        vestingFactory.create(
            IVestingFactory.Kind.Plain, beneficiary, grantor, ALLOCATION, _schedule(2000), "gas"
        );
        vm.snapshotGasLastCall("Distribution", "vesting_create_plain");
    }

    function test_Gas_VestingCreateStaking() public {
        vm.prank(grantor);
        vestingFactory.create(
            IVestingFactory.Kind.Staking, beneficiary, grantor, ALLOCATION, _schedule(0), "gas"
        );
        vm.snapshotGasLastCall("Distribution", "vesting_create_staking");
    }

    function test_Gas_VestingRelease() public {
        plain.release();
        vm.snapshotGasLastCall("Distribution", "vesting_release_first");
    }

    function test_Gas_RegisterNodeDirect() public {
        vm.prank(newOperator);
        staking.registerNode(directKey, directEd, directPop, 0, directContributors);
        vm.snapshotGasLastCall("Distribution", "registerNode_direct");
        _netOfRefund("registerNode_direct_netOfRefund");
    }

    function test_Gas_RegisterNodeThroughVesting() public {
        vm.prank(beneficiary);
        sv.registerNode(vestKey, vestEd, vestPop);
        vm.snapshotGasLastCall("Distribution", "registerNode_throughVesting");
        _netOfRefund("registerNode_throughVesting_netOfRefund");
    }

    function test_Gas_ContributeDirect() public {
        vm.prank(alice);
        directCc.contribute(SHARE, Terms.versionOf(address(directCc)));
        vm.snapshotGasLastCall("Distribution", "contribute_direct");
        _netOfRefund("contribute_direct_netOfRefund");
    }

    /// @dev The transaction a direct stake needs first and a stake through a vesting does not: the
    /// holder's exact approval (a fresh allowance slot), as the CLI and the portal send it.
    function test_Gas_ApproveBeforeADirectStake() public {
        address holder = makeAddr("directHolder");
        vm.prank(holder);
        token.approve(address(directCc), SHARE);
        vm.snapshotGasLastCall("Distribution", "approve_beforeDirectStake");
    }

    function test_Gas_ContributeThroughVesting() public {
        uint32 version = Terms.versionOf(address(vestingCc));
        vm.prank(beneficiary);
        sv.contribute(address(vestingCc), SHARE, version);
        vm.snapshotGasLastCall("Distribution", "contribute_throughVesting");
        _netOfRefund("contribute_throughVesting_netOfRefund");
    }

    function test_Gas_MerkleClaim() public {
        claims.claim(claimant, CLAIM_AMOUNT + 777, proof);
        vm.snapshotGasLastCall("Distribution", "merkleClaim_direct_16384leaves");
    }

    function test_Gas_Convert() public {
        vm.prank(bob);
        converter.convert(100 * SESH, 100 * SESH);
        vm.snapshotGasLastCall("Distribution", "convert");
    }
}
