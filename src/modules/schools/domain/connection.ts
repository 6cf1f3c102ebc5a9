// How a school reaches the internet: the kind of connection, a measured speed and the day it was measured.
// Fibre is also kept as the school's `fibre` flag, which the school indicators count.

export const CONNECTION_KINDS = ["fibre", "cuivre", "radio", "satellite", "aucun"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const CONNECTION_LABELS: Record<ConnectionKind, string> = {
  fibre: "Fibre optique",
  cuivre: "Cuivre (ADSL, VDSL)",
  radio: "4G ou 5G (box ou radio)",
  satellite: "Satellite",
  aucun: "Pas de connexion",
};

export const CONNECTION_OPTIONS = CONNECTION_KINDS.map((value) => ({ value, text: CONNECTION_LABELS[value] }));

/** The `fibre` flag of a connection kind (null when the kind is unknown). */
export function fibreOf(kind: ConnectionKind | null): boolean | null {
  return kind === null ? null : kind === "fibre";
}

/** A connection kind from a file or form value ("fibre", "4G", "ADSL"…), or null when not recognised. */
export function connectionKindOf(value: string): ConnectionKind | null {
  const v = value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();
  if (["fibre", "ftth", "fibre optique"].includes(v)) return "fibre";
  if (["cuivre", "adsl", "vdsl", "sdsl", "xdsl"].includes(v)) return "cuivre";
  if (["radio", "4g", "5g", "4g-5g", "4g/5g", "thd radio"].includes(v)) return "radio";
  if (v === "satellite") return "satellite";
  if (["aucun", "aucune", "sans", "pas de connexion"].includes(v)) return "aucun";
  return null;
}

/** A measured speed in Mbit/s ("95,5"), empty = unknown. */
export function parseSpeed(value: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  const v = value.trim().replace(/\s*mbit\/s$/i, "");
  if (v === "") return { ok: true, value: null };
  const n = Number(v.replace(",", "."));
  if (!/^\d+([.,]\d+)?$/.test(v) || n > 100_000) return { ok: false, reason: `« ${value} » n'est pas un débit en Mbit/s (par exemple 95,5)` };
  return { ok: true, value: n };
}

/** "Fibre optique, 250 Mbit/s mesurés le 03/03/2027", or "Non renseigné". */
export function describeConnection(school: { connectionKind: ConnectionKind | null; connectionMbps: number | null; connectionMeasuredOn: string | null; fibre: boolean | null }): string {
  if (!school.connectionKind) return school.fibre === null ? "Non renseigné" : school.fibre ? "Fibre optique" : "Pas de fibre";
  const speed = school.connectionMbps === null ? "" : `, ${school.connectionMbps.toLocaleString("fr-FR")}\u00a0Mbit/s`;
  const on = school.connectionMeasuredOn ? ` mesurés le ${school.connectionMeasuredOn.split("-").reverse().join("/")}` : "";
  return `${CONNECTION_LABELS[school.connectionKind]}${speed}${speed ? on : ""}`;
}
