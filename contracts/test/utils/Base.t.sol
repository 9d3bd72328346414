// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RewardPool} from "../../src/rewards/RewardPool.sol";
import {SessionToken} from "../../src/token/SessionToken.sol";
import {SessionProxy} from "../../src/utils/SessionProxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Shared base of the token and reward pool tests: the numbers from the spec, named
/// actors, and a deployment that mirrors production (token with a genesis list, pool behind
/// `SessionProxy`, the pool's 40M SESH minted straight to the proxy at genesis).
abstract contract BaseTest is Test {
    // ---------------------------------------------------------------- numbers from the spec
    /// @dev One SESH in atomic units (9 decimals).
    uint256 internal constant SESH = 1e9;
    uint256 internal constant MAX_SUPPLY = 240_000_000 * SESH;
    /// @dev Genesis: 40M to the reward pool, 80M liquid (at most 80M may circulate at genesis),
    /// the rest locked (vesting). Sums to exactly `MAX_SUPPLY`, so the cap is live in every test.
    uint256 internal constant POOL_GENESIS = 40_000_000 * SESH;
    uint256 internal constant LIQUID_GENESIS = 80_000_000 * SESH;
    uint256 internal constant LOCKED_GENESIS = 120_000_000 * SESH;
    uint256 internal constant GENESIS_TOTAL = POOL_GENESIS + LIQUID_GENESIS + LOCKED_GENESIS;

    uint256 internal constant RATE_BPS = 1510;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant YEAR = 365 days;
    /// @dev Day 1 at 40M SESH: 40,000,000 x 0.151 / 365 = 16,547.945205479 SESH (rounded down).
    uint256 internal constant DAY_ONE_RELEASE = 16_547_945_205_479;

    /// @dev A realistic clock, so `lastReleaseTime == 0` can never be mistaken for "now".
    uint256 internal constant START_TIME = 1_750_000_000;

    // ---------------------------------------------------------------- actors
    /// @dev Deploys the token and is its `REMINTER_ADMIN`.
    address internal deployer;
    /// @dev Owner of the reward pool (governance multisig).
    address internal governance;
    /// @dev Holds the liquid genesis allocation and funds the other actors.
    address internal treasury;
    /// @dev Holds the locked genesis allocation (stands in for the vesting contracts).
    address internal vesting;
    /// @dev The reminter (fee router).
    address internal feeRouter;
    /// @dev The pool's beneficiary (staking registry).
    address internal registry;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;

    // ---------------------------------------------------------------- system under test
    SessionToken internal token;
    RewardPool internal poolImpl;
    /// @dev The proxy, typed as the implementation.
    RewardPool internal pool;

    function setUp() public virtual {
        vm.warp(START_TIME);

        deployer = makeAddr("deployer");
        governance = makeAddr("governance");
        treasury = makeAddr("treasury");
        vesting = makeAddr("vesting");
        feeRouter = makeAddr("feeRouter");
        registry = makeAddr("registry");
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");

        // token at nonce n, pool implementation at n + 1, pool proxy at n + 2.
        address predictedPool = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 2);

        (address[] memory recipients, uint256[] memory amounts) =
            _genesis(predictedPool, POOL_GENESIS, treasury, LIQUID_GENESIS, vesting, LOCKED_GENESIS);
        token = new SessionToken(recipients, amounts, deployer);
        (poolImpl, pool) = _deployPool(IERC20(address(token)), governance);
        assertEq(address(pool), predictedPool, "pool address prediction");

        vm.label(address(token), "SessionToken");
        vm.label(address(poolImpl), "RewardPoolImpl");
        vm.label(address(pool), "RewardPool");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A fresh implementation plus a `SessionProxy` initialised with `token_` and `owner_`.
    function _deployPool(IERC20 token_, address owner_) internal returns (RewardPool impl, RewardPool proxy) {
        impl = new RewardPool();
        proxy = RewardPool(
            address(new SessionProxy(address(impl), abi.encodeCall(RewardPool.initialize, (token_, owner_))))
        );
    }

    /// @dev A second pool holding exactly `balance` (taken from the treasury), its beneficiary set
    /// to `registry` now: the clock starts at the current timestamp.
    function _deployStartedPool(uint256 balance) internal returns (RewardPool p) {
        (, p) = _deployPool(IERC20(address(token)), governance);
        vm.startPrank(treasury);
        token.approve(address(p), balance);
        p.deposit(balance);
        vm.stopPrank();
        vm.prank(governance);
        p.setBeneficiary(registry);
    }

    /// @dev Starts the main pool's clock by naming `registry` its beneficiary.
    function _startPool() internal {
        vm.prank(governance);
        pool.setBeneficiary(registry);
    }

    function _setReminter() internal {
        vm.prank(deployer);
        token.setReminter(feeRouter);
    }

    /// @dev The pool's formula, written out independently: simple interest on `balance`, rounded
    /// down and capped at `balance`.
    function _accrued(uint256 balance, uint256 elapsed) internal pure returns (uint256) {
        uint256 amount = balance * RATE_BPS * elapsed / (BPS * YEAR);
        return amount > balance ? balance : amount;
    }

    function _genesis(address a, uint256 x, address b, uint256 y, address c, uint256 z)
        internal
        pure
        returns (address[] memory recipients, uint256[] memory amounts)
    {
        recipients = new address[](3);
        amounts = new uint256[](3);
        (recipients[0], recipients[1], recipients[2]) = (a, b, c);
        (amounts[0], amounts[1], amounts[2]) = (x, y, z);
    }

    function _one(address a, uint256 x)
        internal
        pure
        returns (address[] memory recipients, uint256[] memory amounts)
    {
        recipients = new address[](1);
        amounts = new uint256[](1);
        recipients[0] = a;
        amounts[0] = x;
    }

    function _two(address a, uint256 x, address b, uint256 y)
        internal
        pure
        returns (address[] memory recipients, uint256[] memory amounts)
    {
        recipients = new address[](2);
        amounts = new uint256[](2);
        (recipients[0], recipients[1]) = (a, b);
        (amounts[0], amounts[1]) = (x, y);
    }

    /// @dev Gives `to` `amount` SESH from the treasury.
    /// @dev The least gas with which `caller`'s call of `data` on `target` succeeds now, state
    /// unchanged: what a wallet's gas estimate finds (by the same bisection).
    function _leastGas(address target, address caller, bytes memory data) internal returns (uint256 low) {
        uint256 high = 3_000_000;
        low = 1;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            uint256 snapshot = vm.snapshotState();
            vm.prank(caller);
            (bool ok,) = target.call{gas: middle}(data);
            vm.revertToState(snapshot);
            if (ok) high = middle;
            else low = middle + 1;
        }
    }

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev The EIP-712 digest of a SESH permit, built here from the EIP-2612 spec.
    function _permitDigest(address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    /// @dev A SESH permit signed with `key`.
    function _signPermit(
        uint256 key,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return vm.sign(key, _permitDigest(owner, spender, value, nonce, deadline));
    }

    function _fund(address to, uint256 amount) internal {
        vm.prank(treasury);
        token.transfer(to, amount);
    }
}
