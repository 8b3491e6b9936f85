import type { ActionKind } from "../../../schemas/action-proposal.js";
import type { ActionModule } from "../actions/action-module.js";

/** The actions runbooks may use, by kind; the engine takes it as a parameter so tests can pass a small one. */
export type ActionCatalog = Readonly<Partial<Record<ActionKind, ActionModule>>>;
