import { z } from "zod";
import type { Quantity } from "../../../schemas/action-proposal.js";
import type { ActionModule, PlannedAction } from "./action-module.js";
import { K8sName, RepoFilePath } from "./action-params.js";
import { editYamlScalars, findScalar, type YamlFile } from "./edit-yaml-scalars.js";
import { readK8sObject } from "./find-k8s-object.js";

const HPA = "HorizontalPodAutoscaler";
const MAX_REPLICAS = 1000;

export const ScaleReplicasParams = z
  .strictObject({
    file: RepoFilePath,
    kind: z.enum(["Deployment", "StatefulSet", HPA]),
    name: K8sName,
    namespace: K8sName.optional(),
    /** default: `replicas` for workloads, `maxReplicas` for an HPA */
    field: z.enum(["replicas", "minReplicas", "maxReplicas"]).optional(),
    to: z.number().int().min(0).max(MAX_REPLICAS).optional(),
    by: z.number().int().min(-MAX_REPLICAS).max(MAX_REPLICAS).refine((by) => by !== 0, "expected a non-zero change").optional(),
  })
  .superRefine((params, ctx) => {
    if (params.to !== undefined && params.by !== undefined) ctx.addIssue({ code: "custom", path: ["by"], message: "give either `to` or `by`, not both" });
    if (params.to === undefined && params.by === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "give `to` (the new count) or `by` (a change such as 2 or -1)" });
    const hpa = params.kind === HPA;
    if (params.field !== undefined && hpa !== (params.field !== "replicas")) {
      ctx.addIssue({ code: "custom", path: ["field"], message: hpa ? "an HPA has minReplicas and maxReplicas" : `a ${params.kind} has replicas, not ${params.field}` });
    }
  });
export type ScaleReplicasParams = z.infer<typeof ScaleReplicasParams>;

type Field = NonNullable<ScaleReplicasParams["field"]>;

const notApplicable = (reason: string): PlannedAction => ({ kind: "not-applicable", reason });

const count = (file: YamlFile, docIndex: number, field: Field): { value: number; line: number } | string | null => {
  const found = findScalar(file, { docIndex, path: ["spec", field] });
  if (!found.ok) return found.missing ? null : found.reason;
  // Helm values and some generators write counts as strings ("3"); the quotes stay, the number must be whole.
  if (!/^\d+$/.test(found.scalar.text)) return `\`spec.${field}\` is ${found.scalar.source}, not a whole number`;
  return { value: Number(found.scalar.text), line: found.scalar.line };
};

// An HPA must keep 1 ≤ minReplicas ≤ maxReplicas; minReplicas defaults to 1.
const hpaProblem = (file: YamlFile, docIndex: number, field: Field, to: number): string | null => {
  if (to < 1) return `${field} must stay at least 1`;
  const other = count(file, docIndex, field === "minReplicas" ? "maxReplicas" : "minReplicas");
  if (typeof other === "string") return other;
  const min = field === "minReplicas" ? to : (other?.value ?? 1);
  const max = field === "maxReplicas" ? to : other?.value;
  return max !== undefined && min > max ? `minReplicas (${min}) would exceed maxReplicas (${max})` : null;
};

const quantityName = (field: Field): Quantity["name"] => (field === "replicas" ? "replicas" : field === "minReplicas" ? "hpa.minReplicas" : "hpa.maxReplicas");

/** Scales a Deployment or StatefulSet, or moves an HPA's bounds, in a (multi-document) manifest. */
export const scaleReplicas: ActionModule<ScaleReplicasParams> = {
  kind: "scale-replicas",
  params: ScaleReplicasParams,
  risk: "low",
  effect: "pull-request",
  plan: async (params, files) => {
    const object = await readK8sObject(files, params.file, params);
    if (!object.ok) return notApplicable(object.reason);
    const field: Field = params.field ?? (params.kind === HPA ? "maxReplicas" : "replicas");
    const { file, where } = object;
    const current = count(file, object.docIndex, field);
    if (current === null) return notApplicable(`${where} has no \`spec.${field}\`${field === "replicas" ? " (the default 1 applies, or an autoscaler owns it)" : ""}`);
    if (typeof current === "string") return notApplicable(`${where}: ${current}`);
    const to = params.to ?? current.value + (params.by ?? 0);
    if (to === current.value) return notApplicable(`${where} already has ${field} ${to}`);
    if (to < 0 || to > MAX_REPLICAS) return notApplicable(`${where}: ${field} would become ${to}, outside 0..${MAX_REPLICAS}`);
    const problem = params.kind === HPA ? hpaProblem(file, object.docIndex, field, to) : null;
    if (problem !== null) return notApplicable(`${where}: ${problem}`);
    const edited = editYamlScalars(file, [{ docIndex: object.docIndex, path: ["spec", field], to: String(to), typing: "strict" }]);
    if (!edited.ok) return notApplicable(`${where}: ${edited.reason}`);
    const { by: _by, ...rest } = params;
    return {
      kind: "planned",
      changes: [{ path: params.file, change: "modify", content: edited.text, previous: file.text }],
      quantities: [{ name: quantityName(field), target: `${params.file}#${object.label}`, from: current.value, to }],
      description: [`In \`${params.file}\` line ${current.line}, set \`spec.${field}\` of ${object.label} from ${current.value} to ${to}.`],
      inverse: { action: "scale-replicas", params: { ...rest, field, to: current.value }, description: `Set \`spec.${field}\` of ${object.label} in \`${params.file}\` back to ${current.value}.` },
    };
  },
};
