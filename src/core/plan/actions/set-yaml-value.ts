import { z } from "zod";
import type { ActionModule, PlannedAction } from "./action-module.js";
import { RepoFilePath } from "./action-params.js";
import { editYamlScalars, findScalar, readYamlFile, type ScalarLookup, type YamlFile } from "./edit-yaml-scalars.js";
import { parseYamlPath } from "./yaml-path.js";
import type { YamlPath } from "../find-image-values.js";

export const SetYamlValueParams = z
  .strictObject({
    file: RepoFilePath,
    /** dotted keys with [n] indexes: `spec.template.spec.containers[0].env[2].value`; `["a.b"]` for keys with dots */
    path: z.string().min(1),
    value: z.union([z.string(), z.number(), z.boolean()]),
    /** which document of a multi-document (`---`) file, from 0; needed when several have the path */
    document: z.number().int().min(0).optional(),
  })
  .superRefine((params, ctx) => {
    const parsed = parseYamlPath(params.path);
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["path"], message: parsed.message });
  });
export type SetYamlValueParams = z.infer<typeof SetYamlValueParams>;

const notApplicable = (reason: string): PlannedAction => ({ kind: "not-applicable", reason });

// Without `document`, the path must exist in exactly one document.
const locate = (file: YamlFile, path: YamlPath, document: number | undefined): { docIndex: number; lookup: ScalarLookup } | string => {
  if (document !== undefined) return { docIndex: document, lookup: findScalar(file, { docIndex: document, path }) };
  const present = file.docs.map((_, docIndex) => ({ docIndex, lookup: findScalar(file, { docIndex, path }) })).filter((d) => d.lookup.ok || !d.lookup.missing);
  const [only, ...others] = present;
  if (only && others.length === 0) return only;
  if (only) return `${present.length} documents have it (${present.map((d) => d.docIndex).join(", ")}); give \`document\``;
  const first = findScalar(file, { docIndex: 0, path });
  return first.ok ? "the path was not found" : first.reason;
};

/**
 * Sets one existing scalar in a YAML file, editing only its characters. It never creates keys:
 * a missing path is not applicable. The value keeps the scalar's YAML type (a number stays a
 * number, a quoted string stays quoted), so the inverse gives back the original text.
 */
export const setYamlValue: ActionModule<SetYamlValueParams> = {
  kind: "set-yaml-value",
  params: SetYamlValueParams,
  risk: "high",
  effect: "pull-request",
  plan: async (params, files) => {
    const path = parseYamlPath(params.path);
    if (!path.ok) return notApplicable(path.message);
    const read = await readYamlFile(files, params.file);
    if (!read.ok) return notApplicable(read.reason);
    const located = locate(read.file, path.path, params.document);
    const where = `\`${params.path}\` in \`${params.file}\``;
    if (typeof located === "string") return notApplicable(`${where}: ${located}`);
    if (!located.lookup.ok) return notApplicable(`\`${params.file}\`${read.file.docs.length > 1 ? ` document ${located.docIndex}` : ""}: ${located.lookup.reason}`);
    const { scalar } = located.lookup;
    const to = String(params.value);
    if (scalar.text === to) return notApplicable(`${where} is already ${scalar.source}`);
    const edited = editYamlScalars(read.file, [{ docIndex: located.docIndex, path: path.path, to, typing: "strict" }]);
    if (!edited.ok) return notApplicable(`\`${params.file}\`: ${edited.reason}`);
    // `1.10` or `True` must come back as written, not as 1.1 or true.
    const previous = scalar.type !== "string" && String(scalar.value) !== scalar.text ? scalar.text : scalar.value;
    const document = params.document !== undefined || read.file.docs.length > 1 ? { document: located.docIndex } : {};
    return {
      kind: "planned",
      changes: [{ path: params.file, change: "modify", content: edited.text, previous: read.file.text }],
      quantities: [],
      description: [`In \`${params.file}\` line ${scalar.line}, set \`${params.path}\` from \`${scalar.text}\` to \`${to}\`.`],
      inverse: { action: "set-yaml-value", params: { file: params.file, path: params.path, value: previous, ...document }, description: `Set ${where} back to ${scalar.source}.` },
    };
  },
};
