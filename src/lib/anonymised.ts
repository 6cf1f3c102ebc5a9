// The value that replaces an address or a phone number once erased (retention job, erasure requests).

/** What a message receipt's recipient becomes when erased; a message still waiting to go out is then never sent. */
export const ANONYMISED = "anonymisé";
