// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IContributionFactory} from "../interfaces/IContributionFactory.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {ContributionContract} from "./ContributionContract.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title ContributionFactory
/// @notice See {IContributionFactory}.
/// @dev Deliberately not upgradeable: `owns` is what vesting contracts trust, and the implementation
/// is fixed in the constructor, so nobody (not even the owner) can change what a recorded clone
/// runs or make the factory vouch for other code. A new version is a new factory.
contract ContributionFactory is IContributionFactory, Ownable2Step, Pausable {
    uint256 private constant BLS_KEY_LENGTH = 128;
    uint256 private constant POP_LENGTH = 256;

    /// @inheritdoc IContributionFactory
    address public immutable IMPLEMENTATION;

    mapping(address account => bool deployed) private _owns;

    /// @param token The SESH token.
    /// @param registry The staking registry.
    /// @param owner_ May pause and unpause.
    constructor(address token, IStakingRegistry registry, address owner_) Ownable(owner_) {
        IMPLEMENTATION = address(new ContributionContract(token, registry, address(this)));
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
        require(
            blsKey.length == BLS_KEY_LENGTH,
            IContributionContract.InvalidKeyLength(blsKey.length, BLS_KEY_LENGTH)
        );
        require(ed25519Key != bytes32(0), IContributionContract.ZeroEd25519Key());
        require(
            proofOfPossession.length == POP_LENGTH,
            IContributionContract.InvalidKeyLength(proofOfPossession.length, POP_LENGTH)
        );
        contributionContract =
            LibClone.clone(IMPLEMENTATION, abi.encodePacked(blsKey, ed25519Key, proofOfPossession));
        _owns[contributionContract] = true;
        IContributionContract(contributionContract).initialize(msg.sender, feeBps, autoFinalize, reservations);
        emit ContributionContractCreated(contributionContract, msg.sender, feeBps, autoFinalize);
    }

    /// @inheritdoc IContributionFactory
    function owns(address account) external view returns (bool) {
        return _owns[account];
    }

    /// @inheritdoc IContributionFactory
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IContributionFactory
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @dev Disabled: the factory always has an owner to pause it.
    function renounceOwnership() public pure override {
        revert OwnableUnauthorizedAccount(address(0));
    }
}
