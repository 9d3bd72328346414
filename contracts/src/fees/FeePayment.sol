// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IFeePayment} from "../interfaces/IFeePayment.sol";
import {IFeeRouter} from "../interfaces/IFeeRouter.sol";
import {OwnedUpgradeable} from "../utils/OwnedUpgradeable.sol";
import {UsdPricing} from "./UsdPricing.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title FeePayment
/// @notice Base of the contracts that charge a USD fee in SESH. See {IFeePayment}.
abstract contract FeePayment is IFeePayment, OwnedUpgradeable {
    using SafeERC20 for IERC20;
    using UsdPricing for PriceFeed;

    /// @inheritdoc IFeePayment
    bytes1 public constant SESSION_ID_PREFIX = 0x05;

    /// @custom:storage-location erc7201:session.storage.FeePayment
    struct FeePaymentStorage {
        IERC20 token;
        IFeeRouter feeRouter;
        PriceFeed priceFeed;
        // Appended (the struct's end: an upgrade keeps every earlier slot): zero = no uptime feed.
        IAggregatorV3 sequencerUptimeFeed;
        uint32 sequencerGracePeriod;
    }

    /// @dev The longest grace period governance may set after the sequencer comes back.
    uint32 private constant MAX_SEQUENCER_GRACE = 1 days;

    // keccak256(abi.encode(uint256(keccak256("session.storage.FeePayment")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant FEE_PAYMENT_STORAGE_LOCATION =
        0xf43f555fef0830b548b0027c8967162f930533ed1f220fe60227a89bcb8ee000;

    function _feePaymentStorage() private pure returns (FeePaymentStorage storage $) {
        assembly {
            $.slot := FEE_PAYMENT_STORAGE_LOCATION
        }
    }

    /// @dev Sets token, router, feed and owner; call from the child's `initialize`.
    function __FeePayment_init(
        IERC20 token_,
        IFeeRouter feeRouter_,
        IAggregatorV3 feed,
        uint32 maxAge,
        int128 minAnswer,
        int128 maxAnswer,
        address owner_
    ) internal onlyInitializing {
        require(address(token_) != address(0) && address(feeRouter_) != address(0), ZeroAddress());
        __OwnedUpgradeable_init(owner_);
        FeePaymentStorage storage $ = _feePaymentStorage();
        $.token = token_;
        $.feeRouter = feeRouter_;
        emit FeeRouterUpdated(address(0), address(feeRouter_));
        _setPriceFeed(feed, maxAge, minAnswer, maxAnswer);
    }

    /// @inheritdoc IFeePayment
    function token() external view returns (IERC20) {
        return _feePaymentStorage().token;
    }

    /// @inheritdoc IFeePayment
    function feeRouter() external view returns (IFeeRouter) {
        return _feePaymentStorage().feeRouter;
    }

    /// @inheritdoc IFeePayment
    function priceFeed() external view returns (PriceFeed memory) {
        return _feePaymentStorage().priceFeed;
    }

    /// @inheritdoc IFeePayment
    function quoteUsd(uint256 usdAmount) public view returns (uint256 sesh) {
        FeePaymentStorage storage $ = _feePaymentStorage();
        _checkSequencer($);
        (sesh,) = $.priceFeed.seshForUsd(usdAmount);
    }

    /// @inheritdoc IFeePayment
    function setPriceFeed(IAggregatorV3 feed, uint32 maxAge, int128 minAnswer, int128 maxAnswer)
        external
        onlyOwner
    {
        _setPriceFeed(feed, maxAge, minAnswer, maxAnswer);
    }

    /// @inheritdoc IFeePayment
    function sequencerUptimeFeed() external view returns (IAggregatorV3 feed, uint32 gracePeriod) {
        FeePaymentStorage storage $ = _feePaymentStorage();
        return ($.sequencerUptimeFeed, $.sequencerGracePeriod);
    }

    /// @inheritdoc IFeePayment
    function setSequencerUptimeFeed(IAggregatorV3 feed, uint32 gracePeriod) external onlyOwner {
        if (address(feed) == address(0)) {
            gracePeriod = 0;
        } else {
            require(
                gracePeriod != 0 && gracePeriod <= MAX_SEQUENCER_GRACE,
                InvalidSequencerUptimeFeed(address(feed), gracePeriod)
            );
        }
        FeePaymentStorage storage $ = _feePaymentStorage();
        emit SequencerUptimeFeedUpdated(
            address($.sequencerUptimeFeed), $.sequencerGracePeriod, address(feed), gracePeriod
        );
        ($.sequencerUptimeFeed, $.sequencerGracePeriod) = (feed, gracePeriod);
    }

    /// @inheritdoc IFeePayment
    function setFeeRouter(IFeeRouter newRouter) external onlyOwner {
        require(address(newRouter) != address(0), ZeroAddress());
        FeePaymentStorage storage $ = _feePaymentStorage();
        address old = address($.feeRouter);
        $.feeRouter = newRouter;
        emit FeeRouterUpdated(old, address(newRouter));
    }

    /// @dev Prices `usdAmount`, enforces the payer's `maxSesh`, pulls the SESH from the caller
    /// straight to the router and routes it. Callers update their own state first
    /// (checks-effects-interactions); the token is SESH, which has no transfer hooks.
    function _charge(uint256 usdAmount, uint256 maxSesh) internal returns (uint256 sesh) {
        FeePaymentStorage storage $ = _feePaymentStorage();
        int256 price;
        _checkSequencer($);
        (sesh, price) = $.priceFeed.seshForUsd(usdAmount);
        UsdPricing.checkMax(sesh, maxSesh);
        IFeeRouter router = $.feeRouter;
        $.token.safeTransferFrom(msg.sender, address(router), sesh);
        router.routeFees();
        emit FeePaid(msg.sender, usdAmount, sesh, price);
    }

    /// @dev Refuses anything but a `0x05`-prefixed 33-byte Session account id; returns the 32-byte
    /// key after the prefix.
    function _sessionKey(bytes calldata sessionId) internal pure returns (bytes32) {
        require(sessionId.length == 33 && sessionId[0] == SESSION_ID_PREFIX, InvalidSessionId(sessionId));
        return bytes32(sessionId[1:]);
    }

    /// @dev The 33-byte Session ID of `sessionKey`.
    function _sessionId(bytes32 sessionKey) internal pure returns (bytes memory) {
        return abi.encodePacked(SESSION_ID_PREFIX, sessionKey);
    }

    /// @dev On an L2 with a sequencer-uptime feed: refuses prices while the sequencer is down and
    /// for the grace period after it came back (the SESH/USD feed could not update meanwhile).
    function _checkSequencer(FeePaymentStorage storage $) private view {
        IAggregatorV3 uptime = $.sequencerUptimeFeed;
        if (address(uptime) == address(0)) return;
        (, int256 answer, uint256 startedAt,,) = uptime.latestRoundData();
        require(answer == 0, SequencerDown());
        uint256 until = startedAt + $.sequencerGracePeriod;
        // startedAt 0: no valid round yet (as some uptime feeds report right after deployment).
        require(startedAt != 0 && block.timestamp > until, SequencerGracePeriod(until));
    }

    function _setPriceFeed(IAggregatorV3 feed, uint32 maxAge, int128 minAnswer, int128 maxAnswer) private {
        require(address(feed) != address(0), ZeroAddress());
        PriceFeed memory next = PriceFeed({
            feed: feed, decimals: feed.decimals(), maxAge: maxAge, minAnswer: minAnswer, maxAnswer: maxAnswer
        });
        next.validate();
        FeePaymentStorage storage $ = _feePaymentStorage();
        PriceFeed memory old = $.priceFeed;
        $.priceFeed = next;
        emit PriceFeedUpdated(old, next);
    }
}
