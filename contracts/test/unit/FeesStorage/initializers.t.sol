// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {LiquidityTreasury} from "../../../src/fees/LiquidityTreasury.sol";
import {SessionNames} from "../../../src/fees/SessionNames.sol";
import {SessionPro} from "../../../src/fees/SessionPro.sol";
import {IAggregatorV3} from "../../../src/interfaces/IAggregatorV3.sol";
import {IFeeRouter} from "../../../src/interfaces/IFeeRouter.sol";
import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {IUniswapV2Router02} from "../../../src/interfaces/IUniswapV2Router02.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Initializers of the fee contracts: implementations can never be initialized, proxies
/// only once; Session Names refuses zero price tiers at initialization too.
contract FeesStorageUnitTest_initializers is FeesBaseTest {
    function test_RevertWhen_ImplementationsInitialized() public {
        SessionPro proImpl = new SessionPro();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        proImpl.initialize(
            IERC20(address(token)), IFeeRouter(address(router)), IAggregatorV3(address(feed)), 1, 1, 1, alice
        );

        SessionNames namesImpl = new SessionNames();
        uint128[3] memory tiers = [uint128(1), 1, 1];
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        namesImpl.initialize(
            IERC20(address(token)),
            IFeeRouter(address(router)),
            IAggregatorV3(address(feed)),
            1,
            1,
            1,
            tiers,
            alice
        );

        LiquidityTreasury treasuryImpl = new LiquidityTreasury();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        treasuryImpl.initialize(IERC20(address(token)), IUniswapV2Router02(address(uniswap)), alice);
    }

    function test_RevertWhen_NamesInitializedTwice() public {
        uint128[3] memory tiers = [uint128(1), 1, 1];
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        names.initialize(
            IERC20(address(token)),
            IFeeRouter(address(router)),
            IAggregatorV3(address(feed)),
            1,
            1,
            1,
            tiers,
            alice
        );
    }

    function test_RevertWhen_NamesInitializedWithZeroTier() public {
        SessionNames impl = new SessionNames();
        uint128[3] memory tiers = [NAME_USD_3, 0, NAME_USD_5];
        vm.expectRevert(
            abi.encodeWithSelector(ISessionNames.InvalidPrices.selector, NAME_USD_3, 0, NAME_USD_5)
        );
        new SessionProxy(
            address(impl),
            abi.encodeCall(
                SessionNames.initialize,
                (
                    IERC20(address(token)),
                    IFeeRouter(address(router)),
                    IAggregatorV3(address(feed)),
                    MAX_AGE,
                    MIN_ANSWER,
                    MAX_ANSWER,
                    tiers,
                    governance
                )
            )
        );
    }
}
