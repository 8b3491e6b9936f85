import { readFile } from "node:fs/promises";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { documentInvalidError } from "../../core/validate/located-problem.js";
import { parseYamlDocument } from "../../core/validate/parse-yaml-document.js";
import { AlertRoutes } from "../../schemas/alert-routes.js";

/** Validates the text of an alert routing file; every problem located as file:line:column. */
export const parseAlertRoutes = (text: string, file: string): AlertRoutes => {
  const parsed = parseYamlDocument(text, file, AlertRoutes, "an alert routing file (routes: […])");
  if (parsed.ok) return parsed.value;
  throw documentInvalidError("CONFIG_INVALID", `alert routing file ${file}`, parsed.problems, {
    hint: "fix the listed places; docs/alerts.md describes the routing file (JSON Schema: schemas/alert-routes.schema.json)",
  });
};

/** Reads ALERTS_ROUTES_FILE at start-up, so a broken file stops the app instead of losing alerts. */
export const loadAlertRoutes = async (file: string): Promise<AlertRoutes> => {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new AgenticOpsError("CONFIG_INVALID", `cannot read the alert routing file ${file}`, {
      cause: error,
      details: { file },
      hint: "set ALERTS_ROUTES_FILE to an existing YAML file, or unset it",
    });
  });
  return parseAlertRoutes(text, file);
};
