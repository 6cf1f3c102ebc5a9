import { describe, expect, it } from "vitest";
import { schoolYearEnd } from "./training-links.js";
import { trainingShares } from "./training-share.js";

describe("share of trained teachers", () => {
  const schools = [
    { schoolId: 1, teachers: 4, heldCategories: ["ecran_interactif", "imprimante_reseau"] },
    { schoolId: 2, teachers: null, heldCategories: ["tablette"] },
    { schoolId: 3, teachers: 1, heldCategories: ["tablette"] },
  ];

  it("counts distinct teachers trained on at least one held category, per school", () => {
    const [a, b, c] = trainingShares(schools, [
      { schoolId: 1, teacherEmail: "alex@exemple.fr", categories: ["ecran_interactif", "tablette"] },
      { schoolId: 1, teacherEmail: "ALEX@exemple.fr", categories: ["imprimante_reseau"] },
      { schoolId: 1, teacherEmail: "sam@exemple.fr", categories: ["tablette"] },
      { schoolId: 2, teacherEmail: "noa@exemple.fr", categories: ["tablette"] },
      { schoolId: 3, teacherEmail: "x@exemple.fr", categories: ["tablette"] },
      { schoolId: 3, teacherEmail: "y@exemple.fr", categories: ["tablette"] },
    ]);
    expect(a).toMatchObject({ trained: 1, share: 0.25, byCategory: [{ category: "ecran_interactif", trained: 1 }, { category: "imprimante_reseau", trained: 1 }] });
    expect(b).toMatchObject({ trained: 1, share: null });
    expect(c).toMatchObject({ trained: 2, share: 1 });
  });

  it("gives 0 to a school whose teachers trained only on equipment it does not hold", () => {
    const [a] = trainingShares([schools[0]!], [{ schoolId: 1, teacherEmail: "sam@exemple.fr", categories: ["tablette"] }]);
    expect(a).toMatchObject({ trained: 0, share: 0 });
  });
});

describe("registration links", () => {
  it("last until 31 August, of the next year from July on", () => {
    expect(schoolYearEnd(new Date("2027-03-02T09:00:00Z")).toISOString()).toBe("2027-08-31T21:59:00.000Z");
    expect(schoolYearEnd(new Date("2027-07-01T09:00:00Z")).toISOString()).toBe("2028-08-31T21:59:00.000Z");
  });
});
