import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  activityKinds,
  autonomies,
  durationBands,
  genreCounters,
  locationKinds,
  materiels,
  niveaux,
  orientations,
  participantCounterKeys,
  sousThematiques,
  statutSocialCounters,
  thematiques,
  trancheAgeCounters,
} from "./vocabulary.js";

const lists = { activityKinds, locationKinds, durationBands, thematiques, sousThematiques, materiels, autonomies, orientations, niveaux, genreCounters, trancheAgeCounters, statutSocialCounters };

/** Section 2 of the reference, its wrapped lines joined. */
function referenceSection2(): string | null {
  const url = new URL("../../../../../shared/spec/REFERENCE.md", import.meta.url);
  if (!fs.existsSync(url)) return null;
  const text = fs.readFileSync(url, "utf8");
  const section = text.slice(text.indexOf("## 2."), text.indexOf("## 3."));
  return section.split("\n").map((l) => l.trim()).join(" ");
}

describe("national vocabulary", () => {
  it.each(Object.entries(lists))("%s has unique values and labels", (_name, list) => {
    expect(new Set(list.map((t) => t.value)).size).toBe(list.length);
    expect(new Set(list.map((t) => t.label)).size).toBe(list.length);
  });

  it("has every national word of the reference, byte for byte", () => {
    expect(thematiques).toHaveLength(19);
    expect(sousThematiques).toHaveLength(11);
    expect(orientations).toHaveLength(7);
    expect(trancheAgeCounters).toHaveLength(8);
    const reference = referenceSection2();
    if (reference === null) return; // the spec lives beside the repository, not in it
    for (const list of Object.values(lists)) for (const term of list) expect(reference).toContain(term.label);
  });

  it("stores the national words themselves (except the kind, a column code)", () => {
    for (const list of [locationKinds, thematiques, sousThematiques, materiels, autonomies, orientations, niveaux]) {
      for (const term of list) expect(term.value).toBe(term.label);
    }
    expect(locationKinds[0]!.value).toBe("Lieu d'activité");
  });

  it("lists the 18 participant counters of a workshop", () => {
    expect(participantCounterKeys).toHaveLength(18);
  });
});
