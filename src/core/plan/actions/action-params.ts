import { z } from "zod";

/**
 * A file path inside the repository, as the code host names it: relative, `/`-separated, no
 * `.` or `..` segments. Runbooks and the model choose among files; they never escape the checkout.
 */
export const RepoFilePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.startsWith("/") && !path.includes("\\") && path.split("/").every((part) => part !== "" && part !== "." && part !== ".."), {
    message: 'expected a path relative to the repository root, like "k8s/deployment.yaml" (no leading "/", no "." or ".." segments, no "\\")',
  });

/** A full commit SHA. */
export const CommitSha = z.string().regex(/^[0-9a-f]{40}$/, "expected a full 40-character lowercase hex commit SHA");

/** A Kubernetes object name (DNS subdomain) or namespace. */
export const K8sName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "expected a Kubernetes name: lowercase letters, digits, '-' and '.'");

export const short = (sha: string): string => sha.slice(0, 7);
