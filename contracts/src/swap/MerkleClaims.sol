// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IMerkleClaims} from "../interfaces/IMerkleClaims.sol";
import {IVesting} from "../interfaces/IVesting.sol";
import {IVestingFactory} from "../interfaces/IVestingFactory.sol";
import {VestingSchedule} from "../vesting/VestingSchedule.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title MerkleClaims
/// @notice See {IMerkleClaims}.
/// @dev Not upgradeable, every parameter immutable: root, deadline, sweep recipient and vesting
/// schedule cannot change under the claimants. One slot per claimed leaf (keyed by the leaf, so the
/// same account may hold two leaves), one for the running total.
contract MerkleClaims is IMerkleClaims, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IMerkleClaims
    IERC20 public immutable TOKEN;
    /// @inheritdoc IMerkleClaims
    bytes32 public immutable MERKLE_ROOT;
    /// @inheritdoc IMerkleClaims
    uint64 public immutable DEADLINE;
    /// @inheritdoc IMerkleClaims
    address public immutable SWEEP_RECIPIENT;
    /// @inheritdoc IMerkleClaims
    IVestingFactory public immutable VESTING_FACTORY;
    uint64 private immutable _START;
    uint64 private immutable _CLIFF;
    uint64 private immutable _END;
    uint16 private immutable _CLIFF_SHARE_BPS;

    mapping(bytes32 leaf => bool claimed) private _claimed;
    /// @inheritdoc IMerkleClaims
    uint256 public totalClaimed;

    /// @param token The SESH token.
    /// @param root The Merkle root of the list (leaf encoding in {IMerkleClaims}).
    /// @param deadline The last second claims are accepted; in the future.
    /// @param sweepRecipient Receives what is left after the deadline.
    /// @param owner_ May sweep after the deadline.
    /// @param vestingFactory Zero: claims are paid directly; else claims vest on `schedule`.
    /// @param schedule The claims' vesting schedule (ignored without a factory).
    constructor(
        IERC20 token,
        bytes32 root,
        uint64 deadline,
        address sweepRecipient,
        address owner_,
        IVestingFactory vestingFactory,
        IVesting.Schedule memory schedule
    ) Ownable(owner_) {
        require(address(token) != address(0) && sweepRecipient != address(0) && root != 0, ZeroAddress());
        require(deadline > block.timestamp, DeadlineInPast(deadline));
        if (address(vestingFactory) != address(0)) {
            VestingSchedule.validate(schedule);
            (_START, _CLIFF, _END, _CLIFF_SHARE_BPS) =
            (schedule.start, schedule.cliff, schedule.end, schedule.cliffShareBps);
        }
        TOKEN = token;
        MERKLE_ROOT = root;
        DEADLINE = deadline;
        SWEEP_RECIPIENT = sweepRecipient;
        VESTING_FACTORY = vestingFactory;
    }

    /// @inheritdoc IMerkleClaims
    function claim(address account, uint256 amount, bytes32[] calldata proof)
        external
        nonReentrant
        returns (address vesting)
    {
        require(block.timestamp <= DEADLINE, ClaimWindowClosed(DEADLINE));
        bytes32 leaf = leafOf(account, amount);
        require(!_claimed[leaf], AlreadyClaimed(account, amount));
        require(MerkleProof.verifyCalldata(proof, MERKLE_ROOT, leaf), InvalidProof(account, amount));
        uint256 balance = TOKEN.balanceOf(address(this));
        require(amount <= balance, InsufficientFunds(amount, balance));
        _claimed[leaf] = true;
        totalClaimed += amount;
        // A leaf of 0 is proven and recorded like any other; it pays nothing (a vesting needs an
        // allocation).
        if (address(VESTING_FACTORY) != address(0) && block.timestamp < _END && amount != 0) {
            TOKEN.forceApprove(address(VESTING_FACTORY), amount);
            // The leaf is the salt: one vesting per leaf, at an address known in advance.
            vesting = VESTING_FACTORY.create(
                IVestingFactory.Kind.Plain, account, address(0), amount, vestingSchedule(), leaf
            );
            emit Claimed(account, amount, vesting);
        } else {
            emit Claimed(account, amount, address(0));
            TOKEN.safeTransfer(account, amount);
        }
    }

    /// @inheritdoc IMerkleClaims
    function sweep() external onlyOwner nonReentrant returns (uint256 amount) {
        require(block.timestamp > DEADLINE, ClaimWindowOpen(DEADLINE));
        amount = TOKEN.balanceOf(address(this));
        require(amount != 0, NothingToSweep());
        emit Swept(SWEEP_RECIPIENT, amount);
        TOKEN.safeTransfer(SWEEP_RECIPIENT, amount);
    }

    /// @inheritdoc IMerkleClaims
    function isClaimed(address account, uint256 amount) external view returns (bool) {
        return _claimed[leafOf(account, amount)];
    }

    /// @inheritdoc IMerkleClaims
    function claimedLeaf(bytes32 leaf) external view returns (bool) {
        return _claimed[leaf];
    }

    /// @inheritdoc IMerkleClaims
    function leafOf(address account, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }

    /// @inheritdoc IMerkleClaims
    function vestingSchedule() public view returns (IVesting.Schedule memory) {
        return IVesting.Schedule(_START, _CLIFF, _END, _CLIFF_SHARE_BPS);
    }

    /// @dev Disabled: the sweep needs an owner.
    function renounceOwnership() public pure override {
        revert OwnableUnauthorizedAccount(address(0));
    }
}
