// Web addresses people may follow from a page: http and https only, as the WHATWG parser (the browsers') reads them.

/** An absolute http(s) address with a host; `data:`, `javascript:` and the rest are not links. */
export function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
}
