// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Reputation (DS2)
/// @notice A non-transferable balance (18 decimals) shown through the ERC-20 views so wallets display it; every
/// transfer and approval reverts with `ReputationNotTransferable`. An account gets its first reputation free when a
/// registrar (`REGISTRAR_ROLE`) registers it with a persistent identity: the hash of the identifier (a DID, say) maps
/// to one account and one account to one identity, so nobody registers twice. More reputation is earned by tasks.
///
/// The protocol's contracts (`PROTOCOL_ROLE`: the project registry, the task registry and the voting contract) move
/// reputation only as the protocol's rules say: `take` escrows a registered account's reputation with the calling
/// contract (a stake, a claim, a vote deposit), `give` returns it, `burn` destroys what the caller holds (a forfeit)
/// and `mint` creates a reward for a registered account.
interface IReputation is IERC20 {
    /// @notice Thrown on every transfer and approval: reputation belongs to whoever earned it.
    error ReputationNotTransferable(address from, address to, uint256 amount);
    /// @notice Thrown when registering an identity that already has an account.
    error IdentityAlreadyRegistered(bytes32 identityHash, address account);
    /// @notice Thrown when registering an account that already has an identity.
    error AccountAlreadyRegistered(address account, bytes32 identityHash);
    /// @notice Thrown when registering the zero identity or the zero address.
    error InvalidRegistration(address account, bytes32 identityHash);
    /// @notice Thrown when reputation is taken from or minted for an account that has not registered.
    error NotRegistered(address account);
    /// @notice Thrown when an account holds less reputation than is asked of it.
    error InsufficientReputation(address account, uint256 balance, uint256 needed);
    /// @notice Thrown when the supply would pass 2^112 - 1.
    error SupplyCapExceeded(uint256 supply, uint256 cap);

    /// @notice Emitted when an account registers with an identity and receives its first reputation.
    event Registered(address indexed account, bytes32 indexed identityHash, uint256 initialReputation);

    /// @notice Registers `account` under `identityHash` and mints it the initial reputation; only `REGISTRAR_ROLE`.
    function register(address account, bytes32 identityHash) external;

    /// @notice Mints `amount` to the registered `to`; only `PROTOCOL_ROLE`.
    function mint(address to, uint256 amount) external;

    /// @notice Moves `amount` of the registered `from`'s reputation to the caller; only `PROTOCOL_ROLE`.
    function take(address from, uint256 amount) external;

    /// @notice Moves `amount` of the caller's reputation to `to`; only `PROTOCOL_ROLE`.
    function give(address to, uint256 amount) external;

    /// @notice Destroys `amount` of the caller's reputation; only `PROTOCOL_ROLE`.
    function burn(uint256 amount) external;

    /// @notice Whether `account` has registered.
    function isRegistered(address account) external view returns (bool);

    /// @notice The identity `account` registered with, or zero.
    function identityOf(address account) external view returns (bytes32);

    /// @notice The account registered under `identityHash`, or the zero address.
    function accountOf(bytes32 identityHash) external view returns (address);

    /// @notice The reputation each account receives on registration.
    function initialReputation() external view returns (uint256);
}
