import { describe, expect, it } from "vitest";
import type { SpecParameter } from "../../../generator/init/spec.js";
import { guessTimeWindow } from "../../../generator/init/time-window.js";

const dateTime = (name: string, required = false): SpecParameter => ({ name, in: "query", required, schema: { type: "string", format: "date-time" } });
const record = {
  type: "object",
  properties: {
    id: { type: "string" },
    created_at: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
    start_time: { type: "string", format: "date-time" },
  },
};

describe("guessTimeWindow", () => {
  it.each([
    ["since", "until", "updatedAt"],
    ["createdSince", "createdUntil", "created_at"],
    ["start_time", "end_time", "start_time"],
    ["from", "to", "updatedAt"],
    ["updated_after", "updated_before", "updatedAt"],
    ["date_from", "date_to", "updatedAt"],
    ["created_at_min", "created_at_max", "created_at"],
  ])("pairs %s with %s, following %s", (start, end, cursor) => {
    const window = guessTimeWindow({}, [dateTime("limit"), dateTime(end), dateTime(start)], record);
    expect(window && { start: window.start.name, end: window.end.name, cursor: window.cursorField }).toEqual({ start, end, cursor });
  });

  it("needs both ends, both dates: a lone since, or an `after` cursor that is not a date, is no window", () => {
    expect(guessTimeWindow({}, [dateTime("since")], record)).toBeUndefined();
    const cursor: SpecParameter = { name: "after", in: "query", required: false, schema: { type: "string" } };
    expect(guessTimeWindow({}, [cursor, dateTime("before")], record)).toBeUndefined();
  });

  it("has no cursor when the record has no date-time field the window could be about", () => {
    expect(guessTimeWindow({}, [dateTime("since"), dateTime("until")], { type: "object", properties: { id: { type: "string" } } })?.cursorField).toBeUndefined();
  });
});
