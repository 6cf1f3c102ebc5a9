import { describe, expect, it } from "vitest";
import { formatFrenchTime, joinFrench } from "./french-words.js";

describe("formatFrenchTime", () => {
  it.each([
    ["09:00", "9\u00a0h"],
    ["18:30", "18\u00a0h\u00a030"],
    ["12:05", "12\u00a0h\u00a005"],
    ["00:00", "0\u00a0h"],
    ["24:00", "minuit"],
  ])("writes %s as %j", (time, expected) => {
    expect(formatFrenchTime(time)).toBe(expected);
  });
});

describe("joinFrench", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b"], "a et b"],
    [["a", "b", "c"], "a, b et c"],
  ])("joins %j as %j", (items, expected) => {
    expect(joinFrench(items)).toBe(expected);
  });
});
