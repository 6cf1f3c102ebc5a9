// Similar member territories (DATA-AND-MODELS §5): the observatory's measure (mostSimilar: same kind, population
// within ×½–×2, robust z-scores over the features both have, distance → similarity 1 / (1 + d)) on the network's
// members, with their population from the official geography and the figures each chose to share (share of people
// aged 65 or more, …; observatory « territoires similaires »).
import type { Executor } from "../../db/client.js";
import { sharedByOthers, sharedByTerritory } from "../observatory/benchmark.js";
import { mostSimilar, type Similar } from "../observatory/domain/similarity.js";
import { listMembers } from "./network.queries.js";

export async function similarMembers(db: Executor, { territoryId, limit = 10 }: { territoryId: number; limit?: number }): Promise<{ similar: Similar[]; features: string[] }> {
  const members = await listMembers(db);
  const self = members.find((m) => m.territoryId === territoryId);
  if (!self) return { similar: [], features: [] };
  const shared = new Map((await sharedByOthers(db, { territoryId })).map((s) => [s.territoryId, s.values]));
  const own = await sharedByTerritory(db, { territoryId });
  const values = (population: number | null, figures: Record<string, number> | undefined) => ({ ...(figures ?? {}), ...(population !== null ? { population } : {}) });
  const selfValues = values(self.population, Object.fromEntries([...own.entries()].flatMap(([k, v]) => (v.value === null ? [] : [[k, v.value]]))));
  const others = members.filter((m) => m.territoryId !== territoryId).map((m) => ({ territoryId: m.territoryId, name: m.name, kind: m.kind, values: values(m.population, shared.get(m.territoryId)) }));
  return { similar: mostSimilar({ territoryId, name: self.name, kind: self.kind, values: selfValues }, others, {}, limit), features: Object.keys(selfValues) };
}
