import { describe, expect, it } from "vitest";
import { toDataInclusionChunks } from "./lieux-data-inclusion-stream.js";
import { toDataInclusion } from "./lieux-data-inclusion.js";
import { collectText, variedRecords } from "./lieux.fixtures.js";

describe("streamed data.inclusion export", () => {
  it("gives the same structures and services as the whole conversion", async () => {
    const text = await collectText(toDataInclusionChunks(() => variedRecords, { source: "maillage" }));
    expect(JSON.parse(text)).toEqual(toDataInclusion(variedRecords, { source: "maillage" }));
  });

  it("writes empty lists when there is no place", async () => {
    expect(JSON.parse(await collectText(toDataInclusionChunks(() => [], { source: "maillage" })))).toEqual({ structures: [], services: [] });
  });
});
