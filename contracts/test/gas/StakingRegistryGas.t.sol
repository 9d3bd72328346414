// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "../unit/StakingRegistry/StakingRegistryBase.t.sol";
import {BLSTestSigner} from "../unit/consensus/BLSTestSigner.sol";

/// @notice Gas of the user-facing operations of the staking registry, written by forge to
/// `snapshots/StakingRegistry.json`. Everything is prepared in `setUp` (its own transaction, so
/// storage is cold again in the test); each test measures one call: execution gas only, without
/// the 21,000 base and the calldata (see the report for whole-transaction estimates).
///
/// 10 solo nodes registered; node 1's operator claimed once, then another day was distributed (a
/// "later" claim); node 6 exited (its stake waits to be withdrawn); an hour of rewards pending in
/// the pool, which the measured registration, exit and liquidation pull. {StakingRegistryGas1000Test}
/// repeats it with 1,000 nodes: the registry has no loop over nodes, so the numbers must not move.
contract StakingRegistryGasTest is StakingRegistryBase {
    function _networkSize() internal pure virtual returns (uint256) {
        return 10;
    }

    function _name(string memory operation) internal pure virtual returns (string memory) {
        return operation;
    }

    address internal newOperator;
    bytes internal newKey;
    bytes32 internal newEd;
    bytes internal newPop;
    IStakingRegistry.Contributor[] internal newContributors;

    uint64 internal timestamp;
    bytes internal exitSig;
    bytes internal exitKey;
    bytes internal liquidationSig;
    bytes internal liquidationKey;
    bytes internal oneNonSigner;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < _networkSize(); ++i) {
            if (i % 20 == 19) vm.roll(block.number + 1); // per-block cap
            _registerSolo(address(uint160(0x7000 + i)));
        }
        vm.roll(block.number + 1);
        skip(3 hours);
        staking.distributeRewards();
        vm.prank(address(uint160(0x7000)));
        staking.claimRewards(1, _staker(1, 0));
        _exitBySignature(6);
        skip(1 days);
        staking.distributeRewards();
        skip(1 hours);

        newOperator = makeAddr("newOperator");
        uint256 sk = BLSTestSigner.secretKey(1_000_000);
        newKey = BLSTestSigner.publicKey(sk);
        newEd = _ed25519(1_000_000);
        newPop = _pop(sk, newOperator, newEd);
        newContributors.push(IStakingRegistry.Contributor(newOperator, address(0), REQUIREMENT));
        _fund(newOperator, REQUIREMENT);
        vm.prank(newOperator);
        token.approve(address(staking), REQUIREMENT);

        timestamp = uint64(block.timestamp);
        exitSig = _networkSign(EXIT, 2, timestamp, new uint64[](0));
        exitKey = keyOf[2];
        liquidationKey = keyOf[3];
        uint64[] memory nonSigners = new uint64[](1);
        nonSigners[0] = 5;
        oneNonSigner = _keysOf(nonSigners);
        liquidationSig = _networkSign(LIQUIDATION, 3, timestamp, nonSigners);
    }

    function test_Gas_RegisterNodeSolo() public {
        vm.prank(newOperator);
        staking.registerNode(newKey, newEd, newPop, 0, newContributors);
        vm.snapshotGasLastCall("StakingRegistry", _name("registerNode_solo"));
    }

    function test_Gas_ExitBySignature_0NonSigners() public {
        staking.exitBySignature(2, exitKey, timestamp, "", exitSig);
        vm.snapshotGasLastCall("StakingRegistry", _name("exitBySignature_0NonSigners"));
    }

    function test_Gas_Liquidate_1NonSigner() public {
        vm.prank(liquidator);
        staking.liquidate(3, liquidationKey, timestamp, oneNonSigner, liquidationSig);
        vm.snapshotGasLastCall("StakingRegistry", _name("liquidate_1NonSigner"));
    }

    function test_Gas_ClaimRewards() public {
        vm.prank(address(uint160(0x7000)));
        staking.claimRewards(1, _staker(1, 0));
        vm.snapshotGasLastCall("StakingRegistry", _name("claimRewards_later"));
    }

    function test_Gas_RequestExit() public {
        vm.prank(address(uint160(0x7003)));
        staking.requestExit(4);
        vm.snapshotGasLastCall("StakingRegistry", _name("requestExit"));
    }

    function test_Gas_WithdrawStake() public {
        vm.prank(address(uint160(0x7005)));
        staking.withdrawStake(6);
        vm.snapshotGasLastCall("StakingRegistry", _name("withdrawStake"));
    }
}

/// @notice The same operations with 1,000 registered nodes.
contract StakingRegistryGas1000Test is StakingRegistryGasTest {
    function _networkSize() internal pure override returns (uint256) {
        return 1000;
    }

    function _name(string memory operation) internal pure override returns (string memory) {
        return string.concat(operation, "_1000nodes");
    }
}
