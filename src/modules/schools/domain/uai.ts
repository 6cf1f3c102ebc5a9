// UAI (Unité administrative immatriculée, formerly RNE): the national identifier of a school.
// Format: 7 digits then a check letter. The letter is the 7-digit number modulo 23, read in the
// alphabet "ABCDEFGHJKLMNPRSTUVWXYZ" (A-Z without I, O, Q, which look like 1 and 0).
// Verified against real UAIs found in public code and data: 0750655E (lycée Louis-le-Grand),
// 0750654D (Henri-IV), 0750651A (Condorcet), 0301674G (école primaire de Lasalle), 0590119J,
// 0690026D, 9711032V, 0782562L — all satisfy the rule (see uai.test.ts). Corsica uses digits too
// (620…/720…), so the rule needs no exception.

/** The 23 letters a UAI check letter can take, indexed by the remainder. */
export const UAI_CHECK_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ";

const UAI_SHAPE = /^\d{7}[A-Z]$/;

/** Result of checking a UAI: the normalised code, or a French reason for the person who typed it. */
export type UaiCheck = { ok: true; uai: string } | { ok: false; reason: string };

/** Check letter expected for the 7 digits of a UAI (throws if not exactly 7 digits). */
export function uaiCheckLetter(digits: string): string {
  if (!/^\d{7}$/.test(digits)) throw new RangeError("un code UAI commence par 7 chiffres");
  return UAI_CHECK_ALPHABET.charAt(Number(digits) % UAI_CHECK_ALPHABET.length);
}

/** Validates a UAI typed or imported (trimmed, letter case ignored) and explains any failure in French. */
export function checkUai(input: string): UaiCheck {
  const uai = input.trim().toUpperCase();
  if (uai === "") return { ok: false, reason: "le code UAI est vide" };
  if (!UAI_SHAPE.test(uai)) {
    return {
      ok: false,
      reason: `« ${input.trim()} » n'est pas un code UAI : 7 chiffres suivis d'une lettre sont attendus (ex. 0750655E)`,
    };
  }
  const expected = uaiCheckLetter(uai.slice(0, 7));
  if (uai.charAt(7) !== expected) {
    return {
      ok: false,
      reason: `la lettre de contrôle du code UAI ${uai} est incorrecte : ${uai.slice(0, 7)} doit être suivi de ${expected}`,
    };
  }
  return { ok: true, uai };
}

/** Whether a string is a valid UAI (see checkUai for the reason when it is not). */
export function isValidUai(input: string): boolean {
  return checkUai(input).ok;
}
