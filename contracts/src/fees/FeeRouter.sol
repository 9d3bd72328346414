// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeeRouter} from "../interfaces/IFeeRouter.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";
import {ISessionToken} from "../interfaces/ISessionToken.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title FeeRouter
/// @notice See {IFeeRouter}.
/// @dev Remint path: the whole fee is reminted to the router, which then `deposit`s the pool's share
/// and transfers the treasury's share. Reminting straight to the pool would leave the 90% outside
/// the pool's accruing balance until someone next calls `release` (the pool never backdates tokens
/// that arrive without `deposit`), so stakers' rewards would rise late and by an amount depending
/// on who calls `release` when. `deposit` pays the accrual due at the old balance first and makes
/// the fee accrue from this very second, at the cost of one payout per fee.
contract FeeRouter is IFeeRouter, OwnedUpgradeable {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFeeRouter
    uint256 public constant LIQUIDITY_BPS = 1000;
    /// @dev 10_000 = 100%.
    uint256 private constant BPS = 10_000;
    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;

    /// @custom:storage-location erc7201:session.storage.FeeRouter
    struct FeeRouterStorage {
        ISessionToken token;
        IRewardPool rewardPool;
        address liquidityTreasury;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.FeeRouter")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xd847be6cddb09939d7128d112766442f95ab331f51115ad50b8c1ffaf8770b00;

    function _storage() private pure returns (FeeRouterStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @notice Sets token, pool, treasury and owner behind the proxy, and lets the pool pull fees.
    /// The token's `REMINTER_ADMIN` must then make this proxy the reminter.
    /// @param token_ The SESH token.
    /// @param rewardPool_ The staking reward pool.
    /// @param liquidityTreasury_ The liquidity treasury.
    /// @param owner_ The governance account.
    function initialize(
        ISessionToken token_,
        IRewardPool rewardPool_,
        address liquidityTreasury_,
        address owner_
    ) external initializer {
        require(
            address(token_) != address(0) && address(rewardPool_) != address(0)
                && liquidityTreasury_ != address(0) && owner_ != address(0),
            ZeroAddress()
        );
        __OwnedUpgradeable_init(owner_);
        FeeRouterStorage storage $ = _storage();
        $.token = token_;
        $.rewardPool = rewardPool_;
        $.liquidityTreasury = liquidityTreasury_;
        IERC20(address(token_)).forceApprove(address(rewardPool_), type(uint256).max);
        emit RewardPoolUpdated(address(0), address(rewardPool_));
        emit LiquidityTreasuryUpdated(address(0), liquidityTreasury_);
    }

    /// @inheritdoc IFeeRouter
    function token() external view returns (ISessionToken) {
        return _storage().token;
    }

    /// @inheritdoc IFeeRouter
    function rewardPool() external view returns (IRewardPool) {
        return _storage().rewardPool;
    }

    /// @inheritdoc IFeeRouter
    function liquidityTreasury() external view returns (address) {
        return _storage().liquidityTreasury;
    }

    /// @inheritdoc IFeeRouter
    function splitFee(uint256 amount) public pure returns (uint256 toPool, uint256 toLiquidity) {
        // amount <= the token's cap (2.4e17), so amount * 1000 cannot overflow; toLiquidity <= amount.
        toLiquidity = amount * LIQUIDITY_BPS / BPS;
        unchecked {
            toPool = amount - toLiquidity;
        }
    }

    /// @inheritdoc IFeeRouter
    function routeFees() external returns (uint256 amount) {
        FeeRouterStorage storage $ = _storage();
        ISessionToken token_ = $.token;
        amount = token_.balanceOf(address(this));
        require(amount != 0, NothingToRoute());
        (uint256 toPool, uint256 toLiquidity) = splitFee(amount);

        // Burn then remint the same amount: supply is unchanged, and the remint can never exceed
        // what was just burnt, so the cap holds whatever else has happened to the supply.
        ERC20Burnable(address(token_)).burn(amount);
        token_.remint(address(this), amount);

        // toPool >= 1 whenever amount >= 1 (it takes at least 90%), so deposit never sees zero.
        $.rewardPool.deposit(toPool);
        if (toLiquidity != 0) IERC20(address(token_)).safeTransfer($.liquidityTreasury, toLiquidity);
        emit FeesRouted(msg.sender, amount, toPool, toLiquidity);
    }

    /// @inheritdoc IFeeRouter
    function setRewardPool(IRewardPool newPool) external onlyOwner {
        require(address(newPool) != address(0), ZeroAddress());
        FeeRouterStorage storage $ = _storage();
        IRewardPool old = $.rewardPool;
        IERC20 token_ = IERC20(address($.token));
        token_.forceApprove(address(old), 0);
        token_.forceApprove(address(newPool), type(uint256).max);
        $.rewardPool = newPool;
        emit RewardPoolUpdated(address(old), address(newPool));
    }

    /// @inheritdoc IFeeRouter
    function setLiquidityTreasury(address newTreasury) external onlyOwner {
        require(newTreasury != address(0), ZeroAddress());
        FeeRouterStorage storage $ = _storage();
        address old = $.liquidityTreasury;
        $.liquidityTreasury = newTreasury;
        emit LiquidityTreasuryUpdated(old, newTreasury);
    }
}
