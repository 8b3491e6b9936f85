/**
 * The kind of risk a changed file carries for a failing build or deploy, whatever the error
 * says: dependency bumps, infrastructure and deployment config, build and CI definitions.
 */
export type ChangeRisk = "dependencies" | "kubernetes" | "helm" | "terraform" | "container" | "environment" | "ci" | "config";

const MANIFESTS = new Set([
  "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
  "go.mod", "go.sum", "Cargo.toml", "Cargo.lock", "pom.xml", "build.gradle", "build.gradle.kts", "gradle.lockfile",
  "settings.gradle", "libs.versions.toml", "Gemfile", "Gemfile.lock", "composer.json", "composer.lock",
  "Pipfile", "Pipfile.lock", "poetry.lock", "pyproject.toml", "setup.py", "setup.cfg", "uv.lock",
  "packages.lock.json", "Directory.Packages.props", "mix.exs", "mix.lock", "pubspec.yaml", "pubspec.lock",
]);
const REQUIREMENTS = /^(?:requirements|constraints)[\w.-]*\.(?:txt|in)$/;
const YAML = /\.ya?ml$/;
const KUBERNETES_DIR = /(?:^|\/)(?:k8s|kube|kubernetes|manifests|kustomize|overlays|deploy|deployments?|argocd|flux)\//;
const HELM = /(?:^|\/)charts\/|(?:^|\/)(?:Chart|values(?:[.-][\w-]+)?)\.ya?ml$/;
const TERRAFORM = /\.(?:tf|tfvars|hcl)$|\.tf\.json$/;
const CONTAINER = /(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[\w-]+)?$|\.dockerfile$|(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$|(?:^|\/)\.dockerignore$/;
const ENVIRONMENT = /(?:^|\/)\.env(?:\.[\w-]+)?$/;
const CI = /^\.github\/workflows\/|^\.gitlab-ci\.yml$|(?:^|\/)Jenkinsfile$|^\.circleci\/|^\.buildkite\/|^azure-pipelines\.ya?ml$/;
const CONFIG = /\.(?:ya?ml|toml|ini|properties|conf|cfg)$|(?:^|\/)config\/|\.config\.[cm]?[jt]s$|(?:^|\/)(?:tsconfig|jsconfig)[\w.-]*\.json$/;

const basename = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** The most specific risk of one path, or null for ordinary source files. */
export const classifyChangedFile = (path: string): ChangeRisk | null => {
  const name = basename(path);
  if (MANIFESTS.has(name) || REQUIREMENTS.test(name)) return "dependencies";
  if (CI.test(path)) return "ci";
  if (TERRAFORM.test(path)) return "terraform";
  if (CONTAINER.test(path)) return "container";
  if (ENVIRONMENT.test(path)) return "environment";
  if (HELM.test(path)) return "helm";
  if (YAML.test(path) && (KUBERNETES_DIR.test(path) || name === "kustomization.yaml")) return "kubernetes";
  if (CONFIG.test(path)) return "config";
  return null;
};

/** How a reason names each risk, and how much it weighs on its own. */
export const RISK_LABELS: Record<ChangeRisk, { label: string; weight: number }> = {
  dependencies: { label: "changes dependencies", weight: 2 },
  kubernetes: { label: "changes Kubernetes config", weight: 2 },
  helm: { label: "changes a Helm chart", weight: 2 },
  terraform: { label: "changes Terraform", weight: 2 },
  container: { label: "changes the container build", weight: 2 },
  environment: { label: "changes environment files", weight: 2 },
  ci: { label: "changes CI workflows", weight: 1 },
  config: { label: "changes configuration", weight: 1 },
};
