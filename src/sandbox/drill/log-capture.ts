import { pino, type Logger } from "pino";

/** One line the app logged, as pino writes it: `level` (30 info, 40 warn, 50 error), `msg` and the fields. */
export interface CapturedLog {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const LABELS: Record<number, "trace" | "debug" | "info" | "warn" | "error" | "fatal"> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/**
 * A logger for the app under test that keeps every line from debug up, so `expect.logs` can check
 * them, and hands each line on to `forward` (the `--log-level` logger of `agenticops simulate`).
 */
export const captureLogs = (forward?: Logger): { logger: Logger; lines: CapturedLog[] } => {
  const lines: CapturedLog[] = [];
  const write = (text: string): void => {
    const line = JSON.parse(text) as CapturedLog;
    lines.push(line);
    const label = LABELS[line.level];
    if (!forward || !label) return;
    const { level: _level, time: _time, pid: _pid, hostname: _hostname, msg, ...fields } = line;
    forward[label](fields, msg);
  };
  const level = forward && forward.levelVal < 20 ? forward.level : "debug";
  return { logger: pino({ level }, { write }), lines };
};
