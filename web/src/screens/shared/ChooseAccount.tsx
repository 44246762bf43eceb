// Shown on a role's screen before anyone is acting.

export function ChooseAccount({ purpose }: { purpose: string }) {
  return (
    <p className="notice">
      Choose an account at the top of the page to {purpose}: connect your browser wallet, or on a development node pick
      one of its development accounts.
    </p>
  );
}
