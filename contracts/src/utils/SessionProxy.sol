// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @title SessionProxy
/// @notice The ERC-1967 proxy every upgradeable contract of the system sits behind. A named
/// subclass so the deployment code gets its artifact from our own build.
contract SessionProxy is ERC1967Proxy {
    /// @param implementation The first implementation.
    /// @param data The `initialize` call, run in the proxy's context.
    constructor(address implementation, bytes memory data) payable ERC1967Proxy(implementation, data) {}
}
