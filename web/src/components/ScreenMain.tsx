// A screen's <main>. After moving to another screen it takes the focus, so keyboard and screen-reader users start
// at the new content instead of somewhere in the navigation.
import { type ComponentProps, useEffect, useRef } from "react";
import { takeScreenFocus } from "../routing/useHashRoute.ts";

export function ScreenMain(props: Omit<ComponentProps<"main">, "tabIndex" | "ref">) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeScreenFocus()) ref.current?.focus();
  }, []);
  return <main ref={ref} tabIndex={-1} {...props} />;
}
