/**
 * The data.inclusion export as text chunks, for territories of any size: `{"structures":[…],"services":[…]}`
 * written place by place, reading the places twice (structures, then services) rather than holding them all.
 */
import type { LieuRecord } from "./lieu-record.js";
import { toDataInclusion } from "./lieux-data-inclusion.js";

type Records = Iterable<LieuRecord> | AsyncIterable<LieuRecord>;

async function* array(records: Records, pick: (record: LieuRecord) => unknown): AsyncGenerator<string> {
  let first = true;
  for await (const record of records) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(pick(record))}`;
    first = false;
  }
  if (!first) yield "\n";
}

/** Same content as `JSON.stringify(toDataInclusion(records))`, streamed; `read` is called once per part. */
export async function* toDataInclusionChunks(read: () => Records, options: { source: string }): AsyncGenerator<string> {
  const convert = (record: LieuRecord) => toDataInclusion([record], options);
  yield '{"structures":[';
  yield* array(read(), (record) => convert(record).structures[0]);
  yield '],"services":[';
  yield* array(read(), (record) => convert(record).services[0]);
  yield "]}\n";
}
