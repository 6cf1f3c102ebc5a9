// Control characters in what people send: none is ever stored. NUL cannot even be stored by PostgreSQL (the
// statement fails), the others are invisible, break exports and logs, and only arrive by accident or on purpose.

// C0 controls, DEL and C1 controls; tab, line feed and carriage return are written by keyboards in multi-line fields.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_OR_LINE_BREAK = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

/** The first control character of `value` ("multiline": tab and line breaks allowed), or undefined. */
export function controlCharacterIn(value: string, { multiline = true }: { multiline?: boolean } = {}): { index: number; code: string } | undefined {
  const match = (multiline ? CONTROL : CONTROL_OR_LINE_BREAK).exec(value);
  if (!match) return undefined;
  return { index: match.index, code: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` };
}

/** The French reason given for a control character found at `index` (0-based) of a field. */
export function controlCharacterReason(found: { index: number; code: string }): string {
  return `contient un caractère invisible non admis (${found.code}, position ${found.index + 1}) : retapez ce texte sans le coller`;
}

/** A value is too long to be looked at further: checked before any pattern runs on it. */
export function lengthReason(max: number, length: number): string {
  return `trop long : ${new Intl.NumberFormat("fr-FR").format(max)} caractères au plus (${new Intl.NumberFormat("fr-FR").format(length)} reçus)`;
}

/**
 * The first field of a parsed body or query string holding a control character, with its name, or undefined.
 * Walks plain objects and arrays (form bodies, JSON); buffers and files are not text.
 */
export function firstControlCharacter(value: unknown, path = ""): { field: string; found: { index: number; code: string } } | undefined {
  if (typeof value === "string") {
    const found = controlCharacterIn(value);
    return found ? { field: path || "valeur", found } : undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const hit = firstControlCharacter(item, path);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === "object" && Object.getPrototypeOf(value) !== Buffer.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const keyHit = controlCharacterIn(key, { multiline: false });
      if (keyHit) return { field: path || "nom de champ", found: keyHit };
      const hit = firstControlCharacter(item, path ? `${path}.${key}` : key);
      if (hit) return hit;
    }
  }
  return undefined;
}
