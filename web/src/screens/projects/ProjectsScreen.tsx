// Projects (#/projects): every project of the Distribute Protocol with its progress, and the proposal form (DS3–DS8).
import { LoadState } from "../../components/LoadState.tsx";
import { ScreenMain } from "../../components/ScreenMain.tsx";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { useWallet } from "../../wallet/WalletContext.tsx";
import { ChooseAccount } from "../shared/ChooseAccount.tsx";
import { useDistributeAccount, useDistributeOverview } from "./distributeShared.ts";
import { ProjectList } from "./ProjectList.tsx";
import { ProposeProjectForm } from "./ProposeProjectForm.tsx";

export default function ProjectsScreen() {
  useDocumentTitle("Projects");
  const { address } = useWallet();
  const overview = useDistributeOverview();
  const account = useDistributeAccount();
  return (
    <ScreenMain data-testid="projects-screen" aria-busy={overview.data || overview.error ? "false" : "true"}>
      <h1>Projects</h1>
      <p className="lede">
        A project asks for part of the pool. Holders stake capital tokens and reputation to back it, agree on a task
        list, and reputation holders do the tasks, which token holders validate.
      </p>
      <LoadState loading={overview.loading} error={overview.error} what="the protocol" />
      <ProjectList />
      {!address ? <ChooseAccount purpose="propose a project" /> : null}
      {address && overview.data ? <ProposeProjectForm overview={overview.data} account={account.data} /> : null}
    </ScreenMain>
  );
}
