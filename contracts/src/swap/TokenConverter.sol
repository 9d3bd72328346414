// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ITokenConverter} from "../interfaces/ITokenConverter.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title TokenConverter
/// @notice See {ITokenConverter}.
/// @dev Not upgradeable: the ratio is part of the promise to holders.
contract TokenConverter is ITokenConverter, Ownable2Step, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITokenConverter
    IERC20 public immutable LEGACY_TOKEN;
    /// @inheritdoc ITokenConverter
    IERC20 public immutable SESH;
    /// @inheritdoc ITokenConverter
    uint256 public immutable RATIO_NUMERATOR;
    /// @inheritdoc ITokenConverter
    uint256 public immutable RATIO_DENOMINATOR;

    /// @param legacyToken The wrapped legacy token.
    /// @param sesh The SESH token.
    /// @param numerator SESH atomic units per `denominator` legacy atomic units; non-zero.
    /// @param denominator Non-zero.
    /// @param owner_ May pause and withdraw the surplus.
    constructor(IERC20 legacyToken, IERC20 sesh, uint256 numerator, uint256 denominator, address owner_)
        Ownable(owner_)
    {
        require(address(legacyToken) != address(0) && address(sesh) != address(0), ZeroAddress());
        require(numerator != 0 && denominator != 0, InvalidRatio(numerator, denominator));
        LEGACY_TOKEN = legacyToken;
        SESH = sesh;
        RATIO_NUMERATOR = numerator;
        RATIO_DENOMINATOR = denominator;
    }

    /// @inheritdoc ITokenConverter
    function convert(uint256 amountIn, uint256 minOut)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 amountOut)
    {
        amountOut = quote(amountIn);
        require(amountOut != 0, ZeroOutput(amountIn));
        require(amountOut >= minOut, BelowMinimum(amountOut, minOut));
        uint256 balance = SESH.balanceOf(address(this));
        require(amountOut <= balance, InsufficientBalance(amountOut, balance));
        emit Converted(msg.sender, amountIn, amountOut);
        LEGACY_TOKEN.safeTransferFrom(msg.sender, address(this), amountIn);
        SESH.safeTransfer(msg.sender, amountOut);
    }

    /// @inheritdoc ITokenConverter
    function withdrawSurplus(address to, uint256 amount) external onlyOwner nonReentrant {
        require(to != address(0), ZeroAddress());
        uint256 available = withdrawable();
        require(amount <= available, WithdrawalTooLarge(amount, available));
        emit SurplusWithdrawn(to, amount);
        SESH.safeTransfer(to, amount);
    }

    /// @inheritdoc ITokenConverter
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc ITokenConverter
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc ITokenConverter
    /// @dev Rounded down, in the program's favour by less than one atomic SESH unit.
    function quote(uint256 amountIn) public view returns (uint256) {
        return Math.mulDiv(amountIn, RATIO_NUMERATOR, RATIO_DENOMINATOR);
    }

    /// @inheritdoc ITokenConverter
    /// @dev The legacy tokens outside the converter are its total supply minus what it holds; each
    /// would be paid `quote`, and the sum of the quotes of a split is at most the quote of the whole.
    function withdrawable() public view returns (uint256) {
        uint256 outstanding = LEGACY_TOKEN.totalSupply() - LEGACY_TOKEN.balanceOf(address(this));
        uint256 committed = quote(outstanding);
        uint256 balance = SESH.balanceOf(address(this));
        return balance > committed ? balance - committed : 0;
    }

    /// @dev Disabled: pausing and the surplus need an owner.
    function renounceOwnership() public pure override {
        revert OwnableUnauthorizedAccount(address(0));
    }
}
