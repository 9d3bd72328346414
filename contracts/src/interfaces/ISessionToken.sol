// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Session Token (SESH)
/// @notice ERC-20 with 9 decimals, ERC-2612 permit and burning. Its supply can never exceed
/// `MAX_SUPPLY`: the genesis mint is checked against it, and the only later mint is the fee
/// *remint*, which may re-create at most what has been burnt. There is no owner and no other
/// minting right.
interface ISessionToken is IERC20 {
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice The genesis recipient and amount lists differ in length.
    error GenesisLengthMismatch(uint256 recipients, uint256 amounts);
    /// @notice A mint would take the total supply above `MAX_SUPPLY`.
    error MaxSupplyExceeded(uint256 supplyAfter, uint256 maxSupply);
    /// @notice `remint` was called by an account other than the reminter.
    error NotReminter(address caller, address reminter);
    /// @notice `setReminter` was called by an account other than the reminter admin.
    error NotReminterAdmin(address caller, address admin);
    /// @notice The reminter can be set only once.
    error ReminterAlreadySet(address reminter);
    /// @notice A remint asked for more than has been burnt and not yet reminted.
    error RemintExceedsBurnt(uint256 amount, uint256 remintable);
    /// @notice An amount of zero was given.
    error ZeroAmount();

    /// @notice The reminter (the fee router) was fixed for good.
    event ReminterSet(address indexed reminter);
    /// @notice `amount` burnt SESH were re-created for `to`.
    event Reminted(address indexed to, uint256 amount);

    /// @notice The hard cap on total supply: 240,000,000 SESH (9 decimals).
    function MAX_SUPPLY() external view returns (uint256);

    /// @notice Sum of every burn since genesis, in atomic units.
    function totalBurnt() external view returns (uint256);

    /// @notice Sum of every remint since genesis, in atomic units.
    function totalReminted() external view returns (uint256);

    /// @notice What the reminter may still re-create: `totalBurnt - totalReminted`.
    function remintable() external view returns (uint256);

    /// @notice The only account allowed to remint, or zero before it is set.
    function reminter() external view returns (address);

    /// @notice The account that may set the reminter, once.
    function REMINTER_ADMIN() external view returns (address);

    /// @notice Fixes the reminter for good. Callable once, by `REMINTER_ADMIN`.
    /// @param newReminter The fee router that will re-create burnt fees.
    function setReminter(address newReminter) external;

    /// @notice Re-creates `amount` previously burnt SESH for `to`.
    /// @dev Bounded by `remintable()`, so supply never exceeds what genesis created.
    /// @param to Recipient of the new tokens.
    /// @param amount Atomic units to mint.
    function remint(address to, uint256 amount) external;
}
