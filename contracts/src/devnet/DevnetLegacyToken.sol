// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DevnetLegacyToken
/// @notice DEVNET ONLY. "Wrapped OXEN" (wOXEN, 9 decimals like OXEN) that anyone may mint, so a
/// local chain can exercise the {TokenConverter}. A real deployment names the real wrapped token.
contract DevnetLegacyToken is ERC20 {
    constructor() ERC20("Wrapped OXEN", "wOXEN") {}

    /// @notice Anyone: mints `amount` to `to` (a faucet; devnet only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice 9, as OXEN.
    function decimals() public pure override returns (uint8) {
        return 9;
    }
}
