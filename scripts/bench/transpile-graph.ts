/**
 * Transpiles a TypeScript entry point and every file it imports by relative path to plain
 * JavaScript under `outDir` (same layout), so a benchmark can run it with bare `node`: the app runs
 * built JavaScript, and a TypeScript loader in the measured process would add its own memory.
 * `outDir` must sit inside the repository (node_modules/.cache) so that packages still resolve.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import type * as TypeScript from "typescript";

const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;
const RELATIVE_IMPORT = /\bfrom\s+"(\.{1,2}\/[^"]+)\.js"|\bimport\(\s*"(\.{1,2}\/[^"]+)\.js"\s*\)/g;

/** Returns the path of the transpiled entry point. */
export const transpileGraph = async (root: string, entry: string, outDir: string): Promise<string> => {
  const queue = [resolve(entry)];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, "utf8");
    for (const m of source.matchAll(RELATIVE_IMPORT)) queue.push(resolve(dirname(file), `${m[1] ?? m[2]}.ts`));
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, ".js");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  return join(outDir, relative(root, resolve(entry))).replace(/\.ts$/, ".js");
};
