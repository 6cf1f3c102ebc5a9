import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { EQUIPMENT_CATEGORIES, ITEM_STATES, type EquipmentCategory, type ItemState } from "./categories.js";
import type { InventoryItem } from "./inventory.js";
import {
  aggregateCompliance,
  checkSocle,
  complianceByCommune,
  complianceByGroup,
  computeCompliance,
  DEFAULT_SOCLE,
  type Socle,
} from "./socle.js";

let nextId = 0;
function item(category: EquipmentCategory, classId: string | null = null, state: ItemState = "en_service"): InventoryItem {
  nextId += 1;
  return { id: `i${nextId}`, category, state, classId };
}
function times(n: number, make: () => InventoryItem): InventoryItem[] {
  return Array.from({ length: n }, make);
}
const classes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}` }));

// Five classes; every expectation below is counted by hand.
const schoolA = { classes: classes(5) };
const itemsA: InventoryItem[] = [
  item("ecran_interactif", "c1"),
  item("videoprojecteur", "c2", "en_reparation"),
  item("videoprojecteur_interactif", "c3", "en_panne"), // broken: c3 has no display
  item("ecran_interactif", "c4"),
  item("ecran_interactif", "c4"), // c4 counted once
  item("ecran_interactif", null), // school-level: meets no class
  item("ordinateur_portable_enseignant", "c1"),
  item("ordinateur_portable_enseignant", "c2", "reforme"),
  ...times(10, () => item("tablette")),
  ...times(4, () => item("ordinateur_eleve", "c3")),
  ...times(2, () => item("tablette", null, "en_panne")),
  item("ordinateur_direction"),
  item("ordinateur_direction"),
  item("point_acces_wifi", "c5"), // class item counts for a per-school element
];

describe("computeCompliance with the default socle", () => {
  const result = computeCompliance(schoolA, itemsA, DEFAULT_SOCLE);

  it("measures each element as the issue defines it", () => {
    expect(result.elements).toEqual([
      { element: "affichage", requis: 5, present: 3, manque: 2 },
      { element: "poste_enseignant", requis: 5, present: 1, manque: 4 },
      { element: "mobiles", requis: 24, present: 14, manque: 10 },
      { element: "direction", requis: 1, present: 2, manque: 0 },
      { element: "impression", requis: 1, present: 0, manque: 1 },
      { element: "wifi", requis: 1, present: 1, manque: 0 },
    ]);
  });

  it("computes compliance as Σ min(present, requis) / Σ requis", () => {
    expect(result.requis).toBe(37);
    expect(result.met).toBe(20); // 3 + 1 + 14 + 1 (not 2) + 0 + 1
    expect(result.compliance).toBe(20 / 37);
  });

  it.each([
    [0, 0],
    [1, 12],
    [4, 12],
    [5, 24],
    [8, 24],
    [9, 36],
  ])("requires 12 mobile devices per started group of 4 classes (%i classes → %i)", (n, requis) => {
    const mobiles = computeCompliance({ classes: classes(n) }, []).elements.find((e) => e.element === "mobiles");
    expect(mobiles?.requis).toBe(requis);
  });

  it("requires only the per-school elements of a school without classes", () => {
    const r = computeCompliance({ classes: [] }, [item("ordinateur_direction")]);
    expect([r.requis, r.met, r.compliance]).toEqual([3, 1, 1 / 3]);
  });

  it("needs every required item in the class for a per-class element asking for two", () => {
    const socle: Socle = {
      version: "test",
      label: "deux écrans",
      elements: [{ code: "double", label: "", categories: ["ecran_interactif"], requirement: { kind: "per_class", count: 2 }, purchaseCategory: "ecran_interactif" }],
    };
    const items = [item("ecran_interactif", "c1"), item("ecran_interactif", "c1"), item("ecran_interactif", "c2")];
    expect(computeCompliance({ classes: classes(2) }, items, socle).elements).toEqual([
      { element: "double", requis: 2, present: 1, manque: 1 },
    ]);
  });

  it("is fully compliant when nothing is required", () => {
    const socle: Socle = { version: "v", label: "", elements: [DEFAULT_SOCLE.elements[0]!] };
    expect(computeCompliance({ classes: [] }, [], socle).compliance).toBe(1);
  });
});

describe("aggregation per commune and group", () => {
  const a = computeCompliance(schoolA, itemsA); // 20 / 37
  const b = computeCompliance({ classes: [] }, [item("ordinateur_direction")]); // 1 / 3
  const rows = [
    { communeCode: "79002", compliance: b },
    { communeCode: "79001", compliance: a },
  ];

  it("sums requirements, not school rates", () => {
    const total = aggregateCompliance([a, b]);
    expect([total.schools, total.requis, total.met, total.compliance]).toEqual([2, 40, 21, 21 / 40]);
    expect(total.compliance).not.toBe((20 / 37 + 1 / 3) / 2);
    expect(total.elements.find((e) => e.element === "impression")).toEqual({ element: "impression", requis: 2, met: 0, manque: 2 });
  });

  it("groups by commune, sorted by INSEE code", () => {
    const byCommune = complianceByCommune(rows);
    expect(byCommune.map((c) => [c.communeCode, c.met, c.requis])).toEqual([
      ["79001", 20, 37],
      ["79002", 1, 3],
    ]);
  });

  it("groups by group of communes, leaving out communes in no group", () => {
    const groups = [
      { code: "cc-a", label: "Ancienne CC A", communeCodes: ["79001", "79002"] },
      { code: "cc-b", label: "Ancienne CC B", communeCodes: ["79003"] },
    ];
    const result = complianceByGroup([...rows, { communeCode: "99999", compliance: a }], groups);
    expect(result.map((g) => [g.code, g.schools, g.met, g.requis, g.compliance])).toEqual([
      ["cc-a", 2, 21, 40, 21 / 40],
      ["cc-b", 0, 0, 0, 1],
    ]);
  });
});

describe("checkSocle", () => {
  it("finds nothing wrong with the default socle", () => {
    expect(checkSocle(DEFAULT_SOCLE)).toEqual([]);
  });

  it("explains what makes an edited socle unusable", () => {
    const element = DEFAULT_SOCLE.elements[0]!;
    const problems = checkSocle({
      version: "",
      label: "",
      elements: [element, { ...element, requirement: { kind: "per_class_group", count: 0, groupSize: 0 }, purchaseCategory: "tablette" }],
    });
    expect(problems).toEqual([
      "le socle doit porter un numéro de version",
      "élément « affichage » : code en double",
      "élément « affichage » : la catégorie achetée doit faire partie des catégories comptées",
      "élément « affichage » : nombre requis entier ≥ 1 attendu",
      "élément « affichage » : taille de groupe de classes entière ≥ 1 attendue",
    ]);
  });
});

describe("compliance properties", () => {
  const arbSchool = fc.integer({ min: 0, max: 12 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `c${i + 1}`);
    const arbItem = fc.record({
      id: fc.uuid(),
      category: fc.constantFrom(...EQUIPMENT_CATEGORIES),
      state: fc.constantFrom(...ITEM_STATES),
      classId: ids.length > 0 ? fc.option(fc.constantFrom(...ids), { nil: null }) : fc.constant(null),
    });
    return fc.record({ classes: fc.constant(ids.map((id) => ({ id }))), items: fc.array(arbItem, { maxLength: 60 }), ids: fc.constant(ids) });
  });

  it("keeps compliance within 0 and 1 and manque = max(0, requis − present)", () => {
    fc.assert(
      fc.property(arbSchool, ({ classes: cls, items }) => {
        const r = computeCompliance({ classes: cls }, items);
        expect(r.compliance).toBeGreaterThanOrEqual(0);
        expect(r.compliance).toBeLessThanOrEqual(1);
        for (const e of r.elements) expect(e.manque).toBe(Math.max(0, e.requis - e.present));
      }),
    );
  });

  it("never lowers compliance when a counted item is added", () => {
    fc.assert(
      fc.property(
        arbSchool,
        fc.constantFrom(...EQUIPMENT_CATEGORIES),
        fc.constantFrom<ItemState>("en_service", "en_reparation"),
        fc.nat(),
        ({ classes: cls, items, ids }, category, state, pick) => {
          const classId = ids.length === 0 || pick % 3 === 0 ? null : ids[pick % ids.length]!;
          const before = computeCompliance({ classes: cls }, items).compliance;
          const after = computeCompliance({ classes: cls }, [...items, { id: "new", category, state, classId }]).compliance;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it("never counts retired or broken items", () => {
    fc.assert(
      fc.property(arbSchool, ({ classes: cls, items }) => {
        const counted = items.filter((i) => i.state === "en_service" || i.state === "en_reparation");
        expect(computeCompliance({ classes: cls }, items)).toEqual(computeCompliance({ classes: cls }, counted));
      }),
    );
  });
});
