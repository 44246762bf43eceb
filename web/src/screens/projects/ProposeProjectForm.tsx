// DS3: propose a project: its cost (SOLAR from the pool), how long it may be staked, and the collateral — 5% of the
// cost in capital tokens at the pool's balance per token, or 5% of the reputation bar. The collateral comes back
// when the project is staked and is lost if it expires.
import type { DistributeAccount, DistributeOverview } from "../../api/distributeTypes.ts";
import { SelectField, TextField } from "../../forms/Field.tsx";
import { useForm } from "../../forms/useForm.ts";
import { checkSolarAmount, checkWholeNumber, solarInputToWei } from "../../forms/validate.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTransaction } from "../../tx/useTransaction.ts";
import { approveFor, ceilDiv, formatCapital, formatReputation, formatWei } from "./distributeShared.ts";

/** Collateral is 5% of the cost. */
const COLLATERAL_BPS = 500n;
/** The deadline must fit the contract's 40 bits; a year is more than any community waits. */
const MAX_STAKING_HOURS = 8_760n;

/** The most a proposal may ask for: the pool less the proposer's and the stakers' 1% rewards. */
export function maxCostWei(poolWei: bigint): bigint {
  return (poolWei * 100n) / 102n;
}

/** StakeMath.collateral: ceil(supply × cost × 5% / pool) of the chosen kind, as the contract computes it. */
export function collateralOf(overview: DistributeOverview, costWei: bigint, inReputation: boolean): bigint | null {
  const { supplyTokens, poolWei } = overview.capital;
  if (poolWei === 0n) return null;
  const supply = inReputation ? overview.reputation.supply : supplyTokens;
  return ceilDiv(supply * costWei * COLLATERAL_BPS, poolWei * 10_000n);
}

export function ProposeProjectForm({
  overview,
  account,
}: {
  overview: DistributeOverview;
  account: DistributeAccount | undefined;
}) {
  const tx = useTransaction();
  const maxCost = maxCostWei(overview.capital.poolWei);
  const form = useForm({ cost: "", hours: "24", collateral: "tokens" }, (v) => {
    let costError =
      maxCost === 0n
        ? "The pool is empty: buy capital tokens first."
        : checkSolarAmount(v.cost, { maxWei: maxCost, maxReason: "(the pool less the two 1% rewards)" });
    if (!costError && account) {
      const inReputation = v.collateral === "reputation";
      const collateral = collateralOf(overview, solarInputToWei(v.cost), inReputation) ?? 0n;
      const held = inReputation ? account.reputation : account.capitalTokens;
      if (collateral === 0n) costError = `Too small: the collateral would be nothing; choose a larger cost.`;
      else if (collateral > held) {
        costError = `The collateral, ${inReputation ? formatReputation(collateral) : formatCapital(collateral)}, is more than you hold.`;
      }
    }
    return {
      cost: costError,
      hours: checkWholeNumber(v.hours, { min: 1n, max: MAX_STAKING_HOURS, unit: "hours" }),
    };
  });
  const inReputation = form.values.collateral === "reputation";
  const costValid = checkSolarAmount(form.values.cost, { maxWei: maxCost }) === null;
  const collateral = costValid ? collateralOf(overview, solarInputToWei(form.values.cost), inReputation) : null;

  const submit = form.onSubmit(async (v) => {
    const costWei = solarInputToWei(v.cost);
    const asReputation = v.collateral === "reputation";
    const posted = collateralOf(overview, costWei, asReputation) ?? 0n;
    // The tokens' collateral follows the pool's balance per token, which others' trades may move a little.
    const allowance = posted + ceilDiv(posted, 100n);
    const ok = await tx.run(
      [
        ...(asReputation
          ? []
          : [
              approveFor(
                overview.addresses.capitalToken,
                overview.addresses.projects,
                allowance,
                "the projects contract",
                formatCapital(allowance),
              ),
            ]),
        {
          label: `Propose a project costing ${formatWei(costWei)}`,
          action: "propose",
          fields: {
            costWei: costWei.toString(),
            stakingSeconds: (BigInt(v.hours.trim()) * 3600n).toString(),
            collateralInReputation: asReputation,
          },
        },
      ],
      `Proposed a project costing ${formatWei(costWei)}.`,
    );
    if (ok) form.reset();
  });

  return (
    <section aria-labelledby="propose-heading" className="panel">
      <h2 id="propose-heading">Propose a project</h2>
      <form onSubmit={submit} noValidate aria-labelledby="propose-heading">
        <div className="field-row">
          <TextField
            {...form.bind("cost")}
            label="Cost (SOLAR)"
            inputMode="decimal"
            suffix="SOLAR"
            hint={`At most ${formatWei(maxCost, false)} from a pool of ${formatWei(overview.capital.poolWei, false)}.`}
          />
          <TextField
            {...form.bind("hours")}
            label="Staking period (hours)"
            inputMode="numeric"
            suffix="h"
            hint="The staking deadline is this long from now, by the chain's clock."
          />
        </div>
        <SelectField
          {...form.bind("collateral")}
          label="Collateral (5%)"
          options={[
            { value: "tokens", label: "in capital tokens" },
            { value: "reputation", label: "in reputation" },
          ]}
        />
        <p aria-live="polite" data-testid="collateral-estimate">
          {collateral !== null
            ? `You post about ${inReputation ? formatReputation(collateral) : formatCapital(collateral)} as collateral; it comes back when the project is staked.`
            : "Enter a cost to see the collateral."}
        </p>
        <button type="submit" disabled={tx.pending}>
          Propose
        </button>
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
