// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "./IVesting.sol";
import {IVestingFactory} from "./IVestingFactory.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Merkle distributor of the Token Swap Program's claims
/// @notice Pays the Service Node Bonus and the Oxen Coin Claims: each entry of a list (account,
/// amount) is a leaf of a Merkle tree whose root is fixed at deployment, and each leaf is paid once,
/// to its account, until the claim deadline; after it the owner sweeps what is left to a recipient
/// fixed at deployment. Funded with SESH from the program's allocation; a claim is paid from the
/// balance, so the sum claimed never exceeds the funding.
///
/// Leaf encoding (OpenZeppelin `StandardMerkleTree` with leaf types `["address", "uint256"]`):
/// `leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))))`, pairs hashed sorted
/// (OpenZeppelin `MerkleProof`). A list with an account twice gives two leaves, each paid once.
///
/// Optionally (a vesting factory configured) a claim creates a plain, irrevocable vesting for the
/// account on the schedule fixed at deployment (the same calendar for every claimant) and funds it
/// with the amount, instead of paying the account; a claim after the schedule's end pays directly.
///
/// Anyone may submit a claim for an account: the tokens only ever go to that account (or its
/// vesting, whose beneficiary it is), so a relayer can pay the gas but never redirect the funds.
interface IMerkleClaims {
    /// @notice The proof does not prove the leaf (`account`, `amount`) against the root.
    error InvalidProof(address account, uint256 amount);
    /// @notice The leaf (`account`, `amount`) was already claimed.
    error AlreadyClaimed(address account, uint256 amount);
    /// @notice Claims closed at `deadline`.
    error ClaimWindowClosed(uint64 deadline);
    /// @notice The sweep opens after `deadline`.
    error ClaimWindowOpen(uint64 deadline);
    /// @notice The distributor holds `balance`, less than the `amount` claimed.
    error InsufficientFunds(uint256 amount, uint256 balance);
    /// @notice Nothing left to sweep.
    error NothingToSweep();
    /// @notice A zero address or root was given.
    error ZeroAddress();
    /// @notice The deadline `deadline` is not in the future.
    error DeadlineInPast(uint64 deadline);

    /// @notice The leaf (`account`, `amount`) was claimed: paid to `account`, or to `vesting` when not
    /// zero.
    event Claimed(address indexed account, uint256 amount, address indexed vesting);
    /// @notice After the deadline, `amount` went to `recipient`.
    event Swept(address indexed recipient, uint256 amount);

    /// @notice Pays the leaf (`account`, `amount`) to `account` (or into a new vesting for it), once.
    /// Anyone may call it; until the deadline (inclusive).
    /// @param account The leaf's account.
    /// @param amount The leaf's amount, atomic SESH units.
    /// @param proof Sibling hashes from the leaf to the root.
    /// @return vesting The vesting created for the account, or zero if paid directly.
    function claim(address account, uint256 amount, bytes32[] calldata proof)
        external
        returns (address vesting);

    /// @notice Owner only, after the deadline: sends the whole balance to {SWEEP_RECIPIENT}.
    /// @return amount Atomic SESH units swept.
    function sweep() external returns (uint256 amount);

    /// @notice Whether the leaf (`account`, `amount`) was claimed.
    function isClaimed(address account, uint256 amount) external view returns (bool);
    /// @notice Whether `leaf` was claimed.
    function claimedLeaf(bytes32 leaf) external view returns (bool);
    /// @notice The leaf of (`account`, `amount`): `keccak256(bytes.concat(keccak256(abi.encode(account,
    /// amount))))`.
    function leafOf(address account, uint256 amount) external pure returns (bytes32);
    /// @notice The sum of every claim so far.
    function totalClaimed() external view returns (uint256);
    /// @notice The Merkle root.
    function MERKLE_ROOT() external view returns (bytes32);
    /// @notice The SESH token.
    function TOKEN() external view returns (IERC20);
    /// @notice The last second claims are accepted.
    function DEADLINE() external view returns (uint64);
    /// @notice Where {sweep} sends what is left.
    function SWEEP_RECIPIENT() external view returns (address);
    /// @notice The vesting factory of claims that vest (zero: claims are paid directly).
    function VESTING_FACTORY() external view returns (IVestingFactory);
    /// @notice The schedule of claims that vest (zeros when they do not).
    function vestingSchedule() external view returns (IVesting.Schedule memory);
}
