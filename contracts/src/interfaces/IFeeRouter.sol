// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardPool} from "./IRewardPool.sol";
import {ISessionToken} from "./ISessionToken.sol";

/// @title Fee router
/// @notice Every network fee (Session Pro, Session Names, ...) ends here. The router burns the SESH
/// it holds and remints it at once: 90% is deposited into the staking reward pool, 10% goes to the
/// liquidity treasury. Total supply is the same before and after, the token's cap is never
/// touched, and the rounding remainder goes to the pool, so no atomic unit is lost.
///
/// Anyone may call `routeFees`: a payment contract transfers the fee to the router and calls it
/// in the same transaction; SESH sent to the router by anyone else is routed the same way, as a
/// donation to stakers. The router must be the token's (one-shot) reminter, which is why it is
/// upgradeable: the reminter address can never change, the code behind it can.
interface IFeeRouter {
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice `routeFees` was called while the router holds no SESH.
    error NothingToRoute();

    /// @notice `amount` SESH held by the router were burnt and reminted: `toPool` deposited into the
    /// reward pool, `toLiquidity` sent to the liquidity treasury (`toPool + toLiquidity == amount`).
    event FeesRouted(address indexed caller, uint256 amount, uint256 toPool, uint256 toLiquidity);
    /// @notice The reward pool receiving 90% changed.
    event RewardPoolUpdated(address indexed oldPool, address indexed newPool);
    /// @notice The liquidity treasury receiving 10% changed.
    event LiquidityTreasuryUpdated(address indexed oldTreasury, address indexed newTreasury);

    /// @notice Share of every fee sent to the liquidity treasury, in basis points: 1000 = 10%. The
    /// pool gets the rest (90% plus the rounding remainder).
    function LIQUIDITY_BPS() external view returns (uint256);

    /// @notice The SESH token; the router is its reminter.
    function token() external view returns (ISessionToken);

    /// @notice The staking reward pool receiving 90% of fees.
    function rewardPool() external view returns (IRewardPool);

    /// @notice The liquidity treasury receiving 10% of fees.
    function liquidityTreasury() external view returns (address);

    /// @notice How a fee of `amount` is split.
    /// @dev `toLiquidity = floor(amount * 1000 / 10_000)` rounds down; `toPool = amount - toLiquidity`
    /// takes the remainder, so the pool is favoured and the two always sum to `amount`.
    /// @param amount Atomic SESH units.
    /// @return toPool Atomic units for the reward pool.
    /// @return toLiquidity Atomic units for the liquidity treasury.
    function splitFee(uint256 amount) external pure returns (uint256 toPool, uint256 toLiquidity);

    /// @notice Burns every SESH the router holds, remints the same amount, deposits the pool's share
    /// into the reward pool (so it accrues from this second) and sends the rest to the treasury.
    /// Anyone may call it.
    /// @return amount Atomic SESH units routed.
    function routeFees() external returns (uint256 amount);

    /// @notice Changes the reward pool (owner only). The router's allowance moves to the new pool.
    /// @param newPool The new reward pool.
    function setRewardPool(IRewardPool newPool) external;

    /// @notice Changes the liquidity treasury (owner only).
    /// @param newTreasury The new liquidity treasury.
    function setLiquidityTreasury(address newTreasury) external;
}
