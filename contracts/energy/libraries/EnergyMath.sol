// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Energy units and monthly payment periods (MX4, MX5)
/// @notice One Energy Token is one kWh and has 18 decimals, so one Wh is 10^15 base units. A payment period is a UTC
/// calendar month written `YYYYMM` (202606 is June 2026), years 2000 to 9999.
library EnergyMath {
    /// @notice Energy Token base units per watt-hour: 10^18 per kWh.
    uint256 internal constant WEI_PER_WH = 1e15;

    /// @notice Energy Token base units for `wh` watt-hours. Exact: no rounding.
    function energyTokenWei(uint256 wh) internal pure returns (uint256) {
        return wh * WEI_PER_WH;
    }

    /// @notice Whether `period` is a month `YYYYMM` with 2000 <= YYYY <= 9999 and 1 <= MM <= 12.
    function isValidPeriod(uint32 period) internal pure returns (bool) {
        uint32 year = period / 100;
        uint32 month = period % 100;
        return year >= 2000 && year <= 9999 && month >= 1 && month <= 12;
    }

    /// @notice The number of days in the month `period` (`YYYYMM`), leap years included. Expects a valid period.
    function daysInMonth(uint32 period) internal pure returns (uint256) {
        uint32 year = period / 100;
        uint32 month = period % 100;
        if (month == 2) {
            bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /// @notice The most energy, in Wh, a device of `ratedPowerW` can put out in the month `period`: its rated power
    /// for every hour of the month. Exact: watts times hours is watt-hours.
    function maxEnergyWh(uint64 ratedPowerW, uint32 period) internal pure returns (uint256) {
        return uint256(ratedPowerW) * daysInMonth(period) * 24;
    }
}
