import type { RepoFiles } from "../actions/action-module.js";
import { failed, PASSED, renderText, withinBounds, type PreconditionResult } from "./precondition-result.js";
import type { TemplateScope } from "./render-template.js";
import { parseKeyPath, readYamlKey } from "./yaml-key-path.js";

type KeyCheck = { file: string; path: string; min?: number | undefined; max?: number | undefined };

export const fileExists = async (template: string, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult> => {
  const path = renderText(template, scope);
  if (path.kind !== "value") return path;
  return (await files.read(path.value)) !== null ? PASSED : failed(`${path.value} does not exist`);
};

/** The value at a key path of a file: `found` false with a reason when the file or the key is absent. */
const readKey = async (check: KeyCheck, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult | { kind: "found"; value: unknown; where: string }> => {
  const file = renderText(check.file, scope);
  if (file.kind !== "value") return file;
  const path = renderText(check.path, scope);
  if (path.kind !== "value") return path;
  const segments = parseKeyPath(path.value);
  if (segments instanceof Error) return { kind: "invalid", problems: [segments.message] };
  const content = await files.read(file.value);
  if (content === null) return failed(`${file.value} does not exist`);
  const value = readYamlKey(content, segments);
  const where = `${path.value} in ${file.value}`;
  return value === undefined || value === null ? failed(`${file.value} has no value at ${path.value}`) : { kind: "found", value, where };
};

export const keyExists = async (check: KeyCheck, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult> => {
  const found = await readKey(check, scope, files);
  return found.kind === "found" ? PASSED : found;
};

export const keyWithin = async (check: KeyCheck, scope: TemplateScope, files: RepoFiles): Promise<PreconditionResult> => {
  const found = await readKey(check, scope, files);
  return found.kind === "found" ? withinBounds(found.where, found.value, check) : found;
};
