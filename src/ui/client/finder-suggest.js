// Commune suggestions for "Où ?" in the public finder. An enhancement only: the search form works without it.
// A native <datalist> carries the suggestions, so browsers and screen readers present them their own way.
const wrapper = document.querySelector("[data-finder-suggest]");
const input = wrapper?.querySelector("input");

if (wrapper && input) {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  wrapper.append(list);
  input.setAttribute("list", list.id);
  let timer;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2 || q === asked) return;
    timer = setTimeout(async () => {
      asked = q;
      try {
        const response = await fetch(`${wrapper.dataset.finderSuggest}?q=${encodeURIComponent(q)}`, { headers: { accept: "application/json" } });
        if (!response.ok) return;
        const { suggestions } = await response.json();
        list.replaceChildren(
          ...suggestions.map((s) => {
            const option = document.createElement("option");
            option.value = s.value;
            option.label = s.label;
            return option;
          }),
        );
      } catch {
        // Suggestions are optional: a network error leaves the field as it is.
      }
    }, 200);
  });
}
