import type { Address } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { TechnicalDAOAbi } from "../../abi/TechnicalDAO.ts";
import { TechnicalMembershipAbi } from "../../abi/TechnicalMembership.ts";
import type { DrexReadClient } from "../../types.ts";

export type GetDaoParameters = {
  dao: Address;
  membership: Address;
  /** Where to start reading membership events (the deployment's block). Default 0. */
  fromBlock?: bigint;
};

export type DaoView = {
  /** Today's members, in the order they were admitted. */
  members: Address[];
  memberCount: bigint;
  votingDelaySeconds: bigint;
  votingPeriodSeconds: bigint;
  /** Of all members' votes, the share (percent) that must vote for or abstain. */
  quorumPercent: bigint;
  /** Votes needed to propose. */
  proposalThreshold: bigint;
};

export type GetDaoReturnType = DaoView;

/** The Technical DAO's members and settings (MX1, MX9). */
export async function getDao(client: DrexReadClient, params: GetDaoParameters): Promise<GetDaoReturnType> {
  const dao = { address: params.dao, abi: TechnicalDAOAbi } as const;
  const [added, memberCount, votingDelaySeconds, votingPeriodSeconds, numerator, denominator, proposalThreshold] =
    await Promise.all([
      getContractEvents(client, {
        address: params.membership,
        abi: TechnicalMembershipAbi,
        eventName: "MemberAdded",
        fromBlock: params.fromBlock ?? 0n,
        strict: true,
      }),
      readContract(client, { address: params.membership, abi: TechnicalMembershipAbi, functionName: "memberCount" }),
      readContract(client, { ...dao, functionName: "votingDelay" }),
      readContract(client, { ...dao, functionName: "votingPeriod" }),
      readContract(client, { ...dao, functionName: "quorumNumerator" }),
      readContract(client, { ...dao, functionName: "quorumDenominator" }),
      readContract(client, { ...dao, functionName: "proposalThreshold" }),
    ]);
  const candidates = [...new Map(added.map((e) => [e.args.member.toLowerCase(), e.args.member])).values()];
  // A member removed (and perhaps admitted again) is settled by asking the membership about today.
  const current = await Promise.all(
    candidates.map((member) =>
      readContract(client, {
        address: params.membership,
        abi: TechnicalMembershipAbi,
        functionName: "isMember",
        args: [member],
      }),
    ),
  );
  return {
    members: candidates.filter((_, i) => current[i]),
    memberCount,
    votingDelaySeconds,
    votingPeriodSeconds,
    quorumPercent: (numerator * 100n) / denominator,
    proposalThreshold,
  };
}
