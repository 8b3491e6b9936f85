import { describe, expect, test } from "@jest/globals";
import { checkAlertJournal, checkLogs } from "../../src/sandbox/drill/check-app-expectations.js";
import { checkAlertAnswers } from "../../src/sandbox/drill/play-alert-event.js";
import { AlertEpisodes } from "../../src/sandbox/alerts/alert-episodes.js";

const logs = [
  { level: 30, msg: "alerts accepted", id: "a1", alerts: 1 },
  { level: 50, msg: "no route for alerts; accepted and not forwarded", labels: [{ alertname: "DiskFull", service: "search" }] },
];

describe("expect.logs", () => {
  test("a line matches by its exact message, its level and strings in its fields", () => {
    const results = checkLogs(
      [
        { message: "no route for alerts; accepted and not forwarded", level: "error", contains: ['"service":"search"'] },
        { message: "no route for alerts; accepted and not forwarded", level: "warn" },
        { message: "alerts accepted", contains: ['"id":"a2"'] },
        { message: "no route for alerts" },
      ],
      logs,
    );
    expect(results.map((r) => [r.passed, r.description])).toEqual([
      [true, 'error log line "no route for alerts; accepted and not forwarded" with "\\"service\\":\\"search\\"" (got 1 line with that message)'],
      [false, 'warn log line "no route for alerts; accepted and not forwarded" (got 1 line with that message)'],
      [false, 'log line "alerts accepted" with "\\"id\\":\\"a2\\"" (got 1 line with that message)'],
      [false, 'log line "no route for alerts" (got 0 lines with that message)'],
    ]);
    expect(checkLogs([{ message: "alerts accepted" }], undefined)[0]).toMatchObject({ passed: false, description: 'log line "alerts accepted" (got logs not captured)' });
  });
});

describe("expect.alerts", () => {
  test("journaled and pending counts of the alert journal", () => {
    expect(checkAlertJournal({ journaled: 2, pending: 0 }, { journaled: 2, pending: 1 }).map((r) => [r.passed, r.description])).toEqual([
      [true, "2 alert notifications journaled (got 2)"],
      [false, "0 accepted alert notifications not yet written (got 1)"],
    ]);
    expect(checkAlertJournal({ journaled: 0 }, undefined)[0]).toMatchObject({ passed: false, description: "0 alert notifications journaled (got no intake)" });
  });
});

describe("alert events' expected answers", () => {
  test("expect_status and each expect_answer_contains string become one expectation each", () => {
    const results = checkAlertAnswers([
      { index: 0, kind: "alertmanager", status: 401, answer: '{"error":"not authenticated"}', expectStatus: 401, expectAnswerContains: ["not authenticated"] },
      { index: 2, kind: "generic", status: 202, answer: '{"accepted":true}', expectStatus: 400, expectAnswerContains: ["alerts[0]"] },
      { index: 3, kind: "grafana", status: 202, answer: "{}", expectAnswerContains: [] },
    ]);
    expect(results.map((r) => [r.passed, r.description])).toEqual([
      [true, "events[0] (alert:alertmanager) answered 401 (got 401)"],
      [true, 'events[0] (alert:alertmanager) answer contains "not authenticated"'],
      [false, "events[2] (alert:generic) answered 400 (got 202)"],
      [false, 'events[2] (alert:generic) answer contains "alerts[0]"'],
    ]);
  });
});

describe("AlertEpisodes", () => {
  test("repeats keep the episode's start, a resolution keeps its end, firing again starts anew", () => {
    const episodes = new AlertEpisodes();
    const t = (minute: number) => new Date(Date.UTC(2026, 10, 23, 14, minute));
    expect(episodes.timesOf("fp", "firing", t(0))).toEqual({ startsAt: t(0).toISOString(), endsAt: "0001-01-01T00:00:00Z" });
    expect(episodes.timesOf("fp", "firing", t(5))).toEqual({ startsAt: t(0).toISOString(), endsAt: "0001-01-01T00:00:00Z" });
    expect(episodes.timesOf("fp", "resolved", t(8))).toEqual({ startsAt: t(0).toISOString(), endsAt: t(8).toISOString() });
    expect(episodes.timesOf("fp", "resolved", t(9))).toEqual({ startsAt: t(0).toISOString(), endsAt: t(8).toISOString() });
    expect(episodes.timesOf("fp", "firing", t(20))).toEqual({ startsAt: t(20).toISOString(), endsAt: "0001-01-01T00:00:00Z" });
    expect(episodes.timesOf("other", "resolved", t(21))).toEqual({ startsAt: t(21).toISOString(), endsAt: t(21).toISOString() });
  });
});
