import { expect, test } from "@jest/globals";
import { pino } from "pino";
import { credentialRedaction } from "../../src/cli/probot-log.js";

test("request headers that carry alert credentials are censored, even in child bindings as Probot's HTTP logger writes them", () => {
  const lines: string[] = [];
  const log = pino({ redact: credentialRedaction("X-Grafana-Alerting-Signature") }, { write: (line: string) => void lines.push(line) });
  const headers = { authorization: "Bearer alert-token-0123456789", "x-grafana-alerting-signature": "ab".repeat(32), "x-grafana-alerting-timestamp": "1772456000", host: "agenticops.example.com" };
  log.child({ name: "http" }).child({ req: { method: "POST", url: "/alerts/grafana", headers } }).info("POST /alerts/grafana 202");
  const written = JSON.parse(lines[0]!);
  expect(written.req.headers).toEqual({ authorization: "[redacted]", "x-grafana-alerting-signature": "[redacted]", "x-grafana-alerting-timestamp": "1772456000", host: "agenticops.example.com" });
  expect(lines[0]).not.toContain("alert-token-0123456789");
});
