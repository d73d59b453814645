/** Hash routing: "#/ideas/42" -> ["ideas", "42"]; works from any static file server. */
import { useEffect, useState } from "preact/hooks";

function segments(): string[] {
  const path = location.hash.replace(/^#\/?/, "").split("?")[0];
  return path.split("/").filter(Boolean).map(decodeURIComponent);
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(segments);
  useEffect(() => {
    const update = () => setRoute(segments());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}

export function href(...parts: string[]): string {
  return "#/" + parts.map(encodeURIComponent).join("/");
}

export function navigate(...parts: string[]): void {
  location.hash = href(...parts).slice(1);
}

/** The query after the route: "#/experiments/new?idea=42" -> idea=42. Read on each render
 * (useRoute re-renders on every hash change). */
export function routeParams(): URLSearchParams {
  return new URLSearchParams(location.hash.split("?")[1] ?? "");
}

export function hrefWith(params: Record<string, string>, ...parts: string[]): string {
  return `${href(...parts)}?${new URLSearchParams(params)}`;
}
