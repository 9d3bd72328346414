// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {StakingSlots} from "../staking/StakingSlots.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title ContributionArgs
/// @notice The immutable arguments of a contribution clone: everything fixed at creation lives in
/// the clone's code (200 gas a byte once) instead of storage (22,100 gas a word).
/// @dev Layout, 360 bytes:
/// - word 0, the terms read by every deposit: operator (20) | requirement (8) | fee (2) |
///   contributor limit (1) | auto-finalize (1);
/// - the BLS key and the proof of possession without the 16 zero bytes that pad each 48-byte
///   coordinate to EIP-2537's 64 (G1: 2 coordinates, 96 bytes; G2: 4, 192 bytes), around the
///   Ed25519 key (32);
/// - the factory's serial number of the contract (8), which keeps two otherwise identical contracts
///   apart (their address is derived from these arguments, see {ContributionFactory-owns}).
library ContributionArgs {
    /// @notice The fixed terms of a contribution contract.
    struct Terms {
        address operator;
        uint64 requirement;
        uint16 feeBps;
        uint8 maxContributors;
        bool autoFinalize;
    }

    uint256 internal constant BLS_KEY_LENGTH = 128;
    uint256 internal constant POP_LENGTH = 256;
    /// @dev Total length of the arguments.
    uint256 internal constant LENGTH = SERIAL_OFFSET + 8;

    /// @dev EIP-2537 encodes a 48-byte field element in 64 bytes, the first 16 zero.
    uint256 private constant ENCODED_COORDINATE = 64;
    uint256 private constant PADDING = 16;
    uint256 private constant COORDINATE = 48;
    uint256 private constant BLS_OFFSET = 32;
    uint256 private constant ED_OFFSET = BLS_OFFSET + 2 * COORDINATE;
    uint256 private constant POP_OFFSET = ED_OFFSET + 32;
    uint256 private constant SERIAL_OFFSET = POP_OFFSET + 4 * COORDINATE;
    /// @dev Where the arguments start in a clone's code: after solady's 45-byte proxy.
    uint256 private constant ARGS_START = 0x2d;

    /// @notice Packs the arguments; reverts unless the key and proof are 128 and 256 bytes with
    /// every coordinate's padding zero.
    function encode(
        Terms memory t,
        uint64 serial_,
        bytes calldata blsKey,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) internal pure returns (bytes memory) {
        bytes32 word = bytes32(
            uint256(uint160(t.operator)) << 96 | uint256(t.requirement) << 32 | uint256(t.feeBps) << 16
                | uint256(t.maxContributors) << 8 | (t.autoFinalize ? 1 : 0)
        );
        return abi.encodePacked(
            word, pack(blsKey, BLS_KEY_LENGTH), ed25519Key, pack(proofOfPossession, POP_LENGTH), serial_
        );
    }

    /// @notice Reverts unless `point` is `length` bytes of EIP-2537 coordinates with zero padding.
    function requireCanonical(bytes calldata point, uint256 length) internal pure {
        require(point.length == length, IContributionContract.InvalidKeyLength(point.length, length));
        for (uint256 from; from < length; from += ENCODED_COORDINATE) {
            require(bytes16(point[from:from + PADDING]) == 0, IContributionContract.KeyNotCanonical());
        }
    }

    /// @notice Reverts unless the keys could register as far as cheaply known: neither all zero,
    /// neither held by a registered node of `registry` (three reads, about 10k gas; the proof of
    /// possession's pairing is left to {IStakingLens-finalizeCheck} and the registry).
    function requireUsableKeys(IStakingRegistry registry, bytes calldata blsKey, bytes32 ed25519Key)
        internal
        view
    {
        require(ed25519Key != bytes32(0), IContributionContract.ZeroEd25519Key());
        requireCanonical(blsKey, BLS_KEY_LENGTH);
        require(!isZero(blsKey), IContributionContract.ZeroBLSKey());
        (uint64 holder, bool registered) = StakingSlots.ed25519Holder(registry, ed25519Key);
        require(!registered, IContributionContract.Ed25519KeyInUse(ed25519Key, holder));
        holder = registry.consensus().nodeIdOfBLSKey(blsKey);
        require(holder == 0, IContributionContract.BLSKeyInUse(holder));
    }

    /// @notice Whether every byte of `data` (a whole number of words) is zero.
    function isZero(bytes calldata data) internal pure returns (bool) {
        for (uint256 i; i < data.length; i += 32) {
            if (bytes32(data[i:i + 32]) != 0) return false;
        }
        return true;
    }

    /// @notice Strips the padding of a canonical EIP-2537 point of `length` bytes.
    function pack(bytes calldata point, uint256 length) internal pure returns (bytes memory packed) {
        requireCanonical(point, length);
        uint256 n = length / ENCODED_COORDINATE;
        packed = new bytes(n * COORDINATE);
        for (uint256 i; i < n; ++i) {
            uint256 from = i * ENCODED_COORDINATE + PADDING;
            assembly ("memory-safe") {
                calldatacopy(add(add(packed, 0x20), mul(i, COORDINATE)), add(point.offset, from), COORDINATE)
            }
        }
    }

    /// @notice The terms of the clone running this code (call only from the clone).
    function terms() internal view returns (Terms memory t) {
        uint256 word = uint256(LibClone.argLoad(LibClone.argsOnClone(address(this), 0, 32), 0));
        t.operator = address(uint160(word >> 96));
        t.requirement = uint64(word >> 32);
        t.feeBps = uint16(word >> 16);
        t.maxContributors = uint8(word >> 8);
        t.autoFinalize = word & 1 == 1;
    }

    /// @notice The operator, alone (cheaper than {terms} where nothing else is needed).
    function operator() internal view returns (address) {
        return address(bytes20(LibClone.argsOnClone(address(this), 0, 20)));
    }

    /// @notice The keys given at creation, in EIP-2537 encoding again.
    function keys()
        internal
        view
        returns (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession)
    {
        blsKey = _unpack(BLS_OFFSET, BLS_KEY_LENGTH);
        ed25519Key = LibClone.argLoad(LibClone.argsOnClone(address(this), ED_OFFSET, POP_OFFSET), 0);
        proofOfPossession = _unpack(POP_OFFSET, POP_LENGTH);
    }

    /// @notice The factory's serial number of the clone.
    function serial() internal view returns (uint256) {
        return uint64(bytes8(LibClone.argsOnClone(address(this), SERIAL_OFFSET, LENGTH)));
    }

    /// @dev Copies each coordinate from the clone's code behind 16 zero bytes.
    function _unpack(uint256 offset, uint256 length) private view returns (bytes memory point) {
        point = new bytes(length);
        uint256 n = length / ENCODED_COORDINATE;
        for (uint256 i; i < n; ++i) {
            uint256 source = ARGS_START + offset + i * COORDINATE;
            assembly ("memory-safe") {
                extcodecopy(
                    address(),
                    add(add(point, 0x20), add(mul(i, ENCODED_COORDINATE), PADDING)),
                    source,
                    COORDINATE
                )
            }
        }
    }
}
