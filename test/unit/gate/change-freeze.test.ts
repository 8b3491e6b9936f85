import { describe, expect, test } from "@jest/globals";
import { localClock, windowContains } from "../../../src/core/gate/time-window-contains.js";
import { changeFreeze } from "../../../src/core/gate/rules/change-freeze.js";
import { TimeWindow } from "../../../src/schemas/time-window.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

const weekly = (w: Record<string, unknown>) => TimeWindow.parse({ name: "w", ...w });
const at = (iso: string) => new Date(iso);

describe("windowContains: weekly windows in a time zone", () => {
  const office = weekly({ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00", timezone: "Europe/Berlin" });

  test("the window follows Berlin's wall clock across the DST switch (29 March 2026)", () => {
    // Friday 27 March, CET (UTC+1): 07:30Z is 08:30 local, before the window
    expect(windowContains(office, at("2026-03-27T07:30:00Z"))).toBe(false);
    expect(windowContains(office, at("2026-03-27T08:00:00Z"))).toBe(true);
    // Monday 30 March, CEST (UTC+2): 07:30Z is 09:30 local, inside
    expect(windowContains(office, at("2026-03-30T07:30:00Z"))).toBe(true);
    expect(windowContains(office, at("2026-03-30T15:00:00Z"))).toBe(false);
  });

  test("start is inclusive, end exclusive", () => {
    expect(windowContains(office, at("2026-01-07T08:00:00Z"))).toBe(true);
    expect(windowContains(office, at("2026-01-07T15:59:00Z"))).toBe(true);
    expect(windowContains(office, at("2026-01-07T16:00:00Z"))).toBe(false);
  });

  test("the local weekday decides, not UTC's: Saturday 00:30 in Tokyo is Friday in UTC", () => {
    const saturday = weekly({ days: ["sat"], start: "00:00", end: "06:00", timezone: "Asia/Tokyo" });
    expect(windowContains(saturday, at("2026-01-09T15:30:00Z"))).toBe(true);
    expect(localClock(at("2026-01-09T15:30:00Z"), "Asia/Tokyo")).toEqual({ day: "sat", minutes: 30 });
  });

  test("an overnight window belongs to the day it starts: Friday 22:00 → Saturday 06:00", () => {
    const night = weekly({ days: ["fri"], start: "22:00", end: "06:00", timezone: "UTC" });
    expect(windowContains(night, at("2026-01-09T21:59:00Z"))).toBe(false);
    expect(windowContains(night, at("2026-01-09T22:00:00Z"))).toBe(true);
    expect(windowContains(night, at("2026-01-10T05:59:00Z"))).toBe(true);
    expect(windowContains(night, at("2026-01-10T06:00:00Z"))).toBe(false);
    // Thursday night is not Friday's window, and Saturday 23:00 starts none
    expect(windowContains(night, at("2026-01-09T02:00:00Z"))).toBe(false);
    expect(windowContains(night, at("2026-01-10T23:00:00Z"))).toBe(false);
  });

  test("Sunday's overnight window runs into Monday (the week wraps)", () => {
    const sunday = weekly({ days: ["sun"], start: "20:00", end: "04:00", timezone: "America/New_York" });
    // Monday 03:00 EST = 08:00Z
    expect(windowContains(sunday, at("2026-01-12T08:00:00Z"))).toBe(true);
    expect(windowContains(sunday, at("2026-01-12T09:00:00Z"))).toBe(false);
  });

  test("equal start and end is the whole day", () => {
    const allDay = weekly({ days: ["sat"], start: "00:00", end: "00:00", timezone: "UTC" });
    expect(windowContains(allDay, at("2026-01-10T00:00:00Z"))).toBe(true);
    expect(windowContains(allDay, at("2026-01-10T23:59:00Z"))).toBe(true);
    expect(windowContains(allDay, at("2026-01-11T00:00:00Z"))).toBe(false);
  });

  test("New York's fall-back hour (1 November 2026) happens twice on the wall clock; both are inside 01:00–02:00", () => {
    const oneToTwo = weekly({ days: ["sun"], start: "01:00", end: "02:00", timezone: "America/New_York" });
    expect(windowContains(oneToTwo, at("2026-11-01T05:30:00Z"))).toBe(true); // 01:30 EDT
    expect(windowContains(oneToTwo, at("2026-11-01T06:30:00Z"))).toBe(true); // 01:30 EST
    expect(windowContains(oneToTwo, at("2026-11-01T07:30:00Z"))).toBe(false); // 02:30 EST
  });
});

describe("windowContains: absolute ranges", () => {
  const release = TimeWindow.parse({ name: "release", from: "2026-11-27T00:00:00-05:00", until: "2026-11-30T00:00:00-05:00" });

  test("from is inclusive, until exclusive, offsets honoured", () => {
    expect(windowContains(release, at("2026-11-27T04:59:59Z"))).toBe(false);
    expect(windowContains(release, at("2026-11-27T05:00:00Z"))).toBe(true);
    expect(windowContains(release, at("2026-11-30T05:00:00Z"))).toBe(false);
  });
});

describe("change_freeze", () => {
  const r = rule({ kind: "change_freeze", windows: [{ name: "weekend", days: ["sat", "sun"], start: "00:00", end: "00:00", timezone: "Europe/Berlin" }] });

  test("outside every window: allow, naming them", () => {
    expect(changeFreeze(r, proposal(), facts())).toEqual({ verdict: "allow", reason: 'outside the change freeze "weekend"' });
  });

  test("inside a window an allowed change needs approval by default", () => {
    expect(changeFreeze(r, proposal(), facts({ now: at("2026-01-10T12:00:00Z") }))).toEqual({ verdict: "needs-approval", reason: 'inside the change freeze "weekend": a human must approve' });
  });

  test("verdict: deny refuses instead", () => {
    const strict = rule({ kind: "change_freeze", verdict: "deny", windows: [{ name: "release", from: "2026-01-01T00:00:00Z", until: "2026-01-31T00:00:00Z" }] });
    expect(changeFreeze(strict, proposal(), facts())).toEqual({ verdict: "deny", reason: 'inside the change freeze "release"' });
  });
});
