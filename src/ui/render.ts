// Renders JSX to an HTML document. Text and attributes are escaped by preact-render-to-string.
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** Renders a full page with its doctype. */
export function renderDocument(page: VNode): string {
  return "<!doctype html>" + renderToString(page);
}

/** Renders a fragment (e-mail bodies, partials). */
export function renderFragment(node: VNode): string {
  return renderToString(node);
}
