import { COMMANDS } from "../sense/parse-command.js";
import { renderMarker, type Marker } from "./hidden-marker.js";
import { code } from "./markdown.js";
export const COMMAND_REPLY_FOOTER = "Posted by AgenticOps, an automated bot, in reply to a command.";
const FOOTER = `<sub>${COMMAND_REPLY_FOOTER}</sub>`;

const commandList = (): string => COMMANDS.map((c) => `- ${code(c.usage)}: ${c.does}`).join("\n");

/** The commands, after naming the unknown one that was asked for (already sanitised by the parser). */
export const renderHelp = (unknown: string | null): string =>
  [unknown ? `I don't know the command ${code(unknown)}. These are the commands I understand:` : "These are the commands I understand:", commandList()].join("\n\n");

export const renderRefusal = (command: string): string =>
  `Sorry, ${code(`/agenticops ${command}`)} can only be run by people with write access to this repository. A maintainer can run it for you.`;

/** `reason` comes from the parser's fixed texts, never from the comment. */
export const renderInvalid = (reason: string): string =>
  `I could not run that: ${reason}.\n\nUsage: ${code(COMMANDS[0].usage)}`;

export const renderNoRun = (what: string): string => `There is nothing to diagnose: ${what}.`;

/** A short reply with the bot's footer and the marker it finds the reply by on a redelivery. */
export const renderCommandReply = (text: string, marker: Marker): string => [text, FOOTER, renderMarker(marker)].join("\n\n");
