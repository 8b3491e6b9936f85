import { z } from "zod";
import type { Quantity } from "../../../schemas/action-proposal.js";
import type { YamlPath } from "../find-image-values.js";
import type { ActionModule, PlannedAction } from "./action-module.js";
import { K8sName, RepoFilePath } from "./action-params.js";
import { editYamlScalars, findScalar, type YamlFile } from "./edit-yaml-scalars.js";
import { findContainer, readK8sObject } from "./find-k8s-object.js";
import { formatAmount, parseAmount, parseK8sQuantity, scaleAmount, type QuantityResource } from "./k8s-quantity.js";

export const SetResourcesParams = z
  .strictObject({
    file: RepoFilePath,
    kind: z.enum(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]),
    name: K8sName,
    namespace: K8sName.optional(),
    container: z.string().min(1),
    resource: z.enum(["cpu", "memory"]),
    field: z.enum(["requests", "limits"]),
    /** the new value, written as given: "768Mi", "1Gi", "500m", "2" */
    to: z.string().optional(),
    /** a change relative to the current value, e.g. 50 or -25; the result keeps the current unit style */
    by_percent: z.number().gt(-100, "expected a percentage above -100 (a cut of less than 100%)").max(1000).refine((p) => p !== 0, "expected a non-zero percentage").optional(),
  })
  .superRefine((params, ctx) => {
    if (params.to !== undefined && params.by_percent !== undefined) ctx.addIssue({ code: "custom", path: ["by_percent"], message: "give either `to` or `by_percent`, not both" });
    if (params.to === undefined && params.by_percent === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "give `to` (a quantity) or `by_percent`" });
    const amount = params.to === undefined ? null : parseAmount(params.resource, params.to);
    if (amount && !amount.ok) ctx.addIssue({ code: "custom", path: ["to"], message: amount.message });
  });
export type SetResourcesParams = z.infer<typeof SetResourcesParams>;

type Field = SetResourcesParams["field"];
interface Current {
  text: string;
  amount: number;
  line: number;
}

const notApplicable = (reason: string): PlannedAction => ({ kind: "not-applicable", reason });
const podSpec = (kind: SetResourcesParams["kind"]): YamlPath => (kind === "CronJob" ? ["spec", "jobTemplate", "spec", "template", "spec"] : ["spec", "template", "spec"]);

const valueAt = (file: YamlFile, docIndex: number, path: YamlPath, resource: QuantityResource): Current | string | null => {
  const found = findScalar(file, { docIndex, path });
  if (!found.ok) return found.missing ? null : found.reason;
  const amount = parseAmount(resource, found.scalar.text);
  return amount.ok ? { text: found.scalar.text, amount: amount.amount, line: found.scalar.line } : `\`${path.slice(-3).join(".")}\` is ${found.scalar.source}: ${amount.message}`;
};

// `to` is written as given (the schema checked it); a percentage keeps the current unit style.
const newValue = (params: SetResourcesParams, current: Current): { text: string; amount: number } => {
  const like = parseK8sQuantity(current.text);
  if (params.to !== undefined || !like.ok) {
    const amount = parseAmount(params.resource, params.to ?? current.text);
    return { text: params.to ?? current.text, amount: amount.ok ? amount.amount : current.amount };
  }
  const amount = scaleAmount(params.resource, current.amount, like.quantity, params.by_percent ?? 0);
  return { text: formatAmount(params.resource, amount, like.quantity), amount };
};

// Kubernetes rejects a request above its limit.
const boundProblem = (file: YamlFile, docIndex: number, resources: YamlPath, params: SetResourcesParams, amount: number, text: string): string | null => {
  const other: Field = params.field === "requests" ? "limits" : "requests";
  const bound = valueAt(file, docIndex, [...resources, other, params.resource], params.resource);
  if (bound === null) return null;
  if (typeof bound === "string") return bound;
  const [request, limit] = params.field === "requests" ? [text, bound.text] : [bound.text, text];
  const tooHigh = params.field === "requests" ? amount > bound.amount : amount < bound.amount;
  return tooHigh ? `the ${params.resource} request (${request}) would exceed the limit (${limit}); change the ${params.field === "requests" ? "limit" : "request"} first` : null;
};

const quantityName = (params: SetResourcesParams): Quantity["name"] => `${params.resource}.${params.field === "requests" ? "request" : "limit"}`;

/** Sets a container's cpu or memory request or limit, keeping requests at or below limits. */
export const setResources: ActionModule<SetResourcesParams> = {
  kind: "set-resources",
  params: SetResourcesParams,
  risk: "medium",
  effect: "pull-request",
  plan: async (params, files) => {
    const object = await readK8sObject(files, params.file, params);
    if (!object.ok) return notApplicable(object.reason);
    const { file, where } = object;
    const container = findContainer(file, object.docIndex, podSpec(params.kind), params.container);
    if (!container.ok) return notApplicable(`${where} ${container.reason}`);
    const resources = [...container.path, "resources"];
    const setting = `\`resources.${params.field}.${params.resource}\` of container "${params.container}"`;
    const current = valueAt(file, object.docIndex, [...resources, params.field, params.resource], params.resource);
    if (current === null) return notApplicable(`${where}: ${setting} is not set; this action changes a value that is set`);
    if (typeof current === "string") return notApplicable(`${where}: ${current}`);
    const next = newValue(params, current);
    if (next.amount === current.amount) return notApplicable(`${where}: ${setting} is already ${current.text}`);
    if (next.amount <= 0) return notApplicable(`${where}: ${setting} would become ${next.text}`);
    const problem = boundProblem(file, object.docIndex, resources, params, next.amount, next.text);
    if (problem !== null) return notApplicable(`${where}: ${problem}`);
    const edited = editYamlScalars(file, [{ docIndex: object.docIndex, path: [...resources, params.field, params.resource], to: next.text, typing: "loose" }]);
    if (!edited.ok) return notApplicable(`${where}: ${edited.reason}`);
    const { by_percent: _p, to: _t, ...rest } = params;
    return {
      kind: "planned",
      changes: [{ path: params.file, change: "modify", content: edited.text, previous: file.text }],
      quantities: [{ name: quantityName(params), target: `${params.file}#${object.label}/container/${params.container}`, from: current.amount, to: next.amount }],
      description: [`In \`${params.file}\` line ${current.line}, set ${setting} of ${object.label} from ${current.text} to ${next.text}.`],
      inverse: { action: "set-resources", params: { ...rest, to: current.text }, description: `Set ${setting} of ${object.label} in \`${params.file}\` back to ${current.text}.` },
    };
  },
};
