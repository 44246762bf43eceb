// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IGenerator} from "./IGenerator.sol";
import {GeneratorArgs, GeneratorConfig} from "./GeneratorArgs.sol";
import {Usage, UsageHash} from "./UsageHash.sol";
import {IMarketplace} from "../marketplace/IMarketplace.sol";
import {IDeviceRegistry} from "../energy/IDeviceRegistry.sol";
import {IModuleRegistry, EnergyModules} from "../energy/IModuleRegistry.sol";
import {ShareAllocation} from "../libraries/ShareAllocation.sol";
import {PriceVote} from "../libraries/PriceVote.sol";

/// @title A D-REX generator (DX5–DX9)
/// @notice Deployed by the marketplace as a minimal-proxy clone when financing completes.
///
/// Revenue (DX9) is exact integer accounting over the generator's lifetime revenue `R`: an owner with `s` shares and a
/// signed `correction` may claim `floor((s * R + correction) / 10,000)`. Each payment only raises `R`, so it costs the
/// same with one owner or ten thousand. A transfer of `n` shares moves `n * R` of correction from receiver to sender, so
/// revenue earned before the transfer stays with the seller; a claim of `x` lowers the claimer's correction by
/// `x * 10,000`. The sum of `s * R + correction` over all accounts is always `10,000 * R`, so what the owners can
/// claim plus what they claimed plus the rounding dust equals what was paid, and the dust is below one base unit per
/// account that ever held shares.
///
/// @dev Departs from a plain ERC-20 in one way: financiers' balances exist from creation (`balanceOf`, `totalSupply`
/// of 10,000) but are written to storage, with a `Transfer` from the zero address, only on the account's first
/// action or a `materialize` call. That is what keeps completing the financing O(1) in the number of financiers.
/// Shares move only once the generator is active: before that, a share is a claim on the escrow refund, which goes
/// to the original financiers.
///
/// The device (DX8) is looked up in the device registry that the marketplace's linked module registry names now, so
/// a DAO that repoints `devices` (MX9) or gives the device a new key (MX1) is followed without touching the generator.
/// @dev The EIP-712 domain's `verifyingContract` is each clone's own address: OpenZeppelin's `EIP712` rebuilds the
/// separator whenever `address(this)` is not the implementation it was constructed as, which is always the case here.
contract Generator is IGenerator, IERC20Errors, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice The highest price an owner may vote, per unit: keeps stake-weighted sums far from overflow.
    uint256 public constant MAX_PRICE_WEI_PER_UNIT = type(uint96).max;
    /// @notice The most units one purchase may buy.
    uint256 public constant MAX_UNITS_PER_PURCHASE = type(uint64).max;
    /// @notice The most revenue a generator may ever take: bounds every correction well inside an int128.
    uint256 public constant MAX_CUMULATIVE_REVENUE_WEI = type(uint112).max;
    uint256 private constant MILLI_UNITS_PER_UNIT = 1000;

    /// @dev One slot per account. `revenueCorrection` is bounded by 10,000 * R <= 2^126, so int128 holds it.
    struct Holder {
        uint16 shares;
        bool materialized;
        bool voted;
        uint96 priceWeiPerUnit;
        int128 revenueCorrection;
    }

    struct Lifecycle {
        bool active;
        uint64 activatedAt;
        uint64 deviceId; // in the device registry; device ids count up from 1, far below 2^64
    }

    /// @dev A consumer's last accepted usage reading. Cumulative delivery fits 192 bits: it never passes the credit
    /// bought, and `SafeCast` refuses the impossible rest.
    struct UsageMark {
        uint192 deliveredMilliUnits;
        uint64 readAt;
    }

    struct Sales {
        uint112 cumulativeRevenueWei;
        uint144 unitsSold;
    }

    struct Votes {
        uint16 votingShares;
        uint240 weightedPriceSum;
    }

    Lifecycle private _lifecycle;
    Sales private _sales;
    Votes private _votes;
    uint256 private _deliveredMilliUnits;
    mapping(address account => Holder) private _holders;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;
    mapping(address account => uint256) private _creditMilliUnits;
    mapping(address consumer => UsageMark) private _usage;

    constructor() EIP712("D-REX Generator", "1") {}

    // ---------------------------------------------------------------- lifecycle (DX7)

    /// @inheritdoc IGenerator
    function registerDevice(address deviceKey) external {
        GeneratorConfig memory c = GeneratorArgs.load();
        if (msg.sender != c.provider) revert NotProvider(msg.sender, c.provider);
        if (_lifecycle.active) revert WrongPhase(Phase.Active, Phase.Pending);
        if (deviceKey == address(0)) revert InvalidDeviceKey();
        IDeviceRegistry devices = _deviceRegistry(c.marketplace);
        uint256 deviceId = devices.deviceIdOf(deviceKey);
        if (deviceId == 0) revert UnknownDeviceKey(deviceKey);
        IDeviceRegistry.DeviceSummary memory d = devices.deviceSummary(deviceId);
        if (d.key != deviceKey) revert NotCurrentDeviceKey(deviceId, deviceKey, d.key);
        if (d.kind != IDeviceRegistry.DeviceKind.Generator) revert NotAGeneratorDevice(deviceId, d.kind);
        if (d.status != IDeviceRegistry.DeviceStatus.Active) revert DeviceNotActive(deviceId, d.status);
        if (d.operator != c.provider) revert DeviceNotProviders(deviceId, d.operator, c.provider);
        _lifecycle.deviceId = uint64(deviceId);
        emit DeviceRegistered(msg.sender, deviceKey, deviceId);
    }

    /// @inheritdoc IGenerator
    function activate(uint256 initialTokenWei) external nonReentrant {
        GeneratorConfig memory c = GeneratorArgs.load();
        Lifecycle memory l = _lifecycle;
        if (l.active) revert WrongPhase(Phase.Active, Phase.Pending);
        if (msg.sender != c.requester) revert NotRequester(msg.sender, c.requester);
        if (l.deviceId == 0) revert DeviceKeyNotRegistered();
        if (initialTokenWei == 0) revert InitialTokenRequired();

        _lifecycle = Lifecycle({active: true, activatedAt: uint64(block.timestamp), deviceId: l.deviceId});
        _addRevenue(msg.sender, initialTokenWei, 0);
        // The marketplace enforces the activation window and reverts past it.
        (address provider, uint256 escrowWei) = IMarketplace(c.marketplace).releaseEscrow(c.requestId);
        emit Activated(msg.sender, initialTokenWei, provider, escrowWei);
        IERC20(c.token).safeTransferFrom(msg.sender, address(this), initialTokenWei);
    }

    // ---------------------------------------------------------------- price vote (DX6)

    /// @inheritdoc IGenerator
    function votePrice(uint256 priceWeiPerUnit) external {
        if (priceWeiPerUnit > MAX_PRICE_WEI_PER_UNIT) revert PriceTooHigh(priceWeiPerUnit, MAX_PRICE_WEI_PER_UNIT);
        Holder memory h = _load(msg.sender);
        if (h.shares == 0) revert NotAnOwner(msg.sender);
        Votes memory v = _votes;
        if (h.voted) v.weightedPriceSum -= uint240(uint256(h.shares) * h.priceWeiPerUnit);
        else v.votingShares += h.shares;
        // At most 10,000 shares times a uint96 price: far inside uint240.
        v.weightedPriceSum += uint240(uint256(h.shares) * priceWeiPerUnit);
        h.voted = true;
        h.priceWeiPerUnit = uint96(priceWeiPerUnit);
        _votes = v;
        _holders[msg.sender] = h;
        emit PriceVoted(msg.sender, priceWeiPerUnit, PriceVote.average(v.weightedPriceSum, v.votingShares));
    }

    /// @inheritdoc IGenerator
    function withdrawVote() external {
        Holder memory h = _holders[msg.sender];
        if (!h.voted) revert NoVote(msg.sender);
        Votes memory v = _votes;
        v.weightedPriceSum -= uint240(uint256(h.shares) * h.priceWeiPerUnit);
        v.votingShares -= h.shares;
        h.voted = false;
        h.priceWeiPerUnit = 0;
        _votes = v;
        _holders[msg.sender] = h;
        emit VoteWithdrawn(msg.sender, PriceVote.average(v.weightedPriceSum, v.votingShares));
    }

    /// @inheritdoc IGenerator
    function getAvg() public view returns (uint256) {
        Votes memory v = _votes;
        return PriceVote.average(v.weightedPriceSum, v.votingShares);
    }

    // ---------------------------------------------------------------- energy (DX8)

    /// @inheritdoc IGenerator
    function buyEnergy(uint256 units, uint256 maxPriceWeiPerUnit) external nonReentrant returns (uint256 costWei) {
        if (!_lifecycle.active) revert WrongPhase(phase(), Phase.Active);
        if (units == 0 || units > MAX_UNITS_PER_PURCHASE) revert InvalidUnits(units, MAX_UNITS_PER_PURCHASE);
        uint256 priceWeiPerUnit = getAvg();
        if (priceWeiPerUnit > maxPriceWeiPerUnit) revert PriceAboveLimit(priceWeiPerUnit, maxPriceWeiPerUnit);
        costWei = units * priceWeiPerUnit;

        uint256 creditMilliUnits = _creditMilliUnits[msg.sender] + units * MILLI_UNITS_PER_UNIT;
        _creditMilliUnits[msg.sender] = creditMilliUnits;
        _addRevenue(msg.sender, costWei, units);
        emit EnergyPurchased(msg.sender, units, priceWeiPerUnit, costWei, creditMilliUnits);
        if (costWei != 0) IERC20(GeneratorArgs.load().token).safeTransferFrom(msg.sender, address(this), costWei);
    }

    /// @inheritdoc IGenerator
    function reportUsage(Usage calldata usage, bytes calldata signature) external {
        Lifecycle memory l = _lifecycle;
        if (!l.active) revert WrongPhase(phase(), Phase.Active);
        IDeviceRegistry.DeviceSummary memory d =
            _deviceRegistry(GeneratorArgs.load().marketplace).deviceSummary(l.deviceId);
        if (d.status != IDeviceRegistry.DeviceStatus.Active) revert DeviceNotActive(l.deviceId, d.status);
        // The registry never holds a zero key, so a malformed signature (signer zero) never matches.
        (address signer,,) = ECDSA.tryRecover(_hashTypedDataV4(UsageHash.structHash(usage)), signature);
        if (signer != d.key) revert NotSignedByDevice(signer, d.key);

        address consumer = usage.consumer;
        if (usage.readAt > block.timestamp) revert UsageFromFuture(usage.readAt, block.timestamp);
        UsageMark memory last = _usage[consumer];
        if (usage.readAt <= last.readAt || usage.readAt < l.activatedAt) {
            revert StaleUsage(consumer, usage.readAt, last.readAt, l.activatedAt);
        }
        if (usage.deliveredMilliUnits <= last.deliveredMilliUnits) {
            revert UsageNotIncreasing(consumer, usage.deliveredMilliUnits, last.deliveredMilliUnits);
        }
        uint256 milliUnits;
        unchecked {
            // deliveredMilliUnits > last.deliveredMilliUnits was checked just above.
            milliUnits = usage.deliveredMilliUnits - last.deliveredMilliUnits;
        }
        uint256 creditMilliUnits = _creditMilliUnits[consumer];
        if (milliUnits > creditMilliUnits) revert InsufficientCredit(consumer, creditMilliUnits, milliUnits);
        unchecked {
            // milliUnits <= creditMilliUnits was checked just above.
            creditMilliUnits -= milliUnits;
        }
        _creditMilliUnits[consumer] = creditMilliUnits;
        _usage[consumer] =
            UsageMark({deliveredMilliUnits: SafeCast.toUint192(usage.deliveredMilliUnits), readAt: usage.readAt});
        _deliveredMilliUnits += milliUnits;
        emit UsageReported(consumer, milliUnits, creditMilliUnits, usage.deliveredMilliUnits, usage.readAt);
    }

    /// @inheritdoc IGenerator
    function usageDigest(Usage calldata usage) external view returns (bytes32) {
        return _hashTypedDataV4(UsageHash.structHash(usage));
    }

    /// @inheritdoc IGenerator
    function usageOf(address consumer) external view returns (uint256 deliveredMilliUnits, uint64 readAt) {
        UsageMark memory last = _usage[consumer];
        return (last.deliveredMilliUnits, last.readAt);
    }

    /// @dev The device registry the linked module registry names now (MX9).
    function _deviceRegistry(address marketplace) private view returns (IDeviceRegistry) {
        address modules = IMarketplace(marketplace).deviceModules();
        if (modules == address(0)) revert DeviceModulesNotLinked(marketplace);
        return IDeviceRegistry(IModuleRegistry(modules).requireModule(EnergyModules.DEVICES));
    }

    /// @dev The device's current key, for views: zero when no device is registered or no registry is reachable.
    function _currentDeviceKey(address marketplace, uint256 deviceId) private view returns (address) {
        if (deviceId == 0) return address(0);
        address modules = IMarketplace(marketplace).deviceModules();
        if (modules == address(0)) return address(0);
        address devices = IModuleRegistry(modules).moduleOf(EnergyModules.DEVICES);
        if (devices == address(0)) return address(0);
        return IDeviceRegistry(devices).deviceSummary(deviceId).key;
    }

    /// @inheritdoc IGenerator
    function creditOf(address account) external view returns (uint256) {
        return _creditMilliUnits[account];
    }

    // ---------------------------------------------------------------- revenue (DX9)

    /// @inheritdoc IGenerator
    function claimRevenue() external nonReentrant returns (uint256 amountWei) {
        Holder memory h = _load(msg.sender);
        amountWei = _claimable(h, _sales.cumulativeRevenueWei);
        if (amountWei == 0) {
            // Before activation there is never revenue: say so rather than "nothing to claim" (DX7: nothing but the
            // consumer's activation is accepted first). Checked only here, so a successful claim pays no extra read.
            if (!_lifecycle.active) revert WrongPhase(phase(), Phase.Active);
            revert NothingToClaim(msg.sender);
        }
        // amountWei <= R and R < 2^112, so amountWei * 10,000 fits easily in int128.
        h.revenueCorrection -= int128(int256(amountWei * ShareAllocation.TOTAL_SHARES));
        _holders[msg.sender] = h;
        emit RevenueClaimed(msg.sender, amountWei);
        IERC20(GeneratorArgs.load().token).safeTransfer(msg.sender, amountWei);
    }

    /// @inheritdoc IGenerator
    function claimableRevenue(address account) external view returns (uint256) {
        return _claimable(_view(account), _sales.cumulativeRevenueWei);
    }

    function _addRevenue(address payer, uint256 amountWei, uint256 units) private {
        Sales memory s = _sales;
        uint256 cumulativeWei = uint256(s.cumulativeRevenueWei) + amountWei;
        if (cumulativeWei > MAX_CUMULATIVE_REVENUE_WEI) {
            revert RevenueCapExceeded(s.cumulativeRevenueWei, amountWei, MAX_CUMULATIVE_REVENUE_WEI);
        }
        // units <= 2^64 per purchase; 2^144 purchases' worth cannot be reached.
        _sales = Sales({cumulativeRevenueWei: uint112(cumulativeWei), unitsSold: s.unitsSold + uint144(units)});
        emit RevenueReceived(payer, amountWei, cumulativeWei);
    }

    function _claimable(Holder memory h, uint256 cumulativeRevenueWei) private pure returns (uint256) {
        // Never negative: see the contract's notice on revenue accounting.
        return uint256(int256(uint256(h.shares) * cumulativeRevenueWei) + h.revenueCorrection)
            / ShareAllocation.TOTAL_SHARES;
    }

    // ---------------------------------------------------------------- shares (DX5), ERC-20

    /// @inheritdoc IGenerator
    function materialize(address account) external {
        Holder memory h = _holders[account];
        if (h.materialized) return;
        _holders[account] = _load(account);
    }

    /// @inheritdoc IERC20
    /// @dev Only once the generator is active; settles revenue and moves vote weight with the shares.
    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert ERC20InsufficientAllowance(msg.sender, allowed, amount);
            unchecked {
                // allowed >= amount was checked just above.
                _allowances[from][msg.sender] = allowed - amount;
            }
        }
        _transfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 amount) external returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    /// @dev Includes a financier's allocation before it is materialized.
    function balanceOf(address account) external view returns (uint256) {
        return _view(account).shares;
    }

    /// @inheritdoc IERC20
    /// @dev Always 10,000, materialized or not.
    function totalSupply() external pure returns (uint256) {
        return ShareAllocation.TOTAL_SHARES;
    }

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        return string.concat("D-REX Generator #", Strings.toString(GeneratorArgs.load().requestId), " Shares");
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        return string.concat("DXG-", Strings.toString(GeneratorArgs.load().requestId));
    }

    /// @inheritdoc IERC20Metadata
    /// @dev 0: a share is the smallest unit, 0.01% of the generator.
    function decimals() external pure returns (uint8) {
        return 0;
    }

    /// @inheritdoc IGenerator
    function voteOf(address account) external view returns (bool, uint256) {
        Holder memory h = _holders[account];
        return (h.voted, h.priceWeiPerUnit);
    }

    function _transfer(address from, address to, uint256 amount) private {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        if (!_lifecycle.active) revert WrongPhase(phase(), Phase.Active);
        Holder memory f = _load(from);
        if (f.shares < amount) revert ERC20InsufficientBalance(from, f.shares, amount);
        if (from == to) {
            _holders[from] = f;
            emit Transfer(from, to, amount);
            return;
        }
        Holder memory t = _load(to);
        // amount <= 10,000 and R < 2^112: the product fits an int128 with room to spare.
        int128 movedRevenue = int128(int256(amount * _sales.cumulativeRevenueWei));
        f.shares -= uint16(amount);
        f.revenueCorrection += movedRevenue;
        t.shares += uint16(amount);
        t.revenueCorrection -= movedRevenue;
        if (f.voted || t.voted) {
            Votes memory v = _votes;
            if (f.voted) {
                v.votingShares -= uint16(amount);
                v.weightedPriceSum -= uint240(amount * f.priceWeiPerUnit);
                // Whoever sells every share stops being an owner, and the vote goes with it: it must not
                // come back on its own if the account holds shares again one day.
                if (f.shares == 0) {
                    f.voted = false;
                    f.priceWeiPerUnit = 0;
                    emit VoteWithdrawn(from, PriceVote.average(v.weightedPriceSum, v.votingShares));
                }
            }
            if (t.voted) {
                v.votingShares += uint16(amount);
                v.weightedPriceSum += uint240(amount * t.priceWeiPerUnit);
            }
            _votes = v;
        }
        _holders[from] = f;
        _holders[to] = t;
        emit Transfer(from, to, amount);
    }

    /// @dev The account's holder record, with its financing allocation filled in on first touch. The caller stores it.
    function _load(address account) private returns (Holder memory h) {
        h = _holders[account];
        if (!h.materialized) {
            h.shares = uint16(_allocation(account));
            h.materialized = true;
            if (h.shares != 0) emit Transfer(address(0), account, h.shares);
        }
    }

    /// @dev `_load` without writing or emitting, for views.
    function _view(address account) private view returns (Holder memory h) {
        h = _holders[account];
        if (!h.materialized) h.shares = uint16(_allocation(account));
    }

    function _allocation(address account) private view returns (uint256) {
        GeneratorConfig memory c = GeneratorArgs.load();
        (uint128 contributionWei, uint32 order) = IMarketplace(c.marketplace).contributionOf(c.requestId, account);
        return ShareAllocation.sharesOf(contributionWei, order, c.targetWei, c.dustShares);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IGenerator
    function phase() public view returns (Phase) {
        if (_lifecycle.active) return Phase.Active;
        GeneratorConfig memory c = GeneratorArgs.load();
        IMarketplace.RequestStatus status = IMarketplace(c.marketplace).requestStatus(c.requestId);
        return status == IMarketplace.RequestStatus.ActivationFailed ? Phase.Failed : Phase.Pending;
    }

    /// @inheritdoc IGenerator
    function state() external view returns (GeneratorState memory s) {
        GeneratorConfig memory c = GeneratorArgs.load();
        Lifecycle memory l = _lifecycle;
        Votes memory v = _votes;
        Sales memory sales = _sales;
        s = GeneratorState({
            phase: phase(),
            requestId: c.requestId,
            marketplace: c.marketplace,
            token: c.token,
            requester: c.requester,
            provider: c.provider,
            deviceId: l.deviceId,
            deviceKey: _currentDeviceKey(c.marketplace, l.deviceId),
            activatedAt: l.activatedAt,
            escrowWei: c.targetWei,
            priceWeiPerUnit: PriceVote.average(v.weightedPriceSum, v.votingShares),
            votingShares: v.votingShares,
            cumulativeRevenueWei: sales.cumulativeRevenueWei,
            unitsSold: sales.unitsSold,
            deliveredMilliUnits: _deliveredMilliUnits
        });
    }
}
