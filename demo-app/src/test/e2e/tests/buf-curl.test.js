// buf curl (connect-go inside the buf CLI) against the demo, over HTTP/1.1 and h2c. The schema comes from the image
// of greet.proto and its imports that the Maven build writes (greetSchema), not from the server's reflection.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { baseUrl, greetSchema } from "./support.js";

const buf = fileURLToPath(new URL("../node_modules/.bin/buf", import.meta.url));
const schema = greetSchema();

/** Runs `buf curl` for one GreetService method; resolves with exit code, stdout and stderr (never rejects on exit code). */
function bufCurl(method, data, flags = []) {
  const args = ["curl", "--protocol", "connect", "--schema", schema, ...flags, "-d", data];
  args.push(`${baseUrl}/greet.v1.GreetService/${method}`);
  return new Promise((resolve, reject) => {
    execFile(buf, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(error); // could not run, or killed by the timeout
        return;
      }
      resolve({ code: error ? error.code : 0, stdout, stderr, args: args.join(" ") });
    });
  });
}

/** Splits concatenated JSON documents (buf curl prints one per response message). */
function jsonDocuments(text) {
  const docs = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}") {
      if (--depth === 0) docs.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  assert.equal(depth, 0, `unbalanced JSON output: ${text}`);
  return docs;
}

const describeRun = (r) => `${r.args}\nexit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

// buf curl exits with the Connect error code shifted left by three bits: invalid_argument (3) → 24.
const INVALID_ARGUMENT_EXIT = 3 << 3;

for (const [label, flags] of [
  ["HTTP/1.1", []],
  ["h2c", ["--http2-prior-knowledge"]],
]) {
  describe(`buf curl ${label}`, () => {
    test("Greet answers Hello, Ada! with the greet-version header", async () => {
      const r = await bufCurl("Greet", '{"name":"Ada"}', [...flags, "-v"]);
      assert.equal(r.code, 0, describeRun(r));
      assert.match(r.stdout, /"Hello, Ada!"/, describeRun(r));
      assert.deepEqual(jsonDocuments(r.stdout), [{ greeting: "Hello, Ada!" }]);
      assert.match(r.stderr, /^buf: < \(#1\) greet-version: v1$/im, describeRun(r));
    });

    // buf curl has no option to send unary calls as HTTP GET (see `buf curl --help`); GET is covered by the
    // connect-es tests (useHttpGet) and the raw protocol tests instead.
    test.skip("Greet over HTTP GET (buf curl cannot send GET)");

    test("Greet with an empty name exits with invalid_argument", async () => {
      const r = await bufCurl("Greet", '{"name":""}', flags);
      assert.equal(r.code, INVALID_ARGUMENT_EXIT, describeRun(r));
      assert.match(r.stderr, /invalid_argument/, describeRun(r));
      assert.match(r.stderr, /name is required/, describeRun(r));
    });

    test("GreetStream count 3 prints three greetings", async () => {
      const r = await bufCurl("GreetStream", '{"name":"Ada","count":3}', flags);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(jsonDocuments(r.stdout), [
        { greeting: "Hello, Ada! #1" },
        { greeting: "Hello, Ada! #2" },
        { greeting: "Hello, Ada! #3" },
      ]);
    });

    test("GreetStream count -1 prints nothing and exits with invalid_argument", async () => {
      const r = await bufCurl("GreetStream", '{"name":"Ada","count":-1}', flags);
      assert.equal(r.code, INVALID_ARGUMENT_EXIT, describeRun(r));
      assert.deepEqual(jsonDocuments(r.stdout), []);
      assert.match(r.stderr, /invalid_argument/, describeRun(r));
    });

    test("GreetEveryone greets three names in one answer", async () => {
      const r = await bufCurl("GreetEveryone", '{"name":"Ada"} {"name":"Grace"} {"name":"Linus"}', flags);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(jsonDocuments(r.stdout), [{ greeting: "Hello, Ada!\nHello, Grace!\nHello, Linus!\n" }]);
    });
  });
}

describe("buf curl bidi (always HTTP/2)", () => {
  test("Converse answers every request", async () => {
    const r = await bufCurl("Converse", '{"name":"Ada"} {"name":"Grace"}', ["--http2-prior-knowledge"]);
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(jsonDocuments(r.stdout), [{ greeting: "Hello, Ada!" }, { greeting: "Hello, Grace!" }]);
  });
});
