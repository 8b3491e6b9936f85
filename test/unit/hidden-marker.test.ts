import { describe, expect, test } from "@jest/globals";
import { markerNeedle, readMarker, renderMarker, type Marker } from "../../src/core/render/hidden-marker.js";

const marker: Marker = { incident: "inc-0123456789ab", kind: "incident-issue" };

describe("hidden marker", () => {
  test("renders as an HTML comment GitHub does not display", () => {
    expect(renderMarker(marker)).toBe('<!-- agenticops:v1 {"incident":"inc-0123456789ab","kind":"incident-issue"} -->');
  });

  test("round-trips through a body with text around it", () => {
    const body = `## Summary\n\nSomething failed.\n\n---\n${renderMarker(marker)}\n`;
    expect(readMarker(body)).toEqual(marker);
  });

  test("each kind round-trips", () => {
    for (const kind of ["incident-issue", "rollback-pr", "diagnosis-comment"] as const) {
      expect(readMarker(renderMarker({ incident: marker.incident, kind }))).toEqual({ incident: marker.incident, kind });
    }
  });

  test("the last marker wins, so quoted text above the footer cannot override it", () => {
    const quoted = renderMarker({ incident: "inc-ffffffffffff", kind: "rollback-pr" });
    expect(readMarker(`> ${quoted}\n\n${renderMarker(marker)}`)).toEqual(marker);
  });

  test.each([
    ["no body", null],
    ["an empty body", ""],
    ["a body without a marker", "just an issue"],
    ["an unterminated marker", '<!-- agenticops:v1 {"incident":"inc-0123456789ab","kind":"incident-issue"}'],
    ["broken JSON", "<!-- agenticops:v1 {incident: inc-0123456789ab} -->"],
    ["a malformed incident id", '<!-- agenticops:v1 {"incident":"inc-XYZ","kind":"incident-issue"} -->'],
    ["an unknown kind", '<!-- agenticops:v1 {"incident":"inc-0123456789ab","kind":"merge-everything"} -->'],
    ["another version", '<!-- agenticops:v2 {"incident":"inc-0123456789ab","kind":"incident-issue"} -->'],
  ])("reads null from %s", (_case, body) => {
    expect(readMarker(body)).toBeNull();
  });

  test("the needle is found in the rendered marker and only for that incident", () => {
    const rendered = renderMarker(marker);
    expect(rendered).toContain(markerNeedle(marker.incident));
    expect(rendered).not.toContain(markerNeedle("inc-0123456789ac"));
  });
});
