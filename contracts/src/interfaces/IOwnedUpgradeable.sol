// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Common surface of the system's upgradeable contracts
/// @notice UUPS behind an ERC-1967 proxy, ERC-7201 storage, two-step ownership without renounce.
interface IOwnedUpgradeable {
    /// @notice Ownership cannot be renounced: an ownerless system could never be upgraded or paused.
    error RenounceDisabled();

    /// @notice The implementation version, bumped on every upgrade.
    function VERSION() external view returns (uint64);
}
