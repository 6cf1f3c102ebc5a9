import { describe, expect, it } from "vitest";
import { dateLabel, durationLabel, recurrenceLabel, timeLabel, weekdayList } from "./labels.js";

describe("French labels", () => {
  it.each([
    ["2027-03-02", "mardi 2 mars 2027"],
    ["2027-03-01", "lundi 1er mars 2027"],
    ["2027-03-11", "jeudi 11 mars 2027"],
  ])("writes the date %s as %s", (date, label) => {
    expect(dateLabel(date)).toBe(label);
  });

  it("writes weekdays, recurrences, times and durations in plain French", () => {
    expect(weekdayList([4, 1, 2])).toBe("lundi, mardi et jeudi");
    expect(recurrenceLabel([2], 2)).toBe("mardi, une semaine sur deux");
    expect(timeLabel("09:00:00")).toBe("9\u00a0h");
    expect(timeLabel("14:05")).toBe("14\u00a0h\u00a005");
    expect([30, 90, 240, 2880].map(durationLabel)).toEqual(["30 minutes", "1\u00a0h\u00a030", "4 heures", "2 jours"]);
  });
});
