// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionFactory} from "../../../src/interfaces/IContributionFactory.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {IStakingVesting} from "../../../src/interfaces/IStakingVesting.sol";
import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {IVestingFactory} from "../../../src/interfaces/IVestingFactory.sol";
import {VestingFactory} from "../../../src/vesting/VestingFactory.sol";
import {ContributionBase} from "../ContributionContract/ContributionBase.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared base of the vesting tests: the staking system and contribution factory from
/// {ContributionBase}, a vesting factory owned by governance, a grantor (who funds and may revoke)
/// and a beneficiary; helpers to create vestings and register nodes operated by a vesting.
abstract contract VestingTestBase is ContributionBase {
    VestingFactory internal vestingFactory;
    address internal grantor;
    address internal beneficiary;

    uint256 internal constant ALLOCATION = 100_000 * SESH;
    uint64 internal T0;

    function setUp() public virtual override {
        super.setUp();
        grantor = makeAddr("grantor");
        beneficiary = makeAddr("beneficiary");
        vestingFactory = new VestingFactory(
            IERC20(address(token)),
            IStakingRegistry(address(staking)),
            IContributionFactory(address(factory)),
            governance
        );
        vm.label(address(vestingFactory), "VestingFactory");
        T0 = uint64(block.timestamp);
    }

    /// @dev One year to the cliff, four to the end, `bps` at the cliff.
    function _schedule(uint16 bps) internal view returns (IVesting.Schedule memory) {
        return IVesting.Schedule(T0, T0 + 365 days, T0 + 4 * 365 days, bps);
    }

    function _create(IVestingFactory.Kind kind, address revoker_, uint256 amount, IVesting.Schedule memory s)
        internal
        returns (address v)
    {
        _fund(grantor, amount);
        vm.startPrank(grantor);
        token.approve(address(vestingFactory), amount);
        v = vestingFactory.create(
            kind, beneficiary, revoker_, amount, s, keccak256(abi.encode(s, amount, revoker_))
        );
        vm.stopPrank();
    }

    function _plain(address revoker_, uint16 bps) internal returns (IVesting) {
        return IVesting(_create(IVestingFactory.Kind.Plain, revoker_, ALLOCATION, _schedule(bps)));
    }

    function _staking(address revoker_) internal returns (IStakingVesting) {
        return IStakingVesting(_create(IVestingFactory.Kind.Staking, revoker_, ALLOCATION, _schedule(0)));
    }

    /// @dev Registers a solo node operated by `v` (as its beneficiary) with a fresh key whose proof of
    /// possession binds `v`, recording the key for network signatures.
    function _registerThrough(IStakingVesting v) internal returns (uint64 nodeId) {
        uint256 seed = ++seedCounter + 50_000;
        uint256 sk = BLSTestSigner.secretKey(seed);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes32 ed = _ed25519(seed);
        bytes memory pop_ = _pop(sk, address(v), ed);
        address who = v.beneficiary();
        vm.prank(who);
        nodeId = v.registerNode(key, ed, pop_);
        skOf[nodeId] = sk;
        keyOf[nodeId] = key;
    }

    /// @dev Independent reference of the schedule, written from the spec's words (not the library).
    function _reference(uint256 total, IVesting.Schedule memory s, uint256 t)
        internal
        pure
        returns (uint256)
    {
        if (t < s.cliff) return 0;
        if (t >= s.end) return total;
        uint256 cliffPart = (total * s.cliffShareBps) / 10_000;
        uint256 linearPart = total - cliffPart;
        uint256 elapsed = t - s.cliff;
        uint256 span = s.end - s.cliff;
        return cliffPart + (linearPart * elapsed) / span;
    }
}
