// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";

/// @notice `normalize` and `nameHash`: the name rules of {ISessionNames}, as tables and fuzz.
contract SessionNamesUnitTest_normalize is FeesBaseTest {
    function _ok(string memory input, string memory expected) internal view {
        assertEq(names.normalize(input), expected, input);
        assertEq(names.nameHash(input), keccak256(bytes(expected)), input);
    }

    function _badChar(string memory input, uint256 position) internal {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidName.selector, input, position));
        names.normalize(input);
    }

    function _badLength(string memory input) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                ISessionNames.NameLengthOutOfRange.selector, input, bytes(input).length, 3, 64
            )
        );
        names.normalize(input);
    }

    function test_ValidNames() public view {
        _ok("abc", "abc");
        _ok("alice", "alice");
        _ok("Alice", "alice");
        _ok("ALICE-BOB", "alice-bob");
        _ok("a-b", "a-b");
        _ok("a--b", "a--b");
        _ok("123", "123");
        _ok("0x05", "0x05");
        _ok("Session-Pro-2026", "session-pro-2026");
        _ok("AZaz09", "azaz09");
        _ok(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-x",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789-x"
        ); // 64 bytes
    }

    function test_RevertWhen_LengthOutOfRange() public {
        _badLength("");
        _badLength("a");
        _badLength("ab");
        _badLength("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789-xy"); // 65 bytes
    }

    function test_RevertWhen_HyphenAtEdge() public {
        _badChar("-abc", 0);
        _badChar("abc-", 3);
        _badChar("---", 0);
        _badChar("ab-", 2);
    }

    function test_RevertWhen_ForbiddenByte() public {
        _badChar("a b", 1);
        _badChar("a_b", 1);
        _badChar("a.b", 1);
        _badChar("abc!", 3);
        _badChar("ABC@", 3); // '@' is just below 'A'
        _badChar("Zz[", 2); // '[' is just above 'Z'
        _badChar("ab`", 2); // '`' is just below 'a'
        _badChar("ab{", 2); // '{' is just above 'z'
        _badChar("ab/", 2); // '/' is just below '0'
        _badChar("09:", 2); // ':' is just above '9'
        _badChar(unicode"héllo", 1); // UTF-8 0xC3 0xA9: the first byte is reported
        _badChar(unicode"аlice", 0); // Cyrillic 'а' homograph
        _badChar("abc\x00", 3);
    }

    /// @dev Puts byte `c` at `position` of an otherwise valid name and checks the verdict against
    /// the rules written out independently.
    function testFuzz_EveryByteAtEveryPosition(uint8 c, uint256 length, uint256 position) public {
        length = bound(length, 3, 64);
        position = bound(position, 0, length - 1);
        bytes memory name = new bytes(length);
        for (uint256 i; i < length; ++i) {
            name[i] = "a";
        }
        name[position] = bytes1(c);

        bool lower = c >= 0x61 && c <= 0x7a;
        bool upper = c >= 0x41 && c <= 0x5a;
        bool digit = c >= 0x30 && c <= 0x39;
        bool innerHyphen = c == 0x2d && position != 0 && position != length - 1;
        if (lower || upper || digit || innerHyphen) {
            bytes memory expected = name;
            if (upper) expected[position] = bytes1(c + 32);
            assertEq(names.normalize(string(name)), string(expected));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(ISessionNames.InvalidName.selector, string(name), position)
            );
            names.normalize(string(name));
        }
    }

    /// @dev Any name over the allowed alphabet normalizes to its lowercase, and normalizing twice
    /// changes nothing; both casings share one hash.
    function testFuzz_NormalizeIsLowercaseAndIdempotent(bytes32 seed, uint256 length) public view {
        length = bound(length, 3, 32);
        bytes memory alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
        bytes memory name = new bytes(length);
        for (uint256 i; i < length; ++i) {
            uint256 n = i == 0 || i == length - 1 ? alphabet.length - 1 : alphabet.length; // no edge hyphen
            name[i] = alphabet[uint8(seed[i]) % n];
        }
        string memory once = names.normalize(string(name));
        assertEq(names.normalize(once), once);
        assertEq(names.nameHash(string(name)), names.nameHash(once));
        bytes memory b = bytes(once);
        for (uint256 i; i < length; ++i) {
            assertFalse(b[i] >= "A" && b[i] <= "Z");
        }
    }
}
