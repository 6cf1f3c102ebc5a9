import { describe, expect, it } from "vitest";
import { decodeUpload, detectFormat } from "./places-import.js";

describe("reading an uploaded file", () => {
  it("recognises the format from the name, else from the content", () => {
    expect(detectFormat("lieux.CSV", "[")).toBe("csv");
    expect(detectFormat("lieux.json", "id,nom")).toBe("json");
    expect(detectFormat("export", "\uFEFF  [{\"id\":\"a\"}]")).toBe("json");
    expect(detectFormat("export", "id,pivot,nom")).toBe("csv");
  });

  it("reads UTF-8, and Windows-1252 as saved by older French spreadsheets", () => {
    expect(decodeUpload(Buffer.from("Médiathèque « Fesch »", "utf8"))).toBe("Médiathèque « Fesch »");
    expect(decodeUpload(Uint8Array.from([0x4d, 0xe9, 0x64, 0x69, 0x61, 0x74, 0x68, 0xe8, 0x71, 0x75, 0x65, 0x20, 0x9c, 0x80, 0x92]))).toBe("Médiathèque œ€’");
  });
});
