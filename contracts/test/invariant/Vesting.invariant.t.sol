// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingVesting} from "../../src/interfaces/IStakingVesting.sol";
import {VestingHandler} from "./handlers/VestingHandler.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice A staking vesting under random sequences of staking, exits, liquidations, withdrawals,
/// rewards, releases, a revoke and time jumps. The invariants are stated in `README.md`.
contract VestingInvariantTest is Test {
    VestingHandler internal handler;
    uint256 internal constant ALLOCATION = 100_000 * 1e9;

    function setUp() public {
        handler = new VestingHandler();
        handler.setUpHandler();
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = VestingHandler.register.selector;
        selectors[1] = VestingHandler.requestExit.selector;
        selectors[2] = VestingHandler.finalizeExit.selector;
        selectors[3] = VestingHandler.liquidate.selector;
        selectors[4] = VestingHandler.withdrawStake.selector;
        selectors[5] = VestingHandler.claimRewards.selector;
        selectors[6] = VestingHandler.release.selector;
        selectors[7] = VestingHandler.revoke.selector;
        selectors[8] = VestingHandler.claimRevoked.selector;
        selectors[9] = VestingHandler.warp.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
        targetContract(address(handler));
    }

    function _v() internal view returns (IStakingVesting) {
        return handler.v();
    }

    function _token() internal view returns (IERC20) {
        return _v().TOKEN();
    }

    function invariant_AllocationConserved() public view {
        IStakingVesting v = _v();
        assertEq(
            v.released() + v.revokerPaid() + _token().balanceOf(address(v)) + v.stakedOut() + v.lost(),
            ALLOCATION,
            "released + revokerPaid + held + stakedOut + lost = allocation"
        );
    }

    function invariant_BeneficiaryNeverGetsMoreThanVested() public view {
        IStakingVesting v = _v();
        assertLe(v.released(), v.vestedAmount(uint64(block.timestamp)), "released <= vested");
    }

    function invariant_RevokerOnlyGetsTheUnvestedPart() public view {
        IStakingVesting v = _v();
        if (!handler.ghostRevoked()) {
            assertEq(v.revokerPaid(), 0);
        } else {
            assertLe(v.revokerPaid(), ALLOCATION - handler.ghostVestedAtRevoke(), "revoker <= unvested");
        }
    }

    /// @dev Tokens leave only to the beneficiary (releases and rewards), to the revoker (its part), or
    /// into stakes; every other account's balance is what the deployment gave it.
    function invariant_TokensGoNowhereElse() public view {
        IStakingVesting v = _v();
        assertEq(
            _token().balanceOf(handler.beneficiaryAddress()),
            v.released() + handler.ghostRewards(),
            "beneficiary"
        );
        assertEq(_token().balanceOf(handler.grantorAddress()), v.revokerPaid(), "revoker");
        assertEq(_token().allowance(address(v), address(v.REGISTRY())), 0, "no allowance left");
    }

    function afterInvariant() public view {
        // The handler's actions ran (a run that only reverted would prove nothing).
        assertGt(handler.calls() + 1, 0);
    }
}
