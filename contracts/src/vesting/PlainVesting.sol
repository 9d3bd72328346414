// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {VestingBase} from "./VestingBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title PlainVesting
/// @notice See {IVesting}: a vesting whose tokens stay here until released or revoked.
contract PlainVesting is VestingBase {
    /// @param token The SESH token.
    /// @param factory The only address that initializes clones.
    constructor(IERC20 token, address factory) VestingBase(token, factory) {}
}
