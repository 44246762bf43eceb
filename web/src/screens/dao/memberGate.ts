// Whether the acting account may propose to the Technical DAO (its members may, one vote each), and if not, why.
import type { Address } from "../../api/types.ts";

export function isMemberOf(members: Address[] | undefined, address: Address | null): boolean {
  if (!members || address === null) return false;
  const lower = address.toLowerCase();
  return members.some((m) => m.toLowerCase() === lower);
}

export function proposeDisabledWhy(members: Address[] | undefined, address: Address | null): string | null {
  if (address === null) return "Choose an account at the top of the page to propose.";
  if (members === undefined) return "Reading the DAO's members…";
  if (!isMemberOf(members, address)) {
    return "Only members of the Technical DAO propose; the account you act as is not a member.";
  }
  return null;
}
