import { describe, expect, test } from "@jest/globals";
import nock from "nock";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { octokitCodeHost } from "../../src/adapters/github/octokit-code-host.js";
import { extractExcerptFromBytes } from "../../src/core/diagnose/excerpt-engine.js";
import { fallbackSignatures } from "../../src/core/diagnose/fallback-signatures.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { CodeHost } from "../../src/ports/code-host.js";
import { TestOctokit, withNockedCodeHost } from "./support/nocked-code-host.js";

const API = "https://api.github.com";
const LOGS = "https://pipelines.actions.githubusercontent.example";
const repo = { owner: "acme", name: "shop" };

let host: CodeHost;
withNockedCodeHost((created) => (host = created));

const collectBytes = async (log: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of log) chunks.push(chunk);
  return Buffer.concat(chunks);
};

// The lines a reader of the bytes sees: UTF-8 decoded (BOM dropped), CRLF endings trimmed.
const collect = async (log: AsyncIterable<Uint8Array>): Promise<string[]> => {
  const lines = new TextDecoder().decode(await collectBytes(log)).split("\n").map((l) => l.replace(/\r$/, ""));
  if (lines.at(-1) === "") lines.pop();
  return lines;
};

const redirect = () =>
  nock(API, { reqheaders: { authorization: "token installation-token" } })
    .get("/repos/acme/shop/actions/jobs/7/logs")
    .reply(302, "", { location: `${LOGS}/logs/7?sig=abc` });

describe("streamJobLog", () => {
  test("follows the redirect without the token and passes the bytes on as they come, chunks cut mid-line and mid-character", async () => {
    const text = "\ufeff2026-11-23T14:02:01.0000000Z café ok\r\nnpm ERR! code ERESOLVE\nlast line";
    const bytes = Buffer.from(text, "utf8");
    const e = bytes.indexOf(Buffer.from("é")) + 1; // between the two bytes of "é"
    const cuts = [5, e, e + 9, bytes.indexOf(Buffer.from("ERESOLVE")) + 3, bytes.length];
    const chunks = cuts.map((end, i) => bytes.subarray(i === 0 ? 0 : cuts[i - 1], end));
    const api = redirect();
    const storage = nock(LOGS, { badheaders: ["authorization"] })
      .get("/logs/7")
      .query({ sig: "abc" })
      .reply(200, () => Readable.from(chunks), { "content-type": "text/plain" });

    const log = host.streamJobLog(repo, 7, 1_000_000);
    expect(api.isDone()).toBe(false); // nothing is requested before iteration
    expect((await collectBytes(log)).equals(bytes)).toBe(true);
    expect(log.capped).toBe(false);
    expect(log.startMissing).toBe(false);
    expect(api.isDone() && storage.isDone()).toBe(true);
  });

  test("invalid UTF-8 is passed on as it is, and the excerpt engine reads it as U+FFFD instead of failing", async () => {
    redirect();
    nock(LOGS).get("/logs/7").query(true).reply(200, Buffer.from([0x6f, 0x6b, 0xff, 0x0a, 0xc3, 0x28, 0x0a]));
    const excerpt = await extractExcerptFromBytes(host.streamJobLog(repo, 7, 1_000), fallbackSignatures());
    expect(excerpt.lines).toEqual(["ok\ufffd", "\ufffd("]);
    expect(excerpt.truncated).toBe(false);
  });

  test("asks for the END of the log (Range: bytes=-maxBytes), drops the cut first line and says the start is missing", async () => {
    const body = Array.from({ length: 50 }, (_, i) => `line ${String(i).padStart(5, "0")} ${"x".repeat(1_000)}\n`).join("");
    const tail = body.slice(body.length - 10_500);
    redirect();
    nock(LOGS)
      .get("/logs/7")
      .query(true)
      .matchHeader("range", "bytes=-10500")
      .reply(206, tail, { "content-range": `bytes ${body.length - 10_500}-${body.length - 1}/${body.length}` });
    const log = host.streamJobLog(repo, 7, 10_500);
    const got = await collect(log);
    expect(got).toHaveLength(10); // 10 whole lines of 1,012 bytes; the partial 11th from the end is dropped
    expect(got[0]).toMatch(/^line 00040 x+$/);
    expect(got.at(-1)).toMatch(/^line 00049 x+$/);
    expect(log.startMissing).toBe(true);
    expect(log.capped).toBe(false); // the end is all there
  });

  test("a log shorter than the range comes whole (206 from byte 0): nothing dropped, not capped", async () => {
    redirect();
    nock(LOGS).get("/logs/7").query(true).reply(206, "first\nsecond\n", { "content-range": "bytes 0-13/14" });
    const log = host.streamJobLog(repo, 7, 10_500);
    expect(await collect(log)).toEqual(["first", "second"]);
    expect(log.startMissing).toBe(false);
    expect(log.capped).toBe(false);
  });

  // nock buffers whole bodies, so a real server shows that the download really stops early.
  test("stopping early closes the connection instead of downloading the whole log", async () => {
    let written = 0;
    let closed = false;
    const server = createServer((req, res) => {
      if (req.url === "/repos/acme/shop/actions/jobs/7/logs") return void res.writeHead(302, { location: `http://127.0.0.1:${port()}/logs/7` }).end();
      res.writeHead(200, { "content-type": "text/plain" });
      res.on("close", () => (closed = true));
      const pump = (): void => {
        while (!closed && written < 200 * 1024 * 1024) {
          const chunk = `${"y".repeat(1_023)}\n`;
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = () => (server.address() as AddressInfo).port;
    nock.enableNetConnect("127.0.0.1");
    try {
      const local = octokitCodeHost(new TestOctokit({ auth: { token: "t" }, baseUrl: `http://127.0.0.1:${port()}` }));
      // this server ignores Range: the log is streamed from the start, bounded by eight budgets
      const log = local.streamJobLog(repo, 7, 64 * 1024);
      expect(await collect(log)).toHaveLength(8 * 64);
      expect(log.capped).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(true);
      expect(written).toBeLessThan(20 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("an expired log is CODE_HOST_FAILED raised by the iteration", async () => {
    nock(API).get("/repos/acme/shop/actions/jobs/7/logs").reply(410, { message: "Gone" });
    const error = await collect(host.streamJobLog(repo, 7, 100)).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe("GitHub API call failed: stream log of job 7 (status 410)");
  });
});
