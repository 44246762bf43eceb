// The shell: header with navigation and the account, then the screen the hash names. The dashboard is in the
// first bundle; every other screen loads when first opened, so the public page stays light.
import { lazy, Suspense } from "react";
import { ActivityStreamProvider } from "./api/activityStream.tsx";
import { NodeStatusProvider } from "./api/nodeStatus.tsx";
import { RefreshProvider } from "./api/refresh.tsx";
import { type Route, useHashRoute } from "./routing/useHashRoute.ts";
import { DashboardScreen } from "./screens/dashboard/DashboardScreen.tsx";
import { NotFoundScreen } from "./screens/NotFoundScreen.tsx";
import { useWallet, WalletProvider } from "./wallet/WalletContext.tsx";
import { WalletPanel } from "./wallet/WalletPanel.tsx";

const ConsumerScreen = lazy(() => import("./screens/consumer/ConsumerScreen.tsx"));
const ProviderScreen = lazy(() => import("./screens/provider/ProviderScreen.tsx"));
const FinancierScreen = lazy(() => import("./screens/financier/FinancierScreen.tsx"));
const GeneratorScreen = lazy(() => import("./screens/generator/GeneratorScreen.tsx"));
const DevicesScreen = lazy(() => import("./screens/devices/DevicesScreen.tsx"));
const DeviceScreen = lazy(() => import("./screens/devices/DeviceScreen.tsx"));
const DaoScreen = lazy(() => import("./screens/dao/DaoScreen.tsx"));
const EnergyScreen = lazy(() => import("./screens/energy/EnergyScreen.tsx"));
const SwapScreen = lazy(() => import("./screens/swap/SwapScreen.tsx"));
const CapitalScreen = lazy(() => import("./screens/capital/CapitalScreen.tsx"));
const ProjectsScreen = lazy(() => import("./screens/projects/ProjectsScreen.tsx"));
const ProjectScreen = lazy(() => import("./screens/projects/ProjectScreen.tsx"));

const NAV: { href: string; label: string; screen: Route["screen"] }[] = [
  { href: "#/", label: "Dashboard", screen: "dashboard" },
  { href: "#/consumer", label: "Consumer", screen: "consumer" },
  { href: "#/provider", label: "Provider", screen: "provider" },
  { href: "#/financier", label: "Financier", screen: "financier" },
  { href: "#/energy", label: "Energy", screen: "energy" },
  { href: "#/devices", label: "Devices", screen: "devices" },
  { href: "#/dao", label: "DAO", screen: "dao" },
  { href: "#/swap", label: "Swap", screen: "swap" },
  { href: "#/capital", label: "Capital", screen: "capital" },
  { href: "#/projects", label: "Projects", screen: "projects" },
];

/** A device's own page is within the Devices entry of the navigation, a project's within Projects. */
function currentMark(route: Route, screen: Route["screen"]): "page" | "true" | undefined {
  if (route.screen === screen) return "page";
  if (route.screen === "device" && screen === "devices") return "true";
  return route.screen === "project" && screen === "projects" ? "true" : undefined;
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case "dashboard":
      return <DashboardScreen />;
    case "consumer":
      return <ConsumerScreen />;
    case "provider":
      return <ProviderScreen />;
    case "financier":
      return <FinancierScreen />;
    case "generator":
      return <GeneratorScreen address={route.address} />;
    case "devices":
      return <DevicesScreen />;
    case "device":
      return <DeviceScreen deviceId={route.deviceId} />;
    case "dao":
      return <DaoScreen />;
    case "energy":
      return <EnergyScreen />;
    case "swap":
      return <SwapScreen />;
    case "capital":
      return <CapitalScreen />;
    case "projects":
      return <ProjectsScreen />;
    case "project":
      return <ProjectScreen projectId={route.projectId} />;
    case "notFound":
      return <NotFoundScreen path={route.path} />;
  }
}

/**
 * A role's screen starts afresh when the acting account changes: another person must not find the last one's
 * half-filled forms or messages.
 */
function ScreenForAccount({ route }: { route: Route }) {
  const { address } = useWallet();
  const who = route.screen === "dashboard" ? "" : (address ?? "nobody");
  const what =
    route.screen === "generator"
      ? route.address
      : route.screen === "device"
        ? `device-${route.deviceId}`
        : route.screen === "project"
          ? `project-${route.projectId}`
          : route.screen;
  return <Screen key={`${what}:${who}`} route={route} />;
}

function focusMain(event: React.MouseEvent) {
  // The hash is the route, so the skip link moves focus itself instead of navigating.
  event.preventDefault();
  document.querySelector<HTMLElement>("main")?.focus();
}

export function App() {
  const route = useHashRoute();
  return (
    <RefreshProvider>
      <NodeStatusProvider>
        <ActivityStreamProvider>
          <WalletProvider>
            <a href="#/" className="skip-link" onClick={focusMain}>
              Skip to content
            </a>
            <header className="site-header">
              <div className="brand-row">
                <a href="#/" className="brand">
                  D-REX
                </a>
                <nav aria-label="Screens">
                  <ul>
                    {NAV.map((item) => (
                      <li key={item.href}>
                        <a href={item.href} aria-current={currentMark(route, item.screen)}>
                          {item.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              </div>
              <WalletPanel />
            </header>
            <Suspense
              fallback={
                <main tabIndex={-1} aria-busy="true">
                  <p className="loading">Loading the screen…</p>
                </main>
              }
            >
              <ScreenForAccount route={route} />
            </Suspense>
            <footer className="site-footer">
              <p>
                D-REX — community-owned utilities. <a href="/api/v1/docs">API documentation</a>
              </p>
            </footer>
          </WalletProvider>
        </ActivityStreamProvider>
      </NodeStatusProvider>
    </RefreshProvider>
  );
}
