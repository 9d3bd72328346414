// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IContributionFactory} from "../interfaces/IContributionFactory.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {ContributionArgs} from "./ContributionArgs.sol";
import {ContributionContract} from "./ContributionContract.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title ContributionFactory
/// @notice See {IContributionFactory}.
/// @dev Deliberately not upgradeable: `owns` is what vesting contracts trust, and the implementation
/// is fixed in the constructor, so nobody (not even the owner) can change what a recorded clone
/// runs or make the factory vouch for other code. A new version is a new factory.
/// Clones are deployed with CREATE2 under a fixed salt, so their address commits to the
/// implementation and to every immutable argument; {owns} recomputes it from the account's code
/// instead of keeping a record per clone (a 22,100-gas slot).
contract ContributionFactory is IContributionFactory, Ownable2Step, Pausable {
    using SafeERC20 for IERC20;

    uint256 private constant BPS = 10_000;
    /// @dev Deployment salt; uniqueness comes from the arguments (their serial number).
    bytes32 private constant SALT = bytes32(0);
    /// @dev Length of a clone's code: solady's 45-byte proxy, then the arguments.
    uint256 private constant CLONE_CODE_LENGTH = 0x2d + ContributionArgs.LENGTH;

    /// @inheritdoc IContributionFactory
    address public immutable IMPLEMENTATION;
    /// @inheritdoc IContributionFactory
    IStakingRegistry public immutable REGISTRY;
    /// @inheritdoc IContributionFactory
    address public immutable TOKEN;
    /// @dev The next clone's serial number; starts at 1 in the constructor, so that no `create`
    /// pays for a fresh slot.
    uint64 private _nextSerial;

    /// @param token The SESH token.
    /// @param registry The staking registry.
    /// @param owner_ May pause and unpause.
    constructor(address token, IStakingRegistry registry, address owner_) Ownable(owner_) {
        require(token != address(0) && address(registry) != address(0), IContributionContract.ZeroAddress());
        REGISTRY = registry;
        TOKEN = token;
        IMPLEMENTATION = address(new ContributionContract(token, registry, address(this)));
        _nextSerial = 1;
    }

    /// @inheritdoc IContributionFactory
    function create(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations
    ) external whenNotPaused returns (address contributionContract) {
        return _create(blsKey, ed25519Key, proofOfPossession, feeBps, autoFinalize, reservations);
    }

    /// @inheritdoc IContributionFactory
    function createAndContribute(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations,
        uint256 operatorStake
    ) external whenNotPaused returns (address contributionContract) {
        contributionContract = _create(
            blsKey, ed25519Key, proofOfPossession, feeBps, autoFinalize, reservations
        );
        IERC20(TOKEN).safeTransferFrom(msg.sender, contributionContract, operatorStake);
        IContributionContract(contributionContract).contributeFromFactory(operatorStake);
    }

    /// @inheritdoc IContributionFactory
    function created() external view returns (uint64) {
        return _nextSerial - 1;
    }

    /// @inheritdoc IContributionFactory
    function owns(address account) external view returns (bool) {
        if (account.code.length != CLONE_CODE_LENGTH) return false;
        bytes32 initCodeHash = LibClone.initCodeHash(IMPLEMENTATION, LibClone.argsOnClone(account));
        return LibClone.predictDeterministicAddress(initCodeHash, SALT, address(this)) == account;
    }

    /// @inheritdoc IContributionFactory
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IContributionFactory
    function unpause() external onlyOwner {
        _unpause();
    }

    function _create(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize,
        IContributionContract.Reservation[] calldata reservations
    ) private returns (address contributionContract) {
        (bytes memory args, uint256 requirement) =
            _args(blsKey, ed25519Key, proofOfPossession, feeBps, autoFinalize);
        contributionContract = LibClone.cloneDeterministic(IMPLEMENTATION, args, SALT);
        if (reservations.length != 0) {
            IContributionContract(contributionContract).initializeReservations(reservations);
        }
        emit ContributionContractCreated(contributionContract, msg.sender, requirement, feeBps, autoFinalize);
    }

    /// @dev Captures the registry's terms and packs the clone's arguments under the next serial number.
    function _args(
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession,
        uint16 feeBps,
        bool autoFinalize
    ) private returns (bytes memory args, uint256 requirement) {
        require(feeBps <= BPS, IContributionContract.FeeTooHigh(feeBps, BPS));
        // Before the encoding's checks: a zero key is named as such, not as non-canonical.
        ContributionArgs.requireUsableKeys(REGISTRY, blsKey, ed25519Key);
        requirement = REGISTRY.stakingRequirement();
        require(
            requirement != 0 && requirement <= type(uint56).max,
            IContributionContract.RequirementTooLarge(requirement)
        );
        uint256 limit = REGISTRY.maxContributors();
        require(
            limit != 0 && limit <= type(uint8).max, IContributionContract.ContributorLimitOutOfRange(limit)
        );
        ContributionArgs.Terms memory terms =
            ContributionArgs.Terms(msg.sender, uint64(requirement), feeBps, uint8(limit), autoFinalize);
        args = ContributionArgs.encode(terms, _nextSerial++, blsKey, ed25519Key, proofOfPossession);
    }

    /// @dev Disabled: the factory always has an owner to pause it.
    function renounceOwnership() public pure override {
        revert OwnableUnauthorizedAccount(address(0));
    }
}
