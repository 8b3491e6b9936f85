import type { CodeHost } from "../../ports/code-host.js";
import type { Logger } from "../../ports/logger.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import type { RepoRef } from "../../schemas/signal.js";
import { isAgenticOpsError } from "../model/agenticops-error.js";
import { noMentions } from "../render/markdown.js";
import { BUILTIN_RUNBOOK_DOCS } from "./builtin-knowledge.js";
import { compileSignatures, parseSignatureSet, type CompiledSignatures } from "./compile-signatures.js";
import type { DiagnosisKit } from "./diagnose-run.js";
import { incidentDocs, KNOWLEDGE_LABEL, KNOWLEDGE_LIMIT, type IncidentDocsOptions } from "./incident-docs.js";
import { serviceDocs, type KnowledgeDoc } from "./knowledge-index.js";
import { mergeSignatureSets } from "./merge-signature-sets.js";

/** A repository's own failure signatures, read from its default branch. */
export const REPO_SIGNATURES_FILE = ".github/agenticops/signatures.yaml";

/**
 * The kit's signatures with a repository file merged on top (same id replaces), compiled.
 * Throws CONFIG_INVALID naming the file's line and path when the text is not a valid set.
 */
export const compileRepoSignatures = (base: CompiledSignatures, text: string): CompiledSignatures =>
  compileSignatures(mergeSignatureSets({ version: 1, signatures: [...base.source] }, parseSignatureSet(text, REPO_SIGNATURES_FILE)));

/** What a diagnosis of one repository's failure uses: the kit with its signatures, the knowledge, notes for the reader. */
export interface RepoDiagnosisInputs {
  kit: DiagnosisKit;
  knowledge: KnowledgeDoc[];
  /** one line each, shown in the comment (e.g. an invalid signature file that was ignored) */
  notes: string[];
}

const firstLine = (text: string): string => text.split("\n")[0] ?? text;

/** The repository's signature set, or the default one and a note when its file cannot be used. */
const repoSignatures = async (host: CodeHost, kit: DiagnosisKit, repo: RepoRef, log?: Logger): Promise<{ signatures: CompiledSignatures; note: string | null }> => {
  let text: string | null;
  try {
    text = await host.readDefaultBranchFile(repo, REPO_SIGNATURES_FILE);
  } catch (error) {
    // A diagnosis with the default signatures beats none: the file is an optional refinement.
    log?.warn({ err: error, file: REPO_SIGNATURES_FILE }, "repository signatures unreadable; the defaults are used");
    return { signatures: kit.signatures, note: null };
  }
  if (text === null || text.trim() === "") return { signatures: kit.signatures, note: null };
  try {
    const compile = kit.repoSignatures ?? ((t: string) => compileRepoSignatures(kit.signatures, t));
    return { signatures: compile(text), note: null };
  } catch (error) {
    if (!isAgenticOpsError(error, "CONFIG_INVALID")) throw error;
    const note = `\`${REPO_SIGNATURES_FILE}\` was ignored, the default signatures were used: ${noMentions(firstLine(error.message))}`;
    log?.warn({ file: REPO_SIGNATURES_FILE, problem: error.message }, "repository signatures invalid; the defaults are used");
    return { signatures: kit.signatures, note };
  }
};

/** The repository's past incidents and the bot's pull requests; none when the host cannot list them. */
const pastIncidents = async (host: CodeHost, repo: RepoRef, options: IncidentDocsOptions, log?: Logger): Promise<KnowledgeDoc[]> => {
  if (!host.listKnowledgeItems) return [];
  try {
    return incidentDocs(await host.listKnowledgeItems(repo, KNOWLEDGE_LABEL, KNOWLEDGE_LIMIT), options);
  } catch (error) {
    log?.warn({ err: error }, "past incidents unavailable; diagnosing without them");
    return [];
  }
};

/**
 * The kit and knowledge for diagnosing a failure in `repo`: its own signatures merged on the
 * defaults, and builtin runbooks + its service catalog + its past incidents and bot PRs.
 * Two API calls, made together; neither failing stops the diagnosis.
 */
export const repoDiagnosisInputs = async (
  host: CodeHost,
  kit: DiagnosisKit,
  repo: RepoRef,
  config: RepoConfig | null,
  options: IncidentDocsOptions & { log?: Logger } = {},
): Promise<RepoDiagnosisInputs> => {
  const [signatures, incidents] = await Promise.all([repoSignatures(host, kit, repo, options.log), pastIncidents(host, repo, options, options.log)]);
  const knowledge = [...BUILTIN_RUNBOOK_DOCS, ...(config ? serviceDocs(config) : []), ...incidents];
  return { kit: { ...kit, signatures: signatures.signatures }, knowledge, notes: signatures.note ? [signatures.note] : [] };
};
