import { loadOrganisationPolicies } from "../../app/organisation-policies.js";
import type { PolicySet } from "../../core/gate/policy-set.js";
import type { Drill } from "../../schemas/drill.js";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The organisation policies a drill runs under: the bundled `policies/*.yaml`, plus the drill's own
 * `policies` (an automerge grant, a freeze…). Undefined when the drill adds none, so the app loads
 * the bundled ones itself, as in production.
 */
export const drillPolicies = async (drill: Drill): Promise<PolicySet | undefined> => {
  if (drill.policies.length === 0) return undefined;
  const bundled = await loadOrganisationPolicies(quiet);
  return { policies: [...bundled.policies, ...drill.policies] };
};
