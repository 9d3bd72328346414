// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ILiquidityTreasury} from "../interfaces/ILiquidityTreasury.sol";
import {IOwnedUpgradeable} from "../interfaces/IOwnedUpgradeable.sol";
import {IUniswapV2Router02} from "../interfaces/IUniswapV2Router02.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title LiquidityTreasury
/// @notice See {ILiquidityTreasury}.
contract LiquidityTreasury is ILiquidityTreasury, OwnedUpgradeable {
    using SafeERC20 for IERC20;

    /// @inheritdoc IOwnedUpgradeable
    uint64 public constant VERSION = 1;

    /// @custom:storage-location erc7201:session.storage.LiquidityTreasury
    struct LiquidityTreasuryStorage {
        IERC20 token;
        IUniswapV2Router02 router;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.LiquidityTreasury")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xbd64a14f1b3f79b9f30d254c78c40e87648b1b779e8cc21ab2526888d224b000;

    function _storage() private pure returns (LiquidityTreasuryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @notice Sets token, router and owner behind the proxy.
    /// @param token_ The SESH token.
    /// @param router_ The Uniswap-v2-style router.
    /// @param owner_ The governance account.
    function initialize(IERC20 token_, IUniswapV2Router02 router_, address owner_) external initializer {
        require(address(token_) != address(0) && address(router_) != address(0), ZeroAddress());
        __OwnedUpgradeable_init(owner_);
        LiquidityTreasuryStorage storage $ = _storage();
        $.token = token_;
        $.router = router_;
        emit RouterUpdated(address(0), address(router_));
    }

    /// @notice Accepts ETH (to pair with SESH, and the router's refunds).
    receive() external payable {
        emit EthReceived(msg.sender, msg.value);
    }

    /// @inheritdoc ILiquidityTreasury
    function token() external view returns (IERC20) {
        return _storage().token;
    }

    /// @inheritdoc ILiquidityTreasury
    function router() external view returns (IUniswapV2Router02) {
        return _storage().router;
    }

    /// @inheritdoc ILiquidityTreasury
    function addLiquidityETH(
        uint256 seshAmount,
        uint256 ethAmount,
        uint256 seshMin,
        uint256 ethMin,
        uint256 deadline
    ) external onlyOwner returns (uint256 seshUsed, uint256 ethUsed, uint256 liquidity) {
        require(seshAmount != 0 && ethAmount != 0, ZeroAmount());
        LiquidityTreasuryStorage storage $ = _storage();
        IUniswapV2Router02 router_ = $.router;
        IERC20 sesh = $.token;
        sesh.forceApprove(address(router_), seshAmount);
        (seshUsed, ethUsed, liquidity) = router_.addLiquidityETH{value: ethAmount}(
            address(sesh), seshAmount, seshMin, ethMin, address(this), deadline
        );
        sesh.forceApprove(address(router_), 0);
        emit LiquidityAdded(router_.WETH(), seshUsed, ethUsed, liquidity);
    }

    /// @inheritdoc ILiquidityTreasury
    function addLiquidity(
        IERC20 otherToken,
        uint256 seshAmount,
        uint256 otherAmount,
        uint256 seshMin,
        uint256 otherMin,
        uint256 deadline
    ) external onlyOwner returns (uint256 seshUsed, uint256 otherUsed, uint256 liquidity) {
        require(address(otherToken) != address(0), ZeroAddress());
        require(seshAmount != 0 && otherAmount != 0, ZeroAmount());
        LiquidityTreasuryStorage storage $ = _storage();
        IERC20 sesh = $.token;
        require(address(otherToken) != address(sesh), PairWithSelf());
        IUniswapV2Router02 router_ = $.router;
        sesh.forceApprove(address(router_), seshAmount);
        otherToken.forceApprove(address(router_), otherAmount);
        (seshUsed, otherUsed, liquidity) = router_.addLiquidity(
            address(sesh),
            address(otherToken),
            seshAmount,
            otherAmount,
            seshMin,
            otherMin,
            address(this),
            deadline
        );
        sesh.forceApprove(address(router_), 0);
        otherToken.forceApprove(address(router_), 0);
        emit LiquidityAdded(address(otherToken), seshUsed, otherUsed, liquidity);
    }

    /// @inheritdoc ILiquidityTreasury
    function setRouter(IUniswapV2Router02 newRouter) external onlyOwner {
        require(address(newRouter) != address(0), ZeroAddress());
        LiquidityTreasuryStorage storage $ = _storage();
        address old = address($.router);
        $.router = newRouter;
        emit RouterUpdated(old, address(newRouter));
    }

    /// @inheritdoc ILiquidityTreasury
    function rescue(IERC20 asset, address to, uint256 amount) external onlyOwner {
        require(to != address(0), ZeroAddress());
        require(amount != 0, ZeroAmount());
        asset.safeTransfer(to, amount);
        emit Rescued(address(asset), to, amount);
    }

    /// @inheritdoc ILiquidityTreasury
    function rescueETH(address payable to, uint256 amount) external onlyOwner {
        require(to != address(0), ZeroAddress());
        require(amount != 0, ZeroAmount());
        (bool ok,) = to.call{value: amount}("");
        require(ok, EthTransferFailed(to, amount));
        emit Rescued(address(0), to, amount);
    }
}
