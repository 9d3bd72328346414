// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {ContributionFactory} from "../../../src/contribution/ContributionFactory.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {Terms} from "../../utils/Terms.sol";
import {StakingRegistryBase} from "../StakingRegistry/StakingRegistryBase.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";

/// @notice Shared base of the contribution tests: the staking registry from
/// {StakingRegistryBase}, a factory owned by governance, an operator with forge-made keys whose
/// proof of possession binds the operator, and helpers to deposit.
abstract contract ContributionBase is StakingRegistryBase {
    ContributionFactory internal factory;
    ContributionContract internal cc;
    address internal operator;

    bytes internal blsKey;
    bytes32 internal edKey;
    bytes internal pop;

    function setUp() public virtual override {
        super.setUp();
        operator = makeAddr("operator");
        factory = new ContributionFactory(address(token), IStakingRegistry(address(staking)), governance);
        vm.label(address(factory), "ContributionFactory");
        vm.prank(governance);
        staking.setContributionFactory(address(factory));
        (blsKey, edKey, pop) = _keysFor(operator, 7_000);
        cc = _create(0, false);
    }

    function _keysFor(address op, uint256 seed)
        internal
        view
        returns (bytes memory k, bytes32 e, bytes memory p)
    {
        uint256 sk = BLSTestSigner.secretKey(seed);
        k = BLSTestSigner.publicKey(sk);
        e = _ed25519(seed);
        p = _pop(sk, op, e);
    }

    function _noReservations() internal pure returns (IContributionContract.Reservation[] memory) {
        return new IContributionContract.Reservation[](0);
    }

    function _create(uint16 fee, bool auto_) internal returns (ContributionContract) {
        return _createWith(fee, auto_, _noReservations());
    }

    function _createWith(uint16 fee, bool auto_, IContributionContract.Reservation[] memory r)
        internal
        returns (ContributionContract c)
    {
        vm.prank(operator);
        c = ContributionContract(factory.create(blsKey, edKey, pop, fee, auto_, r));
    }

    function _deposit(ContributionContract c, address who, uint256 amount) internal {
        _fund(who, amount);
        vm.prank(who);
        token.approve(address(c), amount);
        vm.prank(who);
        c.contribute(amount, Terms.versionOf(address(c)));
    }

    function _contributor(uint256 i) internal pure returns (address) {
        return address(uint160(0xC0000 + i));
    }

    /// @dev Operator a quarter, then `n - 1` contributors splitting the rest equally (the last
    /// takes the rounding).
    function _fill(ContributionContract c, uint256 n) internal {
        _deposit(c, operator, QUARTER);
        uint256 rest = REQUIREMENT - QUARTER;
        for (uint256 i = 1; i < n; ++i) {
            uint256 amount = i == n - 1 ? REQUIREMENT - c.contributed() : _ceil(rest, n - 1);
            _deposit(c, _contributor(i), amount);
        }
    }

    function _expectWrongStatus(IContributionContract.Status status) internal {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.WrongStatus.selector, status));
    }

    function _ceil(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
