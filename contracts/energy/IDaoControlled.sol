// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Something the Technical DAO controls (MX1, MX9)
/// @notice The DAO is the Technical DAO's executor: the `TechnicalDAO` governor, which runs the calls of every
/// proposal its members pass. Actions marked "only the DAO" revert with `NotDao` for anyone else.
interface IDaoControlled {
    /// @notice Thrown when an action reserved to the Technical DAO comes from another account.
    error NotDao(address caller, address dao);

    /// @notice The Technical DAO's executor, the only account allowed the DAO's actions.
    function dao() external view returns (address);
}
