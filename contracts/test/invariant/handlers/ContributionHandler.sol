// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ContributionContract} from "../../../src/contribution/ContributionContract.sol";
import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {SessionToken} from "../../../src/token/SessionToken.sol";
import {Terms} from "../../utils/Terms.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random valid calls on one contribution contract: deposits (new and top-ups, operator
/// first), withdrawals after the delay, resets, refund claims, beneficiary changes, stray
/// transfers and rescues, finalization and time jumps; once registered, distributions and claims
/// from the registry, which reads the contributors from the contract. Keeps ghost totals and the
/// refund each actor is owed.
contract ContributionHandler is CommonBase, StdCheats, StdUtils {
    SessionToken internal immutable _token;
    IStakingRegistry internal immutable _registry;
    IStakingLens internal immutable _lens;
    ContributionContract public immutable cc;
    address public immutable operator;
    address[] public actors;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostRefundsClaimed;
    uint256 public ghostStray;
    uint256 public ghostRescued;
    uint256 public resets;
    uint256 public ghostRewardsClaimed;
    mapping(address actor => uint256 owed) public ghostOwed;

    constructor(SessionToken token_, ContributionContract cc_, IStakingLens lens_, address[] memory actors_) {
        _lens = lens_;
        _token = token_;
        _registry = cc_.REGISTRY();
        cc = cc_;
        operator = cc_.operator();
        actors = actors_;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function contribute(uint256 actorSeed, uint256 amountSeed) external {
        if (cc.status() == IContributionContract.Status.Finalized) return;
        address who =
            cc.status() == IContributionContract.Status.WaitingForOperator ? operator : _actor(actorSeed);
        uint256 maximum = cc.maximumContributionOf(who);
        uint256 minimum = cc.minimumContributionOf(who);
        if (minimum == 0) minimum = 1;
        if (maximum < minimum) return;
        // a quarter of the deposits take all that is left, so the contract fills and registers
        uint256 amount = amountSeed % 4 == 0 ? maximum : bound(amountSeed, minimum, maximum);
        _token.transfer(who, amount);
        vm.prank(who);
        _token.approve(address(cc), amount);
        vm.prank(who);
        cc.contribute(amount, Terms.versionOf(address(cc)));
        ghostDeposited += amount;
    }

    function withdraw(uint256 actorSeed) external {
        address who = _actor(actorSeed);
        uint256 amount = cc.contributionOf(who);
        if (amount == 0 || cc.status() == IContributionContract.Status.Finalized) return;
        skip(1 days);
        vm.prank(who);
        cc.withdraw();
        ghostWithdrawn += amount;
    }

    function reset() external {
        if (cc.status() == IContributionContract.Status.Finalized) return;
        IContributionContract.ContributorView[] memory list = cc.contributors();
        for (uint256 i; i < list.length; ++i) {
            ghostOwed[list[i].staker] += list[i].amount;
        }
        vm.prank(operator);
        cc.reset();
        ++resets;
    }

    function claimRefund(uint256 actorSeed) external {
        address who = actorSeed % 2 == 0 ? operator : _actor(actorSeed);
        uint256 owed = ghostOwed[who];
        if (owed == 0) return;
        uint256 before = _token.balanceOf(who);
        vm.prank(who);
        cc.claimRefund();
        require(_token.balanceOf(who) - before == owed, "refund not exact");
        ghostOwed[who] = 0;
        ghostRefundsClaimed += owed;
    }

    function setBeneficiary(uint256 actorSeed, address beneficiary) external {
        if (beneficiary == address(0) || cc.status() == IContributionContract.Status.Finalized) return;
        vm.prank(_actor(actorSeed));
        cc.updateBeneficiary(beneficiary);
    }

    function sendStray(uint256 amount) external {
        amount = bound(amount, 1, 1_000e9);
        _token.transfer(address(cc), amount);
        ghostStray += amount;
    }

    function rescue() external {
        if (ghostStray == ghostRescued) return;
        vm.prank(operator);
        cc.rescue(address(_token));
        ghostRescued = ghostStray;
    }

    function finalize() external {
        if (cc.status() != IContributionContract.Status.Filled) return;
        vm.prank(operator);
        cc.finalize();
    }

    function distribute() external {
        _registry.distributeRewards();
    }

    /// @dev A contributor of the registered node (or someone who is not: then the registry must
    /// refuse) claims its rewards from the registry.
    function claimRewards(uint256 actorSeed, bool asOperator) external {
        uint64 id = cc.nodeId();
        if (id == 0) return;
        address who = asOperator ? operator : _actor(actorSeed);
        if (cc.contributionOf(who) == 0) {
            vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, who));
            vm.prank(who);
            _registry.claimRewards(id, who);
            return;
        }
        uint256 due = _lens.position(id, who).claimable;
        if (due == 0) return;
        address receiver = cc.beneficiaryOf(who);
        uint256 before = _token.balanceOf(receiver);
        vm.prank(who);
        _registry.claimRewards(id, who);
        require(_token.balanceOf(receiver) - before == due, "claim paid the beneficiary what was due");
        ghostRewardsClaimed += due;
    }

    function warp(uint256 seconds_) external {
        skip(bound(seconds_, 0, 2 days));
    }
}
