// buf curl (connect-go inside the buf CLI) over --protocol grpc (h2c) and --protocol grpcweb (HTTP/1.1 and h2c)
// against the demo, with the schema from the image of greet.proto the Maven build writes (greetSchema).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { baseUrl, greetSchema } from "./support.js";

const buf = fileURLToPath(new URL("../node_modules/.bin/buf", import.meta.url));
const schema = greetSchema();

/** Runs `buf curl`; resolves with exit code, stdout and stderr (never rejects on exit code). */
function bufCurl(protocol, method, data, flags = []) {
  const args = ["curl", "--protocol", protocol, "--schema", schema, ...flags, "-d", data];
  args.push(`${baseUrl}/greet.v1.GreetService/${method}`);
  return new Promise((resolve, reject) => {
    execFile(buf, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(error);
        return;
      }
      resolve({ code: error ? error.code : 0, stdout, stderr, args: args.join(" ") });
    });
  });
}

const describeRun = (r) => `${r.args}\nexit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/** The greetings of buf curl's output: one JSON document per response message. */
const greetings = (stdout) => [...stdout.matchAll(/"greeting":\s*"([^"]*)"/g)].map((m) => m[1]);

// buf curl exits with the error code shifted left by three bits: invalid_argument (3) → 24.
const INVALID_ARGUMENT_EXIT = 3 << 3;

for (const [label, protocol, flags] of [
  ["grpc h2c", "grpc", ["--http2-prior-knowledge"]],
  ["grpcweb HTTP/1.1", "grpcweb", []],
  ["grpcweb h2c", "grpcweb", ["--http2-prior-knowledge"]],
]) {
  describe(`buf curl --protocol ${label}`, () => {
    test("Greet answers with the greet-version header", async () => {
      const r = await bufCurl(protocol, "Greet", '{"name":"Ada"}', [...flags, "-v"]);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(greetings(r.stdout), ["Hello, Ada!"], describeRun(r));
      assert.match(r.stderr, /^buf: < \(#1\) greet-version: v1$/im, describeRun(r));
      if (protocol === "grpc") {
        assert.match(r.stderr, /^buf: < \(#1\) grpc-status: 0$/im, describeRun(r));
      }
    });

    test("Greet with an empty name exits with invalid_argument", async () => {
      const r = await bufCurl(protocol, "Greet", '{"name":""}', flags);
      assert.equal(r.code, INVALID_ARGUMENT_EXIT, describeRun(r));
      assert.match(r.stderr, /name is required/, describeRun(r));
    });

    test("GreetStream prints every greeting", async () => {
      const r = await bufCurl(protocol, "GreetStream", '{"name":"Ada","count":3}', flags);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(greetings(r.stdout), ["Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3"]);
    });

    test("GreetEveryone greets every name", async () => {
      const r = await bufCurl(protocol, "GreetEveryone", '{"name":"Ada"} {"name":"Grace"}', flags);
      assert.equal(r.code, 0, describeRun(r));
      assert.deepEqual(greetings(r.stdout), ["Hello, Ada!\\nHello, Grace!\\n"]);
    });
  });
}

for (const [label, protocol] of [
  ["grpc", "grpc"],
  ["grpcweb", "grpcweb"],
]) {
  test(`buf curl --protocol ${label} Converse (h2c) answers every request`, async () => {
    const r = await bufCurl(protocol, "Converse", '{"name":"Ada"} {"name":"Grace"}', ["--http2-prior-knowledge"]);
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(greetings(r.stdout), ["Hello, Ada!", "Hello, Grace!"]);
  });
}
