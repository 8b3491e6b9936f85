import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compileSignatures, parseSignatureSet, type CompiledSignatures } from "../../core/diagnose/compile-signatures.js";
import { mergeSignatureSets } from "../../core/diagnose/merge-signature-sets.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { SignatureSet } from "../../schemas/failure-signature.js";

/** The default signature set shipped with the package (the same path from src/ and from lib/). */
export const DEFAULT_SIGNATURES_FILE = fileURLToPath(new URL("../../../signatures/ci-failures.yaml", import.meta.url));

/** A repository's own signatures, e.g. `.github/agenticops/signatures.yaml` read from its default branch. */
export interface ExtraSignatures {
  text: string;
  /** named in error messages */
  file: string;
}

const readSignatureFile = async (file: string): Promise<string> => {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new AgenticOpsError("CONFIG_INVALID", `cannot read the signature file ${file}`, {
      cause: error,
      details: { file },
      hint: "reinstall the package, or pass the path of an existing signatures YAML file",
    });
  }
};

/** The validated default set (or `file`), with a repository's extra signatures merged on top. */
export const loadSignatureSet = async (file: string = DEFAULT_SIGNATURES_FILE, extra?: ExtraSignatures | null): Promise<SignatureSet> => {
  const base = parseSignatureSet(await readSignatureFile(file), file);
  return extra ? mergeSignatureSets(base, parseSignatureSet(extra.text, extra.file)) : base;
};

/** Like loadSignatureSet, compiled for the excerpt engine. */
export const loadSignatures = async (file: string = DEFAULT_SIGNATURES_FILE, extra?: ExtraSignatures | null): Promise<CompiledSignatures> =>
  compileSignatures(await loadSignatureSet(file, extra));
