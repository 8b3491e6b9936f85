import { describe, expect, test } from "@jest/globals";
import { parseCommand } from "../../src/core/sense/parse-command.js";

const context = { repo: { owner: "acme", name: "web" }, repoHtmlUrl: "https://github.com/acme/web" };
const parse = (body: string) => parseCommand(body, context);

describe("parseCommand", () => {
  test("a comment without a command line is not a command", () => {
    expect(parse("Looks good to me")).toBeNull();
    expect(parse("please run /agenticops diagnose")).toBeNull();
    expect(parse("> /agenticops diagnose\nquoting the bot")).toBeNull();
    expect(parse("/agenticopsdiagnose")).toBeNull();
  });

  test("diagnose without an argument means the latest failed run", () => {
    expect(parse("/agenticops diagnose")).toEqual({ kind: "diagnose", runId: null });
    expect(parse("Thanks!\r\n  /agenticops   diagnose  \r\n")).toEqual({ kind: "diagnose", runId: null });
  });

  test.each([
    ["1234567", 1234567],
    ["https://github.com/acme/web/actions/runs/987654", 987654],
    ["https://github.com/ACME/Web/actions/runs/987654/job/55?pr=3#step:4:12", 987654],
    ["https://github.com/acme/web/actions/runs/42/attempts/2", 42],
    ["<https://github.com/acme/web/actions/runs/42>", 42],
  ])("diagnose %s names run %d of this repository", (arg, runId) => {
    expect(parse(`/agenticops diagnose ${arg}`)).toEqual({ kind: "diagnose", runId });
  });

  test.each([
    ["https://github.com/evil/web/actions/runs/1", "only runs of acme/web can be diagnosed here"],
    ["https://github.com/acme/web-fork/actions/runs/1", "only runs of acme/web can be diagnosed here"],
    ["https://github.example.com/acme/web/actions/runs/1", "only runs of acme/web can be diagnosed here"],
    ["https://github.com/acme/web/pull/3", "that URL is not a link to an Actions run"],
    ["../../etc/passwd", "that is not a run URL or a run id"],
    ["0", "a run id is a positive number"],
    ["12345678901234567890", "that is not a run URL or a run id"],
  ])("diagnose %s is refused: %s", (arg, reason) => {
    expect(parse(`/agenticops diagnose ${arg}`)).toEqual({ kind: "invalid", command: "diagnose", reason });
  });

  test("diagnose takes one argument", () => {
    expect(parse("/agenticops diagnose 1 2")).toEqual({ kind: "invalid", command: "diagnose", reason: "diagnose takes one run URL or run id" });
  });

  test("help, a bare prefix and unknown verbs ask for help; odd verbs are not echoed as given", () => {
    expect(parse("/agenticops")).toEqual({ kind: "help", unknown: null });
    expect(parse("/agenticops help")).toEqual({ kind: "help", unknown: null });
    expect(parse("/agenticops explain")).toEqual({ kind: "help", unknown: "explain" });
    expect(parse("/agenticops <img src=x onerror=alert(1)>")).toEqual({ kind: "help", unknown: "?img" });
  });

  test("the first command line wins", () => {
    expect(parse("/agenticops diagnose 7\n/agenticops help")).toEqual({ kind: "diagnose", runId: 7 });
  });
});
