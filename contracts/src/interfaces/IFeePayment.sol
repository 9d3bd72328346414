// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAggregatorV3} from "./IAggregatorV3.sol";
import {IFeeRouter} from "./IFeeRouter.sol";
import {IUsdPricing} from "./IUsdPricing.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Common surface of the fee-charging contracts (Session Pro, Session Names)
/// @notice Prices are in USD with 6 decimals; the SESH amount comes from the configured feed (see
/// {IUsdPricing}), rounded up. The payer approves the charging contract, which pulls the SESH
/// straight to the fee router and has it routed (burnt, reminted 90% pool / 10% liquidity) in the
/// same transaction.
///
/// Session IDs are the 33-byte Session account ids: a `0x05` prefix byte followed by the 32-byte
/// X25519 public key (the 66-hex-character "05..." ids of the Session app). Solidity has no
/// `bytes33`, so they are passed as `bytes` and must be exactly 33 bytes with `0x05` first; anything
/// else is refused. Storage and events keep only the 32-byte key after the prefix (`sessionKey`):
/// the Session ID is `0x05 || sessionKey`.
interface IFeePayment is IUsdPricing {
    /// @notice A zero address was given where an account is required.
    error ZeroAddress();
    /// @notice `sessionId` is not a Session account id (33 bytes, first byte `0x05`).
    error InvalidSessionId(bytes sessionId);
    /// @notice The L2 sequencer-uptime feed reports the sequencer down: prices are not trusted.
    error SequencerDown();
    /// @notice The sequencer came back less than the grace period ago (or the uptime feed has no
    /// valid round): prices are refused until `until`.
    error SequencerGracePeriod(uint256 until);
    /// @notice A sequencer-uptime feed needs a grace period of 1 s .. 1 day.
    error InvalidSequencerUptimeFeed(address feed, uint32 gracePeriod);

    /// @notice `payer` paid `seshAmount` SESH for a `usdAmount` (6 decimals) fee at price `price`
    /// (feed units); the SESH went to the fee router and was routed.
    event FeePaid(address indexed payer, uint256 usdAmount, uint256 seshAmount, int256 price);
    /// @notice The price feed or its limits changed.
    event PriceFeedUpdated(PriceFeed oldFeed, PriceFeed newFeed);
    /// @notice The fee router changed.
    event FeeRouterUpdated(address indexed oldRouter, address indexed newRouter);
    /// @notice The L2 sequencer-uptime feed or its grace period changed (feed zero: none).
    event SequencerUptimeFeedUpdated(
        address oldFeed, uint32 oldGracePeriod, address newFeed, uint32 newGracePeriod
    );

    /// @notice First byte of every Session account id: `0x05`.
    function SESSION_ID_PREFIX() external view returns (bytes1);

    /// @notice The SESH token fees are paid in.
    function token() external view returns (IERC20);

    /// @notice Where fees go.
    function feeRouter() external view returns (IFeeRouter);

    /// @notice The SESH/USD feed and its limits.
    function priceFeed() external view returns (PriceFeed memory);

    /// @notice SESH owed now for `usdAmount`, with every price check applied (reverts like a payment).
    /// @param usdAmount USD with 6 decimals.
    /// @return sesh Atomic SESH units, rounded up.
    function quoteUsd(uint256 usdAmount) external view returns (uint256 sesh);

    /// @notice Sets the feed and its limits (owner only). The feed's decimals are read now.
    /// @param feed The SESH/USD feed.
    /// @param maxAge Oldest acceptable answer, in seconds.
    /// @param minAnswer Lowest trusted answer (> 0), in feed units.
    /// @param maxAnswer Highest trusted answer (>= `minAnswer`), in feed units.
    function setPriceFeed(IAggregatorV3 feed, uint32 maxAge, int128 minAnswer, int128 maxAnswer) external;

    /// @notice The L2 sequencer-uptime feed (zero: none, as on the devnet) and the grace period
    /// after the sequencer comes back during which prices are refused.
    /// @return feed The uptime feed (Chainlink's: answer 0 = up, 1 = down; `startedAt` = since when).
    /// @return gracePeriod Seconds.
    function sequencerUptimeFeed() external view returns (IAggregatorV3 feed, uint32 gracePeriod);

    /// @notice Owner only: sets the L2 sequencer-uptime feed (zero: none) and its grace period
    /// (1 s .. 1 day when a feed is set). While the feed reports the sequencer down, and for
    /// `gracePeriod` seconds after it came back, every price is refused ({SequencerDown},
    /// {SequencerGracePeriod}): a price the feed could not update while the sequencer was down is
    /// not trusted.
    /// @param feed The uptime feed, or zero.
    /// @param gracePeriod Seconds (ignored when `feed` is zero).
    function setSequencerUptimeFeed(IAggregatorV3 feed, uint32 gracePeriod) external;

    /// @notice Changes the fee router (owner only).
    /// @param newRouter The new fee router.
    function setFeeRouter(IFeeRouter newRouter) external;
}
