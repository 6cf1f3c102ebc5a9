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
