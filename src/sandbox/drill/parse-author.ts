import type { GitIdentity } from "../git/git-store.js";

/** "Dana Dev <dana@example.com>" → { name, email } (the drill schema already checked the form). */
export const parseAuthor = (author: string): GitIdentity => {
  const match = /^(.+?)\s*<([^>]+)>$/.exec(author.trim());
  return match ? { name: match[1] ?? author, email: match[2] ?? "" } : { name: author, email: `${author}@users.noreply.github.com` };
};
