// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionToken} from "../interfaces/ISessionToken.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title SessionToken
/// @notice The SESH token. Not upgradeable on purpose: the supply cap is a property holders must be
/// able to rely on without trusting any key.
contract SessionToken is ISessionToken, ERC20, ERC20Permit, ERC20Burnable {
    /// @inheritdoc ISessionToken
    uint256 public constant MAX_SUPPLY = 240_000_000 * 10 ** 9;

    /// @inheritdoc ISessionToken
    address public immutable REMINTER_ADMIN;

    /// @inheritdoc ISessionToken
    address public reminter;
    /// @inheritdoc ISessionToken
    uint256 public totalBurnt;
    /// @inheritdoc ISessionToken
    uint256 public totalReminted;

    /// @param recipients Genesis allocation recipients.
    /// @param amounts Genesis allocation amounts, in atomic units; their sum is capped by `MAX_SUPPLY`.
    /// @param reminterAdmin Account allowed to fix the reminter once (the deployer).
    constructor(address[] memory recipients, uint256[] memory amounts, address reminterAdmin)
        ERC20("Session Token", "SESH")
        ERC20Permit("Session Token")
    {
        require(recipients.length == amounts.length, GenesisLengthMismatch(recipients.length, amounts.length));
        require(reminterAdmin != address(0), ZeroAddress());
        REMINTER_ADMIN = reminterAdmin;
        for (uint256 i; i < recipients.length; ++i) {
            require(recipients[i] != address(0), ZeroAddress());
            require(amounts[i] != 0, ZeroAmount());
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @notice SESH has 9 decimals, like the OXEN it replaces.
    function decimals() public pure override returns (uint8) {
        return 9;
    }

    /// @inheritdoc ISessionToken
    function remintable() public view returns (uint256) {
        return totalBurnt - totalReminted;
    }

    /// @inheritdoc ISessionToken
    function setReminter(address newReminter) external {
        require(msg.sender == REMINTER_ADMIN, NotReminterAdmin(msg.sender, REMINTER_ADMIN));
        require(reminter == address(0), ReminterAlreadySet(reminter));
        require(newReminter != address(0), ZeroAddress());
        reminter = newReminter;
        emit ReminterSet(newReminter);
    }

    /// @inheritdoc ISessionToken
    function remint(address to, uint256 amount) external {
        require(msg.sender == reminter && reminter != address(0), NotReminter(msg.sender, reminter));
        require(amount != 0, ZeroAmount());
        uint256 available = remintable();
        require(amount <= available, RemintExceedsBurnt(amount, available));
        totalReminted += amount;
        _mint(to, amount);
        emit Reminted(to, amount);
    }

    /// @dev Every supply change passes here: burns feed `totalBurnt`, and every mint, whatever its
    /// origin, is checked against the cap after the fact.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to == address(0)) {
            totalBurnt += value;
        } else if (from == address(0)) {
            require(totalSupply() <= MAX_SUPPLY, MaxSupplyExceeded(totalSupply(), MAX_SUPPLY));
        }
    }
}
