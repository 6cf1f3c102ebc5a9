// Static assets: cached for a year, and compressed for the browsers that accept it (old phones, weak signal).
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";

describe("static assets", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("pglite");
  });
  afterAll(() => t.close());

  const get = (url: string, encoding?: string) => t.app.inject({ method: "GET", url, headers: encoding ? { "accept-encoding": encoding } : {} });

  it("sends the stylesheet in Brotli or gzip to browsers that accept it, the same bytes once decoded", async () => {
    const plain = await get("/assets/maillage.css");
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toContain("immutable");
    const br = await get("/assets/maillage.css", "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(String(br.headers.vary).toLowerCase()).toContain("accept-encoding");
    expect(zlib.brotliDecompressSync(br.rawPayload).toString("utf8")).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gz = await get("/assets/maillage.css", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.rawPayload).toString("utf8")).toBe(plain.body);
  });

  it("compresses the scripts too, in sub-directories as well", async () => {
    for (const url of ["/assets/init.js", "/assets/govuk-frontend.min.js", "/assets/leaflet/leaflet.js"]) {
      const plain = await get(url);
      const br = await get(url, "br");
      expect({ url, encoding: br.headers["content-encoding"] }).toEqual({ url, encoding: "br" });
      expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    }
  });
});
