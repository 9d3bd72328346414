// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../src/interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../../src/interfaces/IStakingRegistry.sol";
import {ContributionBase} from "../unit/ContributionContract/ContributionBase.t.sol";
import {Terms} from "../utils/Terms.sol";

/// @notice Gas of the contribution flow, written by forge to `snapshots/Contribution.json`.
/// Everything is prepared in `setUp` (its own transaction, so storage is cold again in the test);
/// each test measures one call: execution gas only, without the 21,000 base and the calldata.
/// A contribution costs the same for the 2nd and the 9th contributor (no loop over contributors).
contract ContributionGasTest is ContributionBase {
    bytes internal k2;
    bytes32 internal e2;
    bytes internal p2;

    ContributionContract internal second; // operator in, next is the 2nd contributor
    ContributionContract internal ninth; // 8 in, next is the 9th contributor
    ContributionContract internal four; // filled by 4
    ContributionContract internal ten; // filled by 10
    // reference: the same 4-contributor registration made directly on the registry
    bytes internal k3;
    bytes32 internal e3;
    bytes internal p3;
    IStakingRegistry.Contributor[] internal direct;
    // registered by its contract; contributor 1 has claimed once, contributor 2 never
    ContributionContract internal registered;
    uint64 internal registeredId;

    function _new(uint256 seed) internal returns (ContributionContract c) {
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(operator, seed);
        vm.prank(operator);
        c = ContributionContract(factory.create(k, e, p, 500, false, _noReservations()));
    }

    function _prepare(ContributionContract c, address who, uint256 amount) internal {
        _fund(who, amount);
        vm.prank(who);
        token.approve(address(c), amount);
    }

    function setUp() public override {
        super.setUp();
        (k2, e2, p2) = _keysFor(operator, 8_000);
        _prepare(cc, operator, QUARTER);

        second = _new(8_001);
        _deposit(second, operator, QUARTER);
        _prepare(second, alice, second.minimumContribution());
        _fund(bob, second.minimumContribution()); // bob deposits with a permit: no approval

        ninth = _new(8_002);
        _deposit(ninth, operator, QUARTER);
        for (uint256 i = 1; i < 8; ++i) {
            _deposit(ninth, _contributor(i), ninth.minimumContribution());
        }
        _prepare(ninth, alice, ninth.minimumContribution());

        four = _new(8_003);
        _fill(four, 4);
        ten = _new(8_004);
        _fill(ten, 10);
        (k3, e3, p3) = _keysFor(operator, 8_005);
        direct.push(IStakingRegistry.Contributor(operator, address(0), QUARTER));
        for (uint256 i = 1; i < 4; ++i) {
            uint256 stake = i == 3
                ? REQUIREMENT - 3 * _ceil(REQUIREMENT - QUARTER, 3) + _ceil(REQUIREMENT - QUARTER, 3)
                    - QUARTER
                : _ceil(REQUIREMENT - QUARTER, 3);
            direct.push(IStakingRegistry.Contributor(_contributor(i), address(0), stake));
        }
        _prepare(ContributionContract(address(staking)), operator, REQUIREMENT);
        _prepare(ContributionContract(address(factory)), operator, QUARTER);
        registered = _new(8_006);
        _fill(registered, 4);
        vm.prank(operator);
        registeredId = registered.finalize();
        skip(1 days);
        staking.distributeRewards();
        vm.prank(_contributor(1));
        staking.claimRewards(registeredId, _contributor(1));
        skip(1 days);
        staking.distributeRewards();
        // a new second: the measured registrations pull the pool and distribute, as on a live network
        skip(1);
        vm.roll(block.number + 1);
    }

    /// @dev A position's first claim on a node registered by its contract: the stake and the
    /// beneficiary are read from the contract and the position's slot is written.
    function test_Gas_ClaimFirstContractNode() public {
        vm.prank(_contributor(2));
        staking.claimRewards(registeredId, _contributor(2));
        vm.snapshotGasLastCall("Contribution", "claim_first_contractNode");
    }

    /// @dev A later claim reads the position's one slot, not the contract.
    function test_Gas_ClaimLaterContractNode() public {
        vm.prank(_contributor(1));
        staking.claimRewards(registeredId, _contributor(1));
        vm.snapshotGasLastCall("Contribution", "claim_later_contractNode");
    }

    function test_Gas_FactoryCreate() public {
        vm.prank(operator);
        factory.create(k2, e2, p2, 500, false, _noReservations());
        vm.snapshotGasLastCall("Contribution", "factory_create");
    }

    /// @dev One transaction for what `factory_create` + `contribute_operatorFirst` do in two.
    function test_Gas_FactoryCreateAndContribute() public {
        vm.prank(operator);
        factory.createAndContribute(k2, e2, p2, 500, false, _noReservations(), QUARTER);
        vm.snapshotGasLastCall("Contribution", "factory_createAndContribute");
    }

    function test_Gas_OperatorFirstDeposit() public {
        vm.prank(operator);
        cc.contribute(QUARTER, Terms.versionOf(address(cc)));
        vm.snapshotGasLastCall("Contribution", "contribute_operatorFirst");
    }

    function test_Gas_Contribute2nd() public {
        uint256 amount = second.minimumContribution();
        vm.prank(alice);
        second.contribute(amount, Terms.versionOf(address(second)));
        vm.snapshotGasLastCall("Contribution", "contribute_2ndContributor");
    }

    /// @dev The same deposit as `contribute_2ndContributor`, with a permit in place of the approval
    /// transaction it needs beforehand (the permit's signature is made off-chain).
    function test_Gas_Contribute2ndWithPermit() public {
        uint256 amount = second.minimumContribution();
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(bobKey, bob, address(second), amount, 0, deadline);
        uint32 terms = Terms.versionOf(address(second));
        vm.prank(bob);
        second.contributeWithPermit(amount, terms, deadline, v, r, s);
        vm.snapshotGasLastCall("Contribution", "contribute_2ndContributor_withPermit");
    }

    function test_Gas_Contribute9th() public {
        uint256 amount = ninth.minimumContribution();
        vm.prank(alice);
        ninth.contribute(amount, Terms.versionOf(address(ninth)));
        vm.snapshotGasLastCall("Contribution", "contribute_9thContributor");
    }

    function test_Gas_Finalize4() public {
        vm.prank(operator);
        four.finalize();
        vm.snapshotGasLastCall("Contribution", "finalize_4Contributors");
        assertEq(uint8(four.status()), uint8(IContributionContract.Status.Finalized));
    }

    /// @dev Reference for the registry's share of `finalize_4Contributors`.
    function test_Gas_RegistryRegisterNode4Direct() public {
        vm.prank(operator);
        staking.registerNode(k3, e3, p3, 500, direct);
        vm.snapshotGasLastCall("Contribution", "reference_registryRegisterNode_4Contributors");
    }

    function test_Gas_Finalize10() public {
        vm.prank(operator);
        ten.finalize();
        vm.snapshotGasLastCall("Contribution", "finalize_10Contributors");
        assertEq(uint8(ten.status()), uint8(IContributionContract.Status.Finalized));
    }
}
