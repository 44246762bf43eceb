import { ScreenMain } from "../components/ScreenMain.tsx";
import { useDocumentTitle } from "../routing/useDocumentTitle.ts";

export function NotFoundScreen({ path }: { path: string }) {
  useDocumentTitle("Not found");
  return (
    <ScreenMain>
      <h1>Nothing here</h1>
      <p>
        There is no screen at <code>{path}</code>. <a href="#/">Go to the dashboard</a>.
      </p>
    </ScreenMain>
  );
}
