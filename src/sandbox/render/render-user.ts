import type { UserRecord } from "../state/sandbox-state.js";

/** GitHub's `simple-user` shape. */
export const renderUser = (user: UserRecord, apiUrl: string, origin: string): Record<string, unknown> => {
  // Bot logins end in "[bot]": GitHub escapes them in URLs and links the bot's page to its app.
  const escaped = encodeURIComponent(user.login);
  const url = `${apiUrl}/users/${escaped}`;
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:User${user.id}`).toString("base64"),
    avatar_url: `${origin}/avatars/${escaped}`,
    gravatar_id: "",
    url,
    html_url: user.type === "Bot" ? `${origin}/apps/${encodeURIComponent(user.login.replace(/\[bot\]$/, ""))}` : `${origin}/${escaped}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: "public",
  };
};
