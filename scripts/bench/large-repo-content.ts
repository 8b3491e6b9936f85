/**
 * Deterministic content for the benchmark's large repository: a TypeScript service with a
 * Kubernetes manifest, the AgenticOps config and CODEOWNERS. Same parameters, same bytes, so the
 * built repository can be cached by its parameters alone.
 */

export const AUTHORS = [
  "Dana Dev <dana@example.com>",
  "Eve Engineer <eve@example.com>",
  "Farid Haddad <farid@example.com>",
  "Grace Ho <grace@example.com>",
  "Ivan Petrov <ivan@example.com>",
  "Jun Sato <jun@example.com>",
  "Kemi Ade <kemi@example.com>",
  "Lea Roux <lea@example.com>",
] as const;

const AREAS = ["api", "billing", "catalog", "checkout", "inventory", "notifications", "search", "shipping", "shared", "users"];
const KINDS = ["handler", "service", "repository", "schema", "mapper", "client", "policy", "view"];
const TYPES = ["fix", "feat", "refactor", "chore", "perf", "test"];
const VERBS = ["tighten", "simplify", "handle empty input in", "rename fields of", "log failures of", "speed up"];

export const DEPLOYMENT_PATH = "k8s/deployment.yaml";
export const GOOD_IMAGE = "1.4.2";
export const BAD_IMAGE = "1.5.0";

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;
const pascal = (s: string): string => s.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());

export const sourcePath = (i: number): string =>
  `src/${pick(AREAS, i)}/m${Math.floor(i / AREAS.length) % 16}/${pick(KINDS, Math.floor(i / 160))}-${i}.ts`;

/** A plausible module whose `revision` changes on every edit, so each version is a new blob. */
export const sourceFile = (i: number, revision: number): string => {
  const name = `${pascal(pick(KINDS, Math.floor(i / 160)))}${i}`;
  return `import { z } from "zod";
import { logger } from "../../shared/logger.js";

/** ${name}: part of the ${pick(AREAS, i)} module. */
export const ${name}Input = z.object({
  id: z.string().uuid(),
  amount: z.number().int().nonnegative(),
  note: z.string().max(${100 + (i % 400)}).optional(),
});
export type ${name}Input = z.infer<typeof ${name}Input>;

export function run${name}(input: ${name}Input): number {
  // revision ${revision}
  const factor = ${((i * 7 + revision * 13) % 97) + 1};
  if (input.amount === 0) {
    logger.debug({ id: input.id }, "nothing to do");
    return 0;
  }
  return Math.round((input.amount * factor) / 100);
}
`;
};

export const deploymentYaml = (version: string, train: number): string => `# Shop storefront. Owned by the platform team.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels: { app: shop }
spec:
  replicas: 3 # keep in sync with the HPA minimum
  template:
    spec:
      containers:
        - name: shop
          image: ghcr.io/acme/shop:${version}   # release train ${train}
          ports:
            - containerPort: 8080
        - name: metrics
          image: ghcr.io/acme/exporter:0.9.1
`;

/** Files besides src/**: they count towards the repository's file total. */
export const fixedFiles = (): Record<string, string> => ({
  ".github/agenticops.yml": "version: 1\ndeploys:\n  - workflow: deploy\n    environment: production\n",
  ".github/CODEOWNERS": "# Last matching pattern wins.\n*          @dana\n/src/      @eve\n/k8s/      @dana\n",
  ".github/workflows/deploy.yml":
    "name: deploy\non: { push: { branches: [main] } }\njobs:\n  rollout:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n      - run: kubectl rollout status deployment/shop --timeout=120s\n",
  [DEPLOYMENT_PATH]: deploymentYaml(GOOD_IMAGE, 14),
  "README.md": "# shop\n\nThe storefront service.\n",
  "package.json": '{\n  "name": "shop",\n  "private": true,\n  "type": "module"\n}\n',
  "tsconfig.json": '{ "compilerOptions": { "strict": true, "module": "NodeNext" } }\n',
});

export const commitMessage = (random: () => number, fileIndex: number): string =>
  `${pick(TYPES, Math.floor(random() * 1e6))}(${pick(AREAS, fileIndex)}): ${pick(VERBS, Math.floor(random() * 1e6))} ${pick(KINDS, Math.floor(fileIndex / 160))} ${fileIndex}`;
