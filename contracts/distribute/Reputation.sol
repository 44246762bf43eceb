// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IReputation} from "./IReputation.sol";

/// @title Reputation (DS2)
/// @notice See `IReputation`.
/// @dev A balance and the registration flag share one slot, so a claim's "is this a registered holder with enough
/// reputation" costs one storage read.
contract Reputation is AccessControl, IReputation {
    /// @notice The role that registers identities.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice The role of the protocol's contracts, which escrow, return, burn and mint reputation.
    bytes32 public constant PROTOCOL_ROLE = keccak256("PROTOCOL_ROLE");
    /// @notice The most reputation that may exist, so that stakes pack into 112 bits.
    uint256 public constant MAX_SUPPLY = type(uint112).max;

    struct Account {
        uint128 balance;
        bool registered;
    }

    /// @inheritdoc IReputation
    uint256 public immutable initialReputation;
    /// @notice The reputation's name.
    string public name;
    /// @notice The reputation's symbol.
    string public symbol;
    /// @inheritdoc IERC20
    uint256 public totalSupply;

    mapping(address account => Account) private _accounts;
    /// @inheritdoc IReputation
    mapping(address account => bytes32) public identityOf;
    /// @inheritdoc IReputation
    mapping(bytes32 identityHash => address) public accountOf;

    /// @param initialReputation_ What each registration mints.
    /// @param admin Holds `DEFAULT_ADMIN_ROLE`, which grants the registrar and protocol roles.
    constructor(string memory name_, string memory symbol_, uint256 initialReputation_, address admin) {
        name = name_;
        symbol = symbol_;
        initialReputation = initialReputation_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice 18, like the capital tokens, so proportions of reputation keep their precision.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc IReputation
    function register(address account, bytes32 identityHash) external onlyRole(REGISTRAR_ROLE) {
        if (account == address(0) || identityHash == bytes32(0)) revert InvalidRegistration(account, identityHash);
        address existing = accountOf[identityHash];
        if (existing != address(0)) revert IdentityAlreadyRegistered(identityHash, existing);
        Account storage a = _accounts[account];
        if (a.registered) revert AccountAlreadyRegistered(account, identityOf[account]);
        a.registered = true;
        accountOf[identityHash] = account;
        identityOf[account] = identityHash;
        emit Registered(account, identityHash, initialReputation);
        _mint(a, account, initialReputation);
    }

    /// @inheritdoc IReputation
    function mint(address to, uint256 amount) external onlyRole(PROTOCOL_ROLE) {
        Account storage a = _accounts[to];
        if (!a.registered) revert NotRegistered(to);
        _mint(a, to, amount);
    }

    /// @inheritdoc IReputation
    function take(address from, uint256 amount) external onlyRole(PROTOCOL_ROLE) {
        Account storage a = _accounts[from];
        if (!a.registered) revert NotRegistered(from);
        _move(a, from, msg.sender, amount);
    }

    /// @inheritdoc IReputation
    function give(address to, uint256 amount) external onlyRole(PROTOCOL_ROLE) {
        _move(_accounts[msg.sender], msg.sender, to, amount);
    }

    /// @inheritdoc IReputation
    function burn(uint256 amount) external onlyRole(PROTOCOL_ROLE) {
        Account storage a = _accounts[msg.sender];
        uint256 balance = a.balance;
        if (balance < amount) revert InsufficientReputation(msg.sender, balance, amount);
        unchecked {
            // amount <= balance <= totalSupply.
            a.balance = uint128(balance - amount);
            totalSupply -= amount;
        }
        emit Transfer(msg.sender, address(0), amount);
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return _accounts[account].balance;
    }

    /// @inheritdoc IReputation
    function isRegistered(address account) external view returns (bool) {
        return _accounts[account].registered;
    }

    /// @notice Always zero: nobody may spend another's reputation.
    function allowance(address, address) external pure returns (uint256) {
        return 0;
    }

    /// @notice Always reverts: reputation is not transferable.
    function transfer(address to, uint256 amount) external view returns (bool) {
        revert ReputationNotTransferable(msg.sender, to, amount);
    }

    /// @notice Always reverts: reputation is not transferable.
    function transferFrom(address from, address to, uint256 amount) external pure returns (bool) {
        revert ReputationNotTransferable(from, to, amount);
    }

    /// @notice Always reverts: reputation is not transferable, so there is nothing to approve.
    function approve(address spender, uint256 amount) external view returns (bool) {
        revert ReputationNotTransferable(msg.sender, spender, amount);
    }

    function _mint(Account storage a, address to, uint256 amount) private {
        uint256 supply = totalSupply + amount;
        if (supply > MAX_SUPPLY) revert SupplyCapExceeded(supply, MAX_SUPPLY);
        totalSupply = supply;
        unchecked {
            // Every balance is at most the supply, which is below 2^112.
            a.balance = uint128(a.balance + amount);
        }
        emit Transfer(address(0), to, amount);
    }

    function _move(Account storage a, address from, address to, uint256 amount) private {
        uint256 balance = a.balance;
        if (balance < amount) revert InsufficientReputation(from, balance, amount);
        unchecked {
            // amount <= balance; the receiver's balance stays at most the supply, below 2^112.
            a.balance = uint128(balance - amount);
            Account storage b = _accounts[to];
            b.balance = uint128(b.balance + amount);
        }
        emit Transfer(from, to, amount);
    }
}
