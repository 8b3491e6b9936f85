/** A fenced block whose fence is longer than any backtick run inside, so text cannot close it. */
export const fence = (lines: string[], lang = "text"): string => {
  const longest = Math.max(2, ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((m, s) => Math.max(m, s.length), 0)));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${lines.join("\n")}\n${ticks}`;
};

/** Inline code that survives backticks in the text. */
export const code = (text: string): string => (text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``);

export const details = (summary: string, body: string): string => `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;

/** Keeps the footer (and its marker) whole when the body must be cut to GitHub's limit. */
export const fitBody = (sections: string[], footer: string, limit: number): string => {
  const body = [...sections, footer].join("\n\n");
  if (body.length <= limit) return body;
  const note = "\n\n_Truncated to fit GitHub's size limit._";
  const room = limit - footer.length - note.length - 4;
  return `${sections.join("\n\n").slice(0, Math.max(0, room))}${note}\n\n${footer}`;
};

/**
 * Text from logs, commit messages or an LLM must not notify anyone: a zero-width space after `@`
 * keeps `@name` and `@org/team` readable but not a mention.
 */
export const noMentions = (text: string): string => text.replace(/@(?=[A-Za-z0-9])/g, "@\u200b");
