// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionFactory} from "../interfaces/IContributionFactory.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {IVesting} from "../interfaces/IVesting.sol";
import {IVestingFactory} from "../interfaces/IVestingFactory.sol";
import {PlainVesting} from "./PlainVesting.sol";
import {StakingVesting} from "./StakingVesting.sol";
import {VestingArgs} from "./VestingArgs.sol";
import {VestingSchedule} from "./VestingSchedule.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title VestingFactory
/// @notice See {IVestingFactory}.
/// @dev Not upgradeable, implementations fixed in the constructor (as {ContributionFactory}): what a
/// clone runs and which registry it stakes in can never change. {owns} recomputes a clone's CREATE2
/// address from its code (the salt is among the immutable arguments), so nothing is stored per clone.
contract VestingFactory is IVestingFactory, Ownable2Step, Pausable {
    using SafeERC20 for IERC20;

    /// @dev Length of a clone's code: solady's 45-byte proxy, then the arguments.
    uint256 private constant CLONE_CODE_LENGTH = 0x2d + VestingArgs.LENGTH;

    /// @inheritdoc IVestingFactory
    IERC20 public immutable TOKEN;
    /// @inheritdoc IVestingFactory
    IStakingRegistry public immutable REGISTRY;
    /// @inheritdoc IVestingFactory
    IContributionFactory public immutable CONTRIBUTION_FACTORY;
    /// @inheritdoc IVestingFactory
    address public immutable PLAIN_IMPLEMENTATION;
    /// @inheritdoc IVestingFactory
    address public immutable STAKING_IMPLEMENTATION;

    /// @inheritdoc IVestingFactory
    uint256 public created;

    /// @param token The SESH token.
    /// @param registry The staking registry (proxy) staking vestings stake in.
    /// @param contributionFactory The contribution factory whose contracts they may deposit into.
    /// @param owner_ May pause and unpause creation.
    constructor(
        IERC20 token,
        IStakingRegistry registry,
        IContributionFactory contributionFactory,
        address owner_
    ) Ownable(owner_) {
        require(
            address(token) != address(0) && address(registry) != address(0)
                && address(contributionFactory) != address(0),
            IVesting.ZeroAddress()
        );
        TOKEN = token;
        REGISTRY = registry;
        CONTRIBUTION_FACTORY = contributionFactory;
        PLAIN_IMPLEMENTATION = address(new PlainVesting(token, address(this)));
        STAKING_IMPLEMENTATION =
            address(new StakingVesting(token, address(this), registry, contributionFactory));
    }

    /// @inheritdoc IVestingFactory
    function create(
        Kind kind,
        address beneficiary,
        address revoker,
        uint256 allocation,
        IVesting.Schedule calldata schedule,
        bytes32 salt
    ) external whenNotPaused returns (address vesting) {
        require(beneficiary != address(0), IVesting.ZeroAddress());
        require(allocation != 0, IVesting.ZeroAmount());
        require(allocation <= type(uint128).max, IVesting.AllocationTooLarge(allocation));
        VestingSchedule.validate(schedule);
        vesting = _deploy(kind, revoker, allocation, schedule, salt);
        ++created;
        IVesting(vesting).initialize(beneficiary);
        _emitCreated(vesting, kind, beneficiary, revoker, allocation, schedule, salt);
        TOKEN.safeTransferFrom(msg.sender, vesting, allocation);
    }

    /// @inheritdoc IVestingFactory
    function predictAddress(
        Kind kind,
        address revoker,
        uint256 allocation,
        IVesting.Schedule calldata schedule,
        address creator,
        bytes32 salt
    ) external view returns (address) {
        bytes32 deploySalt = _deploySalt(creator, salt);
        bytes memory args = VestingArgs.encode(revoker, allocation, schedule, deploySalt);
        return LibClone.predictDeterministicAddress(_implementation(kind), args, deploySalt, address(this));
    }

    /// @inheritdoc IVestingFactory
    function owns(address account) external view returns (bool) {
        if (account.code.length != CLONE_CODE_LENGTH) return false;
        bytes memory args = LibClone.argsOnClone(account);
        bytes32 deploySalt;
        assembly ("memory-safe") {
            deploySalt := mload(add(args, 94))
        }
        return LibClone.predictDeterministicAddress(PLAIN_IMPLEMENTATION, args, deploySalt, address(this))
                == account
            || LibClone.predictDeterministicAddress(STAKING_IMPLEMENTATION, args, deploySalt, address(this))
                == account;
    }

    /// @inheritdoc IVestingFactory
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IVestingFactory
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @dev Disabled: the factory always has an owner to pause it.
    function renounceOwnership() public pure override {
        revert OwnableUnauthorizedAccount(address(0));
    }

    function _deploy(
        Kind kind,
        address revoker,
        uint256 allocation,
        IVesting.Schedule calldata schedule,
        bytes32 salt
    ) private returns (address instance) {
        bytes32 deploySalt = _deploySalt(msg.sender, salt);
        bytes memory args = VestingArgs.encode(revoker, allocation, schedule, deploySalt);
        bool existed;
        (existed, instance) = LibClone.createDeterministicClone(_implementation(kind), args, deploySalt);
        require(!existed, VestingExists(instance));
    }

    function _emitCreated(
        address vesting,
        Kind kind,
        address beneficiary,
        address revoker,
        uint256 allocation,
        IVesting.Schedule calldata s,
        bytes32 salt
    ) private {
        emit VestingCreated(
            vesting,
            kind,
            beneficiary,
            revoker,
            allocation,
            s.start,
            s.cliff,
            s.end,
            s.cliffShareBps,
            msg.sender,
            salt
        );
    }

    function _implementation(Kind kind) private view returns (address) {
        return kind == Kind.Staking ? STAKING_IMPLEMENTATION : PLAIN_IMPLEMENTATION;
    }

    /// @dev The creator is in the salt: nobody can take another creator's address.
    function _deploySalt(address creator, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(creator, salt));
    }
}
