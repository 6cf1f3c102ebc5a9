// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported", "js-enabled");
initAll();

// The territory switcher submits itself when a territory is chosen.
for (const select of document.querySelectorAll("[data-autosubmit]")) {
  select.addEventListener("change", () => select.form?.requestSubmit());
  const button = select.form?.querySelector("[data-autosubmit-button]");
  if (button) button.hidden = true;
}

// Long operations (imports): refresh the progress in place while it runs, without reloading the page
// (no timed page refresh: WCAG 2.2.1). Without JavaScript, the page offers an "Actualiser" link.
const live = document.querySelector("[data-live-refresh]");
if (live) {
  const seconds = Number(live.getAttribute("data-live-refresh")) || 2;
  const poll = async () => {
    const response = await fetch(location.href, { headers: { accept: "text/html" }, credentials: "same-origin" });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("main");
    const main = document.querySelector("main");
    if (!next || !main) return;
    if (next.querySelector("[data-live-refresh]")) {
      live.innerHTML = next.querySelector("[data-live-refresh]").innerHTML;
      setTimeout(poll, seconds * 1000);
    } else {
      main.innerHTML = next.innerHTML;
    }
  };
  setTimeout(poll, seconds * 1000);
}
