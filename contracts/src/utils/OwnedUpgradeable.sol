// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {
    Ownable2StepUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title OwnedUpgradeable
/// @notice Base of every upgradeable contract here: UUPS upgrades by the owner, Ownable2Step,
/// renounce disabled, and an implementation that can never be initialised directly.
abstract contract OwnedUpgradeable is
    IOwnedUpgradeable,
    Initializable,
    UUPSUpgradeable,
    Ownable2StepUpgradeable
{
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @dev Sets up ownership and the proxy base; call from the child's `initialize`.
    function __OwnedUpgradeable_init(address initialOwner) internal onlyInitializing {
        __Ownable_init(initialOwner);
    }

    /// @notice Disabled: always reverts with `RenounceDisabled`.
    function renounceOwnership() public view override onlyOwner {
        revert RenounceDisabled();
    }

    /// @dev Only the owner upgrades.
    function _authorizeUpgrade(address) internal override onlyOwner {}
}
