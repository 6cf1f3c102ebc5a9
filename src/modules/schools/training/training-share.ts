// The share of a school's teachers trained on the equipment it holds. A teacher counts as trained on a
// category when they attended (attendance marked) a session whose topic includes that category; teachers
// are told apart by e-mail address. Per school:
// - held categories: those of its items not retired;
// - trained: teachers trained on at least one held category; share = trained / teachers (the school's
//   `teachers` figure), at most 100 % (staff change over the years); unknown when `teachers` is not set;
// - per held category, how many teachers are trained on it (a category no session covered shows 0).
// Pure: no db, no clock.
import { EQUIPMENT_CATEGORIES, type EquipmentCategory } from "../domain/categories.js";

export type SchoolHoldings = { schoolId: number; teachers: number | null; heldCategories: readonly string[] };
export type AttendanceRecord = { schoolId: number; teacherEmail: string; categories: readonly string[] };

export type SchoolTrainingShare = {
  schoolId: number;
  teachers: number | null;
  heldCategories: EquipmentCategory[];
  trained: number;
  /** Between 0 and 1; null when the number of teachers is unknown (or zero). */
  share: number | null;
  byCategory: { category: EquipmentCategory; trained: number }[];
};

/** Shares of trained teachers for each school, in the order given. */
export function trainingShares(schools: readonly SchoolHoldings[], attendances: readonly AttendanceRecord[]): SchoolTrainingShare[] {
  const trainedBySchool = new Map<number, Map<string, Set<string>>>();
  for (const a of attendances) {
    const teachers = trainedBySchool.get(a.schoolId) ?? new Map<string, Set<string>>();
    const email = a.teacherEmail.trim().toLowerCase();
    const categories = teachers.get(email) ?? new Set<string>();
    for (const c of a.categories) categories.add(c);
    teachers.set(email, categories);
    trainedBySchool.set(a.schoolId, teachers);
  }
  return schools.map((school) => {
    const held = EQUIPMENT_CATEGORIES.filter((c) => school.heldCategories.includes(c));
    const teachers = [...(trainedBySchool.get(school.schoolId)?.values() ?? [])];
    const trained = teachers.filter((categories) => held.some((c) => categories.has(c))).length;
    const share = school.teachers && school.teachers > 0 ? Math.min(1, trained / school.teachers) : null;
    const byCategory = held.map((category) => ({ category, trained: teachers.filter((categories) => categories.has(category)).length }));
    return { schoolId: school.schoolId, teachers: school.teachers, heldCategories: held, trained, share, byCategory };
  });
}
