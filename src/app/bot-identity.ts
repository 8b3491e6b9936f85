import type { GitAuthor } from "../ports/workspace.js";

/** The identity assumed when the app was started without its id and slug (tests). */
export const DEFAULT_APP = { id: 0, slug: "agenticops" };

/** How GitHub attributes an app's commits: `<slug>[bot]` with the noreply address of the bot. */
export const botIdentity = (app: { id: number; slug: string }): GitAuthor & { login: string } => ({
  login: `${app.slug}[bot]`,
  name: `${app.slug}[bot]`,
  email: `${app.id}+${app.slug}[bot]@users.noreply.github.com`,
});
